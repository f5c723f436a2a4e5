// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kallsyms decoder: hand-built tables (every layout variant, and
 * garbage), then every fixture's kallsyms against what the guest's
 * /proc/kallsyms listed and against the build's System.map.
 */
#include <stdlib.h>

#include "test.h"
#include "fixture_util.h"
#include "vr/kallsyms.h"
#include "vr/util.h"

/* Synthetic memory: a buffer at a kernel address. */
#define MEM_BASE 0xffffffff82000000ULL	/* within 2 GiB of KBASE (s32 offsets) */
#define MEM_SIZE 0x4000
#define OFF_NUM 0x0
#define OFF_BASE 0x8
#define OFF_INDEX 0x10
#define OFF_TOKENS 0x300
#define OFF_ADDRS 0x1400
#define OFF_NAMES 0x2000
/* src/dwarf/kallsyms.c KALLSYMS_MAX_SYMS: the most symbols decoded */
#define MAX_SYMS (1U << 21)

struct mem {
	uint8_t buf[MEM_SIZE];
	bool be;
	/* Outside the buffer: fail (0), or read @fill bytes. */
	bool lenient;
	uint8_t fill;
	bool random;		/* every byte outside the header random */
	unsigned long reads;
};

static struct vr_error *mem_read(void *ctx, uint64_t addr, void *buf,
				 size_t len)
{
	struct mem *m = ctx;
	uint8_t *out = buf;

	m->reads++;
	for (size_t i = 0; i < len; i++) {
		uint64_t a = addr + i;

		if (a >= MEM_BASE && a - MEM_BASE < MEM_SIZE && !m->random)
			out[i] = m->buf[a - MEM_BASE];
		else if (m->random)
			out[i] = (uint8_t)(((a * 0x9E3779B97F4A7C15ULL) >> 29) ^ (a >> 7));
		else if (m->lenient)
			out[i] = m->fill;
		else
			return vr_error_create(VR_ERR_FAULT, "0x%llx unmapped",
					       (unsigned long long)a);
	}
	return NULL;
}

static void put(struct mem *m, size_t off, uint64_t v, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++) {
		unsigned int shift = 8 * (m->be ? size - 1 - i : i);

		m->buf[off + i] = (uint8_t)(v >> shift);
	}
}

/* A few multi-character tokens; every other byte stands for itself. */
static const char *const multi[] = {
	[0x01] = "Tfo", [0x02] = "o_", [0x03] = "bar", [0x04] = "t__",
	[0x05] = "Dper", [0x06] = "cpu",
};

static const char *token(unsigned int i, char *one)
{
	if (i < ARRAY_SIZE(multi) && multi[i])
		return multi[i];
	one[0] = i > 0x20 && i < 0x7f ? (char)i : '#';
	one[1] = '\0';
	return one;
}

static void build_tokens(struct mem *m)
{
	size_t off = 0;
	char one[2];

	for (unsigned int i = 0; i < 256; i++) {
		const char *t = token(i, one);

		put(m, OFF_INDEX + i * 2, off, 2);
		memcpy(m->buf + OFF_TOKENS + off, t, strlen(t) + 1);
		off += strlen(t) + 1;
	}
}

/* Encode @name greedily with the tokens; the length, then the codes. */
static size_t encode(struct mem *m, size_t off, const char *name)
{
	uint8_t code[1024];
	size_t n = 0, len;

	while (*name) {
		unsigned int best = (uint8_t)*name;

		for (unsigned int i = 0; i < ARRAY_SIZE(multi); i++)
			if (multi[i] && !strncmp(name, multi[i], strlen(multi[i])))
				best = i;
		name += best < ARRAY_SIZE(multi) && multi[best] ?
			strlen(multi[best]) : 1;
		code[n++] = (uint8_t)best;
	}
	len = n;
	if (len < 0x80) {
		m->buf[off++] = (uint8_t)len;
	} else {
		/* v6.1+ big name */
		m->buf[off++] = (uint8_t)(0x80 | (len & 0x7f));
		m->buf[off++] = (uint8_t)(len >> 7);
	}
	memcpy(m->buf + off, code, n);
	return off + n;
}

