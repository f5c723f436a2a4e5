// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mksparse: a large sparse kdump-compressed dump made from a real one.
 *
 *	mksparse [-s BYTES] IN OUT
 *
 * The output covers BYTES of physical address space (default 1 TiB): the
 * header's max_mapnr (and the sub-header's max_mapnr_64) and bitmap_blocks
 * are widened, both bitmaps get zero bits for every pfn past the
 * original's, and the page descriptors and page data are copied with their
 * file offsets moved by the bitmaps' growth.  The pages present are the
 * original's, so a report on OUT must equal the report on IN; what grows is
 * the address space the reader has to index.
 *
 * It streams: a fixed 1 MiB buffer whatever the size (the bitmaps of a
 * 1 TiB dump are 32 MiB each), and writes OUT.tmp.PID then renames it.  Only
 * 64-bit, unsplit, plain (not flattened) kdump files of either byte order.
 * Errors are returned as -errno / -EINVAL with a message on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE	(1u << 20)
#define DESC_SIZE	24
#define MAX_BLOCK	(1u << 20)
#define MAX_SUB_BLOCKS	1024

/* disk_dump_header (64-bit layout) and kdump_sub_header offsets. */
#define H_VERSION	8
#define H_BLOCK_SIZE	428
#define H_SUB_HDR_SIZE	432
#define H_BITMAP_BLOCKS	436
#define H_MAX_MAPNR	440
#define H_SIZE		464
#define S_SPLIT		12
#define S_OFF_VMCOREINFO 32
#define S_OFF_NOTE	48
#define S_OFF_ERASEINFO	64
#define S_MAX_MAPNR_64	96

struct sparse {
	int in, out;
	bool be;
	uint32_t version, block_size, sub_blocks, bitmap_blocks;
	uint64_t max_mapnr;
	uint64_t old_half, new_half;	/* bytes of each bitmap */
	uint64_t delta;			/* growth of the two bitmaps */
	uint64_t old_desc_off;
	uint64_t nr_descs;		/* set bits of the second bitmap */
	unsigned char *head;		/* header + sub-header blocks */
	unsigned char *buf;
};

static int fail(int err, const char *fmt, ...)
{
	va_list ap;

	fputs("mksparse: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err != -EINVAL)
		fprintf(stderr, ": %s", strerror(-err));
	fputc('\n', stderr);
	return err;
}

static uint64_t get(const unsigned char *p, int n, bool be)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[be ? n - 1 - i : i] << (8 * i);
	return v;
}

static void put(unsigned char *p, int n, bool be, uint64_t v)
{
	for (int i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

static int read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			return -EIO;	/* cut short */
		done += (size_t)n;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		done += (size_t)n;
	}
	return 0;
}

static bool pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

