// CONNECT socket forms and the attempt table.
#include "engine/node/rendezvous.hpp"

#include <algorithm>

#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

ConnectForm connect_form(std::string_view s) {
  if (Address::parse(s)) return ConnectForm::kFull;
  if (Address::parse_ip(s)) return ConnectForm::kIp;
  if (!s.empty() && s.size() <= 5 &&
      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      std::stoul(std::string(s)) <= 65535)
    return ConnectForm::kPort;
  return ConnectForm::kInvalid;
}

Address with_claimed_port(const Address& observed, std::string_view port) {
  Address a = observed;
  if (const auto p = std::stoul(std::string(port)); p != 0) a.port = static_cast<std::uint16_t>(p);
  return a;
}

bool Rendezvous::full(std::size_t max) const { return at_bound(attempts_.size(), max); }

void Rendezvous::begin(std::string_view target_node_id, std::optional<Address> target, TimeNs deadline) {
  attempts_.push_back({std::string(target_node_id), target, deadline});
}

ConnectAttempt* Rendezvous::find_for(std::string_view node_id) {
  const auto it = std::find_if(attempts_.begin(), attempts_.end(), [&](const ConnectAttempt& a) {
    return a.target_node_id == node_id || a.target_node_id.empty();
  });
  return it == attempts_.end() ? nullptr : &*it;
}

std::vector<ConnectAttempt> Rendezvous::complete(const Address& from, std::string_view hello_node_id) {
  std::vector<ConnectAttempt> done;
  for (auto it = attempts_.begin(); it != attempts_.end();) {
    const bool by_address = it->target && *it->target == from;
    const bool by_id = !hello_node_id.empty() && hello_node_id == it->target_node_id;
    if (!by_address && !by_id) {
      ++it;
      continue;
    }
    done.push_back(std::move(*it));
    it = attempts_.erase(it);
  }
  return done;
}

std::vector<ConnectAttempt> Rendezvous::take_expired(TimeNs now) {
  std::vector<ConnectAttempt> expired;
  for (auto it = attempts_.begin(); it != attempts_.end();) {
    if (now < it->deadline) {
      ++it;
      continue;
    }
    expired.push_back(std::move(*it));
    it = attempts_.erase(it);
  }
  return expired;
}

bool Rendezvous::may_forward(TimeNs now, double rate_per_s, double burst) {
  return forwarding_.take(now, rate_per_s, burst, 1.0);
}

}  // namespace ptplab::engine
