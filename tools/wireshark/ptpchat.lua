-- Wireshark/tshark dissector for ptpchat: one JSON object per UDP datagram
-- (the ptpchat spec, PROTOCOL.md of https://github.com/MUzzell/ptpchat; ptplab's reading of it,
-- field by field, in engine/PROTOCOL.md).
--
--   tshark -X lua_script:tools/wireshark/ptpchat.lua -r run.pcap -Y ptpchat
--   wireshark -X lua_script:tools/wireshark/ptpchat.lua run.pcap   (or copy it to the personal
--                                                                   plugins folder)
--
-- Registers on the UDP ports of the "ptpchat.ports" preference (default 7000,9001: 7000 is the
-- port of every simulated node, 9001 the default of `ptplab node --listen`; set others with
-- `-o ptpchat.ports:9001-9010`) and, heuristically, on any UDP datagram that is a JSON
-- object with a "msg_type" key. Shows the verb, msg_id, node_id, channel, recipients, every
-- msg_data field, and a MESSAGE's signed envelope decoded (engine/PROTOCOL.md, "Node: the
-- MESSAGE envelope"). Follows a msg_id across hops: ptpchat.msg_id.seen counts the datagrams
-- that carried it so far, ptpchat.msg_id.first / .previous are the frames that carried it first
-- and last before this one (filter `ptpchat.msg_id == "..."` to see its path hop by hop).
-- ptpchat.verb is the msg_type when it is one of the twelve verbs and "invalid" otherwise, as
-- the `traffic` table of a ptplab report counts them.

local p = Proto("ptpchat", "ptpchat P2P chat protocol")

local VERBS = {
  HELLO = true, ACK = true, JOIN = true, CHANNEL = true, LEAVE = true, GETCERTIFICATE = true,
  CERTIFICATE = true, GETKEY = true, KEY = true, MESSAGE = true, CONNECT = true, ROUTING = true,
}
local BODY_KINDS = { [0] = "plain", [1] = "channel key", [2] = "multi-cert" }

local f = {
  verb = ProtoField.string("ptpchat.verb", "Verb"),
  msg_type = ProtoField.string("ptpchat.msg_type", "msg_type"),
  msg_id = ProtoField.string("ptpchat.msg_id", "msg_id"),
  node_id = ProtoField.string("ptpchat.node_id", "node_id"),
  channel = ProtoField.string("ptpchat.channel", "Channel"),
  channel_id = ProtoField.string("ptpchat.channel_id", "channel_id"),
  recipient = ProtoField.string("ptpchat.recipient", "Recipient node_id"),
  recipients = ProtoField.uint32("ptpchat.recipients", "Recipients"),
  field = ProtoField.string("ptpchat.field", "Field"),
  seen = ProtoField.uint32("ptpchat.msg_id.seen", "Datagrams with this msg_id so far"),
  first = ProtoField.framenum("ptpchat.msg_id.first", "First carried in"),
  previous = ProtoField.framenum("ptpchat.msg_id.previous", "Previously carried in"),
  env_version = ProtoField.uint8("ptpchat.envelope.version", "Version"),
  env_msg_id = ProtoField.string("ptpchat.envelope.msg_id", "msg_id"),
  env_node_id = ProtoField.string("ptpchat.envelope.node_id", "node_id (sender)"),
  env_channel_id = ProtoField.string("ptpchat.envelope.channel_id", "channel_id"),
  env_timestamp = ProtoField.int64("ptpchat.envelope.timestamp", "Timestamp (ms)"),
  env_kind = ProtoField.string("ptpchat.envelope.body_kind", "Body kind"),
  env_body_len = ProtoField.uint32("ptpchat.envelope.body_length", "Body length"),
  env_text = ProtoField.string("ptpchat.envelope.text", "Text"),
  env_signature = ProtoField.string("ptpchat.envelope.signature", "Signature (r || s, hex)"),
}
p.fields = {
  f.verb, f.msg_type, f.msg_id, f.node_id, f.channel, f.channel_id, f.recipient, f.recipients,
  f.field, f.seen, f.first, f.previous, f.env_version, f.env_msg_id, f.env_node_id,
  f.env_channel_id, f.env_timestamp, f.env_kind, f.env_body_len, f.env_text, f.env_signature,
}
p.prefs.ports = Pref.range("UDP ports", "7000,9001", "UDP ports decoded as ptpchat", 65535)

-- JSON ----------------------------------------------------------------------------------------
-- A small parser: objects become { keys = {k1, k2, ...}, values = {k = v} } (document order),
-- arrays Lua lists, strings/numbers/booleans themselves, null the JSON_NULL sentinel.
local JSON_NULL = {}

