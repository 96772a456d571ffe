#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""mkseeds.py - (re)write the harnesses' seed corpora in corpus/ from the
unit tests' data: the odp key/action cases of tests/test_odp.c, the
ovs-ofctl flows of tests/kf_wire_flows.txt, the flow_mods ovs-ofctl sent
for them (tests/kf_wire_golden.h), and hand-packed datapath replies.
Run from userspace/: python3 fuzz/mkseeds.py"""
import os
import re
import struct

OUT = "fuzz/corpus"


def put(harness, name, data):
    os.makedirs(os.path.join(OUT, harness), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(OUT, harness, name), "wb") as f:
        f.write(data)


def c_strings(block):
    return re.findall(r'^\s*\{ "((?:[^"\\]|\\.)*)"', block, re.M)


def odp_seeds():
    src = open("tests/test_odp.c").read()
    keys = c_strings(src.split("key_cases[]")[1].split("};")[0])
    acts = c_strings(src.split("act_cases[]")[1].split("};")[0])
    for i in range(max(len(keys), len(acts))):
        put("fuzz_odp_parse", "case%02d" % i,
            keys[i % len(keys)] + "\n" + acts[i % len(acts)])


def ofp_seeds():
    flows = [l for l in open("tests/kf_wire_flows.txt").read().splitlines()
             if l and not l.startswith("#")]
    for i, f in enumerate(flows[::3]):
        put("fuzz_ofp_parse", "flow%02d" % i, f)
    gold = open("tests/kf_wire_golden.h").read()
    hexes = re.findall(r'^\s*"([0-9a-f]{16,})",$', gold, re.M)
    for i, h in enumerate(hexes[::3]):
        put("fuzz_ofp_wire", "flow_mod%02d" % i, bytes.fromhex(h))
    hdr = lambda t, body: struct.pack("!BBHI", 4, t, 8 + len(body), 1) + body
    put("fuzz_ofp_wire", "hello",
        hdr(0, struct.pack("!HHI", 1, 8, 1 << 4)))
    put("fuzz_ofp_wire", "echo", hdr(2, b"ping"))
    put("fuzz_ofp_wire", "set_config", hdr(9, struct.pack("!HH", 0, 128)))
    put("fuzz_ofp_wire", "role", hdr(24, struct.pack("!I4xQ", 2, 5)))
    put("fuzz_ofp_wire", "mp_desc", hdr(18, struct.pack("!HH4x", 0, 0)))
    put("fuzz_ofp_wire", "mp_flow",
        hdr(18, struct.pack("!HH4xB3xII4xQQ", 1, 0, 0xff, 0xffffffff,
                            0xffffffff, 0, 0) + struct.pack("!HH4x", 1, 4)))
    put("fuzz_ofp_wire", "packet_out",
        hdr(13, struct.pack("!IIH6x", 0xffffffff, 0xfffffffd, 16) +
            struct.pack("!HHIH6x", 0, 16, 1, 0xffff) + b"\xff" * 14))
    put("fuzz_ofp_wire", "experimenter",
        hdr(4, struct.pack("!III", 0x2320, 16, 1)))


def nla(t, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, t) + payload + b"\0" * ((4 - n % 4) % 4)


def genl(cmd, dp_ifindex, attrs):
    return struct.pack("=BBHi", cmd, 1, 0, dp_ifindex) + b"".join(attrs)


def key_ipv4_tcp():
    return b"".join([
        nla(3, struct.pack("=I", 1)),                       # in_port
        nla(4, bytes(6) + bytes.fromhex("020000000002")),   # ethernet
        nla(6, struct.pack("!H", 0x0800)),                  # ethertype
        nla(7, bytes([10, 0, 0, 1, 10, 0, 0, 2, 6, 0, 64, 0])),
        nla(9, struct.pack("!HH", 80, 8080)),               # tcp
        nla(21, struct.pack("!H", 2)),                      # tcp_flags
        nla(16, nla(1, struct.pack("!Q", 5)) +              # tunnel
            nla(3, bytes([1, 1, 1, 1])) + nla(6, bytes([64])) +
            nla(12, nla(0x20, b"ab"))),
    ])


def dpif_seeds():
    put("fuzz_dpif_reply", "dp", b"\0" + genl(1, 3, [
        nla(1, b"kflow0\0"), nla(2, struct.pack("=QQQQ", 1, 2, 3, 4)),
        nla(4, struct.pack("=QI4xQQ", 5, 6, 7, 0)),
        nla(5, struct.pack("=I", 9)), nla(8, struct.pack("=I", 256))]))
    put("fuzz_dpif_reply", "vport", b"\1" + genl(1, 3, [
        nla(1, struct.pack("=I", 2)), nla(2, struct.pack("=I", 4)),
        nla(3, b"vxlan_sys_4789\0"),
        nla(4, nla(1, struct.pack("=H", 4789))),
        nla(5, struct.pack("=I", 77)),
        nla(6, struct.pack("=QQQQQQQQ", *range(8))),
        nla(7, struct.pack("=I", 9))]))
    acts = b"".join([
        nla(1, struct.pack("=I", 2)),                       # output
        nla(4, struct.pack("!HH", 0x8100, 0x100a)),         # push_vlan
        nla(3, nla(4, bytes(12))),                          # set eth
        nla(25, nla(7, bytes(24))),                         # set_masked ipv4
        nla(2, nla(1, struct.pack("=I", 1)) + nla(3, b"ab")),
        nla(20, nla(1, struct.pack("=I", 0)) +              # clone
            nla(1, struct.pack("=I", 3))),
        nla(6, nla(1, struct.pack("=I", 0xffffffff)) +      # sample
            nla(2, nla(1, struct.pack("=I", 1)))),
        nla(24, nla(1, struct.pack("=H", 100)) +            # check_pkt_len
            nla(2, nla(1, struct.pack("=I", 1))) +
            nla(3, nla(1, struct.pack("=I", 2)))),
        nla(25 + 1, b""),
    ])
    put("fuzz_dpif_reply", "flow", b"\2" + genl(1, 3, [
        nla(2, key_ipv4_tcp()), nla(1, acts),
        nla(3, struct.pack("=QQ", 10, 1000)),
        nla(4, bytes([0x12])), nla(5, struct.pack("=Q", 1234)),
        nla(8, key_ipv4_tcp()), nla(10, bytes(16))]))
    put("fuzz_upcall_key", "ipv4_tcp", key_ipv4_tcp())
    put("fuzz_upcall_key", "vlan_arp", b"".join([
        nla(3, struct.pack("=I", 2)), nla(4, bytes(12)),
        nla(6, struct.pack("!H", 0x8100)), nla(5, struct.pack("!H", 0x100a)),
        nla(10, nla(6, struct.pack("!H", 0x0806)) +
            nla(14, bytes(24)))]))
    put("fuzz_upcall_key", "ipv6_nd", b"".join([
        nla(3, struct.pack("=I", 1)), nla(4, bytes(12)),
        nla(6, struct.pack("!H", 0x86dd)), nla(8, bytes(40)),
        nla(12, bytes([135, 0])), nla(15, bytes(28))]))


odp_seeds()
ofp_seeds()
dpif_seeds()
