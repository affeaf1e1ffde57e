// The adversary behaviours a scenario can name, and the factory that builds them. What each one
// sends is documented next to its make_ function; all share AdversaryContext's meaning:
// targets = victims (or the honest peers an insider attaches to), reflectors = honest hosts
// used to bounce traffic, rate_per_s = attack steps per second, params = per-behaviour knobs.
#pragma once

#include <memory>

#include "scenarios/adversaries/adversary.hpp"
#include "scenarios/format/scenario.hpp"

namespace ptplab::scenarios {

// Builds the adversary of `behaviour` (every value of scenarios::kBehaviours has one).
[[nodiscard]] std::unique_ptr<Endpoint> make_adversary(Behaviour behaviour, AdversaryContext context);

// HELLO to each target in turn; params.spoof_node_ids (bool, default true) gives every HELLO a
// fresh random node_id (false: one node_id throughout).
std::unique_ptr<Endpoint> make_hello_flood(AdversaryContext context);
// MESSAGE with a fresh msg_id and node_id and a bogus envelope of params.size_bytes (default 512),
// naming params.channel_id (set by the runner from params.channel) or a random channel id.
std::unique_ptr<Endpoint> make_message_flood(AdversaryContext context);
// params.verb (GETCERTIFICATE default, HELLO, GETKEY) to a reflector with the source forged as a
// target, so the answers land on the victim (Rossow's reflection).
std::unique_ptr<Endpoint> make_spoofed_flood(AdversaryContext context);
// CONNECT to a reflector (rendezvous S) asking it to reach another reflector B on behalf of a
// forged source (the target): S forwards and B starts punching towards the victim.
std::unique_ptr<Endpoint> make_connect_reflection(AdversaryContext context);
// Stays a peer of the targets and sends ROUTING with params.entries (default 32) honest node ids
// mapped to the adversary itself (params.redirect = "self", a black hole) or to the first target
// ("victim").
std::unique_ptr<Endpoint> make_routing_poisoning(AdversaryContext context);
// Up to params.identities (default 64) fake nodes, each a source port of the adversary's IP with
// its own node_id, HELLOing the targets in turn so all stay registered.
std::unique_ptr<Endpoint> make_sybil(AdversaryContext context);
// Sybil identities around the first target plus ROUTING that maps every honest node id to one of
// them, to cut the target off from the honest overlay.
std::unique_ptr<Endpoint> make_eclipse(AdversaryContext context);
// Takes the first target node id (or the first honest one) as its own, stays a peer of the
// targets, and answers every MESSAGE it receives with a forged MESSAGE reusing its msg_id.
std::unique_ptr<Endpoint> make_id_reuse(AdversaryContext context);
// Stays a peer of the targets, records up to kReplayCapacity datagrams of params.verb (default
// MESSAGE) it receives, and replays one per step once it is params.delay old (default 0; a
// duration text or ns).
std::unique_ptr<Endpoint> make_replay(AdversaryContext context);
// Malformed datagrams in turn: random bytes, truncated JSON, deep nesting, wrong types, unknown
// verbs, bad base64, params.size_bytes (default 256) in size where a size applies.
std::unique_ptr<Endpoint> make_malformed(AdversaryContext context);
// Unsolicited CERTIFICATE datagrams, each a valid self-signed certificate for a fresh node id
// (params.certificates distinct ones, default 256, made lazily), to fill certificate caches.
std::unique_ptr<Endpoint> make_certificate_spam(AdversaryContext context);

}  // namespace ptplab::scenarios
