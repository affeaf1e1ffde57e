// msg_data readers for every verb (see decode_verbs.hpp and engine/PROTOCOL.md for the rules).
#include "engine/wire/decode_verbs.hpp"

namespace ptplab::wire {
namespace {

// An array element that must be an object; nullopt (with the error recorded) otherwise.
std::optional<simdjson::dom::object> object_at(simdjson::dom::element e, const Path& at,
                                               DecodeStatus& status) {
  simdjson::dom::object o;
  if (e.get_object().get(o) != simdjson::SUCCESS) {
    status.fail(DecodeErrorCode::kWrongType, at,
                "expected an object, found " + std::string(json_type_name(e.type())));
    return std::nullopt;
  }
  return o;
}

// The array `name` of objects, each read by `read_item(FieldReader&)` with only `keys` allowed;
// stops at the first element in error (recorded in r.status()).
template <class ReadItem>
auto object_list(FieldReader& r, std::string_view name, bool required,
                 std::initializer_list<std::string_view> keys, ReadItem read_item) {
  std::vector<decltype(read_item(r))> out;
  const auto list = r.array(name, required);
  if (!list) return out;
  const Path list_path = r.path_of(name);
  out.reserve(list->size());
  std::size_t i = 0;
  for (const auto e : *list) {
    const Path at = Path::element(list_path, i++);
    const auto o = object_at(e, at, r.status());
    if (!o) break;
    FieldReader item(r.status(), *o, at, keys);
    out.push_back(read_item(item));
    if (!r.status().ok()) break;
  }
  return out;
}

// [{"node_id": id}, ...] (CHANNEL.members, MESSAGE.recipient).
std::vector<std::string> node_id_list(FieldReader& r, std::string_view name) {
  return object_list(r, name, true, {"node_id"}, [](FieldReader& item) { return item.id("node_id"); });
}

// CHANNEL.members with the member-mesh extension: an "address" string in a member object is
// kept (parallel to the ids), any other value of it ignored like an unknown key.
void channel_members(FieldReader& r, Channel& m) {
  bool any_address = false;
  const auto items = object_list(r, "members", true, {"node_id", "address"}, [&](FieldReader& item) {
    std::pair<std::string, std::string> p{item.id("node_id"), item.string_if_string("address").value_or("")};
    any_address = any_address || !p.second.empty();
    return p;
  });
  for (const auto& [id, address] : items) {
    m.members.push_back(id);
    if (any_address) m.member_addresses.push_back(address);
  }
}

std::vector<Attachment> attachments(FieldReader& r) {
  return object_list(r, "attachment", false, {"attachment", "attachment_type"}, [](FieldReader& item) {
    Attachment a;
    a.attachment = item.base64("attachment");
    a.attachment_type = item.id("attachment_type");
    return a;
  });
}

std::vector<RoutingEntry> routing_entries(FieldReader& r) {
  return object_list(r, "nodes", true, {"node_id", "address"}, [](FieldReader& item) {
    RoutingEntry entry;
    entry.node_id = item.id("node_id");
    entry.address = item.id("address");
    return entry;
  });
}

// JOIN, LEAVE and GETKEY share one shape.
template <class T>
T channel_notice(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"msg_id", "node_id", "channel", "channel_id"});
  T m;
  m.msg_id = r.id("msg_id");
  m.node_id = r.id("node_id");
  m.channel = r.text("channel");
  m.channel_id = r.id("channel_id");
  return m;
}

Ack read_ack(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"msg_id"});
  return Ack{r.id("msg_id")};
}

Channel read_channel(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"msg_id", "node_id", "channel", "channel_id", "members", "closed"});
  Channel m;
  m.msg_id = r.id("msg_id");
  m.node_id = r.id("node_id");
  m.channel = r.text("channel");
  m.channel_id = r.id("channel_id");
  channel_members(r, m);
  m.closed = r.optional_bool("closed", false);
  return m;
}

GetCertificate read_get_certificate(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"msg_id", "node_id"});
  GetCertificate m;
  m.msg_id = r.id("msg_id");
  m.node_id = r.id("node_id");
  return m;
}

Certificate read_certificate(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"msg_id", "node_id", "recipient_id", "certificate"});
  Certificate m;
  m.msg_id = r.id("msg_id");
  m.node_id = r.id("node_id");
  m.recipient_id = r.id("recipient_id");
  m.certificate = r.base64("certificate");
  return m;
}

Key read_key(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path,
                {"msg_id", "node_id", "recipient_id", "channel", "channel_id", "cipher", "key"});
  Key m;
  m.msg_id = r.id("msg_id");
  m.node_id = r.id("node_id");
  m.recipient_id = r.id("recipient_id");
  m.channel = r.text("channel");
  m.channel_id = r.id("channel_id");
  m.cipher = r.id("cipher");
  m.key = r.base64("key");
  return m;
}

ChatMessage read_message(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path,
                {"msg_id", "node_id", "recipient", "timestamp", "channel", "channel_id", "message",
                 "attachment", "hops"});
  ChatMessage m;
  m.msg_id = r.id("msg_id");
  m.node_id = r.id("node_id");
  m.recipient = node_id_list(r, "recipient");
  m.timestamp = r.int64("timestamp");
  m.channel = r.text("channel");
  m.channel_id = r.id("channel_id");
  m.message = r.base64("message");
  m.attachment = attachments(r);
  m.hops = r.optional_uint32("hops");
  return m;
}

Connect read_connect(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"dst", "src", "src_node_id", "dst_node_id"});
  Connect m;
  m.dst = r.id("dst");
  m.src = r.id("src");
  m.src_node_id = r.optional_id("src_node_id");
  m.dst_node_id = r.optional_id("dst_node_id");
  return m;
}

Routing read_routing(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"node_id", "nodes"});
  Routing m;
  m.node_id = r.optional_id("node_id");
  m.nodes = routing_entries(r);
  return m;
}

}  // namespace

Hello read_hello(simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  FieldReader r(status, data, path, {"node_id", "version"});
  Hello m;
  m.node_id = r.string_if_string("node_id");
  m.version = r.string_if_string("version");
  return m;
}

Message read_msg_data(Verb verb, simdjson::dom::object data, const Path& path, DecodeStatus& status) {
  switch (verb) {
    case Verb::kHello: return read_hello(data, path, status);
    case Verb::kAck: return read_ack(data, path, status);
    case Verb::kJoin: return channel_notice<Join>(data, path, status);
    case Verb::kChannel: return read_channel(data, path, status);
    case Verb::kLeave: return channel_notice<Leave>(data, path, status);
    case Verb::kGetCertificate: return read_get_certificate(data, path, status);
    case Verb::kCertificate: return read_certificate(data, path, status);
    case Verb::kGetKey: return channel_notice<GetKey>(data, path, status);
    case Verb::kKey: return read_key(data, path, status);
    case Verb::kMessage: return read_message(data, path, status);
    case Verb::kConnect: return read_connect(data, path, status);
    case Verb::kRouting: return read_routing(data, path, status);
  }
  return Hello{};
}

}  // namespace ptplab::wire
