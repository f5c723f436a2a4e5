// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kallsyms tables (scripts/kallsyms.c writes them, kernel/kallsyms.c
 * reads them), decoded from memory read through a callback.
 *
 * Only what VMCOREINFO gives (v6.0+) is needed: the names are walked from
 * the first one, so neither kallsyms_markers (tables->markers is ignored)
 * nor any table size is used.  That walk comes first: the names table
 * must hold kallsyms_num_syms names before anything is allocated per
 * symbol.
 *
 *   kallsyms_num_syms	 u32, the number of symbols
 *   kallsyms_names	 per symbol: a length, then that many token numbers;
 *			 v6.1+ (commit 73bbb94466fd) a length with bit 7 set
 *			 is "big": its low 7 bits, plus a second byte << 7
 *   kallsyms_token_table NUL-terminated strings, 256 of them
 *   kallsyms_token_index u16[256], where each token starts
 *   kallsyms_offsets	 s32[num_syms], from kallsyms_relative_base
 *			 (CONFIG_KALLSYMS_BASE_RELATIVE, mandatory since v6.11);
 *			 since v7.0 from the offset's own address, and no
 *			 kallsyms_relative_base
 *   kallsyms_addresses	 unsigned long[num_syms] without it (before v6.11)
 *
 * A name's expansion starts with its type letter ('T', 't', 'D', ...).
 * The tables are in address order (sorted here again, stably, so equal
 * addresses keep their table order); v6.2 added kallsyms_seqs_of_names
 * (name order), not needed here.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/kallsyms.h"
#include "vr/util.h"

/*
 * Bounds: a kernel has ~200k symbols (Debian's 6.12: 81k-167k in the
 * fixtures' System.map), ~3 MB of names, ~1 KiB of tokens.  Each symbol
 * costs some 80 bytes in the arrays below.
 */
#define KALLSYMS_MAX_SYMS (1U << 21)
#define KALLSYMS_MAX_NAMES (64U << 20)
#define KALLSYMS_MAX_TOKENS (64U << 10)
/* Expanded names, all together. */
#define KALLSYMS_MAX_STRINGS (128U << 20)
/* KSYM_NAME_LEN (512 since v6.1), with its NUL, as the kernel expands. */
#define KALLSYMS_NAME_MAX 511
/* Read sizes: the callback walks page tables, so read in big pieces. */
#define NAMES_CHUNK (256U << 10)
#define TOKENS_CHUNK 1024U
#define SMALL_PAGE 4096U

/* A table read from memory as far as needed, never past @limit bytes. */
struct table {
	const char *what;
	uint64_t addr;
	uint8_t *data;
	size_t len;		/* bytes read so far */
	size_t cap;		/* bytes allocated */
	size_t limit;
	size_t chunk;
	bool by_page;		/* a big read failed: read a page at a time */
};

struct decoder {
	vr_kallsyms_read_fn read;
	void *ctx;
	const struct vr_kallsyms_tables *t;
	bool be;
	unsigned int ptr_size;
	uint32_t num;
	uint16_t token_index[256];
	uint16_t token_len[256];
	struct table tokens;
	struct table names;
	/* per symbol, in table order */
	uint64_t *addrs;
	bool *absolute;
	size_t *name_off;	/* into strings; the type letter first */
	char *strings;
	size_t strings_len, strings_cap;
};

static struct vr_error *read_mem(struct decoder *d, uint64_t addr, void *buf,
				 size_t len, const char *what)
{
	struct vr_error *err = d->read(d->ctx, addr, buf, len);

	if (!err)
		return NULL;
	if (err == &vr_enomem)
		return err;
	return vr_error_wrap(err, "%s at 0x%llx", what,
			     (unsigned long long)addr);
}

/* How much to read to have @need bytes of @tab. */
static size_t table_want(const struct table *tab, size_t need)
{
	size_t want = max(need - tab->len, tab->chunk);

	if (tab->by_page) {
		uint64_t end = (tab->addr + need + SMALL_PAGE - 1) &
			       ~(uint64_t)(SMALL_PAGE - 1);

		want = end - tab->addr - tab->len;
	}
	return min(want, tab->limit - tab->len);
}

/* Read @want more bytes of @tab. */
static struct vr_error *table_grow(struct decoder *d, struct table *tab,
				   size_t want)
{
	size_t cap = max(tab->len + want, min(2 * tab->cap, tab->limit));
	uint8_t *n;

	if (cap > tab->cap) {
		n = realloc(tab->data, cap);
		if (!n)
			return &vr_enomem;
		tab->data = n;
		tab->cap = cap;
	}
	return d->read(d->ctx, tab->addr + tab->len, tab->data + tab->len,
		       want);
}

