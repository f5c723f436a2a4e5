// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kallsyms locator: hand-built kernel images with the tables as
 * scripts/kallsyms.c lays them out before v6.1 (and as longs, 4.x), then
 * garbage, then every fixture with VMCOREINFO's SYMBOL(kallsyms_*) left
 * aside: the tables found must be where VMCOREINFO says, and decode to
 * the same symbols.
 */
#include <stdlib.h>
#include <time.h>

#include "test.h"
#include "fixture_util.h"
#include "vr/kallsyms_locate.h"
#include "vr/util.h"

/* Synthetic memory: an image at a kernel address, filler around. */
#define IMG_SIZE 0x40000
#define OFF_TABLES 0x9004	/* tables follow, aligned by the builder */
#define NSYMS 700
#define KBASE 0xffffffff81000000ULL
#define KBASE32 0xc1000000ULL

struct img {
	uint64_t base;
	uint8_t buf[IMG_SIZE];
	bool be;
	unsigned int ptr;
	bool fail_all;		/* every read fails */
	unsigned long reads;
};

struct layout {
	unsigned int ptr;
	bool be;
	bool relative;		/* kallsyms_offsets + relative_base */
	bool percpu;		/* CONFIG_KALLSYMS_ABSOLUTE_PERCPU */
	bool longs;		/* num_syms, markers as PTR (4.x) */
};

struct built {
	struct vr_kallsyms_tables t;
	uint64_t stext, init_uts_ns;
};

static struct vr_error *img_read(void *ctx, uint64_t addr, void *buf,
				 size_t len)
{
	struct img *m = ctx;
	uint8_t *out = buf;

	m->reads++;
	if (m->fail_all || addr < m->base || addr - m->base > IMG_SIZE ||
	    len > IMG_SIZE - (addr - m->base))
		return vr_error_create(VR_ERR_FAULT, "0x%llx unmapped",
				       (unsigned long long)addr);
	memcpy(out, m->buf + (addr - m->base), len);
	return NULL;
}

static void put(struct img *m, size_t off, uint64_t v, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++) {
		unsigned int shift = 8 * (m->be ? size - 1 - i : i);

		m->buf[off + i] = (uint8_t)(v >> shift);
	}
}

static uint64_t rnd_state;

static uint8_t rnd(void)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint8_t)(rnd_state >> 56);
}

/* Code-like filler: random bytes. */
static void fill(struct img *m)
{
	rnd_state = 42;
	for (size_t i = 0; i < IMG_SIZE; i++)
		m->buf[i] = rnd();
}

/* Multi-character tokens at codes names never use as characters. */
static const char *const multi[] = { "fn_", "sym_", "init", "uts" };
#define MULTI_BASE 0x80

static void token(unsigned int i, char *out)
{
	if (i >= MULTI_BASE && i < MULTI_BASE + ARRAY_SIZE(multi)) {
		strcpy(out, multi[i - MULTI_BASE]);
	} else if (i > 0x20 && i < 0x7f) {
		out[0] = (char)i;
		out[1] = '\0';
	} else {
		/* An unused code still gets a pair (real kernels fill all). */
		out[0] = (char)('a' + i % 26);
		out[1] = (char)('A' + i / 26 % 26);
		out[2] = '\0';
	}
}

static size_t encode(struct img *m, size_t off, const char *name)
{
	uint8_t code[600];
	size_t n = 0;

	while (*name) {
		unsigned int c = (uint8_t)*name, step = 1;

		for (unsigned int i = 0; i < ARRAY_SIZE(multi); i++)
			if (!strncmp(name, multi[i], strlen(multi[i]))) {
				c = MULTI_BASE + i;
				step = strlen(multi[i]);
			}
		code[n++] = (uint8_t)c;
		name += step;
	}
	m->buf[off++] = (uint8_t)n;
	memcpy(m->buf + off, code, n);
	return off + n;
}

static size_t align(size_t v, unsigned int a)
{
	return (v + a - 1) & ~(size_t)(a - 1);
}

