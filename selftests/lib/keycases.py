# SPDX-License-Identifier: GPL-2.0
"""Inputs of the key parity test (selftests/tests/key_parity.sh).

frames():  53 Ethernet frame shapes, sent into a datapath port at every
           truncation length from 14 bytes up, for their upcall keys.
cases():   87 flow keys (and masks) built byte by byte, most of them
           malformed, for OVS_FLOW_CMD_NEW's validation.
ERRNO_DEVIATIONS: the validation cases on which kflow.ko and
           openvswitch.ko are known, and documented, to disagree.
"""
import errno
import struct

# OVS_KEY_ATTR_* (<linux/openvswitch.h>)
K_ENCAP, K_PRIORITY, K_IN_PORT, K_ETHERNET, K_VLAN, K_ETHERTYPE = \
    1, 2, 3, 4, 5, 6
K_IPV4, K_IPV6, K_TCP, K_UDP, K_ICMP, K_ICMPV6, K_ARP, K_ND = \
    7, 8, 9, 10, 11, 12, 13, 14
K_SKB_MARK, K_TUNNEL, K_SCTP, K_TCP_FLAGS, K_DP_HASH, K_RECIRC_ID = \
    15, 16, 17, 18, 19, 20
K_MPLS, K_CT_STATE, K_CT_ZONE, K_CT_MARK, K_CT_LABELS = 21, 22, 23, 24, 25
K_PACKET_TYPE, K_ND_EXT, K_IPV6_EXTHDRS = 29, 30, 32
K_CT = (K_CT_STATE, K_CT_ZONE, K_CT_MARK, K_CT_LABELS)
K_NESTED = (K_ENCAP, K_TUNNEL)


