// Every behaviour knob of a ptpchat Node, with its documented default, and the by-name access
// that scenario files use ("params": {"gossip_fanout": 8, "peer_timeout_ns": "15s"}).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/core/expected.hpp"
#include "engine/core/time.hpp"
#include "engine/node/node_choices.hpp"

namespace ptplab::engine {

// All parameters of a Node. The named choices are enums (node_choices.hpp); scenario files and
// params_to_json spell them by the names in their tables. Bounds are named `..._max`, durations end in `_ns`.
struct NodeParams {
  // --- identity ---
  std::string version = "ptplab; 0.1";    // HELLO "version" string
  IdScheme id_scheme = IdScheme::kUuid4;  // node_id: "uuid4" | "random" (node_id_bits) | "key_derived"
  MsgIdScheme msg_id_scheme = MsgIdScheme::kUuid4;  // msg_id: "uuid4" | "random" (msg_id_bits)
  int node_id_bits = 128;                           // width for "random"/"key_derived" node ids (8..128)
  int msg_id_bits = 128;                            // width for "random" msg ids (8..128)

  // --- peers ---
  TimeNs hello_interval_min_ns = 500 * kMillisecond;  // HELLO period drawn uniformly in [min, max]
  TimeNs hello_interval_max_ns = 2 * kSecond;
  TimeNs peer_timeout_ns = 15 * kSecond;          // a peer silent this long is dropped
  std::uint32_t peers_max = 64;                   // peer table bound (new sources beyond it are ignored)
  TimeNs housekeeping_interval_ns = 1 * kSecond;  // period of expiries, refreshes and retries

  // --- reliability ---
  TimeNs ack_timeout_ns = 500 * kMillisecond;       // first retransmission after this long without ACK
  double retransmit_backoff = 2.0;                  // each further wait is multiplied by this
  std::uint32_t retransmit_max = 6;                 // retransmissions before giving up
  std::uint32_t pending_retransmissions_max = 512;  // un-ACKed messages kept for retransmission
  TimeNs dedup_window_ns = 120 * kSecond;           // how long a seen msg_id is remembered
  std::uint32_t dedup_entries_max = 4096;           // de-dup table bound (oldest evicted first)

  // --- certificates and keys ---
  std::uint32_t certificates_max = 256;          // certificate cache bound (least recently used evicted)
  std::uint32_t pending_verifications_max = 64;  // MESSAGEs waiting for a certificate or key
  TimeNs pending_verification_timeout_ns = 60 * kSecond;  // how long such a MESSAGE may wait
  TimeNs key_request_interval_ns = 2 * kSecond;  // GETKEY retry period while a closed channel lacks its key
  bool certificate_in_message = true;            // MESSAGE carries the sender's certificate as an attachment
                                       // ("application/pkix-cert"): verifiable without reaching the origin
  ChannelCrypto channel_crypto = ChannelCrypto::kChannelKey;  // closed channels: "channel_key" | "multi_cert"
  bool rekey_on_leave = false;  // the creator draws a new key when a member leaves

  // --- channels ---
  TimeNs channel_refresh_interval_ns = 30 * kSecond;  // CHANNEL re-announce after this long quiet
  std::uint32_t channels_max = 64;                    // known channels bound
  std::uint32_t members_max = 1024;                   // members per channel bound

  // --- propagation and routing ---
  Propagation propagation =
      Propagation::kFlood;           // MESSAGE/CHANNEL/JOIN/LEAVE: "direct" | "flood" | "gossip" | "routed"
  std::uint32_t gossip_fanout = 3;   // peers per relay step under "gossip"
  std::uint32_t hops_max = 32;       // relays stop forwarding beyond this many hops
  bool verify_before_relay = false;  // relay a MESSAGE only after its signature checked out
  bool routing_enabled = true;       // send ROUTING periodically
  TimeNs routing_interval_ns = 2 * kSecond;        // ROUTING period
  std::uint32_t routing_entries_max = 256;         // routing table bound
  TimeNs routing_entry_timeout_ns = 30 * kSecond;  // a learned route not refreshed this long is dropped
  std::uint32_t routing_greetings_max = 4;         // ROUTING-learned nodes greeted (HELLO, later CONNECT) per
                                                   // housekeeping tick; 0: routes stay routes

  // --- CONNECT ---
  TimeNs connect_timeout_ns = 10 * kSecond;  // a CONNECT attempt fails after this long without contact
  double connect_rate_per_s = 10.0;          // CONNECTs a rendezvous forwards per second (all sources)
  double connect_burst = 20.0;               // and in a burst
  bool connect_live_peers_only = true;       // forward CONNECT only between live peers
  std::uint32_t connect_attempts_max = 16;   // concurrent CONNECT attempts as A or B

  // --- abuse mitigations ---
  bool bounded_tables_enabled = true;      // false: the *_max table bounds above are not enforced
  bool rate_limit_enabled = true;          // per-source token buckets
  double rate_datagrams_per_s = 200.0;     // sustained datagrams per source
  double rate_burst_datagrams = 400.0;     // bucket depth in datagrams
  double rate_bytes_per_s = 262144.0;      // sustained bytes per source
  double rate_burst_bytes = 524288.0;      // bucket depth in bytes
  std::uint32_t rate_sources_max = 256;    // sources tracked by the token buckets
  bool anti_amplification_enabled = true;  // bound what we send to sources that have not proven their address
  double amplification_factor_max = 3.0;   // ... to this multiple of the bytes they sent
  // With anti-amplification on, CERTIFICATEs sent in answer to one address, verified or not: a
  // spoofed GETCERTIFICATE "from" a verified peer escapes the budget above.
  double certificate_answers_per_s = 1.0;
  double certificate_answers_burst = 4.0;
  std::uint32_t max_datagram_bytes = 8192;  // our datagrams stay below; larger input is dropped
};

// Sets one field by name. Durations accept integers (ns) or strings ("15s"); booleans,
// numbers and strings must match the field's type and range. The error is a sentence naming
// the field and what was expected, or for unknown names, the closest known name.
[[nodiscard]] Expected<std::monostate, std::string> set_param(NodeParams& params, std::string_view name,
                                                              const nlohmann::json& value);
// Applies every member of a JSON object through set_param; stops at the first error.
[[nodiscard]] Expected<std::monostate, std::string> set_params(NodeParams& params,
                                                               const nlohmann::json& object);
// The names set_param accepts, in declaration order.
[[nodiscard]] std::vector<std::string_view> param_names();
// All fields as a JSON object (durations as integer ns).
[[nodiscard]] nlohmann::json params_to_json(const NodeParams& params);
// Checks cross-field rules (min <= max, widths 8..128, known policy names); an error sentence if broken.
[[nodiscard]] Expected<std::monostate, std::string> validate_params(const NodeParams& params);

}  // namespace ptplab::engine
