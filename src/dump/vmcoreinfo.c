// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * VMCOREINFO: the kernel's "KEY=value\n" text (kernel/crash_core.c,
 * kernel/vmcore_info.c), parsed into an array sorted by key.  Lines without
 * '=', with a non-printable key or longer than VI_MAX_LINE are skipped;
 * NULs end a line.  When a key repeats, the first occurrence wins (as in
 * crash and makedumpfile, which search the text).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/dump.h"
#include "vr/util.h"

#define VI_MAX_TEXT	(16u << 20)
#define VI_MAX_LINE	4096
#define VI_MAX_KEY	256

struct vi_entry {
	const char *key;
	const char *value;
	size_t index;
};

struct vr_vmcoreinfo {
	char *text;
	struct vi_entry *v;
	size_t n;
};

static bool key_ok(const char *key, size_t len)
{
	if (!len || len >= VI_MAX_KEY)
		return false;
	for (size_t i = 0; i < len; i++)
		if (key[i] <= ' ' || key[i] > '~')
			return false;
	return true;
}

/* Split one line in place; returns false when it is not "KEY=value". */
static bool parse_line(char *line, size_t len, struct vi_entry *e)
{
	char *eq;

	while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
		       line[len - 1] == '\t'))
		len--;
	if (len > VI_MAX_LINE)
		return false;
	line[len] = '\0';
	eq = memchr(line, '=', len);
	if (!eq || !key_ok(line, (size_t)(eq - line)))
		return false;
	*eq = '\0';
	e->key = line;
	e->value = eq + 1;
	return true;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct vi_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static size_t count_lines(const char *text, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n;
}

static void split_lines(struct vr_vmcoreinfo *vi, size_t len)
{
	char *p = vi->text, *end = vi->text + len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct vi_entry *e = &vi->v[vi->n];

		if (parse_line(p, n, e)) {
			e->index = vi->n;
			vi->n++;
		}
		p += n + 1;
	}
}

struct vr_error *vr_vmcoreinfo_parse(const char *text, size_t len,
				     struct vr_vmcoreinfo **ret)
{
	struct vr_vmcoreinfo *vi;

	if (len > VI_MAX_TEXT)
		return vr_error_create(VR_ERR_LIMIT,
				       "VMCOREINFO of %zu bytes is too large",
				       len);
	vi = calloc(1, sizeof(*vi));
	if (!vi)
		return &vr_enomem;
	vi->text = malloc(len + 1);
	if (!vi->text)
		goto nomem;
	for (size_t i = 0; i < len; i++)
		vi->text[i] = text[i] ? text[i] : '\n';
	vi->text[len] = '\0';
	vi->v = xcalloc_array(count_lines(vi->text, len), sizeof(*vi->v));
	if (!vi->v)
		goto nomem;
	split_lines(vi, len);
	if (vi->n)
		qsort(vi->v, vi->n, sizeof(*vi->v), cmp_entry);
	*ret = vi;
	return NULL;
nomem:
	vr_vmcoreinfo_free(vi);
	return &vr_enomem;
}

void vr_vmcoreinfo_free(struct vr_vmcoreinfo *vi)
{
	if (!vi)
		return;
	free(vi->text);
	free(vi->v);
	free(vi);
}

size_t vr_vmcoreinfo_count(const struct vr_vmcoreinfo *vi)
{
	return vi ? vi->n : 0;
}

const char *vr_vmcoreinfo_get(const struct vr_vmcoreinfo *vi, const char *key)
{
	size_t lo = 0, hi;

	if (!vi || !key)
		return NULL;
	hi = vi->n;
	/* The first entry whose key is >= @key. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(vi->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < vi->n && !strcmp(vi->v[lo].key, key))
		return vi->v[lo].value;
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hexadecimal digits, with or without "0x"; false on overflow or junk. */
static bool parse_hex(const char *s, uint64_t *ret)
{
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!*s)
		return false;
	for (; *s; s++) {
		int d = hexval(*s);

		if (d < 0 || v >> 60)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*ret = v;
	return true;
}

static bool parse_udec(const char *s, uint64_t limit, uint64_t *ret)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (limit - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*ret = v;
	return true;
}

bool vr_vmcoreinfo_hex(const struct vr_vmcoreinfo *vi, const char *key,
		       uint64_t *ret)
{
	const char *s = vr_vmcoreinfo_get(vi, key);

	return s && parse_hex(s, ret);
}

/*
 * Decimal, optionally negative.  A "0x" prefix switches to hexadecimal:
 * arm64 prints NUMBER(kimage_voffset), NUMBER(PHYS_OFFSET) and
 * NUMBER(TCR_EL1_T1SZ) that way; values above INT64_MAX keep their bits.
 */
bool vr_vmcoreinfo_dec(const struct vr_vmcoreinfo *vi, const char *key,
		       int64_t *ret)
{
	const char *s = vr_vmcoreinfo_get(vi, key);
	bool neg = false;
	uint64_t v;

	if (!s)
		return false;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!parse_hex(s, &v))
			return false;
	} else if (!parse_udec(s, neg ? (uint64_t)INT64_MAX + 1 :
				(uint64_t)INT64_MAX, &v)) {
		return false;
	}
	*ret = (int64_t)(neg ? -v : v);
	return true;
}

bool vr_vmcoreinfo_symbol(const struct vr_vmcoreinfo *vi, const char *name,
			  uint64_t *ret)
{
	char key[VI_MAX_KEY];
	int n;

	n = snprintf(key, sizeof(key), "SYMBOL(%s)", name);
	if (n < 0 || (size_t)n >= sizeof(key))
		return false;
	if (vr_vmcoreinfo_hex(vi, key, ret))
		return true;
	n = snprintf(key, sizeof(key), "ADDRESS(%s)", name);
	if (n < 0 || (size_t)n >= sizeof(key))
		return false;
	return vr_vmcoreinfo_hex(vi, key, ret);
}
