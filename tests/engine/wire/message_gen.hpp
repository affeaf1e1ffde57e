// RapidCheck generators of valid wire messages for the codec's property tests: arbitrary
// Unicode text (valid UTF-8, control characters and quotes included) in text fields and
// arbitrary bytes in base64 fields, for every verb.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <string>

#include "engine/wire/message.hpp"

namespace ptplab::wire::testgen {

// Appends code point `cp` as UTF-8.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// A Unicode scalar value, biased towards ASCII and the characters JSON must escape.
inline rc::Gen<char32_t> code_point() {
  return rc::gen::weightedOneOf<char32_t>({
      {6, rc::gen::inRange<char32_t>(0x20, 0x7f)},
      {2, rc::gen::inRange<char32_t>(0x00, 0x20)},
      {1, rc::gen::element<char32_t>(U'"', U'\\', U'/', 0x7f)},
      {2, rc::gen::inRange<char32_t>(0x80, 0xd800)},
      {1, rc::gen::inRange<char32_t>(0xe000, 0x110000)},
  });
}

// Arbitrary valid UTF-8 text, possibly empty.
inline rc::Gen<std::string> text() {
  return rc::gen::map(rc::gen::container<std::vector<char32_t>>(code_point()),
                      [](const std::vector<char32_t>& cps) {
                        std::string s;
                        for (const char32_t cp : cps) append_utf8(s, cp);
                        return s;
                      });
}

// Arbitrary non-empty valid UTF-8 text (identifiers).
inline rc::Gen<std::string> id() {
  return rc::gen::suchThat(text(), [](const std::string& s) { return !s.empty(); });
}

// Arbitrary bytes (base64 fields hold decoded bytes).
inline rc::Gen<std::string> bytes() { return rc::gen::container<std::string>(rc::gen::arbitrary<char>()); }

// A value of `g` half of the time, else nothing (optional fields).
template <class T>
std::optional<T> maybe(const rc::Gen<T>& g) {
  if (*rc::gen::arbitrary<bool>()) return *g;
  return std::nullopt;
}

// A JOIN-shaped message (JOIN, LEAVE, GETKEY share the shape).
template <class T>
T channel_notice() {
  T m;
  m.msg_id = *id();
  m.node_id = *id();
  m.channel = *text();
  m.channel_id = *id();
  return m;
}

// Any valid message of `verb`.
inline Message message_of(Verb verb) {
  switch (verb) {
    case Verb::kHello: return Hello{maybe(text()), maybe(text())};
    case Verb::kAck: return Ack{*id()};
    case Verb::kJoin: return channel_notice<Join>();
    case Verb::kLeave: return channel_notice<Leave>();
    case Verb::kGetKey: return channel_notice<GetKey>();
    case Verb::kChannel: {
      auto base = channel_notice<Join>();
      return Channel{base.msg_id,
                     base.node_id,
                     base.channel,
                     base.channel_id,
                     *rc::gen::container<std::vector<std::string>>(id()),
                     *rc::gen::arbitrary<bool>()};
    }
    case Verb::kGetCertificate: return GetCertificate{*id(), *id()};
    case Verb::kCertificate: return Certificate{*id(), *id(), *id(), *bytes()};
    case Verb::kKey: return Key{*id(), *id(), *id(), *text(), *id(), *id(), *bytes()};
    case Verb::kMessage: {
      ChatMessage m;
      m.msg_id = *id();
      m.node_id = *id();
      m.recipient = *rc::gen::container<std::vector<std::string>>(id());
      m.timestamp = *rc::gen::arbitrary<std::int64_t>();
      m.channel = *text();
      m.channel_id = *id();
      m.message = *bytes();
      m.attachment = *rc::gen::container<std::vector<Attachment>>(rc::gen::exec([] {
        return Attachment{*bytes(), *id()};
      }));
      m.hops = maybe(rc::gen::arbitrary<std::uint32_t>());
      return m;
    }
    case Verb::kConnect: return Connect{*id(), *id(), maybe(id()), maybe(id())};
    case Verb::kRouting:
      return Routing{maybe(id()), *rc::gen::container<std::vector<RoutingEntry>>(rc::gen::exec([] {
                       return RoutingEntry{*id(), *id()};
                     }))};
  }
  return Hello{};
}

// Any valid message of any verb.
inline rc::Gen<Message> message() {
  return rc::gen::exec([] {
    const auto verb = *rc::gen::inRange<int>(0, kVerbCount);
    return message_of(static_cast<Verb>(verb));
  });
}

}  // namespace ptplab::wire::testgen