/*
 * Make @need bytes of @tab available.  A big read that runs into
 * unreadable memory past the table's end is retried a page at a time.
 */
static struct vr_error *table_need(struct decoder *d, struct table *tab,
				   size_t need)
{
	struct vr_error *err;
	size_t want;

	if (need <= tab->len)
		return NULL;
	if (need > tab->limit)
		return vr_error_create(VR_ERR_CORRUPT,
				       "%s at 0x%llx: more than %zu bytes",
				       tab->what, (unsigned long long)tab->addr,
				       tab->limit);
	want = table_want(tab, need);
	err = table_grow(d, tab, want);
	if (err && err != &vr_enomem && !tab->by_page) {
		vr_error_destroy(err);
		tab->by_page = true;
		want = table_want(tab, need);
		err = table_grow(d, tab, want);
	}
	if (err == &vr_enomem)
		return err;
	if (err)
		return vr_error_wrap(err, "%s at 0x%llx, byte %zu", tab->what,
				     (unsigned long long)tab->addr, tab->len);
	tab->len += want;
	return NULL;
}

static struct vr_error *read_num_syms(struct decoder *d)
{
	uint8_t raw[4];
	struct vr_error *err = read_mem(d, d->t->num_syms, raw, sizeof(raw),
					"kallsyms_num_syms");

	if (err)
		return err;
	d->num = vr_get32(raw, d->be);
	if (!d->num || d->num > KALLSYMS_MAX_SYMS)
		return vr_error_create(VR_ERR_CORRUPT,
				       "kallsyms_num_syms is %u (0 or more than %u)",
				       d->num, KALLSYMS_MAX_SYMS);
	return NULL;
}

/*
 * The token table up to the end of the token that starts last: the
 * index says where each token starts, nothing says where the table ends.
 */
static struct vr_error *read_tokens(struct decoder *d)
{
	uint8_t raw[256 * 2];
	struct vr_error *err = read_mem(d, d->t->token_index, raw, sizeof(raw),
					"kallsyms_token_index");
	size_t last = 0, end;

	if (err)
		return err;
	for (unsigned int i = 0; i < 256; i++) {
		d->token_index[i] = vr_get16(raw + i * 2, d->be);
		last = max(last, (size_t)d->token_index[i]);
	}
	d->tokens = (struct table){
		.what = "kallsyms_token_table", .addr = d->t->token_table,
		.limit = KALLSYMS_MAX_TOKENS, .chunk = TOKENS_CHUNK,
	};
	for (end = last;; end++) {
		err = table_need(d, &d->tokens, end + 1);
		if (err)
			return err;
		if (!d->tokens.data[end])
			break;
	}
	for (unsigned int i = 0; i < 256; i++)
		d->token_len[i] = strlen((const char *)d->tokens.data +
					 d->token_index[i]);
	return NULL;
}

static struct vr_error *add_string(struct decoder *d, size_t len)
{
	size_t cap = d->strings_cap;
	char *n;

	if (d->strings_len + len <= cap)
		return NULL;
	if (d->strings_len + len > KALLSYMS_MAX_STRINGS)
		return vr_error_create(VR_ERR_CORRUPT,
				       "kallsyms names expand to more than %u bytes",
				       KALLSYMS_MAX_STRINGS);
	while (cap < d->strings_len + len)
		cap = cap ? cap * 2 : 1U << 20;
	n = realloc(d->strings, min(cap, (size_t)KALLSYMS_MAX_STRINGS));
	if (!n)
		return &vr_enomem;
	d->strings = n;
	d->strings_cap = min(cap, (size_t)KALLSYMS_MAX_STRINGS);
	return NULL;
}

/* Symbol @i's name from its @len token numbers at @code. */
static struct vr_error *expand_name(struct decoder *d, uint32_t i,
				    const uint8_t *code, size_t len)
{
	/* The type letter, the name, its NUL. */
	struct vr_error *err = add_string(d, 1 + KALLSYMS_NAME_MAX + 1);
	size_t n = 0;
	char *out;

	if (err)
		return err;
	out = d->strings + d->strings_len;
	for (size_t k = 0; k < len && n < 1 + KALLSYMS_NAME_MAX; k++) {
		size_t tlen = min((size_t)d->token_len[code[k]],
				  1 + KALLSYMS_NAME_MAX - n);

		memcpy(out + n, d->tokens.data + d->token_index[code[k]], tlen);
		n += tlen;
	}
	if (!n)
		return vr_error_create(VR_ERR_CORRUPT,
				       "kallsyms symbol %u has an empty name", i);
	out[n] = '\0';
	d->name_off[i] = d->strings_len;
	d->strings_len += n + 1;
	return NULL;
}

