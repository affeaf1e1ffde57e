// Certificate spam: valid certificates nobody asked for, each for a new node id, to fill the
// victims' certificate caches (and make them parse and check every one).
#include <algorithm>
#include <array>

#include "engine/crypto/certificate.hpp"
#include "engine/crypto/private_key.hpp"
#include "engine/wire/codec.hpp"
#include "scenarios/adversaries/behaviours.hpp"
#include "scenarios/adversaries/ids.hpp"

namespace ptplab::scenarios {
namespace {

// Sends unsolicited CERTIFICATE datagrams from a pool of identities made on demand.
class CertificateSpam final : public Adversary {
 public:
  explicit CertificateSpam(AdversaryContext c)
      : Adversary(std::move(c)), identities_max_(static_cast<std::size_t>(param_int("certificates", 256))) {}

 private:
  void fire(TimeNs, Output& out) override {
    const Address* target = next_target();
    if (target == nullptr) return;
    if (pool_.size() < identities_max_) pool_.push_back(make_identity());
    const auto& [node_id, der] = pool_[cursor_++ % pool_.size()];
    wire::Certificate cert{random_uuid4(rng()), node_id, random_uuid4(rng()), der};
    out.send(*target, make_bytes(wire::encode(cert)));
  }
  std::pair<std::string, std::string> make_identity() {
    std::array<std::uint8_t, 32> seed{};
    for (auto& b : seed) b = static_cast<std::uint8_t>(rng()());
    const auto key = crypto::PrivateKey::from_seed(seed);
    std::string node_id = random_uuid4(rng());
    std::string der = crypto::make_self_signed_certificate(key, node_id);
    return {std::move(node_id), std::move(der)};
  }
  std::size_t identities_max_;
  std::vector<std::pair<std::string, std::string>> pool_;
  std::size_t cursor_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_certificate_spam(AdversaryContext context) {
  return std::make_unique<CertificateSpam>(std::move(context));
}

}  // namespace ptplab::scenarios
