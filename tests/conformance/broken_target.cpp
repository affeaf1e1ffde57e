// The faults of the broken targets.
#include "broken_target.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/base64.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

// Nesting limit of the lenient fake's own JSON parser.
constexpr int kLenientMaxNesting = 64;

// The deepest nesting of arrays and objects in `text` (brackets inside strings ignored).
int max_nesting(const std::string& text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char ch : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (ch == '\\')
        escaped = true;
      else if (ch == '"')
        in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return deepest;
}

using nlohmann::json;
using wire::Verb;

constexpr const char* kStranger = "00000000-0000-4000-8000-00000000dead";
constexpr std::size_t kHostileBytes = 30000;  // kDiesOnHostile: datagrams this big kill it
constexpr std::size_t kHostileEntries = 50;   // ... and ROUTINGs this long
constexpr int kHostileCount = 300;            // ... and this many datagrams from one source
constexpr int kFakeRoutes = 200;              // kHugeRouting: entries added
constexpr int kAmplification = 4;             // kAmplifies: padded HELLOs per GETCERTIFICATE
constexpr std::size_t kPadBytes = 800;

// The verb a fault stops sending.
struct Silenced {
  Fault fault;
  Verb verb;
};
constexpr Silenced kSilenced[] = {
    {Fault::kNoAck, Verb::kAck},
    {Fault::kNoLeave, Verb::kLeave},
    {Fault::kNoJoin, Verb::kJoin},
    {Fault::kNoCertificate, Verb::kCertificate},
    {Fault::kNoGetCertificate, Verb::kGetCertificate},
    {Fault::kNoKey, Verb::kKey},
    {Fault::kNoRelay, Verb::kMessage},
    {Fault::kNoConnectForward, Verb::kConnect},
    {Fault::kNoRouting, Verb::kRouting},
    {Fault::kNoChannel, Verb::kChannel},
    {Fault::kNoHello, Verb::kHello},
};

bool acknowledged(Verb v) {
  return v == Verb::kGetCertificate || v == Verb::kCertificate || v == Verb::kGetKey || v == Verb::kKey ||
         v == Verb::kMessage;
}

std::string flip_last_byte(const std::string& b64) {
  auto der = base64_decode(b64);
  if (!der || der->empty()) return b64;
  der->back() = static_cast<char>(der->back() ^ 0x01);
  return base64_encode(*der);
}

std::optional<json> parse(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

}  // namespace

void BrokenTarget::start(TimeNs now, Output& out) {
  now_ = now;
  inner_->start(now, inner_out_);
  pass(now, out);
}

void BrokenTarget::on_timer(TimeNs now, Output& out) {
  if (dead_) return;
  now_ = now;
  if (!resend_.empty() && now >= next_resend_) {
    for (const auto& [id, sent] : resend_) out.send(sent.first, make_bytes(sent.second));
    next_resend_ = now + kResendNs;
  }
  inner_->on_timer(now, inner_out_);
  pass(now, out);
}

void BrokenTarget::on_datagram(TimeNs now, const Address& from, const SharedBytes& bytes, Output& out) {
  if (dead_) return;
  now_ = now;
  const auto text = inbound(from, *bytes, out);
  if (dead_ || !text) {
    pass(now, out);
    return;
  }
  sources_.insert(from);
  inner_->on_datagram(now, from, *text == *bytes ? bytes : make_bytes(*text), inner_out_);
  pass(now, out);
}

