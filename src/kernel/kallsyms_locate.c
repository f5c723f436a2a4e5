// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kallsyms tables found in the kernel image by their layout, when
 * neither VMCOREINFO (v6.0+) nor a vmlinux gives their addresses.
 *
 * scripts/kallsyms.c emits every table under a label aligned to the
 * pointer size (ALGN), in one of these orders:
 *
 *   up to v6.1	offsets | addresses, [relative_base], num_syms, names,
 *		markers, token_table, token_index
 *   v6.2, v6.3	the same, with seqs_of_names (u8[3] per symbol) between
 *		markers and token_table ("kallsyms: Improve the performance
 *		of kallsyms_lookup_name()"; Debian's 6.1 has it too)
 *   v6.4+	num_syms, names, markers, token_table, token_index,
 *		offsets | addresses, [relative_base], seqs_of_names
 *		("scripts/kallsyms: change the output order")
 *
 * Older kernels (4.x) wrote kallsyms_num_syms and kallsyms_markers as
 * longs (PTR), later ones as .long: both widths are tried.
 *
 * The search starts from kallsyms_token_index, the one table with a shape
 * of its own: 256 u16 offsets, the first 0, increasing, into
 * kallsyms_token_table, 256 NUL-terminated tokens just before it.  Every
 * byte used in a name is a one-character token at its own code
 * (insert_real_symbols_in_table()); names use every digit, lower-case
 * letter and '_', so those tokens are one character long, which random
 * data or code hardly mimics.  From there, backwards: the markers (a
 * name offset every 256 symbols, the first 0), perhaps seqs_of_names
 * between them and the tokens; the names end where the markers start, and
 * kallsyms_num_syms precedes them, its count agreeing with the markers'
 * and the names' walk.  The addresses are then tried where each order
 * puts them, kept only if sorted, and the whole is checked by decoding
 * (printable names, _stext and init_uts_ns where VMCOREINFO has them).
 *
 * Everything read is bounded; memory that cannot be read reads as zeros.
 */
#include <stdlib.h>
#include <string.h>

#include "vr/kallsyms_locate.h"
#include "vr/util.h"

#define PAGE 4096U
/* The scan reads this much at a time, plus one token index. */
#define SCAN_CHUNK (1U << 20)
#define INDEX_SIZE (256U * 2)
/* One token, in bytes without its NUL. */
#define TOKEN_MAX 256U
/* A name's entry: one or (v6.1+) two length bytes, then its codes. */
#define ENTRY_MIN 2U
#define ENTRY_MAX (2U + 511U)
#define MAX_SYMS (1ULL << 23)
#define NAMES_MAX (64U << 20)
/* Markers and seqs_of_names (3 bytes a symbol) before the tokens. */
#define BEFORE_TOKENS_MAX (8U << 20)
/* Candidates decoded in full before giving up. */
#define MAX_DECODES 8

struct loc {
	vr_kallsyms_read_fn read;
	void *ctx;
	const struct vr_kallsyms_area *area;
	bool be;
	unsigned int ptr;	/* pointer size, and the tables' alignment */
	unsigned int decodes;
	uint16_t index[256];
	uint64_t token_index;
	uint64_t token_table;
	struct vr_kallsyms_tables t;
	struct vr_kallsyms *ks;
};

/* Markers found before the tokens: their place and what they imply. */
struct markers {
	uint64_t addr;
	unsigned int size;	/* 4 (.long) or 8 (PTR, 4.x) */
	uint32_t count;
	uint64_t second;	/* names offset of symbol 256, if count > 1 */
	uint64_t last;		/* of symbol 256 * (count - 1) */
	uint32_t min_syms, max_syms;
};

static uint64_t align_up(uint64_t v, unsigned int a)
{
	return (v + a - 1) & ~(uint64_t)(a - 1);
}

/*
 * Read @len bytes at @addr; pages that cannot be read read as zeros,
 * which no table check accepts.  Only running out of memory fails.
 */
static struct vr_error *read_soft(struct loc *l, uint64_t addr, uint8_t *buf,
				  size_t len)
{
	struct vr_error *err;
	size_t done = 0;

	/* Past the top of the address space: nothing to read. */
	if (len && addr > UINT64_MAX - (len - 1)) {
		memset(buf, 0, len);
		return NULL;
	}
	err = l->read(l->ctx, addr, buf, len);
	if (!err || err == &vr_enomem)
		return err;
	vr_error_destroy(err);
	while (done < len) {
		uint64_t a = addr + done;
		size_t n = min(len - done, (size_t)(PAGE - (a & (PAGE - 1))));

		err = l->read(l->ctx, a, buf + done, n);
		if (err == &vr_enomem)
			return err;
		if (err) {
			vr_error_destroy(err);
			memset(buf + done, 0, n);
		}
		done += n;
	}
	return NULL;
}

/* A fresh buffer with @len bytes at @addr (@addr + @len must not wrap). */
static struct vr_error *read_region(struct loc *l, uint64_t addr, size_t len,
				    uint8_t **ret)
{
	uint8_t *buf = malloc(len ? len : 1);
	struct vr_error *err;

	if (!buf)
		return &vr_enomem;
	err = read_soft(l, addr, buf, len);
	if (err) {
		free(buf);
		return err;
	}
	*ret = buf;
	return NULL;
}

static uint64_t get(const struct loc *l, const uint8_t *p, unsigned int size)
{
	return vr_get_uint(p, size, l->be);
}

/* Characters every kernel's names use, hence one-character tokens. */
static bool always_used(unsigned int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_';
}

/* Does @p look like kallsyms_token_index?  Fills l->index if so. */
static bool token_index_shape(struct loc *l, const uint8_t *p)
{
	uint16_t *idx = l->index;

	if (p[0] | p[1])
		return false;
	/* Cheap first: token 'a' is "a". */
	if ((uint16_t)(vr_get16(p + 2 * ('a' + 1), l->be) -
		       vr_get16(p + 2 * 'a', l->be)) != 2)
		return false;
	idx[0] = 0;
	for (unsigned int i = 1; i < 256; i++) {
		int d;

		idx[i] = vr_get16(p + 2 * i, l->be);
		d = (int)idx[i] - (int)idx[i - 1];
		/* An unused code has an empty token: just its NUL. */
		if (d < 1 || d > (int)TOKEN_MAX + 1)
			return false;
	}
	for (unsigned int c = 0; c < 255; c++)
		if (always_used(c) && idx[c + 1] - idx[c] != 2)
			return false;
	return true;
}

/* Token @i at @s, @len bytes, then its NUL. */
static bool token_ok(const uint8_t *s, size_t len, unsigned int i)
{
	for (size_t k = 0; k < len; k++)
		if (s[k] < 0x21 || s[k] > 0x7e)
			return false;
	if (s[len])
		return false;
	/* Pairs expand to two characters or more: one is its own code. */
	return len != 1 || s[0] == i;
}

/*
 * kallsyms_token_table, just before the index at @ti: its last token
 * ends with a NUL and at most ALGN - 1 bytes of padding, so it is found
 * from the end; every other token must then end where the next starts.
 */
static struct vr_error *find_token_table(struct loc *l, uint64_t ti,
					 bool *found)
{
	size_t span = (size_t)l->index[255] + TOKEN_MAX + 1 + 8;
	size_t z = 0, n = 0, tt;
	struct vr_error *err;
	uint8_t *buf;

	*found = false;
	if (ti < span)
		return NULL;
	err = read_region(l, ti - span, span, &buf);
	if (err)
		return err;
	while (z < 9 && !buf[span - 1 - z])
		z++;
	while (z && z < 9 && n <= TOKEN_MAX && buf[span - 1 - z - n])
		n++;
	if (!z || z > 8 || !n || n > TOKEN_MAX)
		goto out;
	tt = span - z - n - l->index[255];
	for (unsigned int i = 0; i < 256; i++) {
		size_t s = tt + l->index[i];
		size_t e = i < 255 ? tt + l->index[i + 1] - 1 : span - z;

		if (!token_ok(buf + s, e - s, i))
			goto out;
	}
	l->token_table = ti - span + tt;
	*found = true;
out:
	free(buf);
	return NULL;
}

/* Walk @count name entries from @pos; false if one leaves @len. */
static bool walk_names(const uint8_t *buf, size_t len, size_t *pos,
		       uint32_t count)
{
	size_t p = *pos;

	for (uint32_t i = 0; i < count; i++) {
		size_t n, hdr = 1;

		if (p >= len)
			return false;
		n = buf[p];
		/* v6.1+: a "big" name's length takes two bytes. */
		if (n & 0x80) {
			if (p + 1 >= len)
				return false;
			n = (n & 0x7f) | (size_t)buf[p + 1] << 7;
			hdr = 2;
		}
		if (!n || n > len - p - hdr)
			return false;
		p += hdr + n;
	}
	*pos = p;
	return true;
}

/*
 * The type is nm's letter, as scripts/kallsyms.c read it, or '?' where
 * nm knows no letter: e.g. ppc64's __nosave_begin and __nosave_end
 * ("c00000000271b000 ? __nosave_begin" in Debian's 6.12 ppc64el
 * System.map, kept in kallsyms too).
 */
static bool sym_name_ok(const struct vr_ksym *s)
{
	if (!((s->type >= 'a' && s->type <= 'z') ||
	      (s->type >= 'A' && s->type <= 'Z') || s->type == '?') ||
	    !s->name[0])
		return false;
	for (const char *c = s->name; *c; c++)
		if (*c < 0x21 || *c > 0x7e)
			return false;
	return true;
}

/*
 * The decoded symbols make sense: printable names, and _stext and
 * init_uts_ns (only there with CONFIG_KALLSYMS_ALL) where VMCOREINFO
 * says.
 */
static bool symbols_ok(const struct loc *l, const struct vr_kallsyms *ks)
{
	const struct vr_kallsyms_area *a = l->area;
	bool stext = false;

	if (!ks->nr_syms)
		return false;
	for (size_t i = 0; i < ks->nr_syms; i++) {
		const struct vr_ksym *s = &ks->syms[i];

		if (!sym_name_ok(s))
			return false;
		if (a->stext && !strcmp(s->name, "_stext")) {
			if (s->addr != a->stext)
				return false;
			stext = true;
		}
		if (a->init_uts_ns && !strcmp(s->name, "init_uts_ns") &&
		    s->addr != a->init_uts_ns)
			return false;
	}
	/* Without a _stext symbol, the text must at least lie among them. */
	return !a->stext || stext ||
	       (ks->syms[0].addr <= a->stext &&
		a->stext <= ks->syms[ks->nr_syms - 1].addr);
}

static struct vr_error *try_decode(struct loc *l, bool *found)
{
	struct vr_kallsyms *ks = NULL;
	struct vr_error *err;

	*found = false;
	if (l->decodes++ >= MAX_DECODES)
		return NULL;
	err = vr_kallsyms_decode(l->read, l->ctx, &l->t, l->be, l->ptr, &ks);
	if (err == &vr_enomem)
		return err;
	if (err) {
		vr_error_destroy(err);
		return NULL;
	}
	if (!symbols_ok(l, ks)) {
		vr_kallsyms_free(ks);
		return NULL;
	}
	l->ks = ks;
	*found = true;
	return NULL;
}

/*
 * Addresses in table order are sorted (scripts/kallsyms.c sorts before
 * writing; kernel/kallsyms.c bisects them).  With
 * CONFIG_KALLSYMS_ABSOLUTE_PERCPU (x86_64 SMP, v4.6 .. v6.14) per-CPU
 * symbols have non-negative absolute offsets and come first, the others
 * negative ones from relative_base - 1; the last one tells which.
 */
static bool offsets_sorted(struct loc *l, const uint8_t *raw, uint32_t n,
			   uint64_t base)
{
	bool pcpu = (int32_t)vr_get32(raw + (size_t)(n - 1) * 4, l->be) < 0;
	uint64_t prev = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t v = vr_get32(raw + (size_t)i * 4, l->be);
		uint64_t a;

		if (!pcpu)
			a = base + v;
		else if ((int32_t)v >= 0)
			a = v;
		else
			a = base - 1 - (int64_t)(int32_t)v;
		if (a < prev)
			return false;
		prev = a;
	}
	l->t.absolute_percpu = pcpu;
	return true;
}

