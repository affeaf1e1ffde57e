// The source guard: what a Node remembers about every address datagrams come from, to bound
// what it accepts (per-source token buckets in datagrams and bytes) and what it answers
// (anti-amplification: at most amplification_factor_max times the bytes an unverified address
// sent, QUIC's rule, RFC 9000 §8.1), plus the addresses we contacted on our own initiative,
// whose answers are not reflections. PROTOCOL.md states the rules; node_peers.cpp applies them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/address.hpp"
#include "engine/core/endpoint.hpp"
#include "engine/core/time.hpp"
#include "engine/node/evicted_sources.hpp"
#include "engine/node/node_params.hpp"
#include "engine/node/token_bucket.hpp"

namespace ptplab::engine {

// Traffic accounting per source address: token buckets and the anti-amplification budget.
struct Source {
  Address address;
  TokenBucket datagrams;
  TokenBucket bytes;
  TokenBucket certificate_answers;  // CERTIFICATEs we answer this address with
  std::uint64_t bytes_in = 0;       // decoded datagrams other than ACK: what earns answers
  std::uint64_t bytes_out = 0;      // answers sent while the address was unverified
  TimeNs last_seen = 0;
};

// An address we contacted on our own initiative (not answers, so not capped by anti-amplification).
struct Contact {
  Address address;
  TimeNs since = 0;
};

// Why: rate limits and the amplification budget are one ledger per address; keeping it apart
// from the peer table lets strangers be accounted without becoming peers.
class SourceGuard {
 public:
  // The accounting of `a`, created at `now` if untracked with the buckets it left behind when it
  // was forgotten (EvictedSources: never richer than it left), else full; when `max`
  // (0: unbounded) sources are tracked, the one heard from least recently is forgotten first.
  Source& source(TimeNs now, const Address& a, const NodeParams& params, std::size_t max);
  // Accounts a datagram of `size` bytes from `from` at `now`: its source when the token buckets
  // (params.rate_*) let it in or rate limiting is off, else null.
  [[nodiscard]] Source* admit(TimeNs now, const Address& from, std::size_t size, const NodeParams& params,
                              std::size_t max);
  // Whether an answer of `size` bytes to `to` fits its budget, and if so charges it. `trusted`:
  // `to` is a verified or initiated peer (no budget applies), as are contacts.
  [[nodiscard]] bool may_answer(const Address& to, std::size_t size, bool trusted, const NodeParams& params);
  // Records that we contacted `a` at `now`; beyond `max` (0: unbounded) the oldest is forgotten.
  void note_contact(TimeNs now, const Address& a, std::size_t max);
  // Forgets sources not seen and contacts not renewed for `timeout_ns` (a forgotten source's
  // buckets go to the sketch as on eviction; `max` as for source()).
  void expire(TimeNs now, TimeNs timeout_ns, const NodeParams& params, std::size_t max);

  // Calls `visit` with the address of every tracked source and contact (not the sketch of
  // forgotten ones: its records are shared by whatever addresses hash alike, never richer).
  void visit_addresses(const AddressVisitor& visit) const;

  [[nodiscard]] std::size_t source_count() const { return sources_.size(); }
  [[nodiscard]] std::size_t contact_count() const { return contacts_.size(); }

 private:
  // Moves the buckets of `s` to the sketch, sized like the source table (`max`, 0: 256).
  void forget(TimeNs now, const Source& s, const NodeParams& params, std::size_t max);

  std::vector<Source> sources_;
  std::vector<Contact> contacts_;
  EvictedSources evicted_;
};

}  // namespace ptplab::engine
