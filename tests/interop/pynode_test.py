#!/usr/bin/env python3
"""Unit tests of pynode.py without a network: a fake socket records what the node sends.

Run: python3 tests/interop/pynode_test.py (tests/e2e/interop_pynode.sh runs it first).
"""

import json
import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pynode  # noqa: E402

A = ("127.0.0.1", 4001)
B = ("127.0.0.1", 4002)
ID_A = "6f1c1e0a-3b2f-4c4d-9e8f-0123456789ab"
ID_B = "0e5b7f7c-1d2e-4f3a-8b9c-a0b1c2d3e4f5"


class FakeSocket:
    def __init__(self):
        self.sent = []  # (address, decoded message)

    def sendto(self, data, address):
        self.sent.append((address, json.loads(data)))

    def verbs_to(self, address):
        return [m["msg_type"] for a, m in self.sent if a == address]


def hello(node_id):
    return json.dumps({"msg_type": "HELLO", "msg_data": {"node_id": node_id}}).encode()


def node(profile="spec"):
    sock = FakeSocket()
    n = pynode.PyNode(sock, pynode.PROFILES[profile])
    n.started = 0.0
    return n, sock


class DecodeTest(unittest.TestCase):
    def test_well_formed(self):
        self.assertEqual(pynode.decode(b'{"msg_type":"HELLO"}'), ("HELLO", None))
        self.assertEqual(pynode.decode(b' {"msg_data":{"a":1}, "msg_type":"ACK", "ttl":3} '), ("ACK", {"a": 1}))

    def test_dropped(self):
        for datagram in (b"", b"{}", b"[]", b"\xff", b'{"msg_type":1}', b'{"msg_type":"A"} x',
                         b'{"msg_type":"A","msg_type":"B"}', b"[" * 100000, b"\xef\xbb\xbf{}",
                         b'{"msg_type":"A","n":' + b"9" * 5000 + b"}"):
            self.assertIsNone(pynode.decode(datagram), datagram[:40])

    def test_ids(self):
        self.assertTrue(pynode.usable_id("abc"))
        for bad in ("", "\ud800", "a\x01b", "x" * 257, 5, None):
            self.assertFalse(pynode.usable_id(bad), repr(bad))
        self.assertTrue(pynode.is_uuid4(ID_A))
        self.assertFalse(pynode.is_uuid4("6f1c1e0a-3b2f-1c4d-9e8f-0123456789ab"))  # version 1
        self.assertFalse(pynode.is_uuid4("{" + ID_A + "}"))


class SpecProfileTest(unittest.TestCase):
    def test_hello_answered_at_once_then_every_second(self):
        n, sock = node()
        n.on_datagram(hello(ID_A), A, 10.0)
        self.assertEqual(sock.verbs_to(A), ["HELLO"])
        n.on_timer(10.9)
        self.assertEqual(sock.verbs_to(A), ["HELLO"])
        n.on_timer(11.0)  # second HELLO and first ROUTING
        self.assertEqual(sock.verbs_to(A), ["HELLO", "HELLO", "ROUTING"])
        n.on_datagram(hello(ID_A), A, 11.5)  # a known peer's HELLO is not answered again
        self.assertEqual(len(sock.verbs_to(A)), 3)

    def test_acks_the_acked_verbs_only(self):
        n, sock = node()
        for verb in ("GETCERTIFICATE", "CERTIFICATE", "GETKEY", "KEY", "MESSAGE", "JOIN", "CHANNEL", "ROUTING"):
            n.on_datagram(json.dumps({"msg_type": verb, "msg_data": {"msg_id": verb}}).encode(), A, 1.0)
        n.on_datagram(b'{"msg_type":"GETKEY","msg_data":{"msg_id":""}}', A, 1.0)
        n.on_datagram(b'{"msg_type":"GETKEY","msg_data":{"msg_id":"\\ud800"}}', A, 1.0)
        acked = [m["msg_data"]["msg_id"] for _, m in sock.sent if m["msg_type"] == "ACK"]
        self.assertEqual(acked, ["GETCERTIFICATE", "CERTIFICATE", "GETKEY", "KEY", "MESSAGE"])

    def test_routing_lists_recipient_first_and_others(self):
        n, sock = node()
        n.on_datagram(hello(ID_A), A, 1.0)
        n.on_datagram(hello(ID_B), B, 1.5)
        n.on_timer(2.0)
        routing = [m for a, m in sock.sent if a == A and m["msg_type"] == "ROUTING"][0]["msg_data"]
        self.assertEqual(routing["node_id"], n.node_id)
        self.assertEqual(routing["nodes"], [{"node_id": ID_A, "address": "127.0.0.1:4001"},
                                            {"node_id": ID_B, "address": "127.0.0.1:4002"}])

    def test_routing_fits_a_datagram(self):
        n, sock = node()
        for i in range(pynode.MAX_PEERS + 10):
            n.on_datagram(hello(f"{i:0>200}"), ("127.0.0.1", 10000 + i), 1.0)
        self.assertEqual(len(n.peers), pynode.MAX_PEERS)
        routing = n.routing_for(n.peers[("127.0.0.1", 10000)])
        self.assertLessEqual(len(pynode.encode("ROUTING", routing)), pynode.MAX_DATAGRAM)
        self.assertEqual(routing["nodes"][0]["address"], "127.0.0.1:10000")
        self.assertGreater(len(routing["nodes"]), 10)

    def test_silent_peer_forgotten(self):
        n, _ = node()
        n.on_datagram(hello(ID_A), A, 1.0)
        n.on_timer(16.0)
        self.assertIn(A, n.peers)
        n.on_timer(16.1)
        self.assertNotIn(A, n.peers)


class UdpEraProfileTest(unittest.TestCase):
    def test_answers_only_on_its_timer_and_never_acks(self):
        n, sock = node("udp-era")
        n.on_datagram(hello(ID_A), A, 2.5)
        n.on_datagram(b'{"msg_type":"GETCERTIFICATE","msg_data":{"msg_id":"m","node_id":"x"}}', A, 2.6)
        self.assertEqual(sock.sent, [])
        n.on_timer(3.9)
        self.assertEqual(sock.sent, [])
        n.on_timer(4.0)  # the tick: HELLO then ROUTING
        self.assertEqual(sock.verbs_to(A), ["HELLO", "ROUTING"])
        n.on_timer(6.0)
        self.assertEqual(sock.verbs_to(A), ["HELLO", "ROUTING", "HELLO", "ROUTING"])

    def test_registers_uuid4_node_ids_only(self):
        n, _ = node("udp-era")
        n.on_datagram(b'{"msg_type":"HELLO"}', A, 1.0)
        n.on_datagram(hello("not-a-uuid"), A, 1.0)
        self.assertEqual(n.peers, {})
        n.on_datagram(hello(ID_A), A, 1.0)
        self.assertEqual(n.peers[A].node_id, ID_A)


if __name__ == "__main__":
    unittest.main()