/*
 * Symbol @i's entry at @off of kallsyms_names, read to its end: the size
 * of its length (1 or 2 bytes) and its number of token codes.
 */
static struct vr_error *name_entry(struct decoder *d, uint32_t i, size_t off,
				   size_t *hdr, size_t *len)
{
	struct table *tab = &d->names;
	struct vr_error *err = table_need(d, tab, off + 1);

	if (err)
		return err;
	*hdr = 1;
	*len = tab->data[off];
	/* v6.1+ (commit 73bbb94466fd): a big name's 2-byte length. */
	if (*len & 0x80) {
		err = table_need(d, tab, off + 2);
		if (err)
			return err;
		*len = (*len & 0x7f) | ((size_t)tab->data[off + 1] << 7);
		*hdr = 2;
	}
	if (!*len)
		return vr_error_create(VR_ERR_CORRUPT,
				       "kallsyms symbol %u has no name", i);
	return table_need(d, tab, off + *hdr + *len);
}

/*
 * Walk kallsyms_names from its start over kallsyms_num_syms entries: a
 * count the table cannot hold fails here, within KALLSYMS_MAX_NAMES.
 */
static struct vr_error *scan_names(struct decoder *d)
{
	size_t off = 0, hdr, len;

	d->names = (struct table){
		.what = "kallsyms_names", .addr = d->t->names,
		.limit = KALLSYMS_MAX_NAMES, .chunk = NAMES_CHUNK,
	};
	for (uint32_t i = 0; i < d->num; i++) {
		struct vr_error *err = name_entry(d, i, off, &hdr, &len);

		if (err)
			return err;
		off += hdr + len;
	}
	return NULL;
}

/* Expand every name of the table scan_names() read. */
static struct vr_error *read_names(struct decoder *d)
{
	size_t off = 0, hdr, len;

	for (uint32_t i = 0; i < d->num; i++) {
		struct vr_error *err = name_entry(d, i, off, &hdr, &len);

		if (!err)
			err = expand_name(d, i, d->names.data + off + hdr, len);
		if (err)
			return err;
		off += hdr + len;
	}
	return NULL;
}

/*
 * kallsyms_sym_address() of a base-relative symbol.  With
 * CONFIG_KALLSYMS_ABSOLUTE_PERCPU (x86_64 SMP, v4.6 until v6.15), a
 * non-negative offset is a per-CPU symbol's absolute value and a
 * negative one counts down from @base - 1; without it, every offset is
 * an unsigned distance from @base.
 */
static uint64_t offset_addr(const struct decoder *d, uint64_t base,
			    uint32_t raw, bool *absolute)
{
	int32_t off = (int32_t)raw;

	if (!d->t->absolute_percpu)
		return base + raw;
	if (off >= 0) {
		*absolute = true;
		return raw;
	}
	return base - 1 - (int64_t)off;
}

/* Every symbol's address, from kallsyms_offsets or kallsyms_addresses. */
static struct vr_error *read_addrs(struct decoder *d)
{
	const struct vr_kallsyms_tables *t = d->t;
	size_t esize = t->offsets ? 4 : d->ptr_size;
	uint8_t *raw = xcalloc_array(d->num, esize);
	uint8_t base_raw[8];
	struct vr_error *err;
	uint64_t base;

	if (!raw)
		return &vr_enomem;
	if (!t->offsets) {
		/* !CONFIG_KALLSYMS_BASE_RELATIVE (before v6.11) */
		err = read_mem(d, t->addresses, raw, (size_t)d->num * esize,
			       "kallsyms_addresses");
		for (uint32_t i = 0; !err && i < d->num; i++)
			d->addrs[i] = vr_get_uint(raw + (size_t)i * esize,
						  esize, d->be);
		goto out;
	}
	/*
	 * v7.0 ("kallsyms: Get rid of kallsyms relative base") dropped
	 * kallsyms_relative_base: each offset is relative to its own slot.
	 */
	if (!t->relative_base) {
		err = read_mem(d, t->offsets, raw, (size_t)d->num * 4,
			       "kallsyms_offsets");
		for (uint32_t i = 0; !err && i < d->num; i++)
			d->addrs[i] = t->offsets + (uint64_t)i * 4 +
				      (int64_t)(int32_t)vr_get32(raw + (size_t)i * 4,
								 d->be);
		goto out;
	}
	err = read_mem(d, t->relative_base, base_raw, d->ptr_size,
		       "kallsyms_relative_base");
	if (!err)
		err = read_mem(d, t->offsets, raw, (size_t)d->num * 4,
			       "kallsyms_offsets");
	if (err)
		goto out;
	base = vr_get_uint(base_raw, d->ptr_size, d->be);
	for (uint32_t i = 0; i < d->num; i++)
		d->addrs[i] = offset_addr(d, base, vr_get32(raw + (size_t)i * 4,
							    d->be),
					  &d->absolute[i]);
out:
	free(raw);
	return err;
}

