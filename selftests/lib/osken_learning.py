# SPDX-License-Identifier: GPL-2.0
"""A learning switch for os-ken (OpenFlow 1.3), the controller of the
kflowd_controller selftest.

On connect it installs a table-miss rule sending packets to the
controller.  Each packet-in teaches it the source MAC's port; a packet for
a known destination gets a rule (priority 10, cookie 0x5, in_port +
eth_src + eth_dst -> output) and is sent on with a packet-out; an unknown
destination is flooded with a packet-out only.

State for the test, in $KFLOW_OSKEN_DIR (default /run/kflow-osken):
  connected   datapath ids that completed the features handshake
  packet_ins  number of packet-ins received
  flow_mods   number of rules installed
"""
import os

from os_ken.base import app_manager
from os_ken.controller import ofp_event
from os_ken.controller.handler import CONFIG_DISPATCHER, MAIN_DISPATCHER
from os_ken.controller.handler import set_ev_cls
from os_ken.lib.packet import ethernet, packet
from os_ken.ofproto import ofproto_v1_3

STATE = os.environ.get("KFLOW_OSKEN_DIR", "/run/kflow-osken")


def record(name, value):
    tmp = os.path.join(STATE, name + ".tmp")
    with open(tmp, "w") as f:
        f.write("%s\n" % value)
    os.rename(tmp, os.path.join(STATE, name))


class LearningSwitch(app_manager.OSKenApp):
    OFP_VERSIONS = [ofproto_v1_3.OFP_VERSION]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ports = {}          # (dpid, mac) -> port
        self.n_packet_ins = 0
        self.n_flow_mods = 0
        self.dpids = []
        os.makedirs(STATE, exist_ok=True)

    @staticmethod
    def add_rule(dp, priority, match, actions, cookie=0):
        parser = dp.ofproto_parser
        inst = [parser.OFPInstructionActions(
            dp.ofproto.OFPIT_APPLY_ACTIONS, actions)]
        dp.send_msg(parser.OFPFlowMod(datapath=dp, priority=priority,
                                      cookie=cookie, match=match,
                                      instructions=inst))

    @set_ev_cls(ofp_event.EventOFPSwitchFeatures, CONFIG_DISPATCHER)
    def on_features(self, ev):
        dp = ev.msg.datapath
        ofp, parser = dp.ofproto, dp.ofproto_parser
        to_ctrl = [parser.OFPActionOutput(ofp.OFPP_CONTROLLER,
                                          ofp.OFPCML_NO_BUFFER)]
        self.add_rule(dp, 0, parser.OFPMatch(), to_ctrl)
        self.dpids.append("%016x" % dp.id)
        record("connected", " ".join(self.dpids))

    @set_ev_cls(ofp_event.EventOFPPacketIn, MAIN_DISPATCHER)
    def on_packet_in(self, ev):
        msg = ev.msg
        dp = msg.datapath
        ofp, parser = dp.ofproto, dp.ofproto_parser
        in_port = msg.match["in_port"]
        eth = packet.Packet(msg.data).get_protocols(ethernet.ethernet)[0]
        self.n_packet_ins += 1
        record("packet_ins", self.n_packet_ins)

        self.ports[(dp.id, eth.src)] = in_port
        out = self.ports.get((dp.id, eth.dst), ofp.OFPP_FLOOD)
        actions = [parser.OFPActionOutput(out)]
        if out != ofp.OFPP_FLOOD:
            match = parser.OFPMatch(in_port=in_port, eth_src=eth.src,
                                    eth_dst=eth.dst)
            self.add_rule(dp, 10, match, actions, cookie=0x5)
            self.n_flow_mods += 1
            record("flow_mods", self.n_flow_mods)
        dp.send_msg(parser.OFPPacketOut(datapath=dp,
                                        buffer_id=ofp.OFP_NO_BUFFER,
                                        in_port=in_port, actions=actions,
                                        data=msg.data))