struct synth_sym {
	const char *name;	/* with the type letter */
	uint64_t addr;
	bool percpu;
};

#define KBASE 0xffffffff81000000ULL
/* kallsyms_relative_base without ABSOLUTE_PERCPU: below every symbol. */
#define RBASE (KBASE - 0x1000)
static char big_name[300];
static size_t big_off;

/* Table order; not sorted by address, to see the sort is stable. */
static const struct synth_sym synth[] = {
	{ "Dpercpu_b", 0x40, true },
	{ "Dpercpu_a", 0x0, true },
	{ "Tfoo_bar", KBASE + 0x1000 },
	{ "tfoo_alias", KBASE + 0x1000 },
	{ "T_stext", KBASE },
	{ big_name, KBASE + 0x2000 },
	{ "Dlast", KBASE + 0x3000 },
};

/* PLACE_RELATIVE: v7.0+, each offset from its own slot, no base. */
enum layout { RELATIVE, ABSOLUTE_PERCPU, ADDRESSES, PLACE_RELATIVE };

static void build(struct mem *m, enum layout layout, unsigned int ptr_size,
		  struct vr_kallsyms_tables *t)
{
	size_t off = OFF_NAMES;

	memset(big_name, 'x', sizeof(big_name) - 1);
	memcpy(big_name, "tbig", 4);
	memset(m->buf, 0, sizeof(m->buf));
	put(m, OFF_NUM, ARRAY_SIZE(synth), 4);
	put(m, OFF_BASE, layout == RELATIVE ? RBASE : KBASE, ptr_size);
	build_tokens(m);
	for (size_t i = 0; i < ARRAY_SIZE(synth); i++) {
		const struct synth_sym *s = &synth[i];
		uint64_t a = s->addr;

		if (s->name == big_name)
			big_off = off;
		off = encode(m, off, s->name);
		if (layout == ADDRESSES)
			put(m, OFF_ADDRS + i * ptr_size, a, ptr_size);
		else if (layout == PLACE_RELATIVE)
			put(m, OFF_ADDRS + i * 4, (uint32_t)((s->percpu ? RBASE + a : a) -
						(MEM_BASE + OFF_ADDRS + i * 4)), 4);
		else if (layout == RELATIVE)
			put(m, OFF_ADDRS + i * 4, a - (s->percpu ? 0 : RBASE), 4);
		else if (s->percpu)
			put(m, OFF_ADDRS + i * 4, a, 4);
		else
			put(m, OFF_ADDRS + i * 4, (uint32_t)(KBASE - 1 - a), 4);
	}
	*t = (struct vr_kallsyms_tables){
		.num_syms = MEM_BASE + OFF_NUM, .names = MEM_BASE + OFF_NAMES,
		.token_table = MEM_BASE + OFF_TOKENS,
		.token_index = MEM_BASE + OFF_INDEX,
		.absolute_percpu = layout == ABSOLUTE_PERCPU,
	};
	if (layout == ADDRESSES) {
		t->addresses = MEM_BASE + OFF_ADDRS;
	} else {
		t->offsets = MEM_BASE + OFF_ADDRS;
		t->relative_base = MEM_BASE + OFF_BASE;
		if (layout == PLACE_RELATIVE)
			t->relative_base = 0;
	}
}