/* kallsyms_offsets (and relative_base) at @off, or addresses at @addrs. */
static struct vr_error *try_addresses(struct loc *l, uint64_t off,
				      uint64_t base, uint64_t addrs,
				      uint32_t n, bool *found)
{
	unsigned int esize = off ? 4 : l->ptr;
	uint8_t *raw = NULL, braw[8];
	struct vr_error *err;
	bool sorted = true;

	*found = false;
	err = read_region(l, off ? off : addrs, (size_t)n * esize, &raw);
	if (!err && off)
		err = read_soft(l, base, braw, l->ptr);
	if (err)
		goto out;
	if (off) {
		sorted = offsets_sorted(l, raw, n, get(l, braw, l->ptr));
	} else {
		for (uint32_t i = 1; i < n && sorted; i++)
			sorted = get(l, raw + (size_t)(i - 1) * esize, esize) <=
				 get(l, raw + (size_t)i * esize, esize);
		l->t.absolute_percpu = false;
	}
	if (!sorted)
		goto out;
	l->t.offsets = off;
	l->t.relative_base = off ? base : 0;
	l->t.addresses = off ? 0 : addrs;
	err = try_decode(l, found);
out:
	free(raw);
	return err;
}

/*
 * Names at @names, kallsyms_num_syms (@n) at @num: the addresses where
 * either order puts them.  v6.4+: after the token index; before: before
 * kallsyms_num_syms, relative_base right before it.
 */