/* Symbol @i: name (type letter first) and address. */
static void sym(const struct layout *lo, unsigned int i, char *name,
		uint64_t *addr, bool *percpu)
{
	uint64_t kbase = lo->ptr == 8 ? KBASE : KBASE32;
	const char *const words[] = { "alpha", "bravo", "charlie", "delta",
				      "echo", "foxtrot", "golf", "hotel",
				      "india", "juliet", "kilo", "lima",
				      "mike", "november", "oscar", "papa",
				      "quebec", "romeo", "sierra", "tango",
				      "uniform", "victor", "whiskey", "xray",
				      "yankee", "zulu" };

	*percpu = lo->percpu && i < 4;
	if (*percpu) {
		sprintf(name, "Dpcpu_var%u", i);
		*addr = i * 0x40;
		return;
	}
	*addr = kbase + (uint64_t)i * 0x20;
	if (i == 5)
		strcpy(name, "T_stext");
	else if (i == NSYMS - 3)
		strcpy(name, "Dinit_uts_ns");
	else
		sprintf(name, "%cfn_%s_%u", i % 3 ? 't' : 'T',
			words[i % ARRAY_SIZE(words)], i);
}

/*
 * The tables as scripts/kallsyms.c writes them up to v6.1: addresses or
 * offsets + relative_base, num_syms, names, markers, token_table,
 * token_index, each label ALGN-aligned.
 */
static void build(struct img *m, const struct layout *lo, struct built *b)
{
	unsigned int ptr = lo->ptr, cnt = lo->longs ? ptr : 4;
	uint64_t kbase = ptr == 8 ? KBASE : KBASE32;
	uint32_t markers[(NSYMS + 255) / 256];
	size_t pos = align(OFF_TABLES, ptr), toff = 0;
	char name[64];
	uint64_t a;
	bool pcpu;

	fill(m);
	m->be = lo->be;
	m->ptr = ptr;
	m->base = ptr == 8 ? 0xffffffff82000000ULL : 0xc2000000ULL;
	*b = (struct built){ 0 };
	if (lo->relative) {
		b->t.offsets = m->base + pos;
		for (unsigned int i = 0; i < NSYMS; i++) {
			sym(lo, i, name, &a, &pcpu);
			if (pcpu)
				put(m, pos + i * 4, a, 4);
			else if (lo->percpu)
				put(m, pos + i * 4,
				    (uint32_t)(kbase - 1 - a), 4);
			else
				put(m, pos + i * 4, a - kbase, 4);
		}
		pos = align(pos + NSYMS * 4, ptr);
		memset(m->buf + b->t.offsets - m->base + NSYMS * 4, 0,
		       pos - (b->t.offsets - m->base + NSYMS * 4));
		b->t.relative_base = m->base + pos;
		put(m, pos, kbase, ptr);
		pos += ptr;
	} else {
		b->t.addresses = m->base + pos;
		for (unsigned int i = 0; i < NSYMS; i++) {
			sym(lo, i, name, &a, &pcpu);
			put(m, pos + i * ptr, a, ptr);
		}
		pos += NSYMS * ptr;
	}
	memset(m->buf + pos, 0, ptr);
	put(m, pos, NSYMS, cnt);
	/* A big-endian long count: its low half is what is read. */
	b->t.num_syms = m->base + pos + (lo->be && cnt == 8 ? 4 : 0);
	pos += ptr;
	b->t.names = m->base + pos;
	for (unsigned int i = 0; i < NSYMS; i++) {
		sym(lo, i, name, &a, &pcpu);
		if (!(i & 0xff))
			markers[i >> 8] = pos - (b->t.names - m->base);
		pos = encode(m, pos, name);
		if (i == 5)
			b->stext = a;
		if (i == NSYMS - 3)
			b->init_uts_ns = a;
	}
	memset(m->buf + pos, 0, align(pos, ptr) - pos);
	pos = align(pos, ptr);
	b->t.markers = m->base + pos;
	for (unsigned int i = 0; i < ARRAY_SIZE(markers); i++) {
		put(m, pos, markers[i], cnt);
		pos += cnt;
	}
	memset(m->buf + pos, 0, align(pos, ptr) - pos);
	pos = align(pos, ptr);
	b->t.token_table = m->base + pos;
	for (unsigned int i = 0; i < 256; i++) {
		char t[8];

		token(i, t);
		memcpy(m->buf + pos + toff, t, strlen(t) + 1);
		toff += strlen(t) + 1;
	}
	pos += toff;
	memset(m->buf + pos, 0, align(pos, ptr) - pos);
	pos = align(pos, ptr);
	b->t.token_index = m->base + pos;
	toff = 0;
	for (unsigned int i = 0; i < 256; i++) {
		char t[8];

		token(i, t);
		put(m, pos + i * 2, toff, 2);
		toff += strlen(t) + 1;
	}
	b->t.absolute_percpu = lo->percpu;
}

