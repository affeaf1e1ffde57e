#!/usr/bin/env python3
"""pynode: a small, independent ptpchat node (HELLO, ACK, ROUTING; no crypto).

Written from the ptpchat spec (PROTOCOL.md of https://github.com/MUzzell/ptpchat, the UDP
revision) and the wire facts of the authors' UDP-era server
(https://github.com/MUzzell/ptpchat-server) alone, without reading ptplab's engine, so that `ptplab conform` can be checked against an implementation
other than ptplab's own (issue 14, item 5). Python 3 standard library only.

What it does on the wire (spec section in brackets):
- [Message Format] one JSON object per UDP datagram, UTF-8; `msg_type` (a string) is
  required, a missing `msg_data` is null, other head keys are ignored. Anything else
  (not UTF-8, not JSON, not an object, duplicate keys, trailing bytes) is dropped.
- [HELLO] a HELLO from an address not in the peer table registers it as a peer; the node
  then "starts sending HELLO messages in the same periodic fashion" to it: the first at
  once, then every 1 s (inside the spec's 0.5-2 s). `msg_data` of a received HELLO is
  otherwise ignored, except that a string `node_id` in it (the UDP-era server's HELLO) is
  kept to name the peer in ROUTING when it is usable (the rule for msg_id below). Its own HELLO carries {"node_id", "version"} like the UDP-era server's.
  A HELLO is never ACKed.
- [ACK] GETCERTIFICATE, CERTIFICATE, GETKEY, KEY and MESSAGE are the verbs the spec says
  are followed by an ACK; this node does not implement them otherwise (no certificates,
  keys, channels or relaying), but it does receive them, so it ACKs each one whose
  msg_data carries a msg_id (a non-empty string, at most 256 characters, valid Unicode
  without control characters), with that msg_id, and does nothing else. Received ACKs
  are ignored (this node never sends anything that needs one).
- [ROUTING] every 2 s (the first one 1 s after registration) each peer gets
  {"node_id": own id, "nodes": [{"node_id", "address": "ip:port"}]} listing the peers
  whose node_id it knows, the recipient first (with the address this node sees it at),
  then the most recently heard; entries are omitted ("a node may chose to omit results")
  so the datagram stays within 8,192 bytes, what the UDP-era server reads.
  Received ROUTING is ignored (the node only talks to peers that said HELLO to it).
- [JOIN, CHANNEL, LEAVE, CONNECT, RELAY] not implemented: received, counted, ignored.
- `--profile udp-era` instead behaves like the authors' UDP-era server: one
  2 s timer sends each peer a HELLO then a ROUTING; nothing is answered directly (a new
  peer's first HELLO waits for the next tick); no ACKs; a peer registers only from a HELLO
  whose node_id is a UUIDv4. The timings above are the default profile, `spec`.
- Peers silent for PEER_TIMEOUT (15 s, the UDP-era server's) are forgotten; the table
  holds at most MAX_PEERS; a HELLO from a new address while it is full is ignored.

Usage: pynode.py [--listen HOST:PORT] [--peer HOST:PORT]... [--profile spec|udp-era]
                 [--port-file FILE] [-v]
Port 0 binds a free port; the bound address is printed on stdout ("listening HOST:PORT
node_id ID") and, with --port-file, the port is written to FILE once the socket is bound.
"""

import argparse
import json
import os
import select
import signal
import socket
import sys
import time
import uuid
from typing import NamedTuple

VERSION = "pynode; 0.1"
PEER_TIMEOUT = 15.0  # seconds of silence after which a peer is forgotten
MAX_PEERS = 1024  # peer table bound
MAX_DATAGRAM = 8192  # bytes: the largest ROUTING sent (what the UDP-era server reads)
MAX_ID = 256  # characters: a longer node_id is not kept, a longer msg_id not ACKed
ACKED_VERBS = frozenset({"GETCERTIFICATE", "CERTIFICATE", "GETKEY", "KEY", "MESSAGE"})
IGNORED_VERBS = frozenset({"ACK", "ROUTING", "JOIN", "CHANNEL", "LEAVE", "CONNECT", "RELAY"})


class Profile(NamedTuple):
    """How the node behaves; times in seconds. `--profile` picks one of PROFILES."""

    greet_at_once: bool  # a new peer's first HELLO goes out on receipt of its HELLO (else on the tick)
    hello_interval: float  # between HELLOs to one peer
    routing_first: float  # from a peer's first HELLO to its first ROUTING (0: with that HELLO)
    routing_interval: float  # between ROUTINGs to one peer
    ack: bool  # ACK the verbs of ACKED_VERBS
    uuid4_only: bool  # register a peer only from a HELLO whose node_id is a UUIDv4