std::optional<std::string> BrokenTarget::inbound(const Address& from, const std::string& text, Output& out) {
  const auto m = wire::decode(text);
  const Verb verb = m ? wire::verb_of(*m) : Verb::kHello;  // read only where `m` decoded
  const auto is = [&](Verb v) { return m.has_value() && verb == v; };
  const int count = ++received_[from];
  switch (fault_) {
    case Fault::kEcho: out.send(from, make_bytes(text)); return std::nullopt;
    case Fault::kDiesOnMalformed:
      if (!m) dead_ = true;
      break;
    case Fault::kDiesOnHostile:
      if (text.size() > kHostileBytes || count > kHostileCount ||
          (is(Verb::kRouting) && std::get<wire::Routing>(*m).nodes.size() >= kHostileEntries))
        dead_ = true;
      break;
    case Fault::kStrictHead: {
      const auto j = parse(text);
      if (j) {
        for (const auto& [k, v] : j->items())
          if (k != "msg_type" && k != "msg_data") return std::nullopt;
      }
      break;
    }
    case Fault::kNeedsMsgData: {
      const auto j = parse(text);
      if (j && (!j->contains("msg_data") || !(*j)["msg_data"].is_object())) return std::nullopt;
      break;
    }
    case Fault::kKeyOrder: {
      const auto b = text.find_first_not_of(" \t\r\n{");
      if (b == std::string::npos || text.compare(b, 10, "\"msg_type\"") != 0) return std::nullopt;
      break;
    }
    case Fault::kNoWhitespace:
      if (text.find_first_of("\t\n") != std::string::npos ||
          (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))))
        return std::nullopt;
      break;
    case Fault::kLenient:
      // Like any real lenient parser it has a nesting limit: nlohmann's dump() recurses once per
      // level, and robust/7's 5,000 levels overflow the stack of a sanitized build.
      if (!m && max_nesting(text) <= kLenientMaxNesting) {
        std::istringstream in(text);
        json j;
        try {
          in >> j;  // the first JSON value; duplicate keys: the last wins
        } catch (const json::exception&) {
          break;
        }
        if (!j.is_object()) break;
        if (j.contains("msg_type") && j["msg_type"].is_string()) {
          std::string t = j["msg_type"];
          std::transform(t.begin(), t.end(), t.begin(), [](unsigned char ch) { return std::toupper(ch); });
          j["msg_type"] = t;
        }
        if (j.contains("msg_data") && j["msg_data"].is_object() && j["msg_data"].contains("msg_id") &&
            j["msg_data"]["msg_id"] == "")
          j["msg_data"]["msg_id"] = "lenient";
        return j.dump();
      }
      break;
    case Fault::kStrictHelloData:
      if (is(Verb::kHello)) {
        const auto j = parse(text);
        if (j && j->contains("msg_data") && (*j)["msg_data"].is_object()) {
          for (const auto& [k, v] : (*j)["msg_data"].items())
            if (k != "node_id" && k != "version") return std::nullopt;
        }
      }
      break;
    case Fault::kAcksHello:
      if (is(Verb::kHello)) out.send(from, make_bytes(wire::encode(wire::Ack{std::string("hello")})));
      break;
    case Fault::kRejectsAttachments:
      if (is(Verb::kMessage) && !std::get<wire::ChatMessage>(*m).attachment.empty()) return std::nullopt;
      break;
    case Fault::kDedupBeforeVerify:
      if (is(Verb::kMessage) && !seen_ids_.insert(std::get<wire::ChatMessage>(*m).msg_id).second)
        return std::nullopt;
      break;
    case Fault::kForgetsCertificates:
      if (is(Verb::kCertificate)) {
        const auto& c = std::get<wire::Certificate>(*m);
        if (our_requests_.count(c.msg_id) == 0) {
          out.send(from, make_bytes(wire::encode(wire::Ack{c.msg_id})));
          return std::nullopt;
        }
      }
      break;
    case Fault::kKeyToAnyone:
      if (is(Verb::kGetKey) && !closed_channel_id_.empty()) {
        auto g = std::get<wire::GetKey>(*m);
        g.channel = closed_channel_;
        g.channel_id = closed_channel_id_;
        const wire::Join join{"join-" + g.msg_id, g.node_id, g.channel, g.channel_id};
        inner_->on_datagram(now_, from, make_bytes(wire::encode(join)), inner_out_);
        return wire::encode(g);
      }
      break;
    case Fault::kForwardsToAnyone:
      if (is(Verb::kConnect)) {
        if (const auto dst = Address::parse(std::get<wire::Connect>(*m).dst))
          out.send(*dst, make_bytes(text));
      }
      break;
    case Fault::kForwardsForged:
      if (is(Verb::kMessage)) {
        for (const auto& s : sources_) {
          if (s != from) out.send(s, make_bytes(text));  // unchecked, unconditional relay
        }
      }
      break;
    case Fault::kLeavesAlways:
      if (is(Verb::kChannel)) {
        const auto& c = std::get<wire::Channel>(*m);
        out.send(
            from,
            make_bytes(wire::encode(wire::Leave{"leave-" + c.msg_id, kStranger, c.channel, c.channel_id})));
      }
      break;
    case Fault::kRoutingToUnverified:
      if (is(Verb::kHello)) out.send(from, make_bytes(R"({"msg_type":"ROUTING","msg_data":{"nodes":[]}})"));
      break;
    case Fault::kAmplifies:
      if (is(Verb::kGetCertificate)) {
        const std::string pad = wire::encode(wire::Hello{std::string(kPadBytes, 'a'), std::string("pad")});
        for (int i = 0; i < kAmplification; ++i) out.send(from, make_bytes(pad));
      }
      break;
    case Fault::kNoBackoff:
      if (is(Verb::kAck)) resend_.erase(std::get<wire::Ack>(*m).msg_id);
      if (is(Verb::kCertificate)) resend_.erase(std::get<wire::Certificate>(*m).msg_id);
      break;
    default: break;
  }
  return text;
}