static struct vr_kallsyms_area img_area(const struct img *m,
					const struct built *b)
{
	return (struct vr_kallsyms_area){
		.start = m->base, .end = m->base + IMG_SIZE,
		.stext = b->stext, .init_uts_ns = b->init_uts_ns,
	};
}

static void check_layout(const struct layout *lo, int *test_failed_)
{
	static struct img m;
	struct vr_kallsyms_tables t = { 0 };
	struct vr_kallsyms *ks = NULL;
	struct vr_kallsyms_area area;
	struct built b;

	build(&m, lo, &b);
	area = img_area(&m, &b);
	CHECK_OK(vr_kallsyms_locate(img_read, &m, &area, lo->be, lo->ptr, &t,
				    &ks));
	CHECK_EQ_U64(t.num_syms, b.t.num_syms);
	CHECK_EQ_U64(t.names, b.t.names);
	CHECK_EQ_U64(t.markers, b.t.markers);
	CHECK_EQ_U64(t.token_table, b.t.token_table);
	CHECK_EQ_U64(t.token_index, b.t.token_index);
	CHECK_EQ_U64(t.offsets, b.t.offsets);
	CHECK_EQ_U64(t.relative_base, b.t.relative_base);
	CHECK_EQ_U64(t.addresses, b.t.addresses);
	CHECK(t.absolute_percpu == b.t.absolute_percpu);
	if (!ks)
		return;
	CHECK_EQ_U64(ks->nr_syms, NSYMS);
	for (size_t i = 0; i < ks->nr_syms; i++) {
		char name[64];
		uint64_t a;
		bool pcpu;

		sym(lo, i, name, &a, &pcpu);
		CHECK_STREQ(ks->syms[i].name, name + 1);
		CHECK_EQ_U64(ks->syms[i].addr, a);
		CHECK(ks->syms[i].type == name[0]);
		CHECK(ks->syms[i].absolute == pcpu);
		if (*test_failed_)
			break;
	}
	vr_kallsyms_free(ks);
}

TEST(synthetic_before_v6_1)
{
	/* v5.10 x86_64: offsets, ABSOLUTE_PERCPU, .long counts. */
	check_layout(&(struct layout){ .ptr = 8, .relative = true,
				       .percpu = true }, test_failed_);
	/* v5.10 arm64 / s390x: offsets from relative_base. */
	check_layout(&(struct layout){ .ptr = 8, .relative = true },
		     test_failed_);
	check_layout(&(struct layout){ .ptr = 8, .be = true,
				       .relative = true }, test_failed_);
	/* 4.x: absolute addresses, PTR counts and markers. */
	check_layout(&(struct layout){ .ptr = 8, .be = true, .longs = true },
		     test_failed_);
	check_layout(&(struct layout){ .ptr = 8, .longs = true,
				       .relative = true }, test_failed_);
	/* 32-bit */
	check_layout(&(struct layout){ .ptr = 4, .relative = true },
		     test_failed_);
	check_layout(&(struct layout){ .ptr = 4, .be = true }, test_failed_);
}

/* Without VMCOREINFO's help: the layout alone. */
TEST(synthetic_no_hints)
{
	static struct img m;
	struct vr_kallsyms_tables t = { 0 };
	struct vr_kallsyms_area area;
	struct built b;

	build(&m, &(struct layout){ .ptr = 8, .relative = true }, &b);
	area = (struct vr_kallsyms_area){ m.base, m.base + IMG_SIZE };
	CHECK_OK(vr_kallsyms_locate(img_read, &m, &area, false, 8, &t, NULL));
	CHECK_EQ_U64(t.names, b.t.names);
	/* A wrong _stext: the tables decode, but are refused. */
	area = img_area(&m, &b);
	area.stext += 8;
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, false, 8, &t, NULL),
		  VR_ERR_NOT_FOUND);
}

