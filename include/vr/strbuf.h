/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A growable byte buffer for building emitter output. */
#ifndef VR_STRBUF_H
#define VR_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The most one buffer holds: 1 GiB.  Far above any file a kernel makes
 * (the printk ring is at most 32 MiB, a cmdline or environ 16 MiB), so
 * only data read in circles reaches it.
 */
#define STRBUF_MAX ((size_t)1 << 30)

struct strbuf {
	char *buf;		/* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
	bool failed;		/* an allocation failed, or STRBUF_MAX was hit */
};

#define STRBUF_INIT { 0 }

void strbuf_free(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
bool strbuf_append(struct strbuf *sb, const void *data, size_t len);
bool strbuf_puts(struct strbuf *sb, const char *s);
bool strbuf_putc(struct strbuf *sb, char c);
bool strbuf_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Take ownership of the buffer; @sb is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
