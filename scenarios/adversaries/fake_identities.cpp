// The fake identity pool.
#include "scenarios/adversaries/fake_identities.hpp"

#include "scenarios/adversaries/forge.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {

const FakeIdentity& FakeIdentities::next(Rng& rng) {
  if (pool_.size() < max_) {
    pool_.push_back({Address{self_.ip, identity_port(pool_.size())}, random_uuid4(rng)});
    return pool_.back();
  }
  return pool_[cursor_++ % pool_.size()];
}

}  // namespace ptplab::scenarios
