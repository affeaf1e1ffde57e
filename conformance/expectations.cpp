// The common expectations.
#include "conformance/expectations.hpp"

#include <nlohmann/json.hpp>

namespace ptplab::conformance {

Expectation is_verb(wire::Verb verb) {
  return Expectation{std::string(wire::verb_name(verb)),
                     [verb](const Received& r) { return r.message && wire::verb_of(*r.message) == verb; }};
}

Expectation claims_verb(wire::Verb verb) {
  return Expectation{std::string(wire::verb_name(verb)) + " (decodable or not)", [verb](const Received& r) {
                       if (r.message) return wire::verb_of(*r.message) == verb;
                       const auto j = nlohmann::json::parse(r.bytes, nullptr, false);
                       return j.is_object() && j.contains("msg_type") &&
                              j["msg_type"] == wire::verb_name(verb);
                     }};
}

Expectation ack_for(const std::string& msg_id) {
  return message_where<wire::Ack>("ACK{msg_id=" + msg_id + "}",
                                  [msg_id](const wire::Ack& a) { return a.msg_id == msg_id; });
}

Expectation any_ack() { return is_verb(wire::Verb::kAck); }

Expectation anything() {
  return Expectation{"any datagram", [](const Received&) { return true; }};
}

}  // namespace ptplab::conformance