PROFILES = {
    # The spec read as written: HELLOs every 1 s (0.5-2 s), the first at once; ACKs.
    "spec": Profile(greet_at_once=True, hello_interval=1.0, routing_first=1.0, routing_interval=2.0,
                    ack=True, uuid4_only=False),
    # The authors' UDP-era server: every 2 s, from one timer, each registered peer
    # gets a HELLO then a ROUTING; nothing is answered directly; no ACKs; only UUIDv4 node_ids.
    "udp-era": Profile(greet_at_once=False, hello_interval=2.0, routing_first=0.0, routing_interval=2.0,
                       ack=False, uuid4_only=True),
}


def encode(msg_type, msg_data):
    """One message as the bytes of a datagram: compact JSON, ASCII-escaped (valid UTF-8)."""
    return json.dumps({"msg_type": msg_type, "msg_data": msg_data}, separators=(",", ":")).encode()


def _no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key")
    return dict(pairs)


def decode(datagram):
    """The (msg_type, msg_data) of a datagram, or None when it is not a well-formed message.

    Well-formed: strict UTF-8, exactly one JSON object without duplicate keys (RFC 8259
    leaves their meaning undefined), whose `msg_type` is a string. A missing `msg_data` is
    None (spec: "treated as null"); other head keys are ignored.
    """
    try:
        text = datagram.decode("utf-8", errors="strict")
        head = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except (ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or not isinstance(head.get("msg_type"), str):
        return None
    return head["msg_type"], head.get("msg_data")


class Peer:
    """A node that said HELLO from `address` (an (ip, port) tuple); times in monotonic s."""

    def __init__(self, address, node_id, now, first_hello, first_routing):
        self.address = address
        self.node_id = node_id
        self.last_heard = now
        self.next_hello = first_hello
        self.next_routing = first_routing


def advance(deadline, interval, now):
    """The deadline after `deadline`, on its grid of `interval`, or now + interval if late."""
    following = deadline + interval
    return following if following > now else now + interval


def is_uuid4(text):
    """Whether `text` is a UUIDv4 in its canonical 8-4-4-4-12 hex form (either case)."""
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        return False
    return parsed.version == 4 and str(parsed) == text.lower()


def usable_id(text):
    """Whether a received node_id or msg_id can be repeated in what this node sends (ROUTING,
    ACK): a non-empty string of at most MAX_ID characters, without control characters, that
    is valid Unicode (JSON lets a sender escape a lone UTF-16 surrogate, "\\ud800", which no
    UTF-8 text can carry)."""
    if not isinstance(text, str) or not 0 < len(text) <= MAX_ID:
        return False
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def socket_text(address):
    host, port = address[0], address[1]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class PyNode:
    """The node: one UDP socket, the peer table, and the two periodic sends."""

    def __init__(self, sock, profile, verbose=False):
        self.sock = sock
        self.profile = profile
        self.started = time.monotonic()  # the udp-era timer ticks at started + k * hello_interval
        self.node_id = str(uuid.uuid4())
        self.peers = {}  # address -> Peer
        self.verbose = verbose
        self.counts = {}  # verb (or "malformed") -> datagrams received

    def log(self, text):
        if self.verbose:
            print(text, file=sys.stderr, flush=True)

    def send(self, address, msg_type, msg_data):
        try:
            self.sock.sendto(encode(msg_type, msg_data), address)
        except OSError as error:  # e.g. an unreachable peer's ICMP error surfacing here
            self.log(f"send {msg_type} to {socket_text(address)}: {error}")

    def greet(self, peer, now):
        """Sends this node's HELLO to a peer and schedules the next one."""
        self.send(peer.address, "HELLO", {"node_id": self.node_id, "version": VERSION})
        peer.next_hello = advance(peer.next_hello, self.profile.hello_interval, now)

    def register(self, address, node_id, now):
        """Enters a peer in the table and schedules its first HELLO and ROUTING."""
        if self.profile.greet_at_once:
            first = now
        else:  # the next tick of the node's one timer
            first = advance(now - (now - self.started) % self.profile.hello_interval,
                            self.profile.hello_interval, now)
        peer = Peer(address, node_id, now, first, first + self.profile.routing_first)
        self.peers[address] = peer
        return peer

    def routing_for(self, recipient):
        """The ROUTING msg_data for `recipient`: known node_ids, trimmed to MAX_DATAGRAM."""
        others = sorted((p for p in self.peers.values() if p is not recipient),
                        key=lambda p: p.last_heard, reverse=True)
        nodes = []
        size = len(encode("ROUTING", {"node_id": self.node_id, "nodes": []}))
        for peer in [recipient] + others:
            if peer.node_id is None:
                continue
            entry = {"node_id": peer.node_id, "address": socket_text(peer.address)}
            entry_size = len(json.dumps(entry, separators=(",", ":"))) + 1  # and a comma
            if size + entry_size > MAX_DATAGRAM:
                continue
            nodes.append(entry)
            size += entry_size
        return {"node_id": self.node_id, "nodes": nodes}

    def on_datagram(self, datagram, address, now):
        message = decode(datagram)
        if message is None:
            self.counts["malformed"] = self.counts.get("malformed", 0) + 1
            return
        msg_type, msg_data = message
        self.counts[msg_type] = self.counts.get(msg_type, 0) + 1
        peer = self.peers.get(address)
        if peer is not None:
            peer.last_heard = now
        if msg_type == "HELLO":
            self.on_hello(msg_data, address, peer, now)
        elif msg_type in ACKED_VERBS:
            msg_id = msg_data.get("msg_id") if isinstance(msg_data, dict) else None
            if self.profile.ack and usable_id(msg_id):
                self.send(address, "ACK", {"msg_id": msg_id})
        elif msg_type not in IGNORED_VERBS:
            self.log(f"unknown verb {msg_type!r} from {socket_text(address)}")

    def on_hello(self, msg_data, address, peer, now):
        node_id = msg_data.get("node_id") if isinstance(msg_data, dict) else None
        if not usable_id(node_id) or (self.profile.uuid4_only and not is_uuid4(node_id)):
            node_id = None
        if peer is not None:
            if node_id is not None:
                peer.node_id = node_id
            return
        if len(self.peers) >= MAX_PEERS or (self.profile.uuid4_only and node_id is None):
            return
        peer = self.register(address, node_id, now)
        self.log(f"peer {socket_text(address)} {node_id}")
        if now >= peer.next_hello:
            self.greet(peer, now)

    def on_timer(self, now):
        for address, peer in list(self.peers.items()):
            if now - peer.last_heard > PEER_TIMEOUT:
                del self.peers[address]
                self.log(f"forgot {socket_text(address)}")
                continue
            if now >= peer.next_hello:
                self.greet(peer, now)
            if now >= peer.next_routing:
                self.send(address, "ROUTING", self.routing_for(peer))
                peer.next_routing = advance(peer.next_routing, self.profile.routing_interval, now)

    def next_deadline(self):
        times = [t for p in self.peers.values() for t in (p.next_hello, p.next_routing)]
        return min(times, default=time.monotonic() + 1.0)

    def bootstrap(self, address, now):
        """Greets a --peer: it enters the table as if it had said HELLO, without a node_id."""
        peer = self.peers.get(address) or self.register(address, None, now)
        peer.next_hello = now
        self.greet(peer, now)

    def run(self):
        while True:
            timeout = max(0.0, self.next_deadline() - time.monotonic())
            readable, _, _ = select.select([self.sock], [], [], timeout)
            if readable:
                for _ in range(256):  # drain a burst before the timers, but not forever
                    try:
                        datagram, address = self.sock.recvfrom(65535)
                    except BlockingIOError:
                        break
                    except OSError as error:  # e.g. ICMP port unreachable from a gone peer
                        self.log(f"recvfrom: {error}")
                        continue
                    try:
                        self.on_datagram(datagram, address[:2], time.monotonic())
                    except Exception as error:  # a bug of ours must not stop the node either
                        self.log(f"datagram from {socket_text(address[:2])}: {error!r}")
            self.on_timer(time.monotonic())


def parse_socket(text):
    """HOST:PORT or [IPv6]:PORT as (host, port); raises ValueError."""
    host, sep, port = text.rpartition(":")
    if not sep:
        raise ValueError(f"{text!r} is not HOST:PORT")
    return host.strip("[]") or "127.0.0.1", int(port)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:0", help="HOST:PORT to bind (port 0: a free one)")
    parser.add_argument("--peer", action="append", default=[], help="HOST:PORT to greet at start")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="spec",
                        help="spec: the spec as written (default); udp-era: the UDP-era server's timing, no ACKs")
    parser.add_argument("--port-file", help="write the bound port here once bound")
    parser.add_argument("-v", "--verbose", action="store_true", help="log peers and drops on stderr")
    args = parser.parse_args(argv)
    try:
        host, port = parse_socket(args.listen)
        peers = [parse_socket(p) for p in args.peer]
    except ValueError as error:
        parser.error(str(error))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    try:  # room for floods (hundreds of datagrams arrive between two reads)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    except OSError:
        pass
    sock.bind((host, port))
    sock.setblocking(False)
    bound = sock.getsockname()
    node = PyNode(sock, PROFILES[args.profile], args.verbose)
    if args.port_file:
        temporary = args.port_file + ".tmp"
        with open(temporary, "w") as f:
            f.write(f"{bound[1]}\n")
        os.replace(temporary, args.port_file)
    print(f"listening {socket_text(bound[:2])} node_id {node.node_id}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    now = time.monotonic()
    for address in peers:
        node.bootstrap(socket.getaddrinfo(*address, family, socket.SOCK_DGRAM)[0][4][:2], now)
    try:
        node.run()
    except KeyboardInterrupt:
        pass
    finally:
        node.log(f"received {node.counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
