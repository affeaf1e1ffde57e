// The requirement table: sentences quoted from the spec, then our notes' outside-observable
// readings. Keys are stable; cases refer to them.
#include "conformance/requirements.hpp"

namespace ptplab::conformance {

namespace {
constexpr std::string_view kUserAction =
    "needs a user action on the target; the harness only speaks the wire";
constexpr std::string_view kTooSlow =
    "needs the target's long timers (tens of seconds); out of a short run's reach";
}  // namespace

const std::vector<Requirement>& requirements() {
  static const std::vector<Requirement> all = {
      // --- the spec ---
      {"FMT-1", "Message Format", Level::kMust, "Messages will be transferred in JSON.", ""},
      {"FMT-2", "Message Format", Level::kMust, "`msg_type` is required for all messges", ""},
      {"FMT-3", "Message Format", Level::kShould,
       "Should a recieved JSON message not contain a `msg_data` element, it should be treated as null (or "
       "None).",
       ""},
      {"FMT-4", "Message Format", Level::kShould, "All other elements in the head should be ignored.", ""},
      {"HELLO-1", "HELLO", Level::kShould, "`msg_data` is not required and should be ignored.", ""},
      {"HELLO-2", "HELLO", Level::kShould,
       "This message should be sent to known machines at an interval of between 0.5 to 2 seconds.", ""},
      {"HELLO-3", "HELLO", Level::kShould, "[HELLO] does not require a response.", ""},
      {"HELLO-4", "HELLO", Level::kShould,
       "Nodes upon receiving a HELLO message should now start sending HELLO messages in the same periodic "
       "fashion "
       "to the original node to maintain communication.",
       ""},
      {"ACK-1", "ACK", Level::kMust,
       "Sent after GETCERTIFICATE, CERTIFICATE, GETKEY, KEY, MESSAGE messages, used to notify that a message "
       "has "
       "been received correctly by the immediate recipient.",
       ""},
      {"ACK-2", "ACK", Level::kMust, "An ACK message *MUST* include the message ID of the received message.",
       ""},
      {"JOIN-1", "JOIN", Level::kShould,
       "A JOIN message is sent when: Once a node is joining an available channel (a channel in which this "
       "node "
       "has been made aware of)",
       kUserAction},
      {"JOIN-2", "JOIN", Level::kShould,
       "A JOIN message is sent when: When a node is already subscribed to a channel for which a *CHANNEL* "
       "message "
       "is received which did not include this node in its listing.",
       ""},
      {"JOIN-3", "JOIN", Level::kMust,
       "`msg_id` identifies this message; `node_id` contains the sending node id; `channel` the channel "
       "name; "
       "`channel_id` the channel id.",
       ""},
      {"CHANNEL-1", "CHANNEL", Level::kShould,
       "A CHANNEL message is sent when: A node creates a channel, to all neighbouring nodes.", kUserAction},
      {"CHANNEL-2", "CHANNEL", Level::kShould,
       "To maintain channels by periodically sending a CHANNEL message if this node has not received/sent a "
       "CHANNEL message for a channel this node is subscribed to.",
       kTooSlow},
      {"CHANNEL-3", "CHANNEL", Level::kMay,
       "Optionally, a node may send CHANNEL messages may be sent to newly connected nodes.", ""},
      {"CHANNEL-4", "CHANNEL", Level::kMust,
       "`members`: a list of `node_id` elements; `closed`: an optional flag that marks this channel as "
       "closed "
       "(default false).",
       ""},
      {"LEAVE-1", "LEAVE", Level::kShould,
       "A LEAVE message is sent when: Once a node leaves a channel it is subscribed to.", kUserAction},
      {"LEAVE-2", "LEAVE", Level::kShould,
       "A LEAVE message is sent when: When a node received a CHANNEL message which list this node which this "
       "node "
       "is not part of.",
       ""},
      {"LEAVE-3", "LEAVE", Level::kMust,
       "`msg_id` identifies this message; `node_id` contains the sending node id; `channel`; `channel_id`.",
       ""},
      {"GETCERT-1", "GETCERTIFICATE", Level::kShould,
       "The `msg_id` should also be the same in any responsive CERTIFICATE messages.", ""},
      {"GETCERT-2", "GETCERTIFICATE", Level::kShould,
       "Nodes *should* keep a record of certs against `node_id's` and store them locally if possible for "
       "future "
       "reference.",
       ""},
      {"GETCERT-3", "GETCERTIFICATE", Level::kMust, "`node_id` : contains the **sending** node id.", ""},
      {"CERT-1", "CERTIFICATE", Level::kMust,
       "A CERTIFICATE message is sent when: In response to a GETCERTIFICATE message.", ""},
      {"CERT-2", "CERTIFICATE", Level::kMust,
       "In this case, msg_id **must** be the same as the id in the received GETCERTIFICATE message.", ""},
      {"CERT-3", "CERTIFICATE", Level::kMust,
       "`recipient_id` : Contains the `node_id` that was present in the GETCERTIFICATE message this message "
       "is "
       "responding to.",
       ""},
      {"CERT-4", "CERTIFICATE", Level::kMust,
       "`certificate` : Contains the certificate as a base64 encoded string.", ""},
      {"CERT-5", "CERTIFICATE", Level::kShould,
       "A CERTIFICATE message is sent when: In advance of a GETCERTIFICATE message when this node has joined "
       "an "
       "encrypted channel.",
       kUserAction},
      {"GETKEY-1", "GETKEY", Level::kShould, "This message is sent to request a key to a closed channel.",
       kUserAction},
      {"KEY-1", "KEY", Level::kMust,
       "The key **must** be encrypted with the target's public key (which means that the sending node "
       "already has "
       "the recipient node's certificate).",
       ""},
      {"KEY-2", "KEY", Level::kMust,
       "Whether to send a KEY message is at the discretion of the sender, and holds the responsibility to "
       "determine "
       "if the recipient should receive the key.",
       ""},
      {"KEY-3", "KEY", Level::kMust,
       "`node_id` the sending node id; `recipient_id`; `channel`; `channel_id`; `cipher` defines the cipher "
       "used "
       "for the channel's encryption; `key` the key as a base64 encoded string.",
       ""},
      {"MSG-1", "MESSAGE", Level::kMust,
       "The `message` element **must** be signed by the sender's private key, to be verified by recipient "
       "node's "
       "using the senders public key",
       ""},
      {"MSG-2", "MESSAGE", Level::kMay,
       "(which they may or may not have, which may trigger GETCERTIFICATE messages to be sent).", ""},
      {"MSG-3", "MESSAGE", Level::kMust, "`attachment` : An optional list of attachments to this message.",
       ""},
      {"CONNECT-1", "CONNECT", Level::kMust,
       "1. *A* opens an available socket and sends the following to *S*: {\"dst\":\"<B's IP>\", "
       "\"src\":\"<A's Port>\"}",
       kUserAction},
      {"CONNECT-2", "CONNECT", Level::kMust,
       "2. *S* forwards the message to *B*, applying *A's* IP and swapping the addresses around: "
       "{\"dst\":\"<A's IP>:<A's Port>\", \"src\":\"<B's IP>\"}",
       ""},
      {"CONNECT-3", "CONNECT", Level::kMust,
       "3. *B* opens an available socket for communication, and returns the message to *S* **replacing** its "
       "IP "
       "with the newly opened port (at this time, *B* should start trying to communicate with *A*)",
       ""},
      {"CONNECT-4", "CONNECT", Level::kMust,
       "4. *S* forwards the message, adding *B's* IP to the packet and swapping them around: "
       "{\"dst\":\"<B's IP>:<B's Port>\", \"src\":\"<A's IP>:<A's Port>\"}",
       ""},
      {"CONNECT-5", "CONNECT", Level::kMust,
       "5. *A* now has a full CONNECT message and can now start communicating with B.", kUserAction},
      {"ROUTING-1", "ROUTING", Level::kMust,
       "`nodes` : A list of available nodes that this node is aware of. ([{\"node_id\", \"address\"}])", ""},
      {"ROUTING-2", "ROUTING", Level::kShould,
       "A periodic message sent by a node to neighbouring nodes which lists nodes it can communicate to. "
       "ROUTING "
       "Messages should be sent to all nodes that this node can communicate with directly, but a node may "
       "chose to "
       "omit results or to not send this message should it chose to.",
       ""},
      {"RELAY-1", "RELAY", Level::kMay, "*to be, well, figured out*",
       "undefined by the spec; relaying is checked through MESSAGE propagation (notes: PROPAGATION)"},
      // --- our protocol notes (engine/PROTOCOL.md, DESIGN.md), as an outside node observes them ---
      {"N-TRANSPORT", "notes: transport", Level::kMust, "One JSON object per UDP datagram, UTF-8.", ""},
      {"N-MALFORMED", "notes: transport", Level::kMust,
       "Anything malformed is dropped with a reason event; it never throws out of the engine and never "
       "crashes.",
       ""},
      {"N-HELLO", "notes: HELLO", Level::kShould,
       "HELLO: ours carry msg_data {\"node_id\", \"version\"} (receivers must accept a HELLO without it).",
       ""},
      {"N-PEER-TIMEOUT", "notes: HELLO", Level::kShould, "A peer silent for `peer_timeout` is dropped.",
       kTooSlow},
      {"N-ACK", "notes: ACK", Level::kMust, "A receiver ACKs duplicates again but delivers once.", ""},
      {"N-RETRANSMIT", "notes: ACK", Level::kShould,
       "The sender retransmits un-ACKed messages with exponential backoff up to a bound.", ""},
      {"N-IDS", "notes: IDs", Level::kMay, "`node_id` and `msg_id` are UUIDv4 strings by default.", ""},
      {"N-CERT", "notes: identity", Level::kMust,
       "Each node holds an EC P-256 key in a self-signed X.509 certificate whose subject names its "
       "`node_id`; "
       "`certificate` = base64 DER.",
       ""},
      {"N-SIGNATURE", "notes: MESSAGE", Level::kMust,
       "The signature (ECDSA P-256/SHA-256) covers msg_id, node_id, channel_id, timestamp and the body, so a "
       "relay "
       "cannot alter or splice it.",
       ""},
      {"N-FETCH", "notes: MESSAGE", Level::kShould,
       "Verification that needs a missing certificate triggers GETCERTIFICATE and completes when it arrives.",
       ""},
      {"N-KEY", "notes: closed channels", Level::kMust,
       "Closed channels: 256-bit channel key, cipher `AES-256-GCM`; KEY carries the key wrapped for the "
       "recipient's certificate (ECIES), and only members get it.",
       ""},
      {"N-PROPAGATION", "notes: propagation", Level::kMay,
       "Propagation of MESSAGE is a policy (direct, flood de-duplicated by msg_id, gossip, routed).", ""},
      {"N-ROUTING", "notes: ROUTING", Level::kShould,
       "ROUTING: sent periodically to direct peers, listing known nodes with their addresses as seen from "
       "outside; "
       "its size is bounded so it fits a datagram.",
       ""},
      {"N-CONNECT", "notes: CONNECT", Level::kMust,
       "CONNECT forwarded only between live peers and at a bounded rate.", ""},
      {"N-AMPLIFICATION", "notes: abuse", Level::kShould,
       "Never answer an unverified source with more than a small multiple of the bytes it sent.", ""},
      {"N-FLOOD", "notes: abuse", Level::kMust,
       "Per-source token buckets and bounded tables: a flood does not take the node down.", ""},
  };
  return all;
}

const Requirement* find_requirement(std::string_view key) {
  for (const auto& r : requirements()) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

std::string_view section_of(const Case& c) {
  const Requirement* r = find_requirement(c.req);
  return r != nullptr ? r->section : std::string_view("?");
}

}  // namespace ptplab::conformance
