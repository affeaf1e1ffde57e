// The wire codec's speed, and why its decode path is simdjson: ptplab's decoder (simdjson DOM,
// full validation) against an equivalent nlohmann/json decoder on a ~105-byte HELLO and a
// ~600-byte MESSAGE, parse-only baselines of both libraries, and the encoder against nlohmann's dump.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "engine/core/base64.hpp"
#include "engine/wire/codec.hpp"

namespace {

using namespace ptplab::wire;

Message sample_hello() { return Hello{"6f1c2a3e-8b4d-4e5f-9a6b-7c8d9e0f1a2b", "ptplab; 0.1.0 (bench)"}; }

Message sample_message() {
  ChatMessage m;
  m.msg_id = "0a0b0c0d-0e0f-4a1b-9c1d-1e1f2a2b2c2d";
  m.node_id = "6f1c2a3e-8b4d-4e5f-9a6b-7c8d9e0f1a2b";
  m.recipient = {"0b7e4c1d-2f3a-4b5c-8d6e-9f0a1b2c3d4e", "a4d1e8f2-5b6c-4d7e-8f90-1a2b3c4d5e6f"};
  m.timestamp = 1464000000000;
  m.channel = "lobby";
  m.channel_id = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";
  m.message = std::string(260, 'x');  // a signed envelope: header, body and a P-256 signature
  m.hops = 2;
  return m;
}

const std::string kHello = encode(sample_hello());
const std::string kMessage = encode(sample_message());

// The same validation as ptplab's HELLO reading, written with nlohmann/json (no exceptions).
bool nlohmann_decode_hello(std::string_view bytes, Hello& out) {
  const auto doc = nlohmann::json::parse(bytes, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  const auto type = doc.find("msg_type");
  if (type == doc.end() || !type->is_string() || type->get_ref<const std::string&>() != "HELLO") return false;
  const auto data = doc.find("msg_data");
  if (data == doc.end() || !data->is_object()) return true;
  if (const auto n = data->find("node_id"); n != data->end() && n->is_string())
    out.node_id = n->get<std::string>();
  if (const auto v = data->find("version"); v != data->end() && v->is_string())
    out.version = v->get<std::string>();
  return true;
}

bool string_field(const nlohmann::json& o, const char* key, std::string& out) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

// The same validation as ptplab's MESSAGE reading, written with nlohmann/json (no exceptions).
bool nlohmann_decode_message(std::string_view bytes, ChatMessage& m) {
  const auto doc = nlohmann::json::parse(bytes, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  const auto type = doc.find("msg_type");
  if (type == doc.end() || !type->is_string() || type->get_ref<const std::string&>() != "MESSAGE")
    return false;
  const auto data = doc.find("msg_data");
  if (data == doc.end() || !data->is_object()) return false;
  std::string message64;
  if (!string_field(*data, "msg_id", m.msg_id) || !string_field(*data, "node_id", m.node_id) ||
      !string_field(*data, "channel", m.channel) || !string_field(*data, "channel_id", m.channel_id) ||
      !string_field(*data, "message", message64)) {
    return false;
  }
  const auto ts = data->find("timestamp");
  if (ts == data->end() || !ts->is_number_integer()) return false;
  m.timestamp = ts->get<std::int64_t>();
  const auto rec = data->find("recipient");
  if (rec == data->end() || !rec->is_array()) return false;
  for (const auto& r : *rec) {
    std::string id;
    if (!r.is_object() || !string_field(r, "node_id", id)) return false;
    m.recipient.push_back(std::move(id));
  }
  auto body = ptplab::base64_decode(message64);
  if (!body) return false;
  m.message = std::move(body).value();
  if (const auto h = data->find("hops"); h != data->end() && h->is_number_unsigned())
    m.hops = h->get<std::uint32_t>();
  return true;
}

void BM_Decode_Hello_simdjson(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(decode(kHello));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kHello.size()));
}
BENCHMARK(BM_Decode_Hello_simdjson);

void BM_Decode_Hello_nlohmann(benchmark::State& state) {
  for (auto _ : state) {
    Hello h;
    benchmark::DoNotOptimize(nlohmann_decode_hello(kHello, h));
    benchmark::DoNotOptimize(h);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kHello.size()));
}
BENCHMARK(BM_Decode_Hello_nlohmann);

void BM_Decode_Message_simdjson(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(decode(kMessage));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kMessage.size()));
}
BENCHMARK(BM_Decode_Message_simdjson);

void BM_Decode_Message_nlohmann(benchmark::State& state) {
  for (auto _ : state) {
    ChatMessage m;
    benchmark::DoNotOptimize(nlohmann_decode_message(kMessage, m));
    benchmark::DoNotOptimize(m);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kMessage.size()));
}
BENCHMARK(BM_Decode_Message_nlohmann);

// Parse-only baselines: what each library costs before any field is read.
void BM_Parse_Message_simdjson_dom(benchmark::State& state) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(kMessage);
  for (auto _ : state) {
    simdjson::dom::element root;
    benchmark::DoNotOptimize(parser.parse(padded).get(root));
  }
}
BENCHMARK(BM_Parse_Message_simdjson_dom);

void BM_Parse_Message_nlohmann(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(kMessage, nullptr, false));
}
BENCHMARK(BM_Parse_Message_nlohmann);

void BM_Encode_Hello(benchmark::State& state) {
  const Message m = sample_hello();
  for (auto _ : state) benchmark::DoNotOptimize(encode(m));
}
BENCHMARK(BM_Encode_Hello);

void BM_Encode_Message(benchmark::State& state) {
  const Message m = sample_message();
  for (auto _ : state) benchmark::DoNotOptimize(encode(m));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kMessage.size()));
}
BENCHMARK(BM_Encode_Message);

// nlohmann's dump of the same document (built once; dump only), for comparison with BM_Encode_Message.
void BM_Encode_Message_nlohmann_dump(benchmark::State& state) {
  const auto doc = nlohmann::json::parse(kMessage);
  for (auto _ : state) benchmark::DoNotOptimize(doc.dump());
}
BENCHMARK(BM_Encode_Message_nlohmann_dump);

}  // namespace
