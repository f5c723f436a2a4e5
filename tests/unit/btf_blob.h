/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Building BTF blobs in tests (test_btf.c, test_trees.c): types appended
 * one by one as in the format (struct btf_type, then its vlen records),
 * strings interned, the header written by blob_finish() in either byte
 * order; split BTF starts its ids and string offsets after its base's.
 */
#ifndef VR_TEST_BTF_BLOB_H
#define VR_TEST_BTF_BLOB_H

#include <byteswap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	K_INT = 1, K_PTR, K_ARRAY, K_STRUCT, K_UNION, K_ENUM, K_FWD, K_TYPEDEF,
	K_VOLATILE, K_CONST, K_RESTRICT, K_FUNC, K_FUNC_PROTO, K_VAR,
	K_DATASEC, K_FLOAT, K_DECL_TAG, K_TYPE_TAG, K_ENUM64,
};

#define INT_SIGNED	(1u << 24)
#define INT_CHAR	(2u << 24)
#define INT_BOOL	(4u << 24)

struct blob {
	uint32_t w[16384];
	size_t nw;
	char s[16384];
	size_t slen;
	uint32_t str_base;	/* split: the base's string length */
	uint32_t next_id;
};

static inline void blob_init(struct blob *b, uint32_t first_id,
			     uint32_t str_base)
{
	memset(b, 0, sizeof(*b));
	b->next_id = first_id;
	b->str_base = str_base;
	b->slen = 1;		/* "" at offset 0 */
}

static inline uint32_t str(struct blob *b, const char *s)
{
	size_t off = b->slen, len;

	if (!s)
		return 0;
	len = strlen(s) + 1;
	if (off + len > sizeof(b->s))
		abort();
	memcpy(b->s + off, s, len);
	b->slen += len;
	return b->str_base + (uint32_t)off;
}

static inline void w(struct blob *b, uint32_t v)
{
	if (b->nw == sizeof(b->w) / sizeof(b->w[0]))
		abort();
	b->w[b->nw++] = v;
}

static inline uint32_t ty(struct blob *b, const char *name, unsigned int kind,
		   bool kflag, uint32_t vlen, uint32_t size_type)
{
	w(b, str(b, name));
	w(b, (uint32_t)kflag << 31 | kind << 24 | vlen);
	w(b, size_type);
	return b->next_id++;
}

static inline uint32_t int_type(struct blob *b, const char *name, uint32_t size,
			 uint32_t enc, uint32_t bits)
{
	uint32_t id = ty(b, name, K_INT, false, 0, size);

	w(b, enc | bits);
	return id;
}

static inline void member(struct blob *b, const char *name, uint32_t type,
		   uint32_t off)
{
	w(b, str(b, name));
	w(b, type);
	w(b, off);
}

static inline void pair(struct blob *b, const char *name, uint32_t v)
{
	w(b, str(b, name));
	w(b, v);
}

static inline void put16(uint8_t *p, uint16_t v, bool swap)
{
	v = swap ? bswap_16(v) : v;
	memcpy(p, &v, 2);
}

static inline void put32(uint8_t *p, uint32_t v, bool swap)
{
	v = swap ? bswap_32(v) : v;
	memcpy(p, &v, 4);
}

/* Header, types, strings; @swap: the other byte order.  Returns size. */
static inline size_t blob_finish(const struct blob *b, bool swap, uint8_t *out)
{
	size_t tlen = b->nw * 4;

	put16(out, 0xeb9f, swap);
	out[2] = 1;
	out[3] = 0;
	put32(out + 4, 24, swap);
	put32(out + 8, 0, swap);
	put32(out + 12, (uint32_t)tlen, swap);
	put32(out + 16, (uint32_t)tlen, swap);
	put32(out + 20, (uint32_t)b->slen, swap);
	for (size_t i = 0; i < b->nw; i++)
		put32(out + 24 + 4 * i, b->w[i], swap);
	memcpy(out + 24 + tlen, b->s, b->slen);
	return 24 + tlen + b->slen;
}

#endif