local function skip(s, i)
  return s:find("[^ \t\r\n]", i) or (#s + 1)
end

local parse_value

local function parse_string(s, i)
  local out, j = {}, i + 1
  while j <= #s do
    local c = s:sub(j, j)
    if c == '"' then return table.concat(out), j + 1 end
    if c == "\\" then
      local e = s:sub(j + 1, j + 1)
      local map = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
      if map[e] then
        out[#out + 1] = map[e]; j = j + 2
      elseif e == "u" then
        local code = tonumber(s:sub(j + 2, j + 5), 16)
        if not code then return nil end
        out[#out + 1] = code < 128 and string.char(code) or "?"; j = j + 6
      else
        return nil
      end
    else
      out[#out + 1] = c; j = j + 1
    end
  end
  return nil
end

parse_value = function(s, i, depth)
  if depth > 64 then return nil end
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local obj = { keys = {}, values = {} }
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then return obj, i + 1 end
    while true do
      if s:sub(i, i) ~= '"' then return nil end
      local k; k, i = parse_string(s, i)
      if not k then return nil end
      i = skip(s, i)
      if s:sub(i, i) ~= ":" then return nil end
      local v; v, i = parse_value(s, i + 1, depth + 1)
      if v == nil then return nil end
      if obj.values[k] == nil then obj.keys[#obj.keys + 1] = k end
      obj.values[k] = v
      i = skip(s, i)
      local d = s:sub(i, i)
      if d == "}" then return obj, i + 1 end
      if d ~= "," then return nil end
      i = skip(s, i + 1)
    end
  elseif c == "[" then
    local arr = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return arr, i + 1 end
    while true do
      local v; v, i = parse_value(s, i, depth + 1)
      if v == nil then return nil end
      arr[#arr + 1] = v
      i = skip(s, i)
      local d = s:sub(i, i)
      if d == "]" then return arr, i + 1 end
      if d ~= "," then return nil end
      i = i + 1
    end
  elseif c == '"' then
    return parse_string(s, i)
  elseif s:sub(i, i + 3) == "true" then
    return true, i + 4
  elseif s:sub(i, i + 4) == "false" then
    return false, i + 5
  elseif s:sub(i, i + 3) == "null" then
    return JSON_NULL, i + 4
  else
    local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    if not num or num == "" then return nil end
    return tonumber(num), i + #num
  end
end

local function parse_json(s)
  local v, i = parse_value(s, 1, 0)
  if v == nil or skip(s, i) <= #s then return nil end
  return v
end

local function is_object(v) return type(v) == "table" and v.keys ~= nil end

local function text_of(v)
  if type(v) == "string" then return v end
  if v == JSON_NULL then return "null" end
  if type(v) == "table" then return is_object(v) and "{...}" or ("[" .. #v .. " items]") end
  return tostring(v)
end

-- base64 and the envelope ---------------------------------------------------------------------
local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local B64_INDEX = {}
for k = 1, 64 do B64_INDEX[B64:sub(k, k)] = k - 1 end

local function base64_decode(s)
  local out, acc, bits = {}, 0, 0
  for k = 1, #s do
    local c = s:sub(k, k)
    if c == "=" then break end
    local v = B64_INDEX[c]
    if v == nil then return nil end
    acc = acc * 64 + v
    bits = bits + 6
    if bits >= 8 then
      bits = bits - 8
      local byte = math.floor(acc / 2 ^ bits)
      out[#out + 1] = string.char(byte)
      acc = acc - byte * 2 ^ bits
    end
  end
  return table.concat(out)
end

local function be(bytes, at, n)
  local v = 0
  for k = 0, n - 1 do v = v * 256 + bytes:byte(at + k) end
  return v
end

-- The envelope's fields, or nil when `b` is not a well-formed envelope.
local function parse_envelope(b)
  if #b < 1 or b:byte(1) ~= 1 then return nil end
  local e, at = { version = 1 }, 2
  for _, name in ipairs({ "msg_id", "node_id", "channel_id" }) do
    if at + 1 > #b then return nil end
    local n = be(b, at, 2)
    if at + 1 + n > #b then return nil end
    e[name] = b:sub(at + 2, at + 1 + n)
    at = at + 2 + n
  end
  if at + 8 + 1 + 4 - 1 > #b then return nil end
  local ts = be(b, at, 8)
  if b:byte(at) >= 128 then ts = ts - 2 ^ 64 end
  e.timestamp = ts
  e.kind = b:byte(at + 8)
  local n = be(b, at + 9, 4)
  at = at + 13
  if at + n - 1 + 64 ~= #b then return nil end
  e.body = b:sub(at, at + n - 1)
  e.signature = b:sub(at + n)
  return e
end

-- Following a msg_id --------------------------------------------------------------------------
local by_frame = {}  -- frame number -> { seen, first, previous }
local last_seen = {} -- msg_id -> { count, first frame, last frame }

function p.init()
  by_frame, last_seen = {}, {}
end

local function follow(pinfo, msg_id)
  local known = by_frame[pinfo.number]
  if known then return known end
  local s = last_seen[msg_id]
  local r
  if s then
    r = { seen = s.count + 1, first = s.first, previous = s.last }
    s.count, s.last = s.count + 1, pinfo.number
  else
    r = { seen = 1 }
    last_seen[msg_id] = { count = 1, first = pinfo.number, last = pinfo.number }
  end
  by_frame[pinfo.number] = r
  return r
end

-- The dissector -------------------------------------------------------------------------------
local function add_envelope(tree, tvb, text)
  local bytes = base64_decode(text)
  local e = bytes and parse_envelope(bytes)
  if not e then
    tree:add(f.field, tvb(), "message: not a well-formed envelope")
    return
  end
  local t = tree:add(p, tvb(), "Signed envelope (" .. #bytes .. " bytes)")
  t:add(f.env_version, tvb(), e.version)
  t:add(f.env_msg_id, tvb(), e.msg_id)
  t:add(f.env_node_id, tvb(), e.node_id)
  t:add(f.env_channel_id, tvb(), e.channel_id)
  t:add(f.env_timestamp, tvb(), Int64.new(e.timestamp))
  t:add(f.env_kind, tvb(), BODY_KINDS[e.kind] or ("unknown " .. e.kind))
  t:add(f.env_body_len, tvb(), #e.body)
  if e.kind == 0 then t:add(f.env_text, tvb(), e.body) end
  t:add(f.env_signature, tvb(), (e.signature:gsub(".", function(c) return string.format("%02x", c:byte()) end)))
end

local function add_fields(tree, tvb, data, prefix)
  for _, k in ipairs(data.keys) do
    local v = data.values[k]
    if is_object(v) then
      local sub = tree:add(f.field, tvb(), prefix .. k .. ": {...}")
      add_fields(sub, tvb, v, "")
    elseif type(v) == "table" and not is_object(v) and v ~= JSON_NULL then
      local sub = tree:add(f.field, tvb(), prefix .. k .. ": [" .. #v .. "]")
      for idx, item in ipairs(v) do
        if is_object(item) then
          add_fields(sub:add(f.field, tvb(), "[" .. (idx - 1) .. "]"), tvb, item, "")
        else
          sub:add(f.field, tvb(), "[" .. (idx - 1) .. "] " .. text_of(item))
        end
      end
    else
      tree:add(f.field, tvb(), prefix .. k .. ": " .. text_of(v))
    end
  end
end

local function dissect(tvb, pinfo, tree)
  local s = tvb:raw()
  local doc = parse_json(s)
  local msg_type = is_object(doc) and doc.values.msg_type or nil
  local verb = (type(msg_type) == "string" and VERBS[msg_type]) and msg_type or "invalid"
  pinfo.cols.protocol = "PTPCHAT"
  local t = tree:add(p, tvb(), "ptpchat " .. verb)
  t:add(f.verb, tvb(), verb)
  if type(msg_type) == "string" then t:add(f.msg_type, tvb(), msg_type) end
  local info = verb
  local data = is_object(doc) and doc.values.msg_data or nil
  if is_object(data) then
    local v = data.values
    if type(v.msg_id) == "string" then
      t:add(f.msg_id, tvb(), v.msg_id)
      local hop = follow(pinfo, v.msg_id)
      t:add(f.seen, tvb(), hop.seen)
      if hop.first then t:add(f.first, tvb(), hop.first) end
      if hop.previous then t:add(f.previous, tvb(), hop.previous) end
      info = info .. " msg_id=" .. v.msg_id:sub(1, 8)
      if hop.seen > 1 then info = info .. " (#" .. hop.seen .. ")" end
    end
    if type(v.node_id) == "string" then t:add(f.node_id, tvb(), v.node_id) end
    if type(v.channel) == "string" then
      t:add(f.channel, tvb(), v.channel)
      info = info .. " #" .. v.channel
    end
    if type(v.channel_id) == "string" then t:add(f.channel_id, tvb(), v.channel_id) end
    if type(v.recipient) == "table" and not is_object(v.recipient) and v.recipient ~= JSON_NULL then
      t:add(f.recipients, tvb(), #v.recipient)
      for _, r in ipairs(v.recipient) do
        if is_object(r) and type(r.values.node_id) == "string" then t:add(f.recipient, tvb(), r.values.node_id) end
      end
    end
    local fields = t:add(f.field, tvb(), "msg_data")
    add_fields(fields, tvb, data, "")
    if verb == "MESSAGE" and type(v.message) == "string" then add_envelope(t, tvb, v.message) end
  end
  pinfo.cols.info = info
  return tvb:len()
end

function p.dissector(tvb, pinfo, tree)
  return dissect(tvb, pinfo, tree)
end

-- Heuristic: a JSON object that names a msg_type.
local function heuristic(tvb, pinfo, tree)
  if tvb:len() < 2 then return false end
  local head = tvb:raw(0, math.min(tvb:len(), 64))
  if not head:match("^%s*{") or not tvb:raw():find('"msg_type"', 1, true) then return false end
  dissect(tvb, pinfo, tree)
  return true
end
p:register_heuristic("udp", heuristic)

local registered = nil
function p.prefs_changed()
  local udp = DissectorTable.get("udp.port")
  if registered then udp:remove(registered, p) end
  registered = p.prefs.ports
  udp:add(registered, p)
end
DissectorTable.get("udp.port"):add(p.prefs.ports, p)
registered = p.prefs.ports