static struct vr_error *locate_img(struct img *m, const struct built *b)
{
	struct vr_kallsyms_tables t;
	struct vr_kallsyms_area area = img_area(m, b);
	struct vr_kallsyms *ks = NULL;
	struct vr_error *err = vr_kallsyms_locate(img_read, m, &area, m->be,
						  m->ptr, &t, &ks);

	vr_kallsyms_free(ks);
	return err;
}

TEST(synthetic_broken)
{
	static struct img m;
	struct layout lo = { .ptr = 8, .relative = true };
	struct built b;
	size_t ti;

	/* A name of zero length. */
	build(&m, &lo, &b);
	m.buf[b.t.names - m.base] = 0;
	CHECK_ERR(locate_img(&m, &b), VR_ERR_NOT_FOUND);
	/* A count that disagrees with the markers. */
	build(&m, &lo, &b);
	put(&m, b.t.num_syms - m.base, NSYMS + 256, 4);
	CHECK_ERR(locate_img(&m, &b), VR_ERR_NOT_FOUND);
	/* Unsorted offsets. */
	build(&m, &lo, &b);
	put(&m, b.t.offsets - m.base + 8, 0x7fff0000, 4);
	CHECK_ERR(locate_img(&m, &b), VR_ERR_NOT_FOUND);
	/* A token index with a token that is not where it says. */
	build(&m, &lo, &b);
	ti = b.t.token_index - m.base;
	put(&m, ti + 2 * 'q', vr_get16(m.buf + ti + 2 * 'q', false) + 1, 2);
	CHECK_ERR(locate_img(&m, &b), VR_ERR_NOT_FOUND);
	/* Markers gone: the rest cannot be told. */
	build(&m, &lo, &b);
	memset(m.buf + b.t.markers - m.base, 0xff, 12);
	CHECK_ERR(locate_img(&m, &b), VR_ERR_NOT_FOUND);
	/* The tokens alone, at the very start of memory. */
	build(&m, &lo, &b);
	memmove(m.buf, m.buf + b.t.token_table - m.base, 0x600);
	memset(m.buf + 0x600, 0xaa, IMG_SIZE - 0x600);
	CHECK_ERR(locate_img(&m, &b), VR_ERR_NOT_FOUND);
}

TEST(garbage)
{
	static struct img m;
	struct vr_kallsyms_tables t;
	struct vr_kallsyms_area area;
	clock_t c0;

	/* Random, zeros, a repeated pattern. */
	m = (struct img){ .base = KBASE, .ptr = 8 };
	fill(&m);
	area = (struct vr_kallsyms_area){ KBASE, KBASE + IMG_SIZE, KBASE };
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, false, 8, &t, NULL),
		  VR_ERR_NOT_FOUND);
	memset(m.buf, 0, IMG_SIZE);
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, true, 8, &t, NULL),
		  VR_ERR_NOT_FOUND);
	for (size_t i = 0; i < IMG_SIZE; i++)
		m.buf[i] = (uint8_t)(i % 7 ? i / 2 : 0);
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, false, 4, &t, NULL),
		  VR_ERR_NOT_FOUND);
	/* Bad arguments. */
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, false, 2, &t, NULL),
		  VR_ERR_INVALID);
	area.end = area.start;
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, false, 8, &t, NULL),
		  VR_ERR_INVALID);
	area = (struct vr_kallsyms_area){ UINT64_MAX - 0x1000, UINT64_MAX };
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, false, 8, &t, NULL),
		  VR_ERR_INVALID);
	/* Nothing readable over the largest range: quick, and bounded. */
	m.fail_all = true;
	m.reads = 0;
	c0 = clock();
	area = (struct vr_kallsyms_area){ 0, UINT64_MAX - 0x10000 };
	CHECK_ERR(vr_kallsyms_locate(img_read, &m, &area, false, 8, &t, NULL),
		  VR_ERR_NOT_FOUND);
	CHECK(m.reads <= VR_KALLSYMS_SCAN_MAX / 4096 + 1000);
	CHECK((double)(clock() - c0) / CLOCKS_PER_SEC < 5);
}