/* Read and check the header; patch the copy in s->head for the output. */
static int read_head(struct sparse *s, uint64_t size)
{
	unsigned char h[H_SIZE];
	uint64_t head_len, new_mapnr, bits;
	unsigned char *sub;
	int err;

	err = read_full(s->in, h, sizeof(h));
	if (err)
		return fail(err, "reading the header");
	if (memcmp(h, "KDUMP   ", 8))
		return fail(-EINVAL, "not a kdump-compressed file (flattened files are not supported)");
	s->be = get(h + H_VERSION, 4, false) > 1000;
	s->version = (uint32_t)get(h + H_VERSION, 4, s->be);
	s->block_size = (uint32_t)get(h + H_BLOCK_SIZE, 4, s->be);
	s->sub_blocks = (uint32_t)get(h + H_SUB_HDR_SIZE, 4, s->be);
	s->bitmap_blocks = (uint32_t)get(h + H_BITMAP_BLOCKS, 4, s->be);
	s->max_mapnr = get(h + H_MAX_MAPNR, 4, s->be);
	if (!pow2(s->block_size) || s->block_size < 512 ||
	    s->block_size > MAX_BLOCK || s->sub_blocks > MAX_SUB_BLOCKS ||
	    !s->bitmap_blocks || s->bitmap_blocks % 2 || s->version > 1000)
		return fail(-EINVAL, "header makes no sense as a 64-bit kdump header");

	head_len = (uint64_t)(1 + s->sub_blocks) * s->block_size;
	s->head = malloc(head_len);
	if (!s->head)
		return fail(-ENOMEM, "header");
	memcpy(s->head, h, sizeof(h));
	err = read_full(s->in, s->head + sizeof(h), head_len - sizeof(h));
	if (err)
		return fail(err, "reading the sub-header");
	sub = s->head + s->block_size;
	if (s->sub_blocks && s->version >= 2 && get(sub + S_SPLIT, 4, s->be))
		return fail(-EINVAL, "split dumps are not supported");
	if (s->sub_blocks && s->version >= 6 && get(sub + S_MAX_MAPNR_64, 8, s->be))
		s->max_mapnr = get(sub + S_MAX_MAPNR_64, 8, s->be);

	new_mapnr = size / s->block_size;
	s->old_half = (uint64_t)s->bitmap_blocks / 2 * s->block_size;
	if (new_mapnr < s->old_half * 8)
		return fail(-EINVAL, "%llu bytes of address space is not larger than the dump's bitmaps (%llu pages)",
			    (unsigned long long)size,
			    (unsigned long long)(s->old_half * 8));
	if (new_mapnr > UINT32_MAX && s->version < 6)
		return fail(-EINVAL, "a header of version %u cannot hold more than 2^32 pages",
			    s->version);
	bits = (new_mapnr + 7) / 8;
	s->new_half = (bits + s->block_size - 1) / s->block_size * s->block_size;
	if (s->new_half * 2 / s->block_size > UINT32_MAX)
		return fail(-EINVAL, "bitmaps too large for the header");
	s->delta = 2 * (s->new_half - s->old_half);
	s->old_desc_off = head_len + 2 * s->old_half;

	/* The output's header: wider bitmaps, more pages. */
	put(s->head + H_BITMAP_BLOCKS, 4, s->be, s->new_half * 2 / s->block_size);
	put(s->head + H_MAX_MAPNR, 4, s->be,
	    new_mapnr > UINT32_MAX ? UINT32_MAX : new_mapnr);
	if (s->sub_blocks && s->version >= 6)
		put(sub + S_MAX_MAPNR_64, 8, s->be, new_mapnr);
	/* Areas past the bitmaps (eraseinfo at the end) move with the data. */
	for (int i = 0; s->sub_blocks && i < 3; i++) {
		static const unsigned int offs[] = {
			S_OFF_VMCOREINFO, S_OFF_NOTE, S_OFF_ERASEINFO
		};
		unsigned int min_version = i == 2 ? 5 : 3 + i;
		uint64_t off;

		if (s->version < min_version)
			continue;
		off = get(sub + offs[i], 8, s->be);
		if (off >= s->old_desc_off)
			put(sub + offs[i], 8, s->be, off + s->delta);
	}
	return write_full(s->out, s->head, head_len);
}

/* One bitmap: the original bytes, then zeros up to the new size. */
static int copy_bitmap(struct sparse *s, bool count)
{
	uint64_t left = s->old_half;
	int err;

	while (left) {
		size_t n = left < BUF_SIZE ? (size_t)left : BUF_SIZE;

		err = read_full(s->in, s->buf, n);
		if (err)
			return fail(err, "reading the bitmaps");
		if (count)
			for (size_t i = 0; i < n; i++)
				s->nr_descs += (uint64_t)__builtin_popcount(s->buf[i]);
		err = write_full(s->out, s->buf, n);
		if (err)
			return fail(err, "writing the bitmaps");
		left -= n;
	}
	memset(s->buf, 0, BUF_SIZE);
	for (left = s->new_half - s->old_half; left;) {
		size_t n = left < BUF_SIZE ? (size_t)left : BUF_SIZE;

		err = write_full(s->out, s->buf, n);
		if (err)
			return fail(err, "writing the bitmaps");
		left -= n;
	}
	return 0;
}