static struct vr_error *try_layouts(struct loc *l, uint64_t names,
				    uint64_t num, uint32_t n, uint64_t markers,
				    bool *found)
{
	uint64_t after = align_up(l->token_index + INDEX_SIZE, l->ptr);
	uint64_t label = names - l->ptr;	/* of kallsyms_num_syms */
	uint64_t rb = label - l->ptr;
	uint64_t off = rb - align_up((uint64_t)n * 4, l->ptr);
	struct vr_error *err;

	l->t = (struct vr_kallsyms_tables){
		.num_syms = num, .names = names, .markers = markers,
		.token_table = l->token_table, .token_index = l->token_index,
	};
	/* v6.4+ */
	err = try_addresses(l, after, align_up(after + (uint64_t)n * 4, l->ptr),
			    0, n, found);
	if (!err && !*found)
		err = try_addresses(l, 0, 0, after, n, found);
	/* up to v6.3 */
	if (!err && !*found && off < rb && rb < label)
		err = try_addresses(l, off, rb, 0, n, found);
	if (!err && !*found && label > (uint64_t)n * l->ptr)
		err = try_addresses(l, 0, 0, label - (uint64_t)n * l->ptr, n,
				    found);
	return err;
}

/*
 * The names end where the markers start (give or take ALGN) and begin
 * right after kallsyms_num_syms.  The count must agree with the markers,
 * a walk of the first 256 names must reach the second marker, and one of
 * the last ones must end the table.
 */