void BrokenTarget::pass(TimeNs, Output& out) {
  if (fault_ == Fault::kEcho) {  // the inner node runs unheard: an echo server says nothing of its own
    inner_out_.clear();
    return;
  }
  for (const OutDatagram& d : inner_out_.datagrams()) send(d.to, *d.bytes, out);
  std::optional<TimeNs> wake = inner_out_.wake();
  if (!resend_.empty()) wake = std::min(wake.value_or(next_resend_), next_resend_);
  if (wake) out.wake_at(*wake);
  for (const Event& e : inner_out_.events()) out.event(e);
  inner_out_.clear();
}

// The outbound field faults: the datagram bent (nullopt: unchanged).
std::optional<std::string> BrokenTarget::bend(const std::string& bytes) {
  auto j = parse(bytes);
  if (!j || !(*j)["msg_type"].is_string() || !(*j)["msg_data"].is_object()) return std::nullopt;
  const std::string verb = (*j)["msg_type"];
  json& d = (*j)["msg_data"];
  const auto is = [&](Fault f, const char* v) { return fault_ == f && verb == v; };
  if (is(Fault::kWrongCertificateMsgId, "CERTIFICATE")) {
    d["msg_id"] = "not-" + d.value("msg_id", std::string());
  } else if (fault_ == Fault::kWrongRecipient && (verb == "CERTIFICATE" || verb == "KEY")) {
    d["recipient_id"] = kStranger;
  } else if (is(Fault::kCertificateNodeId, "CERTIFICATE") ||
             is(Fault::kWrongGetCertNodeId, "GETCERTIFICATE")) {
    d["node_id"] = kStranger;
  } else if (fault_ == Fault::kWrongJoinLeaveNodeId && (verb == "JOIN" || verb == "LEAVE")) {
    d["node_id"] = kStranger;
  } else if (is(Fault::kNoChannelMembers, "CHANNEL")) {
    d["members"] = json::array();
  } else if (is(Fault::kBadKeyMessage, "KEY")) {
    d["key"] = "AAAA";
    d["cipher"] = "ROT13";
  } else if (is(Fault::kAltersRelay, "MESSAGE") && d["timestamp"].is_number_integer()) {
    d["timestamp"] = d["timestamp"].get<std::int64_t>() + 1;
  } else if (is(Fault::kConnectUnrewritten, "CONNECT")) {
    d["src"] = "192.0.2.1:9";  // neither the sender's IP (step 2) nor its socket (steps 3, 4)
    d["dst_node_id"] = kStranger;
  } else if ((fault_ == Fault::kRoutingEmptyIds || fault_ == Fault::kRoutingBadAddresses) &&
             verb == "ROUTING") {
    for (auto& n : d["nodes"]) {
      if (fault_ == Fault::kRoutingEmptyIds) n["node_id"] = "";
      if (fault_ == Fault::kRoutingBadAddresses) n["address"] = "somewhere";
    }
  } else if (is(Fault::kHugeRouting, "ROUTING")) {
    for (int i = 0; i < kFakeRoutes; ++i)
      d["nodes"].push_back(
          {{"node_id", kStranger}, {"address", "192.0.2." + std::to_string(i % 250) + ":9"}});
  } else if (is(Fault::kBareHello, "HELLO")) {
    return std::string(R"({"msg_type":"HELLO"})");
  } else if (is(Fault::kBadCertificate, "CERTIFICATE")) {
    d["certificate"] = "AAAA";
  } else if (is(Fault::kBadSignature, "CERTIFICATE") ||
             (is(Fault::kUnstableCertificate, "CERTIFICATE") && ++certificates_ % 2 == 0)) {
    d["certificate"] = flip_last_byte(d.value("certificate", std::string()));
  } else {
    return std::nullopt;
  }
  return j->dump();
}