struct sort_key {
	uint64_t addr;
	uint32_t index;
};

/* By address, then table order (a stable sort). */
static int cmp_key(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* The symbols sorted by address; a size reaches the next higher one. */
static struct vr_error *build(struct decoder *d, struct vr_kallsyms *ks)
{
	struct sort_key *order = xcalloc_array(d->num, sizeof(*order));
	uint64_t next = 0;
	bool have_next = false;

	if (!order)
		return &vr_enomem;
	ks->syms = xcalloc_array(d->num, sizeof(*ks->syms));
	if (!ks->syms) {
		free(order);
		return &vr_enomem;
	}
	for (uint32_t i = 0; i < d->num; i++)
		order[i] = (struct sort_key){ .addr = d->addrs[i], .index = i };
	qsort(order, d->num, sizeof(*order), cmp_key);
	ks->strings = d->strings;
	d->strings = NULL;
	ks->nr_syms = d->num;
	for (size_t k = d->num; k-- > 0;) {
		struct vr_ksym *s = &ks->syms[k];
		uint32_t i = order[k].index;

		s->addr = d->addrs[i];
		s->type = ks->strings[d->name_off[i]];
		s->name = ks->strings + d->name_off[i] + 1;
		s->absolute = d->absolute[i];
		if (k + 1 < d->num && ks->syms[k + 1].addr > s->addr) {
			next = ks->syms[k + 1].addr;
			have_next = true;
		}
		s->size = have_next ? next - s->addr : 0;
	}
	free(order);
	return NULL;
}

static struct vr_error *check_tables(const struct vr_kallsyms_tables *t,
				     unsigned int ptr_size)
{
	if (ptr_size != 4 && ptr_size != 8)
		return vr_error_create(VR_ERR_INVALID, "%u-byte pointers",
				       ptr_size);
	if (!t->num_syms || !t->names || !t->token_table || !t->token_index)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no kallsyms_num_syms, _names or _token_* table");
	if (!t->offsets && !t->addresses)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "neither kallsyms_offsets nor kallsyms_addresses");
	return NULL;
}

static void decoder_free(struct decoder *d)
{
	free(d->tokens.data);
	free(d->names.data);
	free(d->addrs);
	free(d->absolute);
	free(d->name_off);
	free(d->strings);
}

static struct vr_error *decode(struct decoder *d, struct vr_kallsyms *ks)
{
	struct vr_error *err = read_num_syms(d);

	if (!err)
		err = read_tokens(d);
	if (!err)
		err = scan_names(d);
	if (err)
		return err;
	d->addrs = xcalloc_array(d->num, sizeof(*d->addrs));
	d->absolute = xcalloc_array(d->num, sizeof(*d->absolute));
	d->name_off = xcalloc_array(d->num, sizeof(*d->name_off));
	if (!d->addrs || !d->absolute || !d->name_off)
		return &vr_enomem;
	err = read_names(d);
	if (!err)
		err = read_addrs(d);
	if (!err)
		err = build(d, ks);
	return err;
}

struct vr_error *vr_kallsyms_decode(vr_kallsyms_read_fn read, void *ctx,
				    const struct vr_kallsyms_tables *tables,
				    bool big_endian, unsigned int ptr_size,
				    struct vr_kallsyms **ret)
{
	struct decoder d = {
		.read = read, .ctx = ctx, .t = tables, .be = big_endian,
		.ptr_size = ptr_size,
	};
	struct vr_kallsyms *ks;
	struct vr_error *err = check_tables(tables, ptr_size);

	if (err)
		return err;
	ks = calloc(1, sizeof(*ks));
	if (!ks)
		return &vr_enomem;
	err = decode(&d, ks);
	decoder_free(&d);
	if (err) {
		vr_kallsyms_free(ks);
		return err;
	}
	*ret = ks;
	return NULL;
}

void vr_kallsyms_free(struct vr_kallsyms *ks)
{
	if (!ks)
		return;
	free(ks->syms);
	free(ks->strings);
	free(ks);
}