static void check_synth(enum layout layout, bool be, unsigned int ptr_size,
			int *test_failed_)
{
	static struct mem m;
	struct vr_kallsyms_tables t;
	struct vr_kallsyms *ks = NULL;
	bool pcpu = layout == ABSOLUTE_PERCPU;
	/* The relative layout (no ABSOLUTE_PERCPU) puts per-CPU at base. */
	uint64_t p = layout == RELATIVE || layout == PLACE_RELATIVE ? RBASE : 0;

	m = (struct mem){ .be = be };
	build(&m, layout, ptr_size, &t);
	CHECK_OK(vr_kallsyms_decode(mem_read, &m, &t, be, ptr_size, &ks));
	if (!ks)
		return;
	CHECK_EQ_U64(ks->nr_syms, ARRAY_SIZE(synth));
	/* Sorted by address, equal ones in table order. */
	CHECK_STREQ(ks->syms[0].name, "percpu_a");
	CHECK_EQ_U64(ks->syms[0].addr, p + 0);
	CHECK_EQ_U64(ks->syms[0].size, 0x40);
	CHECK(ks->syms[0].type == 'D');
	CHECK(ks->syms[0].absolute == pcpu);
	CHECK_STREQ(ks->syms[1].name, "percpu_b");
	CHECK_EQ_U64(ks->syms[1].addr, p + 0x40);
	CHECK(ks->syms[1].absolute == pcpu);
	CHECK_STREQ(ks->syms[2].name, "_stext");
	CHECK(ks->syms[2].type == 'T');
	CHECK(!ks->syms[2].absolute);
	CHECK_EQ_U64(ks->syms[2].size, 0x1000);
	CHECK_STREQ(ks->syms[3].name, "foo_bar");
	CHECK_STREQ(ks->syms[4].name, "foo_alias");
	CHECK(ks->syms[4].type == 't');
	CHECK_EQ_U64(ks->syms[3].addr, KBASE + 0x1000);
	CHECK_EQ_U64(ks->syms[4].addr, KBASE + 0x1000);
	/* Aliases reach the next higher address. */
	CHECK_EQ_U64(ks->syms[3].size, 0x1000);
	CHECK_EQ_U64(ks->syms[4].size, 0x1000);
	CHECK_STREQ(ks->syms[5].name, big_name + 1);
	CHECK(ks->syms[5].type == 't');
	CHECK_STREQ(ks->syms[6].name, "last");
	CHECK_EQ_U64(ks->syms[6].size, 0);
	vr_kallsyms_free(ks);
}

TEST(synthetic_layouts)
{
	check_synth(RELATIVE, false, 8, test_failed_);
	check_synth(RELATIVE, true, 8, test_failed_);
	check_synth(ABSOLUTE_PERCPU, false, 8, test_failed_);
	check_synth(ADDRESSES, false, 8, test_failed_);
	check_synth(ADDRESSES, true, 8, test_failed_);
	check_synth(PLACE_RELATIVE, false, 8, test_failed_);
	check_synth(PLACE_RELATIVE, true, 8, test_failed_);
}

TEST(synthetic_big_name_encoding)
{
	static struct mem m;
	struct vr_kallsyms_tables t;

	m = (struct mem){ 0 };
	build(&m, RELATIVE, 8, &t);
	/* "tbig" is tokens 't', 'b', 'i', 'g', then 295 'x': 299 codes. */
	CHECK_EQ_U64(m.buf[big_off], 0x80 | (299 & 0x7f));
	CHECK_EQ_U64(m.buf[big_off + 1], 299 >> 7);
	CHECK_EQ_U64(m.buf[big_off + 2], 't');
}

static struct vr_error *decode_mem(struct mem *m,
				   const struct vr_kallsyms_tables *t)
{
	struct vr_kallsyms *ks = NULL;
	struct vr_error *err = vr_kallsyms_decode(mem_read, m, t, m->be, 8, &ks);

	vr_kallsyms_free(ks);
	return err;
}

TEST(synthetic_corrupt)
{
	static struct mem m;
	struct vr_kallsyms_tables t;
	size_t off;

	m = (struct mem){ 0 };
	build(&m, RELATIVE, 8, &t);
	put(&m, OFF_NUM, 0xffffffff, 4);
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_CORRUPT);
	put(&m, OFF_NUM, MAX_SYMS + 1, 4);
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_CORRUPT);
	put(&m, OFF_NUM, 0, 4);
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_CORRUPT);

	/* Names of 5 codes up to the end of readable memory, and past. */
	build(&m, RELATIVE, 8, &t);
	put(&m, OFF_NUM, 100000, 4);
	for (off = OFF_NAMES; off < MEM_SIZE; off++)
		m.buf[off] = 5;
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_FAULT);
	/* ...and the same when every byte reads: a bound (64 MiB of names). */
	m.lenient = true;
	m.fill = 0x7f;
	put(&m, OFF_NUM, MAX_SYMS, 4);
	m.reads = 0;
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_CORRUPT);
	CHECK(m.reads < 1000);

	/* A zero length. */
	m = (struct mem){ 0 };
	build(&m, RELATIVE, 8, &t);
	m.buf[OFF_NAMES] = 0;
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_CORRUPT);

	/* A token index past the readable memory... */
	build(&m, RELATIVE, 8, &t);
	put(&m, OFF_INDEX + 'a' * 2, 0xfff0, 2);
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_FAULT);
	/* ...or to a token without its NUL within 64 KiB. */
	m.lenient = true;
	m.fill = 'A';
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_CORRUPT);

	/* Missing tables. */
	m = (struct mem){ 0 };
	build(&m, RELATIVE, 8, &t);
	t.offsets = 0;
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_NOT_FOUND);

	/* Offsets unreadable. */
	build(&m, RELATIVE, 8, &t);
	t.offsets = MEM_BASE + MEM_SIZE - 8;
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_FAULT);
}