static struct vr_error *try_names(struct loc *l, const struct markers *m,
				  bool *found)
{
	uint64_t span = align_up(m->last + 256ULL * ENTRY_MAX, 8) + 16;
	uint64_t q = m->addr, lo;
	struct vr_error *err;
	uint8_t *buf;
	size_t s;

	*found = false;
	if (m->last > NAMES_MAX || q < span)
		return NULL;
	lo = q - span;
	err = read_region(l, lo, span, &buf);
	if (err)
		return err;
	/*
	 * @s: the names' offset in @buf, aligned, from the highest candidate
	 * down to room for kallsyms_num_syms before it.
	 */
	s = ((span - m->last - ENTRY_MIN) & ~(size_t)3) + 4;
	while (s >= 2 * l->ptr + 4 && !*found && !err) {
		size_t at, pos, end;
		uint32_t n;

		s -= 4;
		at = s - l->ptr;
		pos = s;
		n = vr_get32(buf + at, l->be);

		/* A big-endian long count: its low half. */
		if (!n && l->be && l->ptr == 8) {
			at += 4;
			n = vr_get32(buf + at, l->be);
		}
		if (n < m->min_syms || n > m->max_syms)
			continue;
		if (!walk_names(buf, span, &pos, min(n, 256U)) ||
		    (m->count > 1 && pos != s + m->second))
			continue;
		pos = s + m->last;
		if (!walk_names(buf, span, &pos, n - 256 * (m->count - 1)))
			continue;
		if (pos > span || span - pos >= l->ptr)
			continue;
		for (end = pos; end < span && !buf[end]; end++)
			;
		if (end != span)
			continue;
		err = try_layouts(l, lo + s, lo + at, n, m->addr, found);
	}
	free(buf);
	return err;
}

/*
 * Markers at @q, entries of @size bytes: the first 0, each next one
 * 256 entries (2 to ENTRY_MAX bytes each) further.  Then what lies
 * between them and the tokens: nothing but padding, or seqs_of_names.
 */
static struct vr_error *try_markers(struct loc *l, const uint8_t *buf,
				    uint64_t base, size_t len, size_t q,
				    unsigned int size, bool *found)
{
	struct markers m = { .addr = base + q, .size = size, .count = 1 };
	uint64_t prev = 0, end, seqs, bytes, least;

	*found = false;
	while (q + (size_t)size * (m.count + 1) <= len &&
	       m.count < MAX_SYMS / 256) {
		uint64_t v = get(l, buf + q + (size_t)size * m.count, size);

		if (v < prev + 256 * ENTRY_MIN || v > prev + 256 * ENTRY_MAX)
			break;
		if (m.count == 1)
			m.second = v;
		prev = v;
		m.count++;
	}
	m.last = prev;
	end = m.addr + (uint64_t)size * m.count;
	seqs = align_up(end, l->ptr);
	m.min_syms = 256 * (m.count - 1) + 1;
	m.max_syms = 256 * m.count;
	if (seqs != l->token_table) {
		/* seqs_of_names: 3 bytes a symbol, then up to ALGN - 1. */
		if (seqs > l->token_table)
			return NULL;
		bytes = l->token_table - seqs;
		least = (bytes - min(bytes, (uint64_t)l->ptr - 1) + 2) / 3;
		m.min_syms = max(m.min_syms, (uint32_t)min(least, MAX_SYMS));
		m.max_syms = min(m.max_syms,
				 (uint32_t)min(bytes / 3, MAX_SYMS));
		if (m.min_syms > m.max_syms)
			return NULL;
	}
	return try_names(l, &m, found);
}

