// decode(): bytes -> wire::Message. Checks the size limit, parses with simdjson's DOM parser
// (full validation: UTF-8, grammar, depth limit, all without recursion), applies the head rules
// and hands msg_data to the verb's reader. Never throws: simdjson is used through error codes.
#include <simdjson.h>

#include <algorithm>

#include "engine/wire/codec.hpp"
#include "engine/wire/decode_verbs.hpp"
#include "engine/wire/json_writer.hpp"

namespace ptplab::wire {
namespace {

constexpr std::size_t kInitialCapacityBytes = 4096;  // grows on demand up to the datagram limit
constexpr std::size_t kQuotedVerbBytesMax = 40;      // how much of an unknown verb an error quotes

// One parser and one padded copy buffer per thread: simdjson reads up to SIMDJSON_PADDING bytes
// past the end of its input, and reusing both keeps a decode free of parser allocations.
struct ParserSlot {
  simdjson::dom::parser parser;
  std::string padded;
};

Unexpected<DecodeError> failure(DecodeErrorCode code, std::string pointer, std::string detail) {
  return Unexpected{DecodeError{code, std::move(pointer), std::move(detail)}};
}

// `s` cut to a bounded prefix (on a UTF-8 boundary) and quoted as JSON, for error sentences.
std::string quoted_prefix(std::string_view s) {
  if (s.size() > kQuotedVerbBytesMax) {
    std::size_t n = kQuotedVerbBytesMax;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
    s = s.substr(0, n);
  }
  std::string out;
  JsonWriter::append_escaped(out, s);
  return out;
}

Unexpected<DecodeError> parse_error(simdjson::error_code err, const DecodeLimits& limits) {
  switch (err) {
    case simdjson::DEPTH_ERROR:
      return failure(DecodeErrorCode::kTooDeep, "",
                     "nesting is deeper than the limit of " + std::to_string(limits.max_depth) + " levels");
    case simdjson::MEMALLOC:
    case simdjson::CAPACITY:
      return failure(DecodeErrorCode::kTooLarge, "",
                     "the parser could not allocate memory for this datagram");
    default:
      return failure(DecodeErrorCode::kNotJson, "", std::string("not JSON: ") + simdjson::error_message(err));
  }
}

// The top-level value of `bytes` after the size check and a full parse; valid until the next
// decode on this thread (it lives in the thread's parser slot).
Expected<simdjson::dom::element, DecodeError> parse_root(std::string_view bytes, const DecodeLimits& limits) {
  if (bytes.size() > limits.max_datagram_bytes) {
    return failure(DecodeErrorCode::kTooLarge, "",
                   "datagram of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                       std::to_string(limits.max_datagram_bytes) + " bytes");
  }
  thread_local ParserSlot slot;
  const auto depth = static_cast<std::size_t>(std::max(limits.max_depth, 1));
  if (slot.parser.max_depth() != depth) {
    const auto capacity = std::max({slot.parser.capacity(), bytes.size(), kInitialCapacityBytes});
    if (const auto err = slot.parser.allocate(capacity, depth); err != simdjson::SUCCESS) {
      return parse_error(err, limits);
    }
  }
  slot.padded.reserve(bytes.size() + simdjson::SIMDJSON_PADDING);
  slot.padded.assign(bytes.data(), bytes.size());
  simdjson::dom::element root;
  if (const auto err = slot.parser.parse(slot.padded.data(), slot.padded.size(), false).get(root);
      err != simdjson::SUCCESS) {
    return parse_error(err, limits);
  }
  return root;
}

// The head's msg_type and msg_data (absent when missing).
struct Head {
  std::optional<simdjson::dom::element> msg_type;
  std::optional<simdjson::dom::element> msg_data;
};

// Head rules: the top level is an object; only msg_type and msg_data are read; each may appear
// once; other keys are ignored.
Expected<Head, DecodeError> read_head(simdjson::dom::element root) {
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return failure(
        DecodeErrorCode::kNotObject, "",
        "expected the datagram to be a JSON object, found " + std::string(json_type_name(root.type())));
  }
  Head head;
  for (const auto member : object) {
    auto* slot_of_key = member.key == "msg_type"   ? &head.msg_type
                        : member.key == "msg_data" ? &head.msg_data
                                                   : nullptr;
    if (slot_of_key == nullptr) continue;
    if (slot_of_key->has_value()) {
      // Built by appending: "literal" + std::string&& trips GCC 12's -Wrestrict false positive.
      std::string pointer = "/";
      pointer.append(member.key);
      std::string detail = "field ";
      detail.append(member.key).append(" appears more than once");
      return failure(DecodeErrorCode::kBadValue, std::move(pointer), std::move(detail));
    }
    *slot_of_key = member.value;
  }
  return head;
}

}  // namespace

Expected<Message, DecodeError> decode(std::string_view bytes, const DecodeLimits& limits) {
  const auto root = parse_root(bytes, limits);
  if (!root) return Unexpected{root.error()};
  const auto head = read_head(*root);
  if (!head) return Unexpected{head.error()};
  const auto& [msg_type, msg_data] = *head;
  if (!msg_type)
    return failure(DecodeErrorCode::kMissingMsgType, "/msg_type", "required field msg_type is missing");
  std::string_view verb_text;
  if (msg_type->get_string().get(verb_text) != simdjson::SUCCESS) {
    return failure(DecodeErrorCode::kBadMsgType, "/msg_type",
                   "expected a string, found " + std::string(json_type_name(msg_type->type())));
  }
  const auto verb = verb_from_name(verb_text);
  if (!verb)
    return failure(DecodeErrorCode::kUnknownVerb, "/msg_type", "unknown verb " + quoted_prefix(verb_text));

  const bool data_is_null = !msg_data || msg_data->is_null();
  simdjson::dom::object data;
  if (!data_is_null && msg_data->get_object().get(data) != simdjson::SUCCESS) {
    return failure(
        DecodeErrorCode::kBadMsgData, "/msg_data",
        "expected msg_data to be an object, found " + std::string(json_type_name(msg_data->type())));
  }
  if (data_is_null && *verb != Verb::kHello) {
    return failure(DecodeErrorCode::kBadMsgData, "/msg_data",
                   "msg_data is " + std::string(msg_data ? "null" : "missing") + "; " +
                       std::string(verb_name(*verb)) + " requires an object");
  }
  if (data_is_null) return Message{Hello{}};

  const Path root_path;
  const Path data_path = Path::member(root_path, "msg_data");
  DecodeStatus status;
  Message message = read_msg_data(*verb, data, data_path, status);
  if (!status.ok()) return Unexpected{status.take()};
  return message;
}

}  // namespace ptplab::wire
