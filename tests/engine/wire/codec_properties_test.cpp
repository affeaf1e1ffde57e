// Properties of the codec: every valid message survives encode/decode unchanged, and no input,
// however malformed, makes decode throw or crash; whatever decode accepts re-encodes stably.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/wire/codec.hpp"
#include "tests/engine/wire/message_gen.hpp"

namespace ptplab::wire {
namespace {

// Generated messages may exceed the UDP limit (long lists of long ids); the codec is tested here.
const DecodeLimits kRoomy{.max_datagram_bytes = std::size_t{1} << 24, .max_depth = 16};

// The invariants every decode result must keep, valid input or not.
void check_outcome(const Expected<Message, DecodeError>& r) {
  RC_TAG(r ? std::string("accepted") : std::string(decode_error_code_name(r.error().code)));
  if (r) {
    const std::string again = encode(*r);
    const auto redecoded = decode(again, kRoomy);
    RC_ASSERT(redecoded.has_value());
    RC_ASSERT(*redecoded == *r);
    RC_ASSERT(encode(*redecoded) == again);
  } else {
    RC_ASSERT(!r.error().detail.empty());
    RC_ASSERT(r.error().pointer.empty() || r.error().pointer.front() == '/');
    RC_ASSERT(decode_error_code_name(r.error().code) != "unknown");
  }
}

RC_GTEST_PROP(CodecProperty, DecodeOfEncodeIsIdentityForEveryVerb, ()) {
  const Message m = *testgen::message();
  const std::string bytes = encode(m);
  RC_LOG() << bytes << "\n";
  const auto decoded = decode(bytes, kRoomy);
  RC_ASSERT(decoded.has_value());
  RC_ASSERT(*decoded == m);
}

RC_GTEST_PROP(CodecProperty, ArbitraryBytesNeverThrow, (const std::string& bytes)) {
  check_outcome(decode(bytes));
}

// A JSON-ish text built from the codec's own vocabulary, so that mutations reach deep checks.
rc::Gen<std::string> json_ish() {
  static const std::vector<std::string> tokens = {"{",
                                                  "}",
                                                  "[",
                                                  "]",
                                                  ":",
                                                  ",",
                                                  "\"msg_type\"",
                                                  "\"msg_data\"",
                                                  "\"HELLO\"",
                                                  "\"ACK\"",
                                                  "\"MESSAGE\"",
                                                  "\"CHANNEL\"",
                                                  "\"ROUTING\"",
                                                  "\"CONNECT\"",
                                                  "\"msg_id\"",
                                                  "\"node_id\"",
                                                  "\"members\"",
                                                  "\"recipient\"",
                                                  "\"attachment\"",
                                                  "\"nodes\"",
                                                  "\"timestamp\"",
                                                  "\"hops\"",
                                                  "\"closed\"",
                                                  "\"message\"",
                                                  "\"key\"",
                                                  "\"AAAA\"",
                                                  "\"x\"",
                                                  "\"\"",
                                                  "0",
                                                  "-1",
                                                  "1.5",
                                                  "1e3",
                                                  "18446744073709551616",
                                                  "true",
                                                  "false",
                                                  "null",
                                                  "\"\\u0000\"",
                                                  "\"\\ud800\"",
                                                  "\xff",
                                                  " "};
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(tokens)),
                      [](const std::vector<std::string>& parts) {
                        std::string s;
                        for (const auto& p : parts) s += p;
                        return s;
                      });
}

RC_GTEST_PROP(CodecProperty, JsonIshTextNeverThrows, ()) { check_outcome(decode(*json_ish())); }

RC_GTEST_PROP(CodecProperty, MutatedValidDatagramsNeverThrow, ()) {
  std::string bytes = encode(*testgen::message());
  const int edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits && !bytes.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, bytes.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0: bytes.erase(at, *rc::gen::inRange<std::size_t>(1, 8)); break;
      case 1: bytes.insert(at, 1, *rc::gen::arbitrary<char>()); break;
      default: bytes[at] = *rc::gen::arbitrary<char>(); break;
    }
  }
  RC_LOG() << bytes << "\n";
  check_outcome(decode(bytes, kRoomy));
}

// An arbitrary JSON value of bounded depth, with strings drawn partly from the codec's vocabulary.
rc::Gen<nlohmann::json> json_value(int depth) {
  static const std::vector<std::string> words = {"HELLO", "ACK",  "MESSAGE", "",
                                                 "AAAA",  "AR==", "x",       "1.2.3.4:5"};
  std::vector<std::pair<std::size_t, rc::Gen<nlohmann::json>>> choices = {
      {1, rc::gen::just(nlohmann::json(nullptr))},
      {1, rc::gen::map(rc::gen::arbitrary<bool>(), [](bool b) { return nlohmann::json(b); })},
      {2, rc::gen::map(rc::gen::arbitrary<std::int64_t>(), [](std::int64_t v) { return nlohmann::json(v); })},
      {1,
       rc::gen::map(rc::gen::arbitrary<std::uint64_t>(), [](std::uint64_t v) { return nlohmann::json(v); })},
      {1, rc::gen::map(rc::gen::arbitrary<double>(), [](double v) { return nlohmann::json(v); })},
      {3, rc::gen::map(rc::gen::elementOf(words), [](const std::string& w) { return nlohmann::json(w); })},
      {1, rc::gen::map(testgen::text(), [](const std::string& w) { return nlohmann::json(w); })},
  };
  if (depth > 0) {
    choices.push_back(
        {1, rc::gen::map(rc::gen::container<std::vector<nlohmann::json>>(json_value(depth - 1)),
                         [](const std::vector<nlohmann::json>& v) { return nlohmann::json(v); })});
    choices.push_back({1, rc::gen::exec([depth] {
                         nlohmann::json o = nlohmann::json::object();
                         o["node_id"] = *json_value(depth - 1);
                         return o;
                       })});
  }
  return rc::gen::exec([choices] {
    std::size_t total = 0;
    for (const auto& c : choices) total += c.first;
    std::size_t pick = *rc::gen::inRange<std::size_t>(0, total);
    for (const auto& c : choices) {
      if (pick < c.first) return *c.second;
      pick -= c.first;
    }
    return nlohmann::json(nullptr);
  });
}

// Every value (at any depth) of a valid datagram is, in turn, a candidate for replacement.
std::vector<nlohmann::json::json_pointer> value_pointers(const nlohmann::json& doc) {
  std::vector<nlohmann::json::json_pointer> out;
  const nlohmann::json flat = doc.flatten();
  for (const auto& item : flat.items()) {
    nlohmann::json::json_pointer p(item.key());
    for (; !p.empty(); p = p.parent_pointer()) {
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
  return out;
}

RC_GTEST_PROP(CodecProperty, ValidDatagramsWithOneValueReplacedOrRemovedNeverThrow, ()) {
  nlohmann::json doc = nlohmann::json::parse(encode(*testgen::message()));
  const auto pointers = value_pointers(doc);
  RC_PRE(!pointers.empty());
  const auto& target = pointers[*rc::gen::inRange<std::size_t>(0, pointers.size())];
  if (*rc::gen::arbitrary<bool>()) {
    doc.at(target) = *json_value(2);
  } else if (doc.at(target.parent_pointer()).is_object()) {
    doc.at(target.parent_pointer()).erase(target.back());
  } else {
    doc.at(target) = nullptr;
  }
  const std::string bytes = doc.dump();
  RC_LOG() << bytes << "\n";
  check_outcome(decode(bytes, kRoomy));
}

}  // namespace
}  // namespace ptplab::wire