/* The page descriptors, their data offsets moved by s->delta. */
static int copy_descs(struct sparse *s)
{
	uint64_t left = s->nr_descs;
	const size_t per_buf = BUF_SIZE / DESC_SIZE;
	int err;

	while (left) {
		size_t n = left < per_buf ? (size_t)left : per_buf;

		err = read_full(s->in, s->buf, n * DESC_SIZE);
		if (err)
			return fail(err, "reading the page descriptors");
		for (size_t i = 0; i < n; i++) {
			unsigned char *d = s->buf + i * DESC_SIZE;
			uint64_t off = get(d, 8, s->be);

			/* 0: a page never written (incomplete dump). */
			if (off)
				put(d, 8, s->be, off + s->delta);
		}
		err = write_full(s->out, s->buf, n * DESC_SIZE);
		if (err)
			return fail(err, "writing the page descriptors");
		left -= n;
	}
	return 0;
}

/* Page data and anything after it, as is. */
static int copy_rest(struct sparse *s)
{
	for (;;) {
		ssize_t n = read(s->in, s->buf, BUF_SIZE);
		int err;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(-errno, "reading the page data");
		if (!n)
			return 0;
		err = write_full(s->out, s->buf, (size_t)n);
		if (err)
			return fail(err, "writing the page data");
	}
}

static int parse_size(const char *arg, uint64_t *ret)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || end == arg)
		return -EINVAL;
	switch (*end) {
	case 'T': v <<= 10; /* fall through */
	case 'G': v <<= 10; /* fall through */
	case 'M': v <<= 10; /* fall through */
	case 'K': v <<= 10; end++; break;
	}
	if (*end || !v || v > (1ull << 52))
		return -EINVAL;
	*ret = v;
	return 0;
}

static int run(struct sparse *s, uint64_t size)
{
	int err;

	err = read_head(s, size);
	if (!err)
		err = copy_bitmap(s, false);
	if (!err)
		err = copy_bitmap(s, true);
	if (!err)
		err = copy_descs(s);
	if (!err)
		err = copy_rest(s);
	if (!err && fsync(s->out))
		err = fail(-errno, "fsync");
	return err;
}

int main(int argc, char **argv)
{
	struct sparse s = { .in = -1, .out = -1 };
	uint64_t size = 1ull << 40;
	char *tmp;
	int opt, err;

	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt != 's' || parse_size(optarg, &size)) {
			fputs("usage: mksparse [-s BYTES[K|M|G|T]] IN OUT\n", stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		fputs("usage: mksparse [-s BYTES[K|M|G|T]] IN OUT\n", stderr);
		return 2;
	}
	s.buf = malloc(BUF_SIZE);
	if (!s.buf || asprintf(&tmp, "%s.tmp.%d", argv[optind + 1], (int)getpid()) < 0) {
		fail(-ENOMEM, "buffers");
		return 1;
	}
	s.in = open(argv[optind], O_RDONLY);
	if (s.in < 0) {
		fail(-errno, "%s", argv[optind]);
		return 1;
	}
	s.out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (s.out < 0) {
		fail(-errno, "%s", tmp);
		return 1;
	}
	err = run(&s, size);
	if (close(s.out) && !err)
		err = fail(-errno, "%s", tmp);
	if (!err && rename(tmp, argv[optind + 1]))
		err = fail(-errno, "rename to %s", argv[optind + 1]);
	if (err)
		unlink(tmp);
	else
		printf("%s: %llu pages of address space (was %llu), %llu pages dumped, bitmaps +%llu bytes\n",
		       argv[optind + 1], (unsigned long long)(size / s.block_size),
		       (unsigned long long)s.max_mapnr,
		       (unsigned long long)s.nr_descs,
		       (unsigned long long)s.delta);
	close(s.in);
	free(s.head);
	free(s.buf);
	free(tmp);
	return err ? 1 : 0;
}
