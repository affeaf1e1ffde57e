// A bounded pool of fake node identities hosted by one adversary: each is a source port of the
// adversary's own IP with its own node_id (Sybil and eclipse attacks use it).
#pragma once

#include <string>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/rng.hpp"

namespace ptplab::scenarios {

// One fake node: where it claims to be and who.
struct FakeIdentity {
  Address address;
  std::string node_id;
};

// Identities created on demand up to a bound, then reused in turn.
class FakeIdentities {
 public:
  FakeIdentities(Address self, std::size_t identities_max)
      : self_(self), max_(identities_max == 0 ? 1 : identities_max) {}
  // The next identity in turn, creating a new one while below the bound.
  const FakeIdentity& next(Rng& rng);
  [[nodiscard]] const std::vector<FakeIdentity>& all() const { return pool_; }

 private:
  Address self_;
  std::size_t max_;
  std::vector<FakeIdentity> pool_;
  std::size_t cursor_ = 0;
};

}  // namespace ptplab::scenarios
