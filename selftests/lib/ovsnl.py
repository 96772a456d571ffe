#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send deliberately malformed OVS datapath generic netlink messages.

A test instrument, not a client: it builds messages byte by byte so that
it can break them, sends each one with NLM_F_ACK and NETLINK_EXT_ACK on,
and prints "errno<TAB>extack message" for the reply.

    ovsnl.py CASE [DP_NAME]      (cases listed by --list)
    ovsnl.py answer DP COUNT IN:OUT...   answer COUNT misses (see answer())
    ovsnl.py dp-features DP      print the datapath's user features and
                                 its per-CPU upcall port ids
"""
import errno
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
NETLINK_EXT_ACK = 11
SOL_NETLINK = 270
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 16, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLMSGERR_ATTR_MSG = 1


def nla(atype, payload):
    hdr = struct.pack("HH", 4 + len(payload), atype)
    pad = (4 - len(payload) % 4) % 4
    return hdr + payload + b"\0" * pad


def u32(atype, v):
    return nla(atype, struct.pack("I", v))


class Sock:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                               NETLINK_GENERIC)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.bind((0, 0))
        self.seq = 1

    def request(self, family, cmd, version, body):
        self.seq += 1
        payload = struct.pack("BBH", cmd, version, 0) + body
        hdr = struct.pack("IHHII", 16 + len(payload), family,
                          NLM_F_REQUEST | NLM_F_ACK, self.seq, 0)
        self.s.send(hdr + payload)
        while True:
            data = self.s.recv(65536)
            off = 0
            while off < len(data):
                ln, typ, flags, seq, pid = struct.unpack_from("IHHII", data, off)
                msg = data[off:off + ln]
                off += (ln + 3) & ~3
                if typ == NLMSG_ERROR:
                    return self._error(msg, flags)
                if typ != NLMSG_ERROR and seq == self.seq:
                    continue

    @staticmethod
    def _error(msg, flags):
        err = -struct.unpack_from("i", msg, 16)[0]
        text = ""
        # Capped (0x100) acks carry only the header of our request.
        inner_len = struct.unpack_from("I", msg, 20)[0]
        off = 20 + (16 if flags & 0x100 else ((inner_len + 3) & ~3))
        while off + 4 <= len(msg):
            alen, atype = struct.unpack_from("HH", msg, off)
            if alen < 4:
                break
            if atype == NLMSGERR_ATTR_MSG:
                text = msg[off + 4:off + alen].split(b"\0")[0].decode()
            off += (alen + 3) & ~3
        return err, text

    def family(self, name):
        body = nla(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0")
        self.seq += 1
        payload = struct.pack("BBH", CTRL_CMD_GETFAMILY, 1, 0) + body
        self.s.send(struct.pack("IHHII", 16 + len(payload), GENL_ID_CTRL,
                                NLM_F_REQUEST, self.seq, 0) + payload)
        data = self.s.recv(65536)
        off = 20
        while off + 4 <= len(data):
            alen, atype = struct.unpack_from("HH", data, off)
            if atype == CTRL_ATTR_FAMILY_ID:
                return struct.unpack_from("H", data, off + 4)[0]
            off += (alen + 3) & ~3
        raise OSError(errno.ENOENT, "no family " + name)


def ename(err):
    """errno name; EOPNOTSUPP rather than its alias ENOTSUP."""
    if not err:
        return "ok"
    if err == errno.EOPNOTSUPP:
        return "EOPNOTSUPP"
    return errno.errorcode.get(err, str(err))


def dp_ifindex(dp):
    return socket.if_nametoindex(dp)


def ovs_hdr(ifindex):
    return struct.pack("i", ifindex)


# Each case: (family, cmd, version, body builder(dp)).
# Attribute numbers from <linux/openvswitch.h>.
CASES = {
    "dp-new-no-name": ("ovs_datapath", 1, 2,
                       lambda dp: ovs_hdr(0) + u32(2, 0)),
    "dp-new-bad-features": ("ovs_datapath", 1, 2,
                            lambda dp: ovs_hdr(0) + nla(1, b"badfeat\0") +
                            u32(2, 0) + u32(5, 1 << 30)),
    "dp-new-name-too-long": ("ovs_datapath", 1, 2,
                             lambda dp: ovs_hdr(0) + nla(1, b"x" * 40 + b"\0") +
                             u32(2, 0)),
    "vport-new-bad-type": ("ovs_vport", 1, 1,
                           lambda dp: ovs_hdr(dp_ifindex(dp)) + u32(2, 99) +
                           nla(3, b"nosuch0\0") + u32(5, 0)),
    "flow-new-short-in-port": ("ovs_flow", 1, 1,
                               lambda dp: ovs_hdr(dp_ifindex(dp)) +
                               nla(1, nla(3, b"\1\0")) + nla(2, b"")),
    "flow-new-bad-output": ("ovs_flow", 1, 1,
                            lambda dp: ovs_hdr(dp_ifindex(dp)) +
                            nla(1, u32(3, 1) + nla(4, b"\0" * 12) +
                                nla(6, b"\x08\x06")) +
                            nla(2, nla(1, b"\1\0"))),
    "flow-new-ipv4-without-ethertype": ("ovs_flow", 1, 1,
                                        lambda dp: ovs_hdr(dp_ifindex(dp)) +
                                        nla(1, u32(3, 1) + nla(4, b"\0" * 12) +
                                            nla(7, b"\0" * 12)) +
                                        nla(2, b"")),
    # OVS_FLOW_CMD_SET of a UFID with new actions but no key: the
    # actions cannot be validated, refused.
    "flow-set-actions-without-key": ("ovs_flow", 4, 1,
                                     lambda dp: ovs_hdr(dp_ifindex(dp)) +
                                     nla(2, u32(1, 1)) +
                                     nla(9, b"\x5a" * 16)),
    "packet-execute-runt": ("ovs_packet", 3, 1,
                            lambda dp: ovs_hdr(dp_ifindex(dp)) +
                            nla(1, b"\1\2\3") + nla(2, u32(3, 0)) + nla(3, b"")),
}


def attrs(buf):
    """Yield (type, payload) of a packed attribute sequence."""
    off = 0
    while off + 4 <= len(buf):
        alen, atype = struct.unpack_from("HH", buf, off)
        if alen < 4:
            return
        yield atype & 0x3fff, buf[off + 4:off + alen]
        off += (alen + 3) & ~3


def answer(dp, count, routes, timeout):
    """Act as a minimal switch daemon: receive COUNT upcalls, print each,
    install a flow with the upcall's own key (so the key must parse back)
    and execute the packet.  ROUTES maps in_port -> out_port."""
    s = Sock()
    s.s.settimeout(timeout)
    pid = s.s.getsockname()[0]
    vport, flow, packet = (s.family(n) for n in
                           ("ovs_vport", "ovs_flow", "ovs_packet"))
    ifi = dp_ifindex(dp)
    for port in routes:
        err, text = s.request(vport, 4, 1, ovs_hdr(ifi) + u32(1, port) +
                              u32(5, pid))
        if err:
            print("vport set upcall_pid: %s %s" % (ename(err), text))
            return 1
    print("ready", flush=True)
    seen = 0
    while seen < count:
        try:
            data = s.s.recv(65536)
        except socket.timeout:
            print("timeout after %d upcalls" % seen)
            return 1
        ln, typ, flags, seq, _ = struct.unpack_from("IHHII", data, 0)
        cmd = data[16]
        if typ != packet or cmd != 1:
            continue
        a = dict(attrs(data[24:ln]))
        key, pkt = a[2], a[1]
        kattrs = dict(attrs(key))
        in_port = struct.unpack("I", kattrs[3])[0]
        print("MISS in_port=%d len=%d key_attrs=%s" %
              (in_port, len(pkt), ",".join(str(t) for t in sorted(kattrs))))
        acts = u32(1, routes[in_port])          # output(port)
        err, text = s.request(flow, 1, 1, ovs_hdr(ifi) + nla(1, key) +
                              nla(2, acts))         # FLOW_ATTR_KEY, _ACTIONS
        print("flow-new %s %s" % (ename(err), text))
        err, text = s.request(packet, 3, 1, ovs_hdr(ifi) + nla(1, pkt) +
                              nla(2, key) + nla(3, acts))  # PACKET, KEY, ACTIONS
        print("execute %s %s" % (ename(err), text))
        seen += 1
    return 0


def dp_features(dp):
    """OVS_DP_CMD_GET: print "features=0xN per_cpu_pids=N" (the count of
    OVS_DP_ATTR_PER_CPU_PIDS entries, 0 if absent)."""
    s = Sock()
    fam = s.family("ovs_datapath")
    body = ovs_hdr(0) + nla(1, dp.encode() + b"\0")      # DP_ATTR_NAME
    s.seq += 1
    payload = struct.pack("BBH", 3, 2, 0) + body          # OVS_DP_CMD_GET
    s.s.send(struct.pack("IHHII", 16 + len(payload), fam, NLM_F_REQUEST,
                         s.seq, 0) + payload)
    data = s.s.recv(65536)
    ln, typ = struct.unpack_from("IH", data, 0)
    if typ == NLMSG_ERROR:
        print("error %s" % ename(-struct.unpack_from("i", data, 16)[0]))
        return 1
    a = dict(attrs(data[24:ln]))
    feat = struct.unpack("I", a[5])[0] if 5 in a else 0   # USER_FEATURES
    pids = len(a.get(8, b"")) // 4                        # PER_CPU_PIDS
    print("features=0x%x per_cpu_pids=%d" % (feat, pids))
    return 0


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "dp-features":
        return dp_features(sys.argv[2])
    if len(sys.argv) > 1 and sys.argv[1] == "answer":
        routes = dict(tuple(int(x) for x in r.split(":"))
                      for r in sys.argv[4:])
        return answer(sys.argv[2], int(sys.argv[3]), routes, 20)
    if len(sys.argv) < 2 or sys.argv[1] == "--list":
        print("\n".join(sorted(CASES)))
        return 0
    fam, cmd, ver, body = CASES[sys.argv[1]]
    dp = sys.argv[2] if len(sys.argv) > 2 else ""
    s = Sock()
    err, text = s.request(s.family(fam), cmd, ver, body(dp))
    print("%s\t%s" % (ename(err) if err else "0", text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
