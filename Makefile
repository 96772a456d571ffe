# SPDX-License-Identifier: GPL-2.0
#
# kflow: top-level build.  `make` builds kmod/kflow.ko against the installed
# Debian kernel headers and the userspace programs into build/bin/.
#
#   make deps        install everything (apt + pip), idempotent
#   make             module + userspace
#   make check       unit tests, every selftest in a VM (one boot), then
#                    KUnit and the kernel-facing selftests under the
#                    tier-1 debug kernel (KFLOW_DEBUG_KERNEL=0: not those)
#   make check-debug every selftest under the tier-1 debug kernel (not in CI)
#   make debug-kernel  build (once, cached) the tier-1 debug kernel and
#                    kflow.ko for it (KASAN=1: the tier-2 KASAN kernel)
#   make check-kasan KUnit + fuzzers under the KASAN kernel (not in CI)
#   make demo        boot a VM and show kflow switching two namespaces
#   make bench       kflow vs Open vSwitch side by side in one VM (QUICK=1)
#   make C=2         also run sparse on the module
#   make checkpatch  scripts/checkpatch.pl --strict over kmod/
#   KDIR=...         build the module against another kernel tree

KVER ?= $(shell sh scripts/kernel-version.sh 2>/dev/null)
KDIR ?= /lib/modules/$(KVER)/build
BUILD := $(CURDIR)/build
C ?= 0

.PHONY: all modules userspace deps check check-unit check-vm demo \
	checkpatch clean help bench debug-kernel check-kasan check-debug

all: modules userspace

modules:
	@test -n "$(KVER)" -o "$(origin KDIR)" != file || \
		{ echo "no kernel headers found: run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 C=$(C) modules

userspace:
	$(MAKE) -C userspace BUILD=$(BUILD)

deps:
	@sh scripts/deps.sh

# The README's test command: installs what it needs, builds, tests.
check: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/check.sh

# The debug kernel (Documentation/debug-kernel.rst); its kflow.ko goes to
# build/debug/kmod (build/debug-kasan/kmod with KASAN=1).
DEBUG_FLAVOUR := debug$(if $(KASAN),-kasan)
debug-kernel:
	@kdir=$$(sh scripts/debug-kernel.sh $(if $(KASAN),--kasan)) && \
	sh scripts/debug-kmod.sh "$$kdir" "$(BUILD)/$(DEBUG_FLAVOUR)" && \
	echo "debug kernel: $$kdir" && \
	echo "its modules: $(BUILD)/$(DEBUG_FLAVOUR)/kmod"

check-debug: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/debug-suite.sh all > $(BUILD)/debug-all.tap; rc=$$?; \
	cat $(BUILD)/debug-all.tap; \
	echo "$$(grep -c '^ok' $(BUILD)/debug-all.tap) passed," \
		"$$(grep -c '^not ok' $(BUILD)/debug-all.tap) failed"; exit $$rc

check-kasan: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/check-kasan.sh

check-unit: userspace
	@$(MAKE) --no-print-directory -C userspace BUILD=$(BUILD) test

check-vm: all
	@sh selftests/vm-run.sh --suite

# The README's demo command.
demo: deps
	@$(MAKE) --no-print-directory all
	@sh selftests/vm-run.sh --demo

# Not part of check: timings never pass or fail anything.
bench: all
	@QUICK=$(QUICK) sh scripts/bench.sh

checkpatch:
	@sh scripts/checkpatch.sh

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean || true
	$(MAKE) -C userspace BUILD=$(BUILD) clean
	rm -rf $(BUILD)

help:
	@sed -n 's/^#   //p' Makefile