/*
 * The markers before the tokens, searched backwards over a window that
 * grows: just the markers first, then room for seqs_of_names.
 */
static struct vr_error *find_markers(struct loc *l, bool *found)
{
	static const size_t windows[] = { 64U << 10, 1U << 20,
					  BEFORE_TOKENS_MAX };
	uint64_t tt = l->token_table;
	size_t done = 0;

	*found = false;
	for (size_t w = 0; w < ARRAY_SIZE(windows) && !*found; w++) {
		size_t len = min((uint64_t)windows[w], tt & ~(uint64_t)3);
		struct vr_error *err;
		uint8_t *buf;

		if (len <= done)
			break;
		err = read_region(l, tt - len, len, &buf);
		if (err)
			return err;
		/* Offsets from the end already searched are skipped. */
		for (size_t q = len - 4 - done; q + 4 > 4 && !*found && !err;
		     q -= 4) {
			for (unsigned int size = 4; size <= l->ptr && !*found &&
			     !err; size += 4) {
				if (((tt - len + q) & (size - 1)) ||
				    q + size > len || get(l, buf + q, size))
					continue;
				err = try_markers(l, buf, tt - len, len, q,
						  size, found);
			}
		}
		free(buf);
		if (err)
			return err;
		done = len;
	}
	return NULL;
}

/* A token index at @ti passed the shape test: the rest or nothing. */
static struct vr_error *try_token_index(struct loc *l, uint64_t ti,
					bool *found)
{
	struct vr_error *err;

	l->token_index = ti;
	err = find_token_table(l, ti, found);
	if (err || !*found)
		return err;
	return find_markers(l, found);
}

/* Scan [lo, hi) from the top, a chunk at a time. */
static struct vr_error *scan(struct loc *l, uint64_t lo, uint64_t hi,
			     bool *found)
{
	uint8_t *buf = malloc(SCAN_CHUNK + INDEX_SIZE);
	struct vr_error *err = NULL;

	*found = false;
	if (!buf)
		return &vr_enomem;
	while (hi > lo && !*found && !err) {
		uint64_t start = hi - min(hi - lo, (uint64_t)SCAN_CHUNK);
		size_t len = hi - start + INDEX_SIZE;

		err = read_soft(l, start, buf, len);
		for (size_t off = hi - start; !err && !*found && off >= 2;) {
			off -= 2;
			if (token_index_shape(l, buf + off))
				err = try_token_index(l, start + off, found);
		}
		hi = start;
	}
	free(buf);
	return err;
}

struct vr_error *vr_kallsyms_locate(vr_kallsyms_read_fn read, void *ctx,
				    const struct vr_kallsyms_area *area,
				    bool big_endian, unsigned int ptr_size,
				    struct vr_kallsyms_tables *tables,
				    struct vr_kallsyms **ks)
{
	struct loc l = {
		.read = read, .ctx = ctx, .area = area, .be = big_endian,
		.ptr = ptr_size,
	};
	uint64_t lo, hi;
	struct vr_error *err;
	bool found;

	if (ptr_size != 4 && ptr_size != 8)
		return vr_error_create(VR_ERR_INVALID, "%u-byte pointers",
				       ptr_size);
	/* Even addresses, room for the index past the end, no wrap. */
	lo = align_up(area->start, 2);
	hi = area->end & ~(uint64_t)1;
	if (hi > UINT64_MAX - INDEX_SIZE || hi <= lo)
		return vr_error_create(VR_ERR_INVALID,
				       "no kernel image range to search for kallsyms");
	if (hi - lo > VR_KALLSYMS_SCAN_MAX)
		lo = hi - VR_KALLSYMS_SCAN_MAX;
	err = scan(&l, lo, hi, &found);
	if (err)
		return err;
	if (!found)
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "no kallsyms tables in 0x%llx..0x%llx",
				       (unsigned long long)lo,
				       (unsigned long long)hi);
	*tables = l.t;
	if (ks)
		*ks = l.ks;
	else
		vr_kallsyms_free(l.ks);
	return NULL;
}
