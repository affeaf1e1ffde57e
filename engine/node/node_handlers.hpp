// The Node's handlers: free functions over a NodeState that coordinate its components, one
// group per file. Each on_<verb> handles one decoded datagram (`in` carries its source and
// bytes); the rest are the steps they and the public API share. Internal to engine/node.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/node/node_state.hpp"
#include "engine/node/table_bound.hpp"

namespace ptplab::engine {

// --- dispatch, timers, housekeeping (node_dispatch.cpp) ---
// Hands a decoded datagram to the handler of its verb.
void dispatch(NodeState& s, TimeNs now, const Inbound& in, const wire::Message& m, Output& out);
// Runs one due timer entry (lazy deletion: entries for forgotten peers or ACKed datagrams do nothing).
void on_timer_entry(NodeState& s, TimeNs now, const TimerQueue::Entry& e, Output& out);
// Expiries (de-dup, sources, routes, parked MESSAGEs, CONNECT attempts, departures), channel
// refreshes and key requests; every housekeeping_interval_ns.
void housekeeping(NodeState& s, TimeNs now, Output& out);

// --- peers: HELLO, keep-alive, latching, timeouts (node_peers.cpp; spec ####HELLO) ---
// Adds a peer at `a` and HELLOs it; null when the table is full of live peers. `cause_size`:
// bytes of the datagram that made us add it (0: a user action or CONNECT).
Peer* add_peer(NodeState& s, TimeNs now, const Address& a, bool initiated, std::size_t cause_size,
               Output& out);
// Removes the peer at `index` with a kPeerRemoved event naming `reason` (timeout, evicted).
void remove_peer(NodeState& s, std::size_t index, Reason reason, Output& out);
// A peer's HELLO timer: drops it after peer_timeout_ns of silence, else HELLOs it again
// (after a probe_peer when one is wanted).
void hello_timer(NodeState& s, TimeNs now, std::uint32_t serial, Output& out);
// Under address_validation "ack", asks a verified peer whose address is not proved to prove it
// receives there, with a GETCERTIFICATE whose ACK validates it (on_ack; PROTOCOL.md): when it
// becomes verified, and again at a HELLO tick after a send to it was refused (anti-amplification).
void probe_peer(NodeState& s, TimeNs now, Peer& p, Output& out);
// `p` answered our HELLO: it gets our channel listings (spec ####CHANNEL); under
// address_validation "ack", if its address is not proved, a probe_peer at once instead, and the
// listings once it proves it (on_ack).
void peer_verified(NodeState& s, TimeNs now, Peer& p, Output& out);
// Sends `p` the listings of the channels we are members of; p.listings_owed records whether the
// anti-amplification budget refused any (they go again once p proves its address: on_ack).
void announce_channels(NodeState& s, TimeNs now, Peer& p, Output& out);
// HELLO: adds or latches the peer and learns its node_id; reports node_id collisions.
void on_hello(NodeState& s, TimeNs now, const Inbound& in, const wire::Hello& h, Output& out);

// --- reliability: ACK and retransmission (node_reliability.cpp; spec ####ACK) ---
// ACKs `msg_id` to `to` (spec ####ACK), within the anti-amplification budget.
void ack(NodeState& s, const Address& to, std::string_view msg_id, Output& out);
// ACK: forgets the datagram it acknowledges; unless the datagram answered a possibly spoofed
// request, the echo proves `in.from` receives there (peer verified and validated, contact noted).
void on_ack(NodeState& s, TimeNs now, const Inbound& in, const wire::Ack& a, Output& out);
// A retransmission timer: resends with backoff, or gives up after retransmit_max.
void retransmit_timer(NodeState& s, TimeNs now, std::uint32_t serial, Output& out);

// --- certificates (node_certificates.cpp; spec ####GETCERTIFICATE, ####CERTIFICATE) ---
// Sends GETCERTIFICATE for `node_id` to its address (else `hint`), our certificate first
// unless the holder is a verified peer; one outstanding request per address.
void request_certificate(NodeState& s, TimeNs now, std::string_view node_id, std::optional<Address> hint,
                         Output& out);
// Sends our CERTIFICATE reliably under `msg_id` unless that very one is pending.
void send_certificate(NodeState& s, TimeNs now, const Address& to, std::string_view msg_id,
                      std::string_view recipient_id, Output& out, AckProves proves = AckProves::kContact);
// GETCERTIFICATE: ACK, then our certificate within the per-address answer rate.
void on_get_certificate(NodeState& s, TimeNs now, const Inbound& in, const wire::GetCertificate& m,
                        Output& out);
// CERTIFICATE: ACK, cache it, and retry what waited for it (parked MESSAGEs, key waiters).
void on_certificate(NodeState& s, TimeNs now, const Inbound& in, const wire::Certificate& m, Output& out);
// Offers `der` to the store as `id`'s certificate, reporting the outcome as an event about a
// datagram of `size` bytes from `from` carrying `verb`; true when the store now holds exactly it.
bool accept_certificate(NodeState& s, TimeNs now, std::string_view id, std::string_view der,
                        const Address& from, wire::Verb verb, std::size_t size, Output& out);

// --- channels (node_channels.cpp; spec ####CHANNEL, ####JOIN, ####LEAVE) ---
// The channel `id`, learned if new; null (with a channels_full drop) at the bound.
ChannelState* learn_channel(NodeState& s, std::string_view id, std::string_view name, bool closed,
                            std::size_t cause_size, Output& out);
// One CHANNEL datagram of our listing of a channel, and its msg_id.
struct Listing {
  std::string msg_id;
  SharedBytes bytes;
};
// Our CHANNEL listing of `c`: one datagram, or when the members do not fit max_datagram_bytes
// as many as it takes (pages), each naming us first and then the next members in order; every
// msg_id is recorded as seen, so a page is never taken for news. The spec (####CHANNEL) sets no
// bound on `members`; paging is ptplab's reading (engine/PROTOCOL.md).
std::vector<Listing> channel_listings(NodeState& s, TimeNs now, const ChannelState& c);
// Whether a listing naming every member of `c` fits one datagram (estimated from the ids' sizes).
bool listing_fits_one_datagram(const NodeState& s, const ChannelState& c);
// Sends our CHANNEL listing of `c` per the propagation policy and schedules its next refresh;
// `discovery`: to every peer, for every node to relay once (under "mesh", a channel's creation).
void announce(NodeState& s, TimeNs now, ChannelState& c, Output& out, bool discovery = false);
// Creates a channel with us as creator and only member (a key if closed) and announces it.
std::string create_channel(NodeState& s, TimeNs now, std::string_view name, bool closed, Output& out);
// Joins an announced channel: JOIN, and GETKEY when closed; false if unknown or a member.
bool join_channel(NodeState& s, TimeNs now, std::string_view id, Output& out);
// Our standing JOIN for `c` (its msg_id is c.join_msg_id).
SharedBytes join_datagram(const NodeState& s, const ChannelState& c);
// Sends JOIN for `c` (we joined, or a listing left us out).
void announce_membership(NodeState& s, TimeNs now, ChannelState& c, Output& out);
// Leaves a channel (LEAVE to its members); false if not a member.
bool leave_channel(NodeState& s, TimeNs now, std::string_view id, Output& out);
// CHANNEL: merges the listing, answers the spec's triggers (JOIN if it leaves us out, LEAVE
// if it lists us after we left) and relays it when it is news.
void on_channel(NodeState& s, TimeNs now, const Inbound& in, const wire::Channel& m, Output& out);
// JOIN: adds the member (even to a channel not yet announced) and relays.
void on_join(NodeState& s, TimeNs now, const Inbound& in, const wire::Join& m, Output& out);
// LEAVE: removes the member, remembers the departure, re-keys if asked to, and relays.
void on_leave(NodeState& s, TimeNs now, const Inbound& in, const wire::Leave& m, Output& out);

// --- closed-channel keys (node_keys.cpp; spec ####GETKEY, ####KEY) ---
// Sends GETKEY for `c` to one member (our JOIN and certificate first) and schedules the next.
void request_key(NodeState& s, TimeNs now, ChannelState& c, Output& out);
// Sends the newest key of `c` wrapped for `recipient`'s certificate (KEY, reliably).
void send_key(NodeState& s, TimeNs now, const ChannelState& c, std::string_view recipient, const Address& to,
              Output& out);
// Draws a new key for `c` and sends it to every other member (fetching certificates).
void rekey(NodeState& s, TimeNs now, ChannelState& c, Output& out);
// Sends the key to members whose GETKEY waited for the certificate of `node_id`, now cached.
void serve_key_waiters(NodeState& s, TimeNs now, std::string_view node_id, Output& out);
// GETKEY: ACK; the key for members whose certificate we hold, the others wait for it.
void on_get_key(NodeState& s, TimeNs now, const Inbound& in, const wire::GetKey& m, Output& out);
// KEY: ACK; unwraps and keeps the key, then retries the channel's parked MESSAGEs.
void on_key(NodeState& s, TimeNs now, const Inbound& in, const wire::Key& m, Output& out);

// --- messages (node_messages.cpp, node_delivery.cpp; spec ####MESSAGE) ---
// Seals, signs and propagates a MESSAGE to a channel we are a member of; its msg_id, or
// nullopt (not a member, no key, too large).
std::optional<std::string> send_chat(NodeState& s, TimeNs now, std::string_view channel_id,
                                     std::string_view text, std::vector<wire::Attachment> attachments,
                                     Output& out);
// MESSAGE: ACK, admission (envelope, de-dup, age), relay unless verify_before_relay, and
// verification for members (or before relaying).
void on_message(NodeState& s, TimeNs now, const Inbound& in, const wire::ChatMessage& m, Output& out);
// Verifies, relays (under verify_before_relay) and delivers; parks the message when a
// certificate or channel key is missing.
void verify_and_deliver(NodeState& s, TimeNs now, PendingVerification pv, Output& out);
// Forwards `m` one hop further (hops + 1, up to hops_max) per the propagation policy.
void relay(NodeState& s, TimeNs now, const wire::ChatMessage& m, const Address& from, Output& out);
// Verifies again the parked MESSAGEs from `node_id` or to `channel_id`, in arrival order.
void retry_verifications(NodeState& s, TimeNs now, std::string_view node_id, std::string_view channel_id,
                         Output& out);

// --- propagation (node_propagation.cpp) ---
// Sends `bytes` to the targets the propagation policy picks (MESSAGE reliably). `from` is the
// peer it came from (nullopt at the origin); `discovery`: a channel's first listing (PropagationRequest).
void propagate(NodeState& s, TimeNs now, const SharedBytes& bytes, wire::Verb verb, std::string_view msg_id,
               const std::vector<std::string>& recipients, std::optional<Address> from, Output& out,
               bool discovery = false);
// Sends `p`, whose address is now proved, the relays held for it (held_relays_max), oldest first.
void release_held_relays(NodeState& s, const Peer& p, Output& out);
// Forgets the relays held for `to` (a peer leaving the table), each as a kDropped event with
// reason amplification_limit, the budget that kept it.
void drop_held_relays(NodeState& s, const Address& to, Output& out);

// --- the member mesh of propagation "mesh" (node_mesh.cpp; PROTOCOL.md "Presets") ---
// Our address as a live peer sees it (its ROUTING named us), if any peer told us.
std::optional<Address> own_outside_address(const NodeState& s, TimeNs now);
// Fills page.member_addresses: ours as peers see it, a live peer's as we see it, else the one
// recorded for the channel; left empty when none is known.
void list_member_addresses(const NodeState& s, TimeNs now, const ChannelState& c, wire::Channel& page);
// Records the addresses a listing gives for members of `c`; true when it taught us the address
// of the channel's announcer (its creator) for the first time.
bool learn_member_addresses(NodeState& s, ChannelState& c, const wire::Channel& m);
// Once per housekeeping tick for a channel we are a member of: grafts (HELLO) members at their
// recorded addresses up to mesh_degree while fewer than mesh_degree_low member peers are in the
// table; the creator floods its listing again once it knows its own address (see node_mesh.cpp).
void maintain_mesh(NodeState& s, TimeNs now, ChannelState& c, Output& out);

// --- invitations (node_invite.cpp; PROTOCOL.md "Presets", invite-discovery) ---
// Whether a channel's creation is flooded for every node to learn of it (member-mesh with
// channel_discovery "flood"); under "invite" members learn of it from invitations instead.
bool floods_discovery(const NodeParams& p);
// Node::invitation and Node::accept_invitation (node.hpp).
std::optional<Invitation> make_invitation(const NodeState& s, TimeNs now, std::string_view channel_id);
bool accept_invitation(NodeState& s, const Invitation& invitation, Output& out);

// --- routing (node_routing.cpp; spec ####ROUTING) ---
// Sends our ROUTING to every live verified peer.
void send_routing(NodeState& s, TimeNs now, Output& out);
// Under routing_to_new_peer, a ROUTING to `p` (just verified) naming it alone at its address as we
// see it, so that a node behind a NAT learns its outside address one round trip after meeting us.
void tell_peer_its_address(NodeState& s, const Peer& p, Output& out);
// ROUTING from a live peer: learns routes and how the sender sees us.
void on_routing(NodeState& s, TimeNs now, const Inbound& in, const wire::Routing& m, Output& out);
// Greets nodes known only as routes: a HELLO to the advertised address, and for one still silent
// 2 x hello_interval_max_ns later a CONNECT through the peer that advertised it; at most
// routing_greetings_max steps per call (every housekeeping tick), so a long ROUTING list cannot
// start hundreds of handshakes at once.
void greet_routes(NodeState& s, TimeNs now, Output& out);

// --- CONNECT (node_connect.cpp; spec ####CONNECT) ---
// Step 1 as A: CONNECT through `rendezvous` towards `target`.
void connect(NodeState& s, TimeNs now, const Address& rendezvous, std::string_view target, Output& out);
// CONNECT: steps 1 and 3 as S, step 2 as B, step 5 as A; hole punching by HELLO.
void on_connect(NodeState& s, TimeNs now, const Inbound& in, const wire::Connect& m, Output& out);
// Any datagram from `from` (a HELLO naming `hello_node_id`) completes the attempts it matches.
void connect_progress(NodeState& s, const Address& from, std::string_view hello_node_id, Output& out);

}  // namespace ptplab::engine
