// encode(): wire::Message -> compact JSON with a fixed key order (the spec's order, ptplab's
// extensions last). Optional fields are written only when present; CHANNEL's `closed` always is.
#include "engine/wire/codec.hpp"
#include "engine/wire/json_writer.hpp"

namespace ptplab::wire {
namespace {

void field(JsonWriter& w, std::string_view k, std::string_view v) {
  w.key(k);
  w.string(v);
}

void base64_field(JsonWriter& w, std::string_view k, std::string_view bytes) {
  w.key(k);
  w.base64(bytes);
}

// [{"node_id": id}, ...] as used by CHANNEL.members and MESSAGE.recipient.
void node_id_list(JsonWriter& w, std::string_view k, const std::vector<std::string>& ids) {
  w.key(k);
  w.begin_array();
  for (const auto& id : ids) {
    w.begin_object();
    field(w, "node_id", id);
    w.end_object();
  }
  w.end_array();
}

// CHANNEL.members: [{"node_id": id}, ...], with "address" in each object that has one
// (the member-mesh extension; Channel::member_addresses).
void member_list(JsonWriter& w, const Channel& m) {
  w.key("members");
  w.begin_array();
  for (std::size_t i = 0; i < m.members.size(); ++i) {
    w.begin_object();
    field(w, "node_id", m.members[i]);
    if (i < m.member_addresses.size() && !m.member_addresses[i].empty())
      field(w, "address", m.member_addresses[i]);
    w.end_object();
  }
  w.end_array();
}

void channel_head(JsonWriter& w, std::string_view msg_id, std::string_view node_id, std::string_view channel,
                  std::string_view channel_id) {
  field(w, "msg_id", msg_id);
  field(w, "node_id", node_id);
  field(w, "channel", channel);
  field(w, "channel_id", channel_id);
}

// Writes the members of msg_data (between its braces) for each verb.
struct DataWriter {
  JsonWriter& w;

  void operator()(const Hello& m) const {
    if (m.node_id) field(w, "node_id", *m.node_id);
    if (m.version) field(w, "version", *m.version);
  }
  void operator()(const Ack& m) const { field(w, "msg_id", m.msg_id); }
  void operator()(const Join& m) const { channel_head(w, m.msg_id, m.node_id, m.channel, m.channel_id); }
  void operator()(const Leave& m) const { channel_head(w, m.msg_id, m.node_id, m.channel, m.channel_id); }
  void operator()(const GetKey& m) const { channel_head(w, m.msg_id, m.node_id, m.channel, m.channel_id); }
  void operator()(const Channel& m) const {
    channel_head(w, m.msg_id, m.node_id, m.channel, m.channel_id);
    member_list(w, m);
    w.key("closed");
    w.boolean(m.closed);
  }
  void operator()(const GetCertificate& m) const {
    field(w, "msg_id", m.msg_id);
    field(w, "node_id", m.node_id);
  }
  void operator()(const Certificate& m) const {
    field(w, "msg_id", m.msg_id);
    field(w, "node_id", m.node_id);
    field(w, "recipient_id", m.recipient_id);
    base64_field(w, "certificate", m.certificate);
  }
  void operator()(const Key& m) const {
    field(w, "msg_id", m.msg_id);
    field(w, "node_id", m.node_id);
    field(w, "recipient_id", m.recipient_id);
    field(w, "channel", m.channel);
    field(w, "channel_id", m.channel_id);
    field(w, "cipher", m.cipher);
    base64_field(w, "key", m.key);
  }
  void operator()(const ChatMessage& m) const {
    field(w, "msg_id", m.msg_id);
    field(w, "node_id", m.node_id);
    node_id_list(w, "recipient", m.recipient);
    w.key("timestamp");
    w.integer(m.timestamp);
    field(w, "channel", m.channel);
    field(w, "channel_id", m.channel_id);
    base64_field(w, "message", m.message);
    if (!m.attachment.empty()) {
      w.key("attachment");
      w.begin_array();
      for (const auto& a : m.attachment) {
        w.begin_object();
        base64_field(w, "attachment", a.attachment);
        field(w, "attachment_type", a.attachment_type);
        w.end_object();
      }
      w.end_array();
    }
    if (m.hops) {
      w.key("hops");
      w.integer(*m.hops);
    }
  }
  void operator()(const Connect& m) const {
    field(w, "dst", m.dst);
    field(w, "src", m.src);
    if (m.src_node_id) field(w, "src_node_id", *m.src_node_id);
    if (m.dst_node_id) field(w, "dst_node_id", *m.dst_node_id);
  }
  void operator()(const Routing& m) const {
    if (m.node_id) field(w, "node_id", *m.node_id);
    w.key("nodes");
    w.begin_array();
    for (const auto& e : m.nodes) {
      w.begin_object();
      field(w, "node_id", e.node_id);
      field(w, "address", e.address);
      w.end_object();
    }
    w.end_array();
  }
};

}  // namespace

std::string encode(const Message& message) {
  // One buffer per thread, grown to the largest datagram built so far and reused; the result is
  // copied out at its exact size (heaptrack, flood-1k at 8,000 nodes: the reserve-then-grow
  // buffers held 2,347 bytes per 1,671-byte relayed MESSAGE and 320 per 79-byte ACK).
  thread_local std::string buffer;
  JsonWriter w(buffer);
  w.begin_object();
  field(w, "msg_type", verb_name(verb_of(message)));
  const auto* hello = std::get_if<Hello>(&message);
  if (hello == nullptr || hello->node_id || hello->version) {
    w.key("msg_data");
    w.begin_object();
    std::visit(DataWriter{w}, message);
    w.end_object();
  }
  w.end_object();
  return w.take();
}

}  // namespace ptplab::wire
