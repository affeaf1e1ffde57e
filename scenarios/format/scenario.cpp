// Names of the scenario enums as written in files, and the expectation comparison rule.
#include "scenarios/format/scenario.hpp"

#include <cmath>

namespace ptplab::scenarios {

const char* nat_type_name(NatType t) {
  switch (t) {
    case NatType::kPublic: return "public";
    case NatType::kFullCone: return "full_cone";
    case NatType::kRestricted: return "restricted";
    case NatType::kPortRestricted: return "port_restricted";
    case NatType::kSymmetric: return "symmetric";
  }
  return "public";
}

const char* behaviour_name(Behaviour b) {
  switch (b) {
    case Behaviour::kHelloFlood: return "hello_flood";
    case Behaviour::kMessageFlood: return "message_flood";
    case Behaviour::kSpoofedFlood: return "spoofed_flood";
    case Behaviour::kConnectReflection: return "connect_reflection";
    case Behaviour::kRoutingPoisoning: return "routing_poisoning";
    case Behaviour::kSybil: return "sybil";
    case Behaviour::kEclipse: return "eclipse";
    case Behaviour::kIdReuse: return "id_reuse";
    case Behaviour::kReplay: return "replay";
    case Behaviour::kMalformed: return "malformed";
    case Behaviour::kCertificateSpam: return "certificate_spam";
  }
  return "hello_flood";
}

const char* compare_op_name(CompareOp op) {
  switch (op) {
    case CompareOp::kLess: return "<";
    case CompareOp::kLessEqual: return "<=";
    case CompareOp::kGreater: return ">";
    case CompareOp::kGreaterEqual: return ">=";
    case CompareOp::kEqual: return "==";
    case CompareOp::kNotEqual: return "!=";
  }
  return "==";
}

const char* role_name(Role r) { return r == Role::kServer ? "server" : "client"; }

bool expectation_holds(const Expectation& e, double actual) {
  if (std::isnan(actual)) return false;
  const double tol = e.tolerance;
  switch (e.op) {
    case CompareOp::kLess: return actual < e.value + tol;
    case CompareOp::kLessEqual: return actual <= e.value + tol;
    case CompareOp::kGreater: return actual > e.value - tol;
    case CompareOp::kGreaterEqual: return actual >= e.value - tol;
    case CompareOp::kEqual: return std::fabs(actual - e.value) <= tol;
    case CompareOp::kNotEqual: return std::fabs(actual - e.value) > tol;
  }
  return false;
}

std::uint64_t node_count(const Scenario& s) {
  std::uint64_t n = 0;
  for (const auto& g : s.nodes) n += g.count;
  return n;
}

}  // namespace ptplab::scenarios
