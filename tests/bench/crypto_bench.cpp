// Micro-benchmarks of the engine's cryptography: what one node pays per signed MESSAGE, per
// certificate and per KEY, and the memory a simulated node's key and a cached peer certificate
// hold (mallinfo2 deltas over many objects).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/rng.hpp"
#include "engine/crypto/aead.hpp"
#include "engine/crypto/certificate.hpp"
#include "engine/crypto/parse_cache.hpp"
#include "engine/crypto/private_key.hpp"
#include "engine/crypto/verify_cache.hpp"

namespace {

using namespace ptplab::crypto;

constexpr std::size_t kMessageBytes = 256;  // a typical signed MESSAGE envelope
constexpr std::size_t kPayloadBytes = 1024;

std::array<std::uint8_t, 32> seed_from(ptplab::Rng& rng) {
  std::array<std::uint8_t, 32> seed{};
  for (auto& b : seed) b = static_cast<std::uint8_t>(rng());
  return seed;
}

struct Fixture {
  ptplab::Rng rng{1};
  PrivateKey key = PrivateKey::from_seed(seed_from(rng));
  std::string cert_der = make_self_signed_certificate(key, "5b0c5a9e-3f1d-4c64-9a2e-7e1f0d6c2b11");
  PeerCertificate cert = PeerCertificate::parse(cert_der).value();
  std::string message = std::string(kMessageBytes, 'm');
  std::string signature = key.sign(message);
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Sign(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.key.sign(f.message));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Sign);

void BM_Verify(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.cert.verify(f.message, f.signature));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Verify);

// The hit path: every receiver of a flooded message after the first.
void BM_VerifyCached(benchmark::State& state) {
  Fixture& f = fixture();
  VerifyCache cache(16);
  for (auto _ : state) benchmark::DoNotOptimize(verify_cached(&cache, f.cert, f.message, f.signature));
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_ratio"] =
      static_cast<double>(cache.hits()) / static_cast<double>(cache.hits() + cache.misses());
}
BENCHMARK(BM_VerifyCached);

void BM_KeyFromSeed(benchmark::State& state) {
  ptplab::Rng rng(2);
  for (auto _ : state) benchmark::DoNotOptimize(PrivateKey::from_seed(seed_from(rng)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KeyFromSeed);

void BM_MakeCertificate(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(make_self_signed_certificate(f.key, "node"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MakeCertificate);

void BM_ParseCertificate(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(PeerCertificate::parse(f.cert_der));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCertificate);

// The hit path: every node after the first that fetches the same peer's certificate.
void BM_ParseCertificateCached(benchmark::State& state) {
  Fixture& f = fixture();
  ParseCache cache(16);
  for (auto _ : state) benchmark::DoNotOptimize(parse_cached(&cache, f.cert_der));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCertificateCached);

void BM_Wrap(benchmark::State& state) {
  Fixture& f = fixture();
  ptplab::Rng rng(3);
  const std::string channel_key(32, 'k');
  for (auto _ : state) benchmark::DoNotOptimize(f.cert.wrap(channel_key, "channel-1", seed_from(rng)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Wrap);

void BM_Unwrap(benchmark::State& state) {
  Fixture& f = fixture();
  ptplab::Rng rng(4);
  const std::string wrapped = f.cert.wrap(std::string(32, 'k'), "channel-1", seed_from(rng)).value();
  for (auto _ : state) benchmark::DoNotOptimize(f.key.unwrap(wrapped, "channel-1"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Unwrap);

void BM_AeadSeal_1KiB(benchmark::State& state) {
  const std::array<std::uint8_t, 32> key{};
  const std::array<std::uint8_t, 12> nonce{};
  const std::string payload(kPayloadBytes, 'p');
  for (auto _ : state) benchmark::DoNotOptimize(aead_seal(key, nonce, payload, "channel-1"));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(kPayloadBytes));
}
BENCHMARK(BM_AeadSeal_1KiB);

void BM_AeadOpen_1KiB(benchmark::State& state) {
  const std::array<std::uint8_t, 32> key{};
  const std::array<std::uint8_t, 12> nonce{};
  const std::string sealed = aead_seal(key, nonce, std::string(kPayloadBytes, 'p'), "channel-1");
  for (auto _ : state) benchmark::DoNotOptimize(aead_open(key, sealed, "channel-1"));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(kPayloadBytes));
}
BENCHMARK(BM_AeadOpen_1KiB);

// Inline plus heap bytes per object (malloc's chunk overhead included), averaged over `count`
// live objects made by `make`.
template <class Make>
double bytes_per_object(std::size_t count, Make make) {
  using T = decltype(make(std::size_t{0}));
  std::vector<T> live;
  live.reserve(count);
  const std::size_t before = mallinfo2().uordblks;
  for (std::size_t i = 0; i < count; ++i) live.push_back(make(i));
  const std::size_t after = mallinfo2().uordblks;
  return static_cast<double>(sizeof(T)) + static_cast<double>(after - before) / static_cast<double>(count);
}

constexpr std::size_t kMemoryObjects = 2000;

// Memory of one node's own key.
void BM_MemoryPerPrivateKey(benchmark::State& state) {
  double bytes = 0;
  for (auto _ : state) {
    ptplab::Rng rng(5);
    bytes =
        bytes_per_object(kMemoryObjects, [&](std::size_t) { return PrivateKey::from_seed(seed_from(rng)); });
  }
  state.counters["bytes_per_key"] = bytes;
}
BENCHMARK(BM_MemoryPerPrivateKey)->Iterations(1);

// Memory of one key after its first unwrap (its EVP_PKEY materialised).
void BM_MemoryPerUsedPrivateKey(benchmark::State& state) {
  double bytes = 0;
  for (auto _ : state) {
    ptplab::Rng rng(6);
    bytes = bytes_per_object(kMemoryObjects, [&](std::size_t) {
      PrivateKey key = PrivateKey::from_seed(seed_from(rng));
      benchmark::DoNotOptimize(key.unwrap("", ""));
      return key;
    });
  }
  state.counters["bytes_per_key"] = bytes;
}
BENCHMARK(BM_MemoryPerUsedPrivateKey)->Iterations(1);

// Memory of one parsed peer certificate (der, node_id and public key DER; OpenSSL's key is
// made on first verify or wrap, which `used` does).
void memory_per_peer_certificate(benchmark::State& state, bool used) {
  ptplab::Rng rng(7);
  std::vector<std::string> ders;
  for (std::size_t i = 0; i < kMemoryObjects; ++i)
    ders.push_back(make_self_signed_certificate(PrivateKey::from_seed(seed_from(rng)),
                                                "5b0c5a9e-3f1d-4c64-9a2e-7e1f0d6c2b11"));
  double bytes = 0;
  for (auto _ : state) {
    bytes = bytes_per_object(kMemoryObjects, [&](std::size_t i) {
      PeerCertificate cert = PeerCertificate::parse(ders[i]).value();
      if (used) benchmark::DoNotOptimize(cert.verify("m", std::string(64, '\1')));
      return cert;
    });
  }
  state.counters["bytes_per_certificate"] = bytes;
  state.counters["der_bytes"] = static_cast<double>(ders[0].size());
}

void BM_MemoryPerPeerCertificate(benchmark::State& state) { memory_per_peer_certificate(state, false); }
BENCHMARK(BM_MemoryPerPeerCertificate)->Iterations(1);

void BM_MemoryPerUsedPeerCertificate(benchmark::State& state) { memory_per_peer_certificate(state, true); }
BENCHMARK(BM_MemoryPerUsedPeerCertificate)->Iterations(1);

}  // namespace
