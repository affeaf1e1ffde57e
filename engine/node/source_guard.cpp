// Per-source token buckets, the anti-amplification ledger and the contact list.
#include "engine/node/source_guard.hpp"

#include <algorithm>

#include "engine/node/table_bound.hpp"

namespace ptplab::engine {
namespace {

// Sketch slots when the source table is unbounded (bounded_tables_enabled false).
constexpr std::size_t kDefaultSketchSlots = 256;

}  // namespace

Source& SourceGuard::source(TimeNs now, const Address& a, const NodeParams& params, std::size_t max) {
  for (auto& s : sources_)
    if (s.address == a) return s;
  if (at_bound(sources_.size(), max)) {
    const auto oldest =
        std::min_element(sources_.begin(), sources_.end(),
                         [](const Source& x, const Source& y) { return x.last_seen < y.last_seen; });
    forget(now, *oldest, params, max);
    sources_.erase(oldest);
  }
  const SourceBuckets start = evicted_.recall(now, a, params);
  Source s;
  s.address = a;
  s.datagrams = start.datagrams;
  s.bytes = start.bytes;
  s.certificate_answers = start.certificate_answers;
  s.last_seen = now;
  sources_.push_back(s);
  return sources_.back();
}

Source* SourceGuard::admit(TimeNs now, const Address& from, std::size_t size, const NodeParams& params,
                           std::size_t max) {
  Source& s = source(now, from, params, max);
  s.last_seen = now;
  if (params.rate_limit_enabled &&
      (!s.datagrams.take(now, params.rate_datagrams_per_s, params.rate_burst_datagrams, 1.0) ||
       !s.bytes.take(now, params.rate_bytes_per_s, params.rate_burst_bytes, static_cast<double>(size))))
    return nullptr;
  return &s;
}

bool SourceGuard::may_answer(const Address& to, std::size_t size, bool trusted, const NodeParams& params) {
  if (!params.anti_amplification_enabled || trusted) return true;
  for (const auto& c : contacts_)
    if (c.address == to) return true;
  for (auto& s : sources_) {
    if (s.address != to) continue;
    const double budget = params.amplification_factor_max * static_cast<double>(s.bytes_in);
    if (static_cast<double>(s.bytes_out + size) > budget) return false;
    s.bytes_out += size;
    return true;
  }
  return false;
}

void SourceGuard::note_contact(TimeNs now, const Address& a, std::size_t max) {
  for (auto& c : contacts_)
    if (c.address == a) {
      c.since = now;
      return;
    }
  if (at_bound(contacts_.size(), max)) contacts_.erase(contacts_.begin());
  contacts_.push_back({a, now});
}

void SourceGuard::forget(TimeNs now, const Source& s, const NodeParams& params, std::size_t max) {
  evicted_.remember(now, s.address, {s.datagrams, s.bytes, s.certificate_answers}, params,
                    max == 0 ? kDefaultSketchSlots : max);
}

void SourceGuard::expire(TimeNs now, TimeNs timeout_ns, const NodeParams& params, std::size_t max) {
  std::erase_if(sources_, [&](const Source& s) {
    if (now - s.last_seen < timeout_ns) return false;
    forget(now, s, params, max);
    return true;
  });
  std::erase_if(contacts_, [&](const Contact& c) { return now - c.since >= timeout_ns; });
}

void SourceGuard::visit_addresses(const AddressVisitor& visit) const {
  for (const Source& s : sources_) visit(s.address);
  for (const Contact& c : contacts_) visit(c.address);
}

}  // namespace ptplab::engine
