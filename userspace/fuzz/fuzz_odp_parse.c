// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_odp_parse.c - libFuzzer harness for kflow-dpctl's datapath flow
 * syntax (lib/odp_key_parse.c, odp_actions_parse.c, odp_scan.c, ...).
 *
 * Input: "KEY[/MASK fields]\nACTIONS" (either part may be empty).  Each
 * part that parses is formatted back to text, and that text must parse
 * again (what kflow-dpctl prints, it accepts) and, for actions, print the
 * same again.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "odp.h"

static void portmap_init(struct odp_portmap *map)
{
	memset(map, 0, sizeof(*map));
	odp_portmap_add(map, 1, "p1");
	odp_portmap_add(map, 2, "vxlan_sys_4789");
	odp_portmap_add(map, 0, "dp0");
}

static void check_key(const char *s, const struct odp_portmap *map)
{
	struct nlbuf key, mask, key2, mask2;
	char err[ODP_ERR_LEN];
	struct strbuf sb;

	nlbuf_init(&key, NLBUF_DEFAULT_SIZE);
	nlbuf_init(&mask, NLBUF_DEFAULT_SIZE);
	nlbuf_init(&key2, NLBUF_DEFAULT_SIZE);
	nlbuf_init(&mask2, NLBUF_DEFAULT_SIZE);
	sb_init(&sb);
	/* An empty key prints as "<empty>", which is not flow syntax. */
	if (odp_key_from_string(s, map, &key, &mask, err) == 0 &&
	    nlbuf_len(&key)) {
		odp_key_format(&sb, nlbuf_data(&key), nlbuf_len(&key),
			       nlbuf_data(&mask), nlbuf_len(&mask), map, true);
		if (odp_key_from_string(sb_str(&sb), map, &key2, &mask2,
					err) != 0)
			fuzz_fail(sb_str(&sb), err);
		/* Without masks (what dump-flows -m=0 shows) too. */
		sb_clear(&sb);
		odp_key_format(&sb, nlbuf_data(&key), nlbuf_len(&key),
			       NULL, 0, map, false);
	}
	sb_free(&sb);
	nlbuf_free(&key);
	nlbuf_free(&mask);
	nlbuf_free(&key2);
	nlbuf_free(&mask2);
}

/* Text -> attributes -> text must be stable from the first print on
 * (printing may round: sample percentages have one decimal, as OVS's). */
static void check_actions(const char *s, const struct odp_portmap *map)
{
	struct strbuf sb, sb2;
	char err[ODP_ERR_LEN];
	struct nlbuf acts;

	nlbuf_init(&acts, NLBUF_DEFAULT_SIZE);
	sb_init(&sb);
	sb_init(&sb2);
	if (odp_actions_from_string(s, map, &acts, err) == 0) {
		odp_actions_format(&sb, nlbuf_data(&acts), nlbuf_len(&acts),
				   map);
		nlbuf_reset(&acts);
		if (odp_actions_from_string(sb_str(&sb), map, &acts, err) != 0)
			fuzz_fail(sb_str(&sb), err);
		odp_actions_format(&sb2, nlbuf_data(&acts), nlbuf_len(&acts),
				   map);
		if (strcmp(sb_str(&sb), sb_str(&sb2)))
			fuzz_fail("actions print differently after a round "
				  "trip", sb_str(&sb2));
	}
	sb_free(&sb);
	sb_free(&sb2);
	nlbuf_free(&acts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct odp_portmap map;
	char *s = fuzz_strndup(data, size), *nl;

	if (!s)
		return 0;
	portmap_init(&map);
	nl = strchr(s, '\n');
	if (nl)
		*nl++ = '\0';
	check_key(s, &map);
	if (nl)
		check_actions(nl, &map);
	odp_portmap_free(&map);
	free(s);
	return 0;
}
