#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Key parity between openvswitch.ko and kflow.ko (tests/key_parity.sh).

    keydiff.py record OUT.json DP PORT TXDEV
        With either module loaded: create datapath DP with netdev port
        PORT, send every frame of keycases.frames() at every truncation
        length out of TXDEV (PORT's veth peer) and record each upcall's
        key; install each full-length (and 30/40-byte) upcall key as a
        flow with three masks and record what the kernel accepted and
        GETs back; record the same for keycases.cases().  DP is deleted.
    keydiff.py compare OVS.json KFLOW.json
        One TAP line per assertion group; exit 1 on any difference that
        is not a known, documented deviation (or on a documented
        deviation that no longer shows).
"""
import errno
import json
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keycases import (K_CT, K_ENCAP, K_IPV6_EXTHDRS, K_TUNNEL, K_ETHERNET,
                      K_UDP, K_TCP, K_SCTP, K_ICMP, K_ICMPV6, K_ND,
                      K_TCP_FLAGS,
                      FLOW_KEY_LENGTHS, SENTINEL, ERRNO_DEVIATIONS, attrs,
                      cases, frames, nla, truncations, u32)

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 16, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
CMD_NEW, CMD_DEL, CMD_GET = 1, 2, 3
OVS_PACKET_CMD_MISS = 1
OVS_PACKET_ATTR_PACKET, OVS_PACKET_ATTR_KEY = 1, 2
OVS_FLOW_ATTR_KEY, OVS_FLOW_ATTR_ACTIONS, OVS_FLOW_ATTR_MASK = 1, 2, 7
UPCALL_TIMEOUT = 5.0


class Sock:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                               NETLINK_GENERIC)
        self.s.bind((0, 0))
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.pid = self.s.getsockname()[0]
        self.seq = 1

    def transact(self, family, cmd, version, body, flags=NLM_F_ACK):
        """Returns (errno, [attributes of each reply message])."""
        self.seq += 1
        payload = struct.pack("BBH", cmd, version, 0) + body
        self.s.settimeout(None)
        self.s.send(struct.pack("IHHII", 16 + len(payload), family,
                                NLM_F_REQUEST | flags, self.seq, 0) +
                    payload)
        replies = []
        while True:
            data = self.s.recv(1 << 16)
            off = 0
            while off + 16 <= len(data):
                ln, typ, _, seq, _ = struct.unpack_from("IHHII", data, off)
                msg = data[off:off + ln]
                off += (ln + 3) & ~3
                if seq != self.seq:
                    continue        # an upcall, or a late answer
                if typ == NLMSG_ERROR:
                    return -struct.unpack_from("i", msg, 16)[0], replies
                replies.append(msg[20:])
                if not flags & NLM_F_ACK:
                    return 0, replies

    def family(self, name):
        err, rep = self.transact(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1,
                                 nla(CTRL_ATTR_FAMILY_NAME,
                                     name.encode() + b"\0"), flags=0)
        for t, v in attrs(rep[0] if rep else b""):
            if t == CTRL_ATTR_FAMILY_ID:
                return struct.unpack("H", v)[0]
        raise OSError(err or errno.ENOENT, "genl family " + name)

    def next_upcall(self, pktfam, timeout):
        """(packet, key) of the next miss upcall, None on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.s.settimeout(left)
            try:
                data = self.s.recv(1 << 16)
            except socket.timeout:
                return None
            ln, typ = struct.unpack_from("IH", data, 0)
            if typ != pktfam or data[16] != OVS_PACKET_CMD_MISS:
                continue
            a = dict(attrs(data[24:ln]))
            return (a.get(OVS_PACKET_ATTR_PACKET, b""),
                    a.get(OVS_PACKET_ATTR_KEY, b""))


# ---- recording ------------------------------------------------------------

def ovs_header(ifindex):
    return struct.pack("i", ifindex)


def mask_of(key, fill):
    """A mask for @key: @fill decides each attribute's mask bytes; the
    conntrack attributes are wildcarded."""
    out = b""
    for t, v in attrs(key):
        if t in (K_ENCAP, K_TUNNEL):
            out += nla(t, mask_of(v, fill))
        elif t in K_CT:
            out += nla(t, b"\0" * len(v))
        else:
            out += nla(t, fill(t, v))
    return out


def ones(t, v):
    return b"\xff" * len(v)


def no_eth(t, v):
    """Ethernet addresses and L4 wildcarded, the rest exact."""
    if t in (K_ETHERNET, K_TCP, K_UDP, K_ICMP, K_ICMPV6, K_ND, K_SCTP,
             K_TCP_FLAGS):
        return b"\0" * len(v)
    return b"\xff" * len(v)


def install(s, ff, hdr, key, mask):
    """[new errno, get errno, GET key hex, GET mask hex]; flow deleted."""
    body = hdr + nla(OVS_FLOW_ATTR_KEY, key) + nla(OVS_FLOW_ATTR_ACTIONS, b"")
    if mask is not None:
        body += nla(OVS_FLOW_ATTR_MASK, mask)
    err, _ = s.transact(ff, CMD_NEW, 1, body)
    if err:
        return [err, None, None, None]
    gerr, rep = s.transact(ff, CMD_GET, 1, hdr + nla(OVS_FLOW_ATTR_KEY, key))
    got = dict(attrs(rep[0][4:])) if rep else {}
    derr, _ = s.transact(ff, CMD_DEL, 1, hdr + nla(OVS_FLOW_ATTR_KEY, key))
    if derr:
        raise OSError(derr, "flow del")
    return [0, gerr, got.get(OVS_FLOW_ATTR_KEY, b"").hex(),
            got.get(OVS_FLOW_ATTR_MASK, b"").hex()]


def record(out, dp, port, txdev):
    # One CPU: probe and sentinel go through one backlog, in order.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    t0 = time.monotonic()
    s = Sock()
    dpf, vpf = s.family("ovs_datapath"), s.family("ovs_vport")
    pktfam, ff = s.family("ovs_packet"), s.family("ovs_flow")
    err, _ = s.transact(dpf, CMD_NEW, 2, ovs_header(0) +
                        nla(1, dp.encode() + b"\0") + u32(2, s.pid) +
                        u32(5, 1))
    if err:
        raise OSError(err, "datapath new")
    hdr = ovs_header(socket.if_nametoindex(dp))
    try:
        err, _ = s.transact(vpf, CMD_NEW, 1, hdr + u32(2, 1) +
                            nla(3, port.encode() + b"\0") + u32(5, s.pid))
        if err:
            raise OSError(err, "vport new")
        rec = record_dp(s, pktfam, ff, hdr, txdev)
    finally:
        s.transact(dpf, CMD_DEL, 2, ovs_header(0) + nla(1, dp.encode() +
                                                      b"\0"))
    rec["seconds"] = round(time.monotonic() - t0, 1)
    with open(out, "w") as f:
        json.dump(rec, f)
    print("# recorded %d frames, %d flow requests, %d cases in %.1f s" %
          (len(rec["frames"]), len(rec["flows"]), len(rec["cases"]),
           rec["seconds"]))
    return 0


def probe(s, tx, pktfam, frame):
    """Send @frame then the sentinel; the upcalls that came before the
    sentinel's: [[key hex, packet == frame], ...]."""
    if frame is not None:
        tx.send(frame)
    tx.send(SENTINEL)
    ups = []
    while True:
        up = s.next_upcall(pktfam, UPCALL_TIMEOUT)
        if up is None:
            raise OSError(errno.ETIMEDOUT, "no upcall for the sentinel")
        pkt, key = up
        if pkt == SENTINEL:
            return ups
        ups.append([key.hex(), pkt == frame])


def record_dp(s, pktfam, ff, hdr, txdev):
    tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    tx.bind((txdev, 0))
    # The port works (and anything queued before is flushed).
    deadline = time.monotonic() + 10
    while True:
        try:
            probe(s, tx, pktfam, None)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
    rec = {"frames": [], "flows": [], "cases": []}
    keys = []
    for name, fr in frames().items():
        for ln in truncations(fr):
            ups = probe(s, tx, pktfam, fr[:ln])
            rec["frames"].append([name, ln, ups])
            if len(ups) == 1 and (ln == len(fr) or ln in FLOW_KEY_LENGTHS):
                keys.append(("%s/%d" % (name, ln), bytes.fromhex(ups[0][0])))
    for name, key in keys:
        for variant, mask in (("exact", None),
                              ("ones", mask_of(key, ones)),
                              ("noeth", mask_of(key, no_eth))):
            rec["flows"].append([name, variant] +
                                install(s, ff, hdr, key, mask))
    for name, key, mask in cases():
        rec["cases"].append([name] + install(s, ff, hdr, key, mask))
    return rec


# ---- comparing ------------------------------------------------------------

KEY_NAMES = ("UNSPEC ENCAP PRIORITY IN_PORT ETHERNET VLAN ETHERTYPE IPV4 "
             "IPV6 TCP UDP ICMP ICMPV6 ARP ND SKB_MARK TUNNEL SCTP TCP_FLAGS "
             "DP_HASH RECIRC_ID MPLS CT_STATE CT_ZONE CT_MARK CT_LABELS "
             "CT_ORIG_TUPLE_IPV4 CT_ORIG_TUPLE_IPV6 NSH PACKET_TYPE "
             "ND_EXTENSIONS TUNNEL_INFO IPV6_EXTHDRS").split()


def attr_name(path):
    n = [KEY_NAMES[path[0]] if path[0] < len(KEY_NAMES) else str(path[0])]
    for i, t in enumerate(path[1:]):
        outer = path[i]
        n.append(KEY_NAMES[t] if outer == K_ENCAP and t < len(KEY_NAMES)
                 else str(t))
    return ".".join(n)


def leaves(buf, path=()):
    """[(path, value)] of a key or mask, ENCAP and TUNNEL nests opened."""
    out = []
    for t, v in attrs(buf):
        p = path + (t,)
        if t in (K_ENCAP, K_TUNNEL) and (not path or path[-1] == K_ENCAP):
            out.append((p, None))
            out += leaves(v, p)
        else:
            out.append((p, v))
    return out


def exthdrs_rule(path, ovs, kflow):
    return (path == (K_IPV6_EXTHDRS,) and kflow == b"\0\0" and
            ovs is not None and len(ovs) == 2 and any(ovs))


def ct_mask_rule(path, ovs, kflow):
    return (len(path) == 1 and path[0] in K_CT and ovs is not None and
            kflow is not None and len(ovs) == len(kflow) and
            not any(kflow) and any(ovs))


def classify(ovs_hex, kflow_hex, rule):
    """None if identical, True if every difference is allowed by @rule,
    else a description of the first unexpected difference."""
    if ovs_hex == kflow_hex:
        return None
    a = leaves(bytes.fromhex(ovs_hex or ""))
    b = leaves(bytes.fromhex(kflow_hex or ""))
    if [p for p, _ in a] != [p for p, _ in b]:
        return "attributes ovs [%s] kflow [%s]" % (
            " ".join(attr_name(p) for p, _ in a),
            " ".join(attr_name(p) for p, _ in b))
    for (p, va), (_, vb) in zip(a, b):
        if va != vb and not (rule and rule(p, va, vb)):
            return "%s: ovs %s kflow %s" % (attr_name(p), va.hex(),
                                            vb.hex())
    return True


def errname(e):
    if e is None:
        return "-"
    return "ok" if e == 0 else errno.errorcode.get(e, str(e))


class Report:
    def __init__(self):
        self.failed = False

    def check(self, ok, what, diffs=()):
        print("%s - %s" % ("ok" if ok else "not ok", what))
        for d in list(diffs)[:5]:
            print("#   " + d)
        if len(diffs) > 5:
            print("#   ... %d more" % (len(diffs) - 5))
        self.failed |= not ok


def compare_installs(rows_o, rows_k, label, ct_dev, ext_dev):
    """Compare install() results keyed by label(row).  Returns (diffs,
    accepted, rejected) and appends the requests showing a known deviation
    to ct_dev / ext_dev (ext_dev None: no IPV6_EXTHDRS deviation allowed)."""
    diffs = []
    acc = rej = 0
    ko = {label(r): r for r in rows_o}
    kk = {label(r): r for r in rows_k}
    if list(ko) != list(kk):
        diffs.append("request sets differ: only ovs %s, only kflow %s" % (
            sorted(set(ko) - set(kk))[:3], sorted(set(kk) - set(ko))[:3]))
    for name in ko:
        if name not in kk:
            continue
        (n1, g1, key1, mask1), (n2, g2, key2, mask2) = ko[name][-4:], \
            kk[name][-4:]
        if (n1, g1) != (n2, g2):
            diffs.append("%s: ovs new=%s get=%s, kflow new=%s get=%s" % (
                name, errname(n1), errname(g1), errname(n2), errname(g2)))
            continue
        if n1:
            rej += 1
            continue
        acc += 1
        ck = classify(key1, key2,
                      exthdrs_rule if ext_dev is not None else None)
        cm = classify(mask1, mask2, ct_mask_rule)
        for c, what in ((ck, "key"), (cm, "mask")):
            if isinstance(c, str):
                diffs.append("%s: GET %s %s" % (name, what, c))
        if ck is True:
            ext_dev.append(name)
        if cm is True:
            ct_dev.append(name)
    return diffs, acc, rej


def compare(ovs_path, kflow_path):
    o = json.load(open(ovs_path))
    k = json.load(open(kflow_path))
    r = Report()
    fr = frames()
    nframes = sum(len(truncations(f)) for f in fr.values())
    cs = cases()

    for mod, rec in (("openvswitch.ko", o), ("kflow.ko", k)):
        ups = sum(len(u) for _, _, u in rec["frames"])
        acc = sum(1 for f in rec["flows"] if f[2] == 0)
        r.check(len(rec["frames"]) == nframes and ups > nframes // 2 and
                acc > len(rec["flows"]) // 2 and len(rec["cases"]) == len(cs),
                "recorded under %s in %.0f s: %d frames, %d upcalls, "
                "%d flow requests (%d accepted), %d validation cases" % (
                    mod, rec["seconds"], len(rec["frames"]), ups,
                    len(rec["flows"]), acc, len(rec["cases"])))

    # Upcalls: which frames get one, and is the packet the frame sent.
    diffs = []
    both = none = 0
    pairs = []
    for (name, ln, uo), (name2, ln2, uk) in zip(o["frames"], k["frames"]):
        tag = "%s/%d" % (name, ln)
        if (name, ln) != (name2, ln2):
            diffs.append("frame order: ovs %s kflow %s/%d" % (tag, name2,
                                                              ln2))
            break
        if len(uo) != len(uk) or [p for _, p in uo] != [p for _, p in uk]:
            diffs.append("%s: ovs %d upcalls (packet intact %s), kflow %d "
                         "(%s)" % (tag, len(uo), [p for _, p in uo],
                                   len(uk), [p for _, p in uk]))
            continue
        if not uo:
            none += 1
        elif len(uo) == 1 and uo[0][1]:
            both += 1
            pairs.append((tag, uo[0][0], uk[0][0]))
        else:
            diffs.append("%s: %d upcalls, packet intact %s" % (
                tag, len(uo), [p for _, p in uo]))
    r.check(not diffs and len(o["frames"]) == nframes,
            "upcalls: same answer for %d frames (%d shapes x truncations): "
            "%d upcalls carrying the frame, %d frames dropped by both" % (
                nframes, len(fr), both, none), diffs)

    diffs = []
    same = 0
    ext = []
    for tag, ko, kk in pairs:
        c = classify(ko, kk, exthdrs_rule)
        if c is None:
            same += 1
        elif c is True:
            ext.append(tag)
        else:
            diffs.append("%s: %s" % (tag, c))
    r.check(not diffs and same > 0,
            "upcall keys byte-identical for %d frames (%d shapes x "
            "truncations), %d more identical but for IPV6_EXTHDRS" % (
                same, len(fr), len(ext)), diffs)
    shapes = sorted({t.split("/")[0] for t in ext})
    r.check(len(ext) > 0,
            "deviation: IPV6_EXTHDRS in upcall keys: openvswitch.ko sets "
            "extension header bits, kflow.ko always 0 (Documentation/abi.rst"
            ", kmod/nl_key.c): %d frames of %d shapes (%s)" % (
                len(ext), len(shapes), " ".join(shapes)),
            [] if ext else ["deviation gone: update the docs and this test"])

    # Flow installs with each upcall key (exact, all-ones, no-L2/L4 masks).
    ct_dev, ext_dev = [], []
    diffs, acc, rej = compare_installs(
        o["flows"], k["flows"], lambda f: "%s %s" % (f[0], f[1]),
        ct_dev, ext_dev)
    nkeys = len({f[0] for f in o["flows"]})
    r.check(not diffs and acc > 0,
            "flow installs: identical results for %d requests (%d upcall "
            "keys x 3 masks): %d accepted with identical GET key and mask, "
            "%d refused with identical errno" % (
                len(o["flows"]), nkeys, acc, rej), diffs)
    r.check(len(ext_dev) > 0 and
            all(f.split()[0] in ext for f in ext_dev),
            "deviation: IPV6_EXTHDRS in installed flows follows the upcall "
            "key: %d flows" % len(ext_dev),
            [f for f in ext_dev if f.split()[0] not in ext] or
            ([] if ext_dev else ["deviation gone"]))

    # Validation of crafted keys.
    crows_o = [c for c in o["cases"] if c[0] not in ERRNO_DEVIATIONS]
    crows_k = [c for c in k["cases"] if c[0] not in ERRNO_DEVIATIONS]
    ct_flows = len(ct_dev)
    diffs, cacc, crej = compare_installs(crows_o, crows_k, lambda c: c[0],
                                         ct_dev, None)
    r.check(not diffs and cacc > 0 and crej > 0,
            "validation: identical result for %d of %d crafted keys: %d "
            "accepted with identical GET key and mask, %d refused with "
            "identical errno" % (len(crows_o), len(cs), cacc, crej), diffs)
    for name, (eo, ek, why) in ERRNO_DEVIATIONS.items():
        go = [c for c in o["cases"] if c[0] == name]
        gk = [c for c in k["cases"] if c[0] == name]
        got = (go[0][1] if go else None, gk[0][1] if gk else None)
        r.check(got == (eo, ek),
                "deviation: validation case %s: openvswitch.ko %s, "
                "kflow.ko %s: %s" % (name, errname(eo), errname(ek), why),
                [] if got == (eo, ek) else
                ["got openvswitch.ko %s, kflow.ko %s" % (
                    errname(got[0]), errname(got[1]))])
    r.check(ct_flows > 0,
            "deviation: CT_STATE/ZONE/MARK/LABELS masks: openvswitch.ko "
            "reports the mask it matches, kflow.ko all-zero (it tracks no "
            "connections, every packet's CT fields are 0): %d flow installs, "
            "%d validation cases (%s)" % (
                ct_flows, len(ct_dev) - ct_flows,
                " ".join(ct_dev[ct_flows:])))
    return 1 if r.failed else 0


def main(argv):
    if len(argv) == 6 and argv[1] == "record":
        return record(*argv[2:])
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
