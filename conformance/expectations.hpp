// The tests cases apply to received datagrams, each with the words "expected one of [...]"
// prints for it.
#pragma once

#include <string>

#include "conformance/context.hpp"

namespace ptplab::conformance {

// Any datagram that decodes as `verb`.
[[nodiscard]] Expectation is_verb(wire::Verb verb);
// An ACK whose msg_id is `msg_id`.
[[nodiscard]] Expectation ack_for(const std::string& msg_id);
// A datagram whose msg_type is `verb`'s name, whether or not the rest of it decodes (to check
// the shape of what a target sends: a datagram the codec rejects still counts).
[[nodiscard]] Expectation claims_verb(wire::Verb verb);
// Any ACK at all (to check that none came).
[[nodiscard]] Expectation any_ack();
// Any datagram, decodable or not.
[[nodiscard]] Expectation anything();

// A message of type T that meets `pred`, described as `description`.
template <class T, class Pred>
[[nodiscard]] Expectation message_where(std::string description, Pred pred) {
  return Expectation{std::move(description), [pred](const Received& r) {
                       if (!r.message) return false;
                       const T* m = std::get_if<T>(&*r.message);
                       return m != nullptr && pred(*m);
                     }};
}

}  // namespace ptplab::conformance
