#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# targets: kflow
# timeout: 1500
#
# kflow-nlfuzz: FUZZ_NL_COUNT (100000) random and mutated-valid requests
# to every command of the four families, 20% of them as nobody / root
# without capabilities, while a churner creates and deletes datapaths,
# ports and flows and a ping runs through a datapath kept out of the
# fuzzers' aim (nfkeep).  Afterwards nfkeep still forwards with its flows,
# the kernel log is clean and the module unloads.  FUZZ_NL_SEED replays;
# FUZZ_NL_DURATION=SECONDS is the soak mode (bound by time, not count).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/modules.sh"
. "$(dirname "$0")/../lib/keepdp.sh"

count=${FUZZ_NL_COUNT:-100000}
[ -x "$KFLOW_BIN/kflow-nlfuzz" ] || skip "kflow-nlfuzz not built"
for i in 0 1; do
	ip link add nfzv$i type veth peer name nfzv${i}p || skip "no veth"
	ip link set nfzv$i up
	ip link set nfzv${i}p up
	at_exit "ip link del nfzv$i"
done
keep_dp nfkeep 10.9.1

kernel_log_mark
seed=${FUZZ_NL_SEED:+--seed $FUZZ_NL_SEED}
bound="--count $count"
[ -z "${FUZZ_NL_DURATION:-}" ] || bound="--duration $FUZZ_NL_DURATION" count=1
# shellcheck disable=SC2086
"$KFLOW_BIN/kflow-nlfuzz" $bound --protect nfkeep $seed \
	--traffic "ip netns exec nfkeep-ns1 ping -q -i 0.2 -c 100 10.9.1.2" \
	> /tmp/nlfuzz.out 2>&1
rc=$?
sed 's/^/# /' /tmp/nlfuzz.out | grep -v '^# nlfuzz: [a-z]*\.0: [0-9]* messages$'
check_eq "kflow-nlfuzz exit status (no process died, no privilege leak)" \
	0 $rc
# The summary line, wherever it is among the others.
sum=$(grep '^nlfuzz: seed [0-9]*: [0-9]* messages in ' /tmp/nlfuzz.out)
sent=$(echo "$sum" | sed -n 's/^nlfuzz: seed [0-9]*: \([0-9]*\) messages.*/\1/p')
check_ge "at least $count messages sent" "$count" "${sent:-0}"
check_match "no unprivileged request other than GET accepted" \
	" 0 unprivileged requests accepted" "$sum"
check_match "unprivileged requests were refused with EPERM" \
	"^nobody: .*EPERM [1-9]" "$(cat /tmp/nlfuzz.out)"
check_match "the churner ran" " [1-9][0-9]* churn rounds" "$sum"
check_match "every request answered" " 0 unanswered)" "$sum"
check_eq "no fuzzer or traffic process left" "" \
	"$(pgrep -x kflow-nlfuzz; pgrep -f 'ping -q -i 0.2 -c 100 10.9.1.2')"

keep_dp_check nfkeep 10.9.1
check_eq "every datapath the fuzzers made is gone" "nfkeep" \
	"$(dpctl dump-dps | sed 's/^[a-z]*@//' | tr '\n' ' ' | sed 's/ $//')"
kernel_log_clean_since "no kernel splat during fuzzing"
dpctl del-dp nfkeep
module_reloads
finish