/* Pseudo-random memory with a plausible symbol count: an error, quickly. */
TEST(synthetic_garbage)
{
	static struct mem m;
	struct vr_kallsyms_tables t;

	m = (struct mem){ 0 };
	build(&m, RELATIVE, 8, &t);
	m.random = true;
	for (uint64_t a = 0; a < 64; a++) {
		t.num_syms = MEM_BASE + MEM_SIZE + a * 0x10000;
		vr_error_destroy(decode_mem(&m, &t));
	}
	/* Every table random but a count that passes. */
	m.random = false;
	m.lenient = true;
	m.fill = 0x7f;
	put(&m, OFF_NUM, MAX_SYMS, 4);
	t.names = MEM_BASE + MEM_SIZE;
	m.reads = 0;
	CHECK_ERR(decode_mem(&m, &t), VR_ERR_CORRUPT);
	/* In big pieces, not symbol by symbol. */
	CHECK(m.reads < 1000);
}

/* Fixtures. */

struct line_sym {
	uint64_t addr;
	char type;
	char *name;
	size_t index;		/* order in the file */
};

struct sym_file {
	struct line_sym *syms;
	size_t n;
};

static int cmp_line_addr(const void *a, const void *b)
{
	const struct line_sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

static int cmp_line_name(const void *a, const void *b)
{
	const struct line_sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void sym_file_free(struct sym_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->syms[i].name);
	free(f->syms);
	f->syms = NULL;
	f->n = 0;
}

/* "addr type name" lines; lines with a "[module]" are left out. */
static bool sym_file_read(const char *path, struct sym_file *f)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	size_t cap = 0;

	f->syms = NULL;
	f->n = 0;
	if (!fp)
		return false;
	while (fgets(line, sizeof(line), fp)) {
		unsigned long long addr;
		char type, name[600];

		if (strchr(line, '['))
			continue;
		if (sscanf(line, "%llx %c %599s", &addr, &type, name) != 3)
			continue;
		if (f->n == cap) {
			cap = cap ? cap * 2 : 4096;
			f->syms = realloc(f->syms, cap * sizeof(*f->syms));
			if (!f->syms)
				abort();
		}
		f->syms[f->n] = (struct line_sym){
			.addr = addr, .type = type, .name = strdup(name),
			.index = f->n,
		};
		f->n++;
	}
	fclose(fp);
	return true;
}

static const struct vr_ksym *find_name(const struct vr_kallsyms *ks,
				       const char *name)
{
	for (size_t i = 0; i < ks->nr_syms; i++)
		if (!strcmp(ks->syms[i].name, name))
			return &ks->syms[i];
	return NULL;
}

/* /proc/kallsyms as root in the guest: every kernel symbol, in order. */
static void check_proc_kallsyms(const struct vr_kallsyms *ks,
				const char *dir, const char *fx,
				int *test_failed_)
{
	struct sym_file f;
	char path[4200];
	size_t bad = 0;

	snprintf(path, sizeof(path), "%s/truth/proc/kallsyms", dir);
	if (!sym_file_read(path, &f))
		return;
	qsort(f.syms, f.n, sizeof(*f.syms), cmp_line_addr);
	if (f.n != ks->nr_syms)
		fprintf(stderr, "  %s: %zu symbols, /proc/kallsyms %zu\n", fx,
			ks->nr_syms, f.n);
	CHECK_EQ_U64(ks->nr_syms, f.n);
	for (size_t i = 0; i < f.n && i < ks->nr_syms; i++) {
		const struct vr_ksym *s = &ks->syms[i];

		if (s->addr == f.syms[i].addr && s->type == f.syms[i].type &&
		    !strcmp(s->name, f.syms[i].name))
			continue;
		if (bad++ < 5)
			fprintf(stderr, "  %s: #%zu: %llx %c %s, /proc/kallsyms %llx %c %s\n",
				fx, i, (unsigned long long)s->addr, s->type,
				s->name, (unsigned long long)f.syms[i].addr,
				f.syms[i].type, f.syms[i].name);
	}
	CHECK_EQ_U64(bad, 0);
	printf("  %s: %zu symbols as /proc/kallsyms\n", fx, f.n);
	sym_file_free(&f);
}

