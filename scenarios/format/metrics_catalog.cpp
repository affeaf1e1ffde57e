// The attacker parameter lists.
#include "scenarios/format/metrics_catalog.hpp"

namespace ptplab::scenarios {
namespace {

constexpr std::string_view kNoParams[] = {""};

}  // namespace

std::span<const std::string_view> behaviour_params(Behaviour b) {
  static constexpr std::string_view kFlood[] = {"spoof_node_ids"};
  static constexpr std::string_view kMessage[] = {"channel", "size_bytes"};
  static constexpr std::string_view kSpoofed[] = {"verb", "size_bytes"};
  static constexpr std::string_view kReflection[] = {"victim"};
  static constexpr std::string_view kPoison[] = {"entries"};
  static constexpr std::string_view kIdentities[] = {"identities"};
  static constexpr std::string_view kReplay[] = {"verb", "delay"};
  static constexpr std::string_view kMalformed[] = {"size_bytes"};
  static constexpr std::string_view kCertificates[] = {"certificates"};
  switch (b) {
    case Behaviour::kHelloFlood: return kFlood;
    case Behaviour::kMessageFlood: return kMessage;
    case Behaviour::kSpoofedFlood: return kSpoofed;
    case Behaviour::kConnectReflection: return kReflection;
    case Behaviour::kRoutingPoisoning: return kPoison;
    case Behaviour::kSybil:
    case Behaviour::kEclipse: return kIdentities;
    case Behaviour::kIdReuse: return std::span<const std::string_view>(kNoParams).first(0);
    case Behaviour::kReplay: return kReplay;
    case Behaviour::kMalformed: return kMalformed;
    case Behaviour::kCertificateSpam: return kCertificates;
  }
  return std::span<const std::string_view>(kNoParams).first(0);
}

}  // namespace ptplab::scenarios
