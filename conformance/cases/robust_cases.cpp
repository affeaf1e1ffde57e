// Robustness cases: malformed and hostile input, each followed by the liveness probe (the
// target still answers a HELLO from a fresh peer). Floods run alone.
#include "conformance/cases/common.hpp"
#include "conformance/cases/sections.hpp"
#include "engine/wire/codec.hpp"

namespace ptplab::conformance {

namespace {

constexpr int kFloodDatagrams = 2000;          // one flood: well past any sane token bucket
constexpr int kFloodSources = 16;              // sockets of the many-sources flood
constexpr std::size_t kOversizeBytes = 60000;  // near the IPv4 UDP payload limit
constexpr int kDeepNesting = 5000;
constexpr double kAmplificationMax = 3.0;  // our notes' default bound
constexpr int kAmplificationProbes = 20;
constexpr int kIdentities = 500;  // distinct node_ids said from one socket

std::string getcert(const std::string& id) {
  return R"({"msg_type":"GETCERTIFICATE","msg_data":{"msg_id":")" + id +
         R"(","node_id":"00000000-0000-4000-8000-000000000001"}})";
}

Outcome non_json(Context& c) { return survives(c, {"hello, is it me you're looking for?", "{not json}"}); }
Outcome empty(Context& c) { return survives(c, {"", " ", "{}"}); }
Outcome truncated(Context& c) {
  const std::string full = getcert(c.new_id());
  return survives(c, {full.substr(0, full.size() / 2), full.substr(0, full.size() - 1), full.substr(0, 1)});
}
Outcome oversized(Context& c) {
  std::string hello = R"({"msg_type":"HELLO","msg_data":{"pad":")";
  hello.append(kOversizeBytes, 'x').append("\"}}");
  return survives(c, {hello});
}
Outcome invalid_utf8(Context& c) {
  return survives(c, {"{\"msg_type\":\"HELLO\",\"msg_data\":{\"node_id\":\"\xff\xfe\xc0\xaf\"}}",
                      "{\"msg_type\":\"HEL\xc3\x28LO\"}"});
}
Outcome lone_surrogate(Context& c) {
  return survives(c, {R"({"msg_type":"HELLO","msg_data":{"node_id":"\ud800"}})",
                      R"({"msg_type":"\udfff","msg_data":null})"});
}
Outcome deep_nesting(Context& c) {
  std::string nested = R"({"msg_type":"HELLO","msg_data":)";
  nested.append(kDeepNesting, '[').append(kDeepNesting, ']').append("}");
  return survives(c, {std::string(kDeepNesting, '['), nested});
}
Outcome duplicate_keys(Context& c) {
  return survives(c, {R"({"msg_type":"HELLO","msg_type":"CONNECT","msg_data":{"dst":"x","dst":1}})",
                      R"({"msg_type":"ACK","msg_data":{"msg_id":"a","msg_id":"b"}})"});
}
Outcome wrong_types(Context& c) {
  return survives(
      c,
      {R"({"msg_type":42})", R"({"msg_type":null})", R"({"msg_type":["HELLO"]})",
       R"({"msg_type":"ACK","msg_data":{"msg_id":7}})",
       R"({"msg_type":"CHANNEL","msg_data":{"msg_id":"a","node_id":"b","channel":"c","channel_id":"d","members":"all"}})"});
}
Outcome wrong_msg_data(Context& c) {
  return survives(c, {R"({"msg_type":"GETCERTIFICATE","msg_data":"me"})",
                      R"({"msg_type":"ACK","msg_data":[1]})", R"({"msg_type":"MESSAGE","msg_data":true})"});
}
Outcome unknown_verbs(Context& c) {
  return survives(
      c, {R"({"msg_type":"RELAY","msg_data":{}})", R"({"msg_type":"NACK","msg_data":{"msg_id":"x"}})",
          R"({"msg_type":"hello"})", R"({"msg_type":""})"});
}
Outcome not_object(Context& c) { return survives(c, {R"(["HELLO"])", "\"HELLO\"", "42", "null", "true"}); }
Outcome binary_junk(Context& c) {
  std::string junk;
  for (int i = 0; i < 512; ++i) junk += static_cast<char>(c.rng()() & 0xff);
  return survives(c, {junk, std::string("\0\0\0\0", 4), "\xef\xbb\xbf{\"msg_type\":\"HELLO\"}"});
}
Outcome huge_numbers(Context& c) {
  return survives(
      c,
      {R"({"msg_type":"MESSAGE","msg_data":{"msg_id":"a","node_id":"b","recipient":[],"timestamp":1e400,"channel":"c","channel_id":"d","message":""}})",
       R"({"msg_type":"HELLO","msg_data":{"n":-99999999999999999999999999999}})"});
}
Outcome missing_fields(Context& c) {
  return survives(
      c, {R"({"msg_type":"GETCERTIFICATE","msg_data":{}})", R"({"msg_type":"GETCERTIFICATE"})",
          R"({"msg_type":"KEY","msg_data":{"msg_id":"k"}})", R"({"msg_type":"CONNECT","msg_data":{}})"});
}
Outcome bad_base64(Context& c) {
  return survives(
      c,
      {R"({"msg_type":"CERTIFICATE","msg_data":{"msg_id":"a","node_id":"b","recipient_id":"c","certificate":"***not base64***"}})",
       R"({"msg_type":"CERTIFICATE","msg_data":{"msg_id":"a","node_id":"b","recipient_id":"c","certificate":"AAAA"}})"});
}
Outcome long_strings(Context& c) {
  std::string hello = R"({"msg_type":"HELLO","msg_data":{"node_id":")";
  hello.append(40000, 'n').append("\"}}");
  std::string getcert = R"({"msg_type":"GETCERTIFICATE","msg_data":{"msg_id":")";
  getcert.append(30000, 'm').append(R"(","node_id":"x"}})");
  return survives(c, {hello, getcert});
}
Outcome unknown_ack(Context& c) {
  return survives(c, {wire::encode(wire::Ack{c.new_id()}), wire::encode(wire::Ack{""})});
}
Outcome bad_connect(Context& c) {
  return survives(c, {wire::encode(wire::Connect{"999.1.2.3:99999", "x", std::nullopt, std::nullopt}),
                      wire::encode(wire::Connect{"127.0.0.1:0", "", std::nullopt, std::nullopt}),
                      wire::encode(wire::Connect{":::", "65536", std::nullopt, std::nullopt})});
}
Outcome routing_poison(Context& c) {
  wire::Routing r;
  for (int i = 0; i < 100; ++i) r.nodes.push_back({c.new_id(), "10.66." + std::to_string(i) + ".1:9"});
  return survives(c, {wire::encode(r)});
}
Outcome bad_json_escapes(Context& c) {
  return survives(
      c, {R"({"msg_type":"HEL\LO"})", R"({"msg_type":"HELLO\u00"})", "{\"msg_type\":\"HE\x01LLO\"}"});
}

