/* SPDX-License-Identifier: GPL-2.0 */
/*
 * strbuf.h - a growable, always NUL-terminated string.
 */
#ifndef KFLOW_STRBUF_H
#define KFLOW_STRBUF_H

#include <stddef.h>
#include <stdarg.h>

struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_clear(struct strbuf *sb);
void sb_putc(struct strbuf *sb, char c);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
/* Remove one trailing @c, if present. */
void sb_chomp(struct strbuf *sb, char c);
/* Hex bytes as OVS prints them: 0x<hex> with leading zero bytes skipped. */
void sb_put_hex(struct strbuf *sb, const void *buf, size_t len);
const char *sb_str(struct strbuf *sb);

#endif