/* Fixtures. */

static struct vr_error *prog_read(void *ctx, uint64_t addr, void *buf,
				  size_t len)
{
	return vr_program_read(ctx, addr, buf, len);
}

static uint64_t vmcoreinfo_sym(struct vr_program *prog, const char *name)
{
	uint64_t v = 0;

	if (!prog->vmcoreinfo ||
	    !vr_vmcoreinfo_symbol(prog->vmcoreinfo, name, &v))
		return 0;
	return v;
}

static void same_symbols(const struct vr_kallsyms *a,
			 const struct vr_kallsyms *b, const char *fx,
			 int *test_failed_)
{
	size_t bad = 0;

	CHECK_EQ_U64(a->nr_syms, b->nr_syms);
	for (size_t i = 0; i < a->nr_syms && i < b->nr_syms; i++) {
		const struct vr_ksym *x = &a->syms[i], *y = &b->syms[i];

		if (x->addr == y->addr && x->type == y->type &&
		    x->absolute == y->absolute && !strcmp(x->name, y->name))
			continue;
		if (bad++ < 3)
			fprintf(stderr, "  %s: #%zu: %llx %c %s, VMCOREINFO's %llx %c %s\n",
				fx, i, (unsigned long long)x->addr, x->type,
				x->name, (unsigned long long)y->addr, y->type,
				y->name);
	}
	CHECK_EQ_U64(bad, 0);
}

/* @name's link-time address in the fixture's System.map, 0 if none. */
static uint64_t system_map(const char *fx, const char *name)
{
	char dir[2048], path[4200], line[512], sym[256], type;
	unsigned long long addr, ret = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/System.map",
		 fixture_cache_dir(dir, sizeof(dir)), fx);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!ret && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &addr, &type, sym) == 3 &&
		    !strcmp(sym, name))
			ret = addr;
	fclose(f);
	return ret;
}

/* VMCOREINFO has no SYMBOL(kallsyms_markers): System.map plus KASLR. */
static void check_markers(struct vr_program *prog, const char *fx,
			  uint64_t markers, int *test_failed_)
{
	uint64_t map = system_map(fx, "kallsyms_markers");
	uint64_t stext = system_map(fx, "_stext");

	if (!map || !stext) {
		printf("  %s: no System.map to check kallsyms_markers with\n",
		       fx);
		return;
	}
	CHECK_EQ_U64(markers, map + (vmcoreinfo_sym(prog, "_stext") - stext));
}

/*
 * The hook in vr_program_kallsyms(): the program made to look like a
 * pre-v6.0 one without a vmlinux (VMCOREINFO without its kallsyms lines,
 * no debug info) finds the same symbols, and says how in its log.
 */
static void check_hook(struct vr_program *prog, const char *fx,
		       const struct vr_kallsyms *want, int *test_failed_)
{
	struct vr_vmcoreinfo *saved_vi = prog->vmcoreinfo, *vi = NULL;
	struct vr_debuginfo *saved_dbg = prog->dbg;
	struct vr_kallsyms *saved_ks = prog->kallsyms;
	const struct vr_kallsyms *ks = NULL;
	const char *text, *line, *nl;
	struct strbuf old = { 0 };
	size_t len;

	text = vr_dump_vmcoreinfo(prog->dump, &len);
	if (!text)
		return;
	for (line = text; line < text + len; line = nl + 1) {
		nl = memchr(line, '\n', text + len - line);
		if (!nl)
			nl = text + len;
		if (strncmp(line, "SYMBOL(kallsyms_", 16))
			strbuf_printf(&old, "%.*s\n", (int)(nl - line), line);
	}
	CHECK_OK(vr_vmcoreinfo_parse(old.buf, old.len, &vi));
	strbuf_free(&old);
	if (!vi)
		return;
	prog->vmcoreinfo = vi;
	prog->dbg = NULL;
	prog->kallsyms = NULL;
	prog->kallsyms_failed = false;
	CHECK_OK(vr_program_kallsyms(prog, &ks));
	if (ks)
		same_symbols(prog->kallsyms, want, fx, test_failed_);
	CHECK(prog->log.buf &&
	      strstr(prog->log.buf, "kallsyms: tables found by their layout"));
	vr_kallsyms_free(prog->kallsyms);
	prog->kallsyms = saved_ks;
	prog->dbg = saved_dbg;
	prog->vmcoreinfo = saved_vi;
	vr_vmcoreinfo_free(vi);
}