Outcome hello_flood(Context& c) {
  const Peer p = c.open_peer();
  const std::string hello = wire::encode(wire::Hello{p.node_id, std::string("flood")});
  for (int i = 0; i < kFloodDatagrams; ++i) c.send(p, hello);
  if (c.alive()) return Outcome::pass();
  return Outcome::fail({"HELLO answered after a HELLO flood"},
                       "no HELLO within " + format_duration(c.hello_wait()));
}

Outcome junk_flood_many_sources(Context& c) {
  std::vector<Peer> sources;
  for (int i = 0; i < kFloodSources; ++i) sources.push_back(c.open_peer());
  for (int i = 0; i < kFloodDatagrams; ++i) {
    c.send(sources[static_cast<std::size_t>(i % kFloodSources)], getcert(c.new_id()).substr(0, 40 + i % 30));
  }
  if (c.alive()) return Outcome::pass();
  return Outcome::fail({"HELLO answered after a junk flood from many sources"},
                       "no HELLO within " + format_duration(c.hello_wait()));
}

Outcome getcert_flood(Context& c) {
  const Peer p = c.open_peer();
  for (int i = 0; i < kFloodDatagrams; ++i) c.send(p, getcert(c.new_id()));
  if (c.alive()) return Outcome::pass();
  return Outcome::fail({"HELLO answered after a GETCERTIFICATE flood"},
                       "no HELLO within " + format_duration(c.hello_wait()));
}

// One socket says HELLO with hundreds of node_ids: the target still answers a new peer, and the
// ROUTING that new peer gets still fits one datagram (the table is bounded, or keyed by address).
Outcome many_identities_one_source(Context& c) {
  const Peer s = c.open_peer();
  for (int i = 0; i < kIdentities; ++i) c.send(s, wire::Hello{c.new_id(), std::string("sybil")});
  const Peer p = c.open_peer();
  if (!greet(c, p)) {
    return Outcome::fail(
        {"HELLO answered after " + std::to_string(kIdentities) + " identities from one socket"},
        c.seen(p) + " within " + format_duration(c.hello_wait()));
  }
  const auto routing = expect_routing(c, p, is_verb(wire::Verb::kRouting));
  if (!routing) return no_routing(c);
  if (routing->bytes.size() <= kDatagramBytesMax) return Outcome::pass();
  return Outcome::fail({"a ROUTING of at most " + std::to_string(kDatagramBytesMax) + " bytes"},
                       std::to_string(routing->bytes.size()) + " bytes");
}