void BrokenTarget::send(const Address& to, const std::string& original, Output& out) {
  const auto m = wire::decode(original);
  if (!m) return out.send(to, make_bytes(original));
  const Verb verb = wire::verb_of(*m);
  const std::string id(wire::msg_id_of(*m));
  for (const auto& s : kSilenced)
    if (s.fault == fault_ && s.verb == verb) return;
  if (verb == Verb::kGetCertificate) our_requests_.insert(id);
  if (verb == Verb::kChannel && std::get<wire::Channel>(*m).closed) {
    closed_channel_ = std::get<wire::Channel>(*m).channel;
    closed_channel_id_ = std::get<wire::Channel>(*m).channel_id;
  }
  switch (fault_) {
    case Fault::kAckOnce:
      if (verb == Verb::kAck && !seen_ids_.insert(id).second) return;
      break;
    case Fault::kNoAckForAnswers:
      if (verb == Verb::kAck && our_requests_.count(id) > 0) return;
      break;
    case Fault::kHelloOnce:
    case Fault::kRoutingOnce:
      if (verb == (fault_ == Fault::kHelloOnce ? Verb::kHello : Verb::kRouting) &&
          !once_.insert({to, std::to_string(static_cast<int>(verb))}).second)
        return;
      break;
    case Fault::kEveryOtherConnect:
      if (verb == Verb::kConnect && ++connects_ % 2 == 0) return;
      break;
    case Fault::kOnlyKnownAddresses:
      if (received_.count(to) == 0) return;
      break;
    case Fault::kNoRetransmit:
    case Fault::kNoBackoff:
    case Fault::kRetransmitsForever:
      if (acknowledged(verb)) {
        if (!sent_.insert({to, id}).second) return;  // the inner node's own retransmission
        if (fault_ != Fault::kNoRetransmit) {
          if (resend_.empty()) next_resend_ = now_ + kResendNs;
          resend_.emplace(id, std::make_pair(to, original));
        }
      }
      break;
    default: break;
  }
  const auto bent = bend(original);
  out.send(to, make_bytes(bent ? *bent : original));
  if (fault_ == Fault::kHelloTooFast && verb == Verb::kHello) out.send(to, make_bytes(original));
  if (fault_ == Fault::kSendsNonJson && verb == Verb::kHello) out.send(to, make_bytes("ok"));
}

}  // namespace ptplab::conformance
