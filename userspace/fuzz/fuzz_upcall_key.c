// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_upcall_key.c - libFuzzer harness for kflowd's decoding of the
 * datapath flow key an upcall carries (kflowd/upcall_key.c): the
 * OVS_KEY_ATTR_* attributes of an OVS_PACKET_CMD_MISS message, which the
 * kernel (or anyone able to send to kflowd's upcall socket) supplies.
 *
 * Input: the key attributes, as the message carries them.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "upcall_key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[KF_ERR_LEN];
	struct kf_flow flow;
	uint32_t port;
	void *key;

	key = malloc(size ? size : 1);
	if (!key)
		return 0;
	memcpy(key, data, size);
	memset(&flow, 0, sizeof(flow));
	kf_upcall_key_decode(key, size, &flow, &port, err);
	free(key);
	return 0;
}