def nla(atype, payload):
    hdr = struct.pack("HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * ((4 - len(payload) % 4) % 4)


def u32(atype, v):
    return nla(atype, struct.pack("I", v))


def be16(t, v):
    return nla(t, struct.pack("!H", v))


def u8(t, v):
    return nla(t, bytes([v]))


def attrs(buf):
    """(type, payload) of each attribute of a nest."""
    off = 0
    while off + 4 <= len(buf):
        alen, atype = struct.unpack_from("HH", buf, off)
        if alen < 4:
            return
        yield atype & 0x3fff, buf[off + 4:off + alen]
        off += (alen + 3) & ~3


# ---- frames ----------------------------------------------------------------

DST = bytes.fromhex("020000000002")
SRC = bytes.fromhex("020000000001")
TGT = bytes.fromhex("fe80000000000000000000000000abcd")
MAC1 = bytes.fromhex("0a0b0c0d0e0f")
MAC2 = bytes.fromhex("1a1b1c1d1e1f")

# Sent after every probe: its upcall says the probe's (if any) came first.
SENTINEL = bytes.fromhex("02000000000202000000ff0188b5") + b"key-parity" * 5


def eth(t, payload, dst=DST, src=SRC):
    return dst + src + struct.pack("!H", t) + payload


def tagged(tags, t, payload):
    """tags: [(tpid, tci), ...] outermost first."""
    body = payload
    types = [tp for tp, _ in tags[1:]] + [t]
    for (tpid, tci), nt in reversed(list(zip(tags, types))):
        body = struct.pack("!HH", tci, nt) + body
    return DST + SRC + struct.pack("!H", tags[0][0]) + body


def ip4(proto, payload, frag=0, opts=b"", ihl=None, tos=0x12, ttl=33):
    hl = ihl if ihl is not None else 5 + len(opts) // 4
    tot = 20 + len(opts) + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | hl, tos, tot, 0x1234, frag, ttl,
                    proto, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return h + opts + payload


def ip6(nh, payload, tc=0x5a, label=0x12345, hlim=200):
    first = (6 << 28) | (tc << 20) | label
    return struct.pack("!IHBB", first, len(payload), nh, hlim) + \
        bytes.fromhex("fe800000000000000000000000000001") + \
        bytes.fromhex("20010db8000000000000000000000002") + payload


def tcp(flags=0x12, doff=5, opts=b""):
    return struct.pack("!HHIIBBHHH", 1234, 80, 1, 2, doff << 4 | 1, flags,
                       1000, 0, 0) + opts + b"data"


def udp():
    return struct.pack("!HHHH", 4000, 5000, 12, 0) + b"abcd"


def sctp():
    return struct.pack("!HHII", 7000, 8000, 1, 0) + b"chunk"


def icmp(t=8, c=0):
    return struct.pack("!BBHHH", t, c, 0, 1, 2) + b"ping"


def icmp6(t, c=0, body=b""):
    return struct.pack("!BBH", t, c, 0) + body


def nd(t, opts, code=0):
    return icmp6(t, code, b"\0\0\0\0" + TGT + opts)


def opt(kind, data):
    ln = (2 + len(data) + 7) // 8
    return bytes([kind, ln]) + data + b"\0" * (ln * 8 - 2 - len(data))


def ext(nh, length8=0, fill=b""):
    return bytes([nh, length8]) + (fill or b"\0" * (6 + 8 * length8))


def frag6(nh, off, m=0):
    return struct.pack("!BBHI", nh, 0, (off << 3) | m, 0xabcdef)


def arp(op=1, hln=6, pln=4, hrd=1, pro=0x0800):
    return struct.pack("!HHBBH", hrd, pro, hln, pln, op) + MAC1 + \
        bytes([10, 0, 0, 1]) + MAC2 + bytes([10, 0, 0, 2])


def llc(dsap, ssap, ctrl, rest):
    return bytes([dsap, ssap, ctrl]) + rest


def len802(payload, dst=DST):
    return dst + SRC + struct.pack("!H", len(payload)) + payload


def frames():
    """{shape name: full frame}, in a fixed order."""
    f = {}
    f["ip4-tcp"] = eth(0x800, ip4(6, tcp()))
    f["ip4-tcp-opts"] = eth(0x800, ip4(6, tcp(0xff, 7, b"\1" * 8),
                                       opts=b"\1\1\1\0"))
    f["ip4-tcp-baddoff"] = eth(0x800, ip4(6, tcp(doff=3)))
    f["ip4-tcp-bigdoff"] = eth(0x800, ip4(6, tcp(doff=15)))
    f["ip4-udp"] = eth(0x800, ip4(17, udp()))
    f["ip4-sctp"] = eth(0x800, ip4(132, sctp()))
    f["ip4-icmp"] = eth(0x800, ip4(1, icmp(3, 4)))
    f["ip4-gre"] = eth(0x800, ip4(47, b"\0" * 8))
    f["ip4-icmpv6proto"] = eth(0x800, ip4(58, icmp6(135)))
    f["ip4-frag-first"] = eth(0x800, ip4(17, udp(), frag=0x2000))
    f["ip4-frag-later"] = eth(0x800, ip4(17, udp(), frag=0x0010))
    f["ip4-bad-ihl"] = eth(0x800, ip4(17, udp(), ihl=3))
    f["ip4-big-ihl"] = eth(0x800, ip4(17, udp(), ihl=15))
    f["vlan-ip4-udp"] = tagged([(0x8100, 0x2005)], 0x800, ip4(17, udp()))
    f["qinq-ip4-tcp"] = tagged([(0x88a8, 0x0064), (0x8100, 0xe00a)], 0x800,
                               ip4(6, tcp()))
    f["qinq-8100-8100-arp"] = tagged([(0x8100, 0x0001), (0x8100, 0x0fff)],
                                     0x806, arp())
    f["triple-tag"] = tagged([(0x88a8, 1), (0x8100, 2), (0x8100, 3)], 0x800,
                             ip4(17, udp()))
    f["vlan-cfi"] = tagged([(0x8100, 0x1005)], 0x86dd, ip6(17, udp()))
    f["arp-req"] = eth(0x806, arp(1))
    f["arp-rep"] = eth(0x806, arp(2))
    f["rarp"] = eth(0x8035, arp(3))
    f["arp-bigop"] = eth(0x806, arp(0x101))
    f["arp-badhln"] = eth(0x806, arp(hln=8))
    f["arp-badpro"] = eth(0x806, arp(pro=0x86dd))
    f["ip6-tcp"] = eth(0x86dd, ip6(6, tcp()))
    f["ip6-udp"] = eth(0x86dd, ip6(17, udp()))
    f["ip6-sctp"] = eth(0x86dd, ip6(132, sctp()))
    f["ip6-icmp-proto1"] = eth(0x86dd, ip6(1, icmp()))
    f["ip6-echo"] = eth(0x86dd, ip6(58, icmp6(128, 0, b"\0\1\0\2abc")))
    f["ip6-ns-sll"] = eth(0x86dd, ip6(58, nd(135, opt(1, MAC1)), hlim=255))
    f["ip6-na-tll"] = eth(0x86dd, ip6(58, nd(136, opt(2, MAC2)), hlim=255))
    f["ip6-ns-both"] = eth(0x86dd, ip6(58, nd(135, opt(1, MAC1) +
                                              opt(2, MAC2) +
                                              opt(5, b"\0" * 6))))
    f["ip6-ns-dup-sll"] = eth(0x86dd, ip6(58, nd(135, opt(1, MAC1) +
                                                 opt(1, MAC2))))
    f["ip6-ns-zero-sll-dup"] = eth(0x86dd, ip6(58, nd(135, opt(1, b"\0" * 6) +
                                                      opt(1, MAC2))))
    f["ip6-ns-badlen"] = eth(0x86dd, ip6(58, nd(135, opt(1, MAC1) +
                                                bytes([2, 0]) + b"\0" * 6)))
    f["ip6-ns-longopt"] = eth(0x86dd, ip6(58, nd(135,
                                                 opt(1, MAC1 + b"xx" * 4))))
    f["ip6-ns-code1"] = eth(0x86dd, ip6(58, nd(135, opt(1, MAC1), code=1)))
    f["ip6-ns-trailing"] = eth(0x86dd, ip6(58, nd(135, opt(1, MAC1)) +
                                           b"\0" * 5))
    f["ip6-hbh-dst-tcp"] = eth(0x86dd, ip6(0, ext(60) + ext(6, 1) + tcp()))
    f["ip6-rh-udp"] = eth(0x86dd, ip6(43, ext(17, 0) + udp()))
    f["ip6-frag-first"] = eth(0x86dd, ip6(44, frag6(17, 0, 1) + udp()))
    f["ip6-frag-later"] = eth(0x86dd, ip6(44, frag6(17, 100, 0) + udp()))
    f["ip6-frag-later-ext"] = eth(0x86dd, ip6(44, frag6(60, 100) + ext(17) +
                                              udp()))
    f["ip6-none"] = eth(0x86dd, ip6(59, b"xxxx"))
    f["ip6-ah-tcp"] = eth(0x86dd, ip6(51, bytes([6, 1]) + b"\0" * 10 + tcp()))
    f["ip6-esp"] = eth(0x86dd, ip6(50, b"\0" * 16))
    f["802.2-llc"] = len802(llc(0x42, 0x42, 3, b"stp-bpdu-payload"))
    f["802.2-snap-ip4"] = len802(llc(0xaa, 0xaa, 3, b"\0\0\0\x08\x00" +
                                     ip4(17, udp())))
    f["802.2-snap-short"] = len802(llc(0xaa, 0xaa, 3, b"\0\0\0\x00\x40"))
    f["802.2-snap-oui"] = len802(llc(0xaa, 0xaa, 3, b"\0\0\x0c\x20\x00abc"))
    f["vlan-802.2"] = DST + SRC + struct.pack("!HHH", 0x8100, 7, 20) + \
        llc(0x42, 0x42, 3, b"x" * 17)
    f["lldp"] = eth(0x88cc, b"\x02\x07\x04" + b"\0" * 20)
    f["ethertype-0600"] = eth(0x600, b"z" * 10)
    return f


def truncations(frame):
    """Every length from a bare Ethernet header to the whole frame."""
    return range(14, len(frame) + 1)


# Upcall keys of these lengths (and of the whole frame) are installed as
# flows, each with three masks.
FLOW_KEY_LENGTHS = (30, 40)


# ---- flow key validation cases -------------------------------------------

ETH = nla(K_ETHERNET, bytes.fromhex("020000000001020000000002"))
INP = u32(K_IN_PORT, 1)
IP4 = nla(K_IPV4, bytes([10, 0, 0, 1, 10, 0, 0, 2, 6, 0, 64, 0]))
TCP = nla(K_TCP, struct.pack("!HH", 1, 2))
TCPF = be16(K_TCP_FLAGS, 0x12)
UDP = nla(K_UDP, struct.pack("!HH", 1, 2))
IP6 = nla(K_IPV6, b"\1" * 16 + b"\2" * 16 + struct.pack("!I", 5) +
          bytes([58, 0, 255, 0]))
ICMP6_NS = nla(K_ICMPV6, bytes([135, 0]))
ND = nla(K_ND, b"\3" * 16 + b"\4" * 6 + b"\0" * 6)
BASE = INP + ETH + be16(K_ETHERTYPE, 0x800) + IP4 + TCP + TCPF
L3 = be16(K_ETHERTYPE, 0x800) + IP4 + TCP + TCPF


def tun(*a):
    return nla(K_TUNNEL, b"".join(a))


# OVS_TUNNEL_KEY_ATTR_*
T_ID = nla(0, struct.pack("!Q", 5))
T_SRC = nla(1, bytes([1, 1, 1, 1]))
T_DST = nla(2, bytes([2, 2, 2, 2]))
T_DST0 = nla(2, bytes(4))
T_TTL = u8(4, 64)
T_TOS = u8(3, 1)
T_DF = nla(5, b"")
T_CSUM = nla(6, b"")
T_OAM = nla(7, b"")
T_GEN8 = nla(8, bytes([0, 1, 2, 1, 9, 9, 9, 9]))
T_TPS = be16(9, 100)
T_TPD = be16(10, 4789)
T_VX = nla(11, u32(1, 0x1234))
T_V6S = nla(12, b"\1" * 16)
T_V6D = nla(13, b"\2" * 16)


def cases():
    """[(name, key, mask or None)], in a fixed order."""
    c = []
    a = c.append
    vl = INP + ETH + be16(K_ETHERTYPE, 0x8100) + be16(K_VLAN, 0x1005)
    a(("base", BASE, None))
    a(("base-ones-mask", BASE, INP + nla(K_ETHERNET, b"\xff" * 12) +
       be16(K_ETHERTYPE, 0xffff) + nla(K_IPV4, b"\xff" * 12) +
       nla(K_TCP, b"\xff" * 4) + be16(K_TCP_FLAGS, 0xfff)))
    a(("dup-in-port", INP + BASE, None))
    a(("short-in-port", nla(K_IN_PORT, b"\1\0") + ETH + L3, None))
    a(("type-40", BASE + u32(40, 0), None))
    a(("type-0", BASE + nla(0, b""), None))
    a(("type-0-mask", BASE, nla(0, b"") + INP))
    a(("trailing", BASE + b"\0\0", None))
    a(("no-eth-l3", INP + L3, None))
    a(("no-eth-no-type", INP, None))
    a(("ethertype-05ff", INP + ETH + be16(K_ETHERTYPE, 0x5ff), None))
    a(("eth-only-8022", INP + ETH, None))
    a(("eth-only-8022-mask-type", INP + ETH,
       INP + be16(K_ETHERTYPE, 0xffff)))
    a(("ipv4-frag3", INP + ETH + be16(K_ETHERTYPE, 0x800) +
       nla(K_IPV4, bytes([10, 0, 0, 1, 10, 0, 0, 2, 6, 0, 64, 3])), None))
    a(("ipv4-frag-later-no-l4", INP + ETH + be16(K_ETHERTYPE, 0x800) +
       nla(K_IPV4, bytes([10, 0, 0, 1, 10, 0, 0, 2, 6, 0, 64, 2])), None))
    a(("ipv4-no-ipv4", INP + ETH + be16(K_ETHERTYPE, 0x800), None))
    a(("ipv4-no-tcp-flags", INP + ETH + be16(K_ETHERTYPE, 0x800) + IP4 + TCP,
       None))
    a(("ipv4-mask-ip-eth-wild", BASE, INP + nla(K_IPV4, b"\xff" * 12)))
    a(("ipv4-mask-tcp-proto-wild", BASE, INP + be16(K_ETHERTYPE, 0xffff) +
       nla(K_IPV4, b"\xff" * 8 + b"\0\0\0\0") + nla(K_TCP, b"\xff" * 4)))
    a(("ipv4-mask-tcp-ok", BASE, INP + be16(K_ETHERTYPE, 0xffff) +
       nla(K_IPV4, b"\xff" * 12) + nla(K_TCP, b"\xff" * 4)))
    a(("ipv4-mask-udp-on-tcp", BASE, INP + be16(K_ETHERTYPE, 0xffff) +
       nla(K_IPV4, b"\xff" * 12) + nla(K_UDP, b"\xff" * 4)))
    a(("ipv6-label-big", INP + ETH + be16(K_ETHERTYPE, 0x86dd) +
       nla(K_IPV6, b"\1" * 32 + struct.pack("!I", 0x100000) +
           bytes([17, 0, 1, 0])) + UDP, None))
    v6ns = INP + ETH + be16(K_ETHERTYPE, 0x86dd) + IP6 + ICMP6_NS
    a(("ipv6-ns-nd", v6ns + ND, None))
    a(("ipv6-ns-no-nd", v6ns, None))
    a(("ipv6-ns-nd-mask-tpsrc-wild", v6ns + ND,
       INP + be16(K_ETHERTYPE, 0xffff) + nla(K_IPV6, b"\xff" * 40) +
       nla(K_ICMPV6, b"\0\xff") + nla(K_ND, b"\xff" * 28)))
    a(("ipv6-exthdrs-zero", v6ns + ND + nla(K_IPV6_EXTHDRS, b"\0\0"), None))
    a(("ipv6-exthdrs-nonzero", v6ns + ND + nla(K_IPV6_EXTHDRS, b"\1\0"),
       None))
    arp_ = INP + ETH + be16(K_ETHERTYPE, 0x806)
    a(("arp-op-big", arp_ + nla(K_ARP, b"\1" * 8 + struct.pack("!H", 0x100) +
                                b"\2" * 12), None))
    a(("arp-ok", arp_ + nla(K_ARP, b"\1" * 8 + struct.pack("!H", 1) +
                            b"\2" * 12), None))
    a(("arp-missing", arp_, None))
    a(("in-port-65535", u32(K_IN_PORT, 65535) + ETH + L3, None))
    a(("in-port-65534", u32(K_IN_PORT, 65534) + ETH + L3, None))
    a(("no-in-port", ETH + L3, None))
    a(("no-in-port-mask-in-port", ETH + L3, u32(K_IN_PORT, 0)))
    a(("ct-state-zero", BASE + u32(K_CT_STATE, 0) + nla(K_CT_ZONE, b"\0\0") +
       u32(K_CT_MARK, 0) + nla(K_CT_LABELS, b"\0" * 16), None))
    a(("ct-state-zero-masked", BASE + u32(K_CT_STATE, 0),
       INP + u32(K_CT_STATE, 0x20)))
    a(("ct-state-nonzero", BASE + u32(K_CT_STATE, 0x21), None))
    a(("ct-zone-wronglen", BASE + u32(K_CT_ZONE, 0), None))
    mpls = INP + ETH + be16(K_ETHERTYPE, 0x8847)
    a(("mpls-key", mpls + nla(K_MPLS, struct.pack("!I", 0x100)), None))
    a(("mpls-ethertype-nolabel", mpls, None))
    a(("mpls-mask-empty", mpls,
       INP + be16(K_ETHERTYPE, 0xffff) + nla(K_MPLS, b"")))
    a(("packet-type", BASE + u32(K_PACKET_TYPE, 0), None))
    a(("nd-ext", BASE + nla(K_ND_EXT, b"\0" * 8), None))
    a(("recirc-dp-hash", BASE + u32(K_RECIRC_ID, 5) + u32(K_DP_HASH, 7),
       None))
    a(("prio-mark", BASE + u32(K_PRIORITY, 5) + u32(K_SKB_MARK, 7), None))
    # VLAN
    a(("vlan-ok", vl + nla(K_ENCAP, L3), None))
    a(("vlan-no-encap", vl, None))
    a(("vlan-no-cfi", INP + ETH + be16(K_ETHERTYPE, 0x8100) +
       be16(K_VLAN, 0x0005) + nla(K_ENCAP, L3), None))
    vl0 = INP + ETH + be16(K_ETHERTYPE, 0x8100) + be16(K_VLAN, 0)
    a(("vlan-trunc-ok", vl0 + nla(K_ENCAP, b""), None))
    a(("vlan-trunc-nonempty", vl0 + nla(K_ENCAP, be16(K_ETHERTYPE, 0x800)),
       None))
    a(("vlan-encap-nonvlan", INP + ETH + be16(K_ETHERTYPE, 0x800) +
       nla(K_ENCAP, IP4) + TCP + TCPF, None))
    a(("vlan-stray-vlan", BASE + be16(K_VLAN, 0x1005), None))
    a(("qinq-ok", INP + ETH + be16(K_ETHERTYPE, 0x88a8) +
       be16(K_VLAN, 0x1005) +
       nla(K_ENCAP, be16(K_ETHERTYPE, 0x8100) + be16(K_VLAN, 0x1006) +
           nla(K_ENCAP, L3)), None))
    a(("vlan-mask-tpid-wild", vl + nla(K_ENCAP, L3),
       INP + be16(K_ETHERTYPE, 0) + be16(K_VLAN, 0xffff) +
       nla(K_ENCAP, be16(K_ETHERTYPE, 0xffff))))
    a(("vlan-mask-tpid-exact", vl + nla(K_ENCAP, L3),
       INP + be16(K_ETHERTYPE, 0xffff) + be16(K_VLAN, 0x1fff) +
       nla(K_ENCAP, be16(K_ETHERTYPE, 0xffff) + nla(K_IPV4, b"\xff" * 12))))
    a(("vlan-mask-no-cfi", vl + nla(K_ENCAP, L3),
       INP + be16(K_ETHERTYPE, 0xffff) + be16(K_VLAN, 0x0fff) +
       nla(K_ENCAP, be16(K_ETHERTYPE, 0xffff))))
    a(("vlan-mask-on-untagged", BASE,
       INP + be16(K_ETHERTYPE, 0xffff) + be16(K_VLAN, 0x1fff) +
       nla(K_ENCAP, be16(K_ETHERTYPE, 0xffff))))
    a(("vlan-mask-no-encap", vl + nla(K_ENCAP, L3),
       INP + be16(K_ETHERTYPE, 0xffff)))
    # tunnels
    a(("tun-ok", BASE + tun(T_ID, T_SRC, T_DST, T_TTL, T_TOS, T_DF, T_CSUM,
                            T_TPS, T_TPD), None))
    a(("tun-ok-oam", BASE + tun(T_ID, T_DST, T_TTL, T_OAM), None))
    a(("tun-geneve", BASE + tun(T_ID, T_DST, T_TTL, T_GEN8), None))
    a(("tun-geneve-mask", BASE + tun(T_ID, T_DST, T_TTL, T_GEN8),
       INP + tun(T_TTL, nla(8, b"\xff" * 8))))
    a(("tun-geneve-mask-len", BASE + tun(T_ID, T_DST, T_TTL, T_GEN8),
       INP + tun(T_TTL, nla(8, b"\xff" * 4))))
    a(("tun-geneve-len5", BASE + tun(T_DST, T_TTL, nla(8, b"\1" * 5)), None))
    a(("tun-geneve-len0", BASE + tun(T_DST, T_TTL, nla(8, b"")), None))
    a(("tun-geneve-256", BASE + tun(T_DST, T_TTL, nla(8, b"\1" * 256)),
       None))
    a(("tun-two-opts", BASE + tun(T_DST, T_TTL, T_GEN8, T_VX), None))
    a(("tun-vxlan", BASE + tun(T_ID, T_DST, T_TTL, T_VX), None))
    a(("tun-vxlan-empty", BASE + tun(T_ID, T_DST, T_TTL, nla(11, b"")), None))
    a(("tun-vxlan-bad", BASE + tun(T_ID, T_DST, T_TTL, nla(11, u32(2, 1))),
       None))
    a(("tun-vxlan-mask", BASE + tun(T_ID, T_DST, T_TTL, T_VX),
       INP + tun(T_TTL, nla(11, u32(1, 0xffffffff)))))
    a(("tun-no-dst", BASE + tun(T_ID, T_SRC, T_TTL), None))
    a(("tun-dst0", BASE + tun(T_ID, T_DST0, T_TTL), None))
    a(("tun-no-ttl", BASE + tun(T_ID, T_DST), None))
    a(("tun-mixed", BASE + tun(T_DST, T_V6S, T_TTL), None))
    a(("tun-v6", BASE + tun(T_ID, T_V6S, T_V6D, T_TTL), None))
    a(("tun-empty", BASE + tun(), None))
    a(("tun-type-20", BASE + tun(T_DST, T_TTL, u8(20, 1)), None))
    a(("tun-pad4", BASE + tun(T_DST, T_TTL, u32(14, 0)), None))
    a(("tun-pad0", BASE + tun(T_DST, T_TTL, nla(14, b"")), None))
    a(("tun-trailing", BASE + nla(K_TUNNEL, T_DST + T_TTL + b"\0\0"), None))
    a(("tun-ttl-len2", BASE + tun(T_DST, nla(4, b"\1\1")), None))
    a(("tun-dup-ttl", BASE + tun(T_DST, T_TTL, T_TTL), None))
    a(("tun-mask-only", BASE, INP + tun(T_TTL, T_DST)))
    a(("tun-mask-mixed", BASE + tun(T_DST, T_TTL), INP + tun(T_DST, T_V6D)))
    a(("tun-erspan", BASE + tun(T_DST, T_TTL, nla(15, b"\1" * 8)), None))
    a(("tun-bridge", BASE + tun(T_ID, nla(16, b"")), None))
    return c


# case: (errno under openvswitch.ko, errno under kflow.ko, why)
ERRNO_DEVIATIONS = {
    "type-0-mask": (0, errno.EINVAL,
                    "OVS_KEY_ATTR_UNSPEC refused in masks too "
                    "(kmod/nl_key.c)"),
    "no-eth-l3": (0, errno.EINVAL,
                  "non-Ethernet keys refused (kmod/nl_key.c, abi.rst "
                  "push/pop_eth)"),
    "ipv6-exthdrs-nonzero": (0, errno.EINVAL,
                             "non-zero IPV6_EXTHDRS refused "
                             "(kmod/nl_key.c)"),
    "ct-state-nonzero": (0, errno.EINVAL,
                         "conntrack keys refused (abi.rst)"),
    "mpls-key": (0, errno.EINVAL, "MPLS keys refused (abi.rst)"),
    # kflow parses no MPLS (abi.rst): its upcall key for an MPLS frame has
    # EtherType 0x8847 and no label, which it must then accept as a flow.
    "mpls-ethertype-nolabel": (errno.EINVAL, 0,
                               "MPLS EtherType without a label accepted: "
                               "kflow parses no MPLS (abi.rst)"),
    "mpls-mask-empty": (errno.EINVAL, 0,
                        "MPLS EtherType without a label accepted: kflow "
                        "parses no MPLS (abi.rst)"),
    "tun-dup-ttl": (0, errno.EINVAL,
                    "duplicate tunnel attributes refused "
                    "(kmod/nl_tunnel.c)"),
    "tun-erspan": (0, errno.EINVAL,
                   "ERSPAN tunnel options refused (kmod/nl_tunnel.c)"),
    "tun-bridge": (0, errno.EINVAL,
                   "IPV4_INFO_BRIDGE refused (kmod/nl_tunnel.c)"),
}