/*
 * System.map (link-time addresses, more symbols): every kallsyms symbol
 * in it.  Per-CPU symbols (absolute, not relocated) are 'A' in kallsyms
 * with CONFIG_KALLSYMS_ABSOLUTE_PERCPU, their section's letter in the map.
 */
static void check_system_map(const struct vr_kallsyms *ks, const char *dir,
			     const char *fx, int *test_failed_)
{
	const struct vr_ksym *stext = find_name(ks, "_stext");
	struct sym_file f;
	char path[4200];
	uint64_t kaslr = 0;
	size_t bad = 0;

	snprintf(path, sizeof(path), "%s/System.map", dir);
	if (!sym_file_read(path, &f)) {
		fprintf(stderr, "  %s: no System.map\n", fx);
		return;
	}
	qsort(f.syms, f.n, sizeof(*f.syms), cmp_line_name);
	CHECK(stext != NULL);
	for (size_t i = 0; stext && i < f.n; i++)
		if (!strcmp(f.syms[i].name, "_stext"))
			kaslr = stext->addr - f.syms[i].addr;
	for (size_t i = 0; i < ks->nr_syms; i++) {
		const struct vr_ksym *s = &ks->syms[i];
		struct line_sym key = {
			.addr = s->absolute ? s->addr : s->addr - kaslr,
			.name = (char *)s->name,
		};
		const struct line_sym *m = bsearch(&key, f.syms, f.n,
						   sizeof(*f.syms),
						   cmp_line_name);

		if (m && (m->type == s->type || (s->absolute && s->type == 'A')))
			continue;
		if (bad++ < 5)
			fprintf(stderr, "  %s: %llx %c %s: %s\n", fx,
				(unsigned long long)key.addr, s->type, s->name,
				m ? "another type in System.map" :
				    "not in System.map");
	}
	CHECK_EQ_U64(bad, 0);
	printf("  %s: %zu symbols in System.map (KASLR 0x%llx)\n", fx,
	       ks->nr_syms, (unsigned long long)kaslr);
	sym_file_free(&f);
}

static void check_fixture(struct vr_program *prog, const char *fx,
			  int *test_failed_)
{
	const struct vr_kallsyms *ks = NULL, *again = NULL;
	char dir[2048], fxdir[4096];

	snprintf(fxdir, sizeof(fxdir), "%s/%s",
		 fixture_cache_dir(dir, sizeof(dir)), fx);
	CHECK_OK(vr_program_kallsyms(prog, &ks));
	if (!ks)
		return;
	/* Decoded once. */
	CHECK_OK(vr_program_kallsyms(prog, &again));
	CHECK(again == ks);
	CHECK(ks->nr_syms > 10000);
	for (size_t i = 1; i < ks->nr_syms; i++) {
		if (ks->syms[i - 1].addr <= ks->syms[i].addr)
			continue;
		CHECK(!"sorted");
		break;
	}
	check_proc_kallsyms(ks, fxdir, fx, test_failed_);
	check_system_map(ks, fxdir, fx, test_failed_);
}

TEST(fixtures)
{
	int n = for_each_fixture("vmcore.kdump-zlib", check_fixture,
				 test_failed_);

	if (!n)
		printf("######## no fixture: kallsyms test SKIPPED ########\n");
}

TEST_MAIN(T(synthetic_layouts), T(synthetic_big_name_encoding),
	  T(synthetic_corrupt), T(synthetic_garbage), T(fixtures))