// A source that never proved its address gets at most a small multiple of what it sent.
Outcome amplification(Context& c) {
  const Peer p = unknown_peer(c, false);  // an ACK would count as proof of address
  std::size_t sent = 0;
  for (int i = 0; i < kAmplificationProbes; ++i) {
    const std::string g = getcert(c.new_id());
    sent += g.size();
    c.send(p, g);
  }
  std::size_t received = 0;
  for (const auto& r : c.watch(p, anything(), c.timeout())) received += r.bytes.size();
  const double factor = static_cast<double>(received) / static_cast<double>(sent);
  if (factor <= kAmplificationMax) {
    // A bound on answers means something only from a target that answers GETCERTIFICATE at all.
    const Peer verified = c.open_peer();
    if (!greet(c, verified)) return no_hello_answer(c, verified);
    c.send(verified, getcert(c.new_id()));
    if (!c.expect(verified, is_verb(wire::Verb::kCertificate)))
      return Outcome::blocked("cert/1", "the target answers no GETCERTIFICATE, even from a verified peer");
    return Outcome::pass();
  }
  return Outcome::fail(
      {"at most " + std::to_string(kAmplificationMax) + "x the " + std::to_string(sent) + " bytes sent"},
      std::to_string(received) + " bytes (" + std::to_string(factor) + "x)");
}

}  // namespace

void add_robust_cases(std::vector<Case>& cases) {
  const auto robust = [&](const char* id, const char* req, const char* what, Outcome (*fn)(Context&)) {
    cases.push_back({id, req, Level::kMust, std::string(what) + ", then still answers a HELLO", fn});
  };
  robust("robust/1", "N-MALFORMED", "the target survives datagrams that are not JSON", non_json);
  robust("robust/2", "N-MALFORMED", "the target survives an empty datagram, blanks and {}", empty);
  robust("robust/3", "N-MALFORMED", "the target survives truncated JSON", truncated);
  robust("robust/4", "N-MALFORMED", "the target survives a 60 kB datagram", oversized);
  robust("robust/5", "N-MALFORMED", "the target survives invalid UTF-8", invalid_utf8);
  robust("robust/6", "N-MALFORMED", "the target survives lone UTF-16 surrogate escapes", lone_surrogate);
  robust("robust/7", "N-MALFORMED", "the target survives 5000 levels of nesting", deep_nesting);
  robust("robust/8", "N-MALFORMED", "the target survives duplicate keys", duplicate_keys);
  robust("robust/9", "FMT-2", "the target survives msg_type of the wrong type and fields of the wrong type",
         wrong_types);
  robust("robust/10", "N-MALFORMED", "the target survives msg_data that is not an object", wrong_msg_data);
  robust("robust/11", "N-MALFORMED", "the target survives unknown verbs (RELAY, NACK, lower case, empty)",
         unknown_verbs);
  robust("robust/12", "FMT-1", "the target survives JSON texts that are not objects", not_object);
  robust("robust/13", "N-MALFORMED", "the target survives random bytes, NULs and a UTF-8 BOM", binary_junk);
  robust("robust/14", "N-MALFORMED", "the target survives out-of-range numbers", huge_numbers);
  robust("robust/15", "N-MALFORMED", "the target survives messages missing required fields", missing_fields);
  robust("robust/16", "CERT-4", "the target survives a CERTIFICATE with bad base64 or a non-certificate",
         bad_base64);
  robust("robust/17", "N-MALFORMED", "the target survives 40 kB strings in fields", long_strings);
  robust("robust/18", "ACK-2", "the target survives ACKs for msg_ids it never sent", unknown_ack);
  robust("robust/19", "N-CONNECT", "the target survives CONNECTs with malformed sockets", bad_connect);
  robust("robust/20", "N-ROUTING", "the target survives a ROUTING listing 100 unknown nodes", routing_poison);
  robust("robust/21", "N-MALFORMED", "the target survives invalid JSON escapes and control characters",
         bad_json_escapes);
  cases.push_back(
      {"robust/22", "N-FLOOD", Level::kMust,
       "the target survives a flood of 2000 HELLOs from one source, then answers a new peer's HELLO",
       hello_flood, false, true});
  cases.push_back({"robust/23", "N-FLOOD", Level::kMust,
                   "the target survives 2000 junk datagrams from 16 sources, then answers a new peer's HELLO",
                   junk_flood_many_sources, false, true});
  cases.push_back(
      {"robust/24", "N-FLOOD", Level::kMust,
       "the target survives 2000 GETCERTIFICATEs from one source, then answers a new peer's HELLO",
       getcert_flood, false, true});
  cases.push_back({"robust/25", "N-AMPLIFICATION", Level::kShould,
                   "a source that never said HELLO gets at most 3x the bytes of its GETCERTIFICATEs back",
                   amplification});
  cases.push_back({"robust/26", "N-FLOOD", Level::kMust,
                   "after HELLOs with 500 distinct node_ids from one socket the target still answers a new "
                   "peer, and its ROUTING still fits one datagram (8192 bytes)",
                   many_identities_one_source, false, true});
}

}  // namespace ptplab::conformance