static void check_fixture(struct vr_program *prog, const char *fx,
			  int *test_failed_)
{
	static const char *const names[] = {
		"kallsyms_num_syms", "kallsyms_names", "kallsyms_token_table",
		"kallsyms_token_index", "kallsyms_offsets",
		"kallsyms_relative_base",
	};
	struct vr_kallsyms_tables t = { 0 };
	const struct vr_kallsyms *want = NULL;
	struct vr_kallsyms *ks = NULL;
	struct vr_kallsyms_area area = {
		.stext = vmcoreinfo_sym(prog, "_stext"),
		.init_uts_ns = vmcoreinfo_sym(prog, "init_uts_ns"),
	};
	struct timespec t0, t1;
	double secs;

	if (!vmcoreinfo_sym(prog, "kallsyms_names")) {
		printf("  %s: no SYMBOL(kallsyms_names) to compare with\n", fx);
		return;
	}
	CHECK(area.stext && area.init_uts_ns > area.stext);
	area.start = area.stext;
	area.end = area.init_uts_ns;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_OK(vr_kallsyms_locate(prog_read, prog, &area, prog->big_endian,
				    prog->ptr_size, &t, &ks));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (!ks)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		uint64_t found = 0, want_addr = vmcoreinfo_sym(prog, names[i]);

		switch (i) {
		case 0: found = t.num_syms; break;
		case 1: found = t.names; break;
		case 2: found = t.token_table; break;
		case 3: found = t.token_index; break;
		case 4: found = t.offsets; break;
		case 5: found = t.relative_base; break;
		}
		if (found != want_addr)
			fprintf(stderr, "  %s: %s at 0x%llx, VMCOREINFO 0x%llx\n",
				fx, names[i], (unsigned long long)found,
				(unsigned long long)want_addr);
		CHECK_EQ_U64(found, want_addr);
	}
	check_markers(prog, fx, t.markers, test_failed_);
	CHECK_OK(vr_program_kallsyms(prog, &want));
	if (want) {
		same_symbols(ks, want, fx, test_failed_);
		check_hook(prog, fx, want, test_failed_);
	}
	printf("  %s: located in %.3f s (%zu symbols, %s order%s)\n", fx, secs,
	       ks->nr_syms, t.offsets > t.token_index ? "v6.4+" : "pre-v6.4",
	       t.absolute_percpu ? ", absolute per-CPU" : "");
	/* Shared CPUs: a loose bound; the aim is well under a second. */
	CHECK(secs < 5);
	vr_kallsyms_free(ks);

	/* Without init_uts_ns: the whole bound from _stext, from the top. */
	area.end = area.stext + VR_KALLSYMS_SCAN_MAX;
	area.init_uts_ns = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_OK(vr_kallsyms_locate(prog_read, prog, &area, prog->big_endian,
				    prog->ptr_size, &t, NULL));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK_EQ_U64(t.names, vmcoreinfo_sym(prog, "kallsyms_names"));
	printf("  %s: from _stext + %llu MiB down: %.3f s\n", fx,
	       VR_KALLSYMS_SCAN_MAX >> 20, secs);
	CHECK(secs < 10);
}

TEST(fixtures)
{
	int n = for_each_fixture("vmcore.kdump-zlib", check_fixture,
				 test_failed_);

	if (!n)
		printf("######## no fixture: kallsyms locator test SKIPPED ########\n");
}

TEST_MAIN(T(synthetic_before_v6_1), T(synthetic_no_hints),
	  T(synthetic_broken), T(garbage), T(fixtures))
