#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send N TCP SYNs from distinct random source ports on an AF_PACKET
socket (no kernel TCP involved), paced at a rate (packets per second).
DPORT "random-not-P": each SYN to a random destination port other than P.

    synsend.py IFACE SRC_MAC DST_MAC SRC_IP DST_IP DPORT N PPS
"""
import random
import socket
import struct
import sys
import time


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ones_add(a, b):
    s = a + b
    return (s & 0xFFFF) + (s >> 16)


def syn_template(smac, dmac, sip, dip, dport):
    """The frame for source port 0 and its TCP checksum: a source port p
    then adds p to the one's complement sum (RFC 1624), no re-summing."""
    tcp = struct.pack("!HHIIBBHHH", 0, dport, 1, 0, 5 << 4, 0x02, 64240,
                      0, 0)
    pseudo = sip + dip + struct.pack("!BBH", 0, 6, len(tcp))
    tcp_sum = ~csum(pseudo + tcp) & 0xFFFF
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000,
                     64, 6, 0, sip, dip)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    head = dmac + smac + b"\x08\x00" + ip
    return head, tcp, tcp_sum


def syn(template, sport, dport=None):
    """dport None: the template's; else the template's must be 0."""
    head, tcp, tcp_sum = template
    check = ones_add(tcp_sum, sport)
    if dport is not None:
        check = ones_add(check, dport)
        tcp = tcp[:2] + struct.pack("!H", dport) + tcp[4:]
    check = ~check & 0xFFFF
    return (head + struct.pack("!H", sport) + tcp[2:16] +
            struct.pack("!H", check) + tcp[18:])


def main(argv):
    if len(argv) != 9:
        sys.exit(__doc__)
    iface, smac, dmac, sip, dip = argv[1:6]
    count, pps = int(argv[7]), float(argv[8])
    smac = bytes.fromhex(smac.replace(":", ""))
    dmac = bytes.fromhex(dmac.replace(":", ""))
    sports = random.sample(range(1024, 65536), count)
    if argv[6].startswith("random-not-"):
        skip = int(argv[6][len("random-not-"):])
        template = syn_template(smac, dmac, socket.inet_aton(sip),
                                socket.inet_aton(dip), 0)
        dports = [p for p in random.sample(range(1, 65536), count + 1)
                  if p != skip][:count]
        frames = [syn(template, s, d) for s, d in zip(sports, dports)]
    else:
        template = syn_template(smac, dmac, socket.inet_aton(sip),
                                socket.inet_aton(dip), int(argv[6]))
        frames = [syn(template, p) for p in sports]
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((iface, 0))
    start = time.monotonic()
    for i, frame in enumerate(frames):
        sock.send(frame)
        if i % 50 == 49:
            ahead = start + (i + 1) / pps - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)


if __name__ == "__main__":
    main(sys.argv)
