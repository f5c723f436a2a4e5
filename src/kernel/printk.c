// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel log (kernel/printk/).
 *
 * v5.10+: the lockless ring buffer (kernel/printk/printk_ringbuffer.[ch]).
 * `prb` points to a struct printk_ringbuffer: a ring of 2^count_bits
 * descriptors (struct prb_desc: state_var, text_blk_lpos) with a parallel
 * array of struct printk_info (seq, ts_nsec, text_len, ...), and a text
 * data ring of 2^size_bits bytes.  A descriptor's state_var holds its id
 * in the low bits and its state in the top two; records live between
 * desc_ring.tail_id and desc_ring.head_id.  A record's text is a data
 * block [begin, next) of logical positions in the data ring: the block
 * starts with the descriptor id (an unsigned long) followed by the text;
 * a block that would wrap is stored whole at the start of the ring.
 *
 * v3.5 - v5.9: log_buf holds variable-size records, a struct printk_log
 * (struct log before v3.11) followed by the text and the dictionary,
 * from log_first_idx to log_next_idx; a header with len 0 means "wrapped
 * to the start of the buffer".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/printk.h"
#include "vr/stat.h"
#include "vr/util.h"

/* kernel/printk/printk_ringbuffer.h */
#define FAILED_LPOS 0x1
#define NO_LPOS 0x3

static void note_bad(struct printk_iter *it, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A corrupt record: skipped, counted, and the first one's reason kept. */
static void note_bad(struct printk_iter *it, const char *fmt, ...)
{
	va_list ap;

	if (it->nbad++)
		return;
	va_start(ap, fmt);
	vsnprintf(it->bad, sizeof(it->bad), fmt, ap);
	va_end(ap);
}

/* Take @err as the bad-record reason; consumes it. */
static void note_bad_err(struct printk_iter *it, const char *what,
			 uint64_t n, struct vr_error *err)
{
	note_bad(it, "%s %llu: %s", what, (unsigned long long)n,
		 err->message);
	vr_error_destroy(err);
}

static struct vr_error *read_member(struct kobj o, const char *path,
				    uint64_t *ret)
{
	return kobj_read_u64(kobj_member(o, path), ret);
}

/* The value of an enum desc_state enumerator, or @dflt. */
static uint64_t desc_state(struct vr_program *prog, const char *name,
			   uint64_t dflt)
{
	const struct vr_type *e;
	int64_t v;
	struct vr_error *err = vr_debuginfo_find_type(prog->dbg,
						      "enum desc_state", &e);

	if (err) {
		vr_error_destroy(err);
		return dflt;
	}
	return vr_type_enum_value(e, name, &v) ? (uint64_t)v : dflt;
}

static struct vr_error *lockless_init(struct printk_iter *it)
{
	struct vr_program *prog = it->prog;
	struct kobj prb = kobj_var(prog, "prb");
	unsigned int ulong_bits = prog->ptr_size * 8;
	uint64_t count_bits, size_bits, head, tail, count, n;
	struct vr_error *err;

	err = read_member(prb, "desc_ring.count_bits", &count_bits);
	if (!err)
		err = read_member(prb, "text_data_ring.size_bits", &size_bits);
	if (!err)
		err = read_member(prb, "text_data_ring.data", &it->data);
	if (!err)
		err = read_member(prb, "desc_ring.head_id.counter", &head);
	if (!err)
		err = read_member(prb, "desc_ring.tail_id.counter", &tail);
	if (err)
		return vr_error_wrap(err, "printk ring buffer");
	/*
	 * The log is at most LOG_BUF_LEN_MAX (2 GiB) of text and one
	 * descriptor per 32 bytes of it (PRB_AVGBITS).
	 */
	if (size_bits < 4 || size_bits > 31 || count_bits > size_bits)
		return vr_error_create(VR_ERR_CORRUPT,
				       "printk ring buffer: bad sizes (2^%llu descriptors, 2^%llu bytes)",
				       (unsigned long long)count_bits,
				       (unsigned long long)size_bits);
	it->descs = kobj_member(prb, "desc_ring.descs");
	/* v5.10+: the infos live beside the descriptors, not inside. */
	it->infos = kobj_member(prb, "desc_ring.infos");
	if (!kobj_ok(&it->descs))
		return kobj_error(&it->descs);
	if (!kobj_ok(&it->infos))
		return kobj_error(&it->infos);
	/*
	 * Committed records are read as well as finalized ones, as drgn and
	 * makedumpfile do: the last record of a crashed kernel may never
	 * have been finalized.  (desc_finalized came with v5.10; before it,
	 * in the v5.10 merge window, committed was final.)
	 */
	it->committed = desc_state(prog, "desc_committed", 1);
	it->finalized = desc_state(prog, "desc_finalized", it->committed);
	it->count_bits = (unsigned int)count_bits;
	it->size_bits = (unsigned int)size_bits;
	/* DESC_SV_BITS is the width of an unsigned long. */
	it->flags_shift = ulong_bits - 2;
	it->id_mask = (ulong_bits == 64 ? ~0ULL : (1ULL << ulong_bits) - 1) &
		      ~(3ULL << it->flags_shift);
	head &= it->id_mask;
	tail &= it->id_mask;
	count = 1ULL << count_bits;
	n = ((head - tail) & it->id_mask) + 1;
	if (n > count) {
		note_bad(it, "tail_id %llu and head_id %llu are more than %llu descriptors apart: read the last %llu",
			 (unsigned long long)tail, (unsigned long long)head,
			 (unsigned long long)count, (unsigned long long)count);
		n = count;
	}
	it->id = (head - n + 1) & it->id_mask;
	it->left = n;
	return NULL;
}

/*
 * get_data(): where the text of a data block [begin, next) is in the data
 * ring.  Returns false for a block the kernel would not read either.
 */
static bool get_data(struct printk_iter *it, uint64_t begin, uint64_t next,
		     uint64_t *off, uint64_t *size)
{
	unsigned int ulong_size = it->prog->ptr_size;
	uint64_t ring = 1ULL << it->size_bits;
	uint64_t lpos_mask = it->id_mask | (3ULL << it->flags_shift);

#define DATA_WRAPS(lpos) (((lpos) & lpos_mask) >> it->size_bits)
	/* A regular block: begin and next in the same wrap. */
	if (DATA_WRAPS(begin) == DATA_WRAPS(next) && begin < next) {
		*off = begin & (ring - 1);
		*size = next - begin;
	/* A wrapping block: stored at the start, begin one wrap behind. */
	} else if (DATA_WRAPS(begin + ring) == DATA_WRAPS(next)) {
		*off = 0;
		*size = next & (ring - 1);
	} else {
		return false;
	}
#undef DATA_WRAPS
	/* Blocks are aligned to, and start with, the descriptor id. */
	if (begin % ulong_size || next % ulong_size || *size < ulong_size)
		return false;
	*size -= ulong_size;
	return true;
}

/* Descriptors that missed before a valid one are corrupt. */
static void flush_misses(struct printk_iter *it)
{
	if (!it->misses)
		return;
	note_bad(it, "descriptor %llu holds id %llu",
		 (unsigned long long)it->first_miss,
		 (unsigned long long)(it->miss_sv & it->id_mask));
	it->nbad += it->misses - 1;
	it->misses = 0;
}

static bool lockless_next(struct printk_iter *it, struct printk_record *rec)
{
	struct vr_program *prog = it->prog;
	uint64_t count = 1ULL << it->count_bits;

	while (it->left) {
		uint64_t id = it->id, idx = id & (count - 1);
		struct kobj desc = kobj_index(it->descs, idx);
		struct kobj info = kobj_index(it->infos, idx);
		uint64_t sv, state, begin, next, off, size, blk_id, v;
		struct vr_error *err;

		it->id = (id + 1) & it->id_mask;
		it->left--;
		err = read_member(desc, "state_var.counter", &sv);
		if (err) {
			note_bad_err(it, "descriptor", id, err);
			continue;
		}
		/*
		 * desc_miss: the descriptor holds another id.  Only a
		 * reservation in flight at the head can leave one (head_id
		 * is moved before the descriptor is written); one followed
		 * by records means the ring is corrupt.
		 */
		if ((sv & it->id_mask) != id) {
			if (!it->misses++) {
				it->first_miss = id;
				it->miss_sv = sv;
			}
			continue;
		}
		flush_misses(it);
		/* Reserved (being written) and reusable records are skipped. */
		state = (sv >> it->flags_shift) & 3;
		if (state != it->committed && state != it->finalized)
			continue;
		err = read_member(desc, "text_blk_lpos.begin", &begin);
		if (!err)
			err = read_member(desc, "text_blk_lpos.next", &next);
		if (!err)
			err = read_member(info, "seq", &rec->seq);
		if (!err)
			err = read_member(info, "ts_nsec", &rec->ts_nsec);
		if (!err)
			err = read_member(info, "text_len", &v);
		if (err) {
			note_bad_err(it, "descriptor", id, err);
			continue;
		}
		rec->text_len = v;
		rec->facility = rec->level = rec->flags = 0;
		rec->caller_id = 0;
		if (!read_member(info, "facility", &v))
			rec->facility = (unsigned int)v;
		if (!read_member(info, "level", &v))
			rec->level = (unsigned int)v;
		if (!read_member(info, "flags", &v))
			rec->flags = (unsigned int)v;
		if (!read_member(info, "caller_id", &v))
			rec->caller_id = (uint32_t)v;
		/* desc_reserve(): a descriptor's seq is its index modulo the count. */
		if ((rec->seq & (count - 1)) != idx) {
			note_bad(it, "descriptor %llu: seq %llu does not belong to index %llu",
				 (unsigned long long)id,
				 (unsigned long long)rec->seq,
				 (unsigned long long)idx);
			continue;
		}
		rec->text = it->text;
		/* Data-less: NO_LPOS is an empty record, FAILED_LPOS a lost one. */
		if ((begin & 1) && (next & 1)) {
			if (begin != NO_LPOS || next != NO_LPOS)
				continue;
			rec->text_len = 0;
			it->count++;
			return true;
		}
		if (!get_data(it, begin, next, &off, &size)) {
			note_bad(it, "seq %llu: bad text block [%#llx, %#llx)",
				 (unsigned long long)rec->seq,
				 (unsigned long long)begin,
				 (unsigned long long)next);
			continue;
		}
		if (rec->text_len > size) {
			note_bad(it, "seq %llu: %zu bytes of text in a %llu-byte block",
				 (unsigned long long)rec->seq, rec->text_len,
				 (unsigned long long)size);
			continue;
		}
		err = vr_program_read_uint(prog, it->data + off, prog->ptr_size,
					   &blk_id);
		if (!err && (blk_id & it->id_mask) != id) {
			note_bad(it, "seq %llu: text block of descriptor %llu, not %llu",
				 (unsigned long long)rec->seq,
				 (unsigned long long)blk_id,
				 (unsigned long long)id);
			continue;
		}
		if (!err && rec->text_len)
			err = vr_program_read(prog, it->data + off + prog->ptr_size,
					      it->text, rec->text_len);
		if (err) {
			note_bad_err(it, "seq", rec->seq, err);
			continue;
		}
		it->count++;
		return true;
	}
	/* Nothing but misses: not a ring buffer we can read. */
	if (!it->count)
		flush_misses(it);
	return false;
}

static struct vr_error *legacy_init(struct printk_iter *it)
{
	struct vr_program *prog = it->prog;
	uint64_t first_seq, max_records;
	struct vr_error *err;

	/* struct log became struct printk_log in v3.11. */
	it->hdr_type = "struct printk_log";
	it->hdr_size = kobj_sizeof(prog, it->hdr_type);
	if (!it->hdr_size) {
		it->hdr_type = "struct log";
		it->hdr_size = kobj_sizeof(prog, it->hdr_type);
	}
	if (!it->hdr_size)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "no struct printk_log: a kernel log before v3.5 is not supported");
	err = kobj_read_u64(kobj_var(prog, "log_buf"), &it->log_buf);
	if (!err)
		err = kobj_read_u64(kobj_var(prog, "log_buf_len"),
				    &it->log_buf_len);
	if (!err)
		err = kobj_read_u64(kobj_var(prog, "log_first_idx"), &it->idx);
	if (!err)
		err = kobj_read_u64(kobj_var(prog, "log_first_seq"), &first_seq);
	if (!err)
		err = kobj_read_u64(kobj_var(prog, "log_next_seq"),
				    &it->next_seq);
	if (err)
		return vr_error_wrap(err, "log_buf");
	/* LOG_BUF_LEN_MAX is 2 GiB. */
	if (it->log_buf_len < it->hdr_size || it->log_buf_len > 1ULL << 31)
		return vr_error_create(VR_ERR_CORRUPT, "log_buf_len %llu",
				       (unsigned long long)it->log_buf_len);
	it->seq = first_seq;
	max_records = it->log_buf_len / it->hdr_size;
	if (it->next_seq < first_seq || it->next_seq - first_seq > max_records)
		return vr_error_create(VR_ERR_CORRUPT,
				       "log_first_seq %llu, log_next_seq %llu: more records than log_buf holds",
				       (unsigned long long)first_seq,
				       (unsigned long long)it->next_seq);
	return NULL;
}

static bool legacy_next(struct printk_iter *it, struct printk_record *rec)
{
	struct vr_program *prog = it->prog;
	struct kobj hdr;
	uint64_t len, v;
	struct vr_error *err;

	while (it->seq < it->next_seq) {
		if (it->idx + it->hdr_size > it->log_buf_len)
			goto corrupt;
		hdr = kobj_at(prog, it->hdr_type, it->log_buf + it->idx);
		err = read_member(hdr, "len", &len);
		/* log_from_idx(): len 0 marks the end; wrap to the start. */
		if (!err && !len) {
			it->idx = 0;
			hdr = kobj_at(prog, it->hdr_type, it->log_buf);
			err = read_member(hdr, "len", &len);
		}
		if (err) {
			it->err = vr_error_wrap(err, "log_buf record %llu",
						(unsigned long long)it->seq);
			return false;
		}
		if (len < it->hdr_size || it->idx + len > it->log_buf_len)
			goto corrupt;
		rec->seq = it->seq++;
		it->idx += len;
		err = read_member(hdr, "text_len", &v);
		if (!err)
			err = read_member(hdr, "ts_nsec", &rec->ts_nsec);
		if (err) {
			note_bad_err(it, "seq", rec->seq, err);
			continue;
		}
		rec->text_len = v;
		if (it->hdr_size + rec->text_len > len) {
			note_bad(it, "seq %llu: %zu bytes of text in a %llu-byte record",
				 (unsigned long long)rec->seq, rec->text_len,
				 (unsigned long long)len);
			continue;
		}
		rec->facility = rec->level = rec->flags = 0;
		rec->caller_id = 0;
		if (!read_member(hdr, "facility", &v))
			rec->facility = (unsigned int)v;
		if (!read_member(hdr, "level", &v))
			rec->level = (unsigned int)v;
		if (!read_member(hdr, "flags", &v))
			rec->flags = (unsigned int)v;
		/* v5.1+ with CONFIG_PRINTK_CALLER. */
		if (!read_member(hdr, "caller_id", &v))
			rec->caller_id = (uint32_t)v;
		rec->text = it->text;
		err = vr_program_read(prog, kobj_addr(&hdr) + it->hdr_size,
				      it->text, rec->text_len);
		if (err) {
			note_bad_err(it, "seq", rec->seq, err);
			continue;
		}
		it->count++;
		return true;
	}
	return false;
corrupt:
	/* The next record's place depends on this one: the walk ends. */
	it->err = vr_error_create(VR_ERR_CORRUPT,
				  "log_buf record %llu at offset %llu is corrupt",
				  (unsigned long long)it->seq,
				  (unsigned long long)it->idx);
	return false;
}

void printk_iter_init(struct printk_iter *it, struct vr_program *prog)
{
	*it = (struct printk_iter){ .prog = prog };
	it->text = malloc(PRINTK_TEXT_MAX);
	if (!it->text) {
		it->err = &vr_enomem;
		return;
	}
	/* v5.10: the lockless ring buffer replaced log_buf. */
	if (kobj_has_symbol(prog, "prb")) {
		it->format = PRINTK_LOCKLESS;
		it->err = lockless_init(it);
	} else if (kobj_has_symbol(prog, "log_first_idx")) {
		it->format = PRINTK_LEGACY;
		it->err = legacy_init(it);
	} else {
		it->err = vr_error_create(VR_ERR_UNSUPPORTED,
					  "neither prb nor log_first_idx: a kernel log before v3.5 is not supported");
	}
}

bool printk_iter_next(struct printk_iter *it, struct printk_record *rec)
{
	bool ok;

	if (it->err || it->done)
		return false;
	if (it->format == PRINTK_LOCKLESS)
		ok = lockless_next(it, rec);
	else
		ok = legacy_next(it, rec);
	if (!ok)
		it->done = true;
	return ok;
}

void printk_iter_exit(struct printk_iter *it)
{
	free(it->text);
	it->text = NULL;
	vr_error_destroy(it->err);
	it->err = NULL;
}

/* A valid UTF-8 sequence at @s that `dmesg` prints: its length, else 0. */
static size_t utf8_printable(const unsigned char *s, size_t left)
{
	size_t n;
	uint32_t c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF, C1 controls. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ||
	    (c >= 0x80 && c < 0xa0))
		return 0;
	return n;
}

static void put_escaped(struct strbuf *out, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		size_t start = i, n;

		while (i < len && ((s[i] >= 0x20 && s[i] < 0x7f) ||
				   s[i] == '\t' || s[i] == '\v' ||
				   s[i] == '\f' || s[i] == '\r'))
			i++;
		strbuf_append(out, text + start, i - start);
		if (i == len)
			break;
		n = s[i] >= 0x80 ? utf8_printable(s + i, len - i) : 0;
		if (n) {
			strbuf_append(out, text + i, n);
			i += n;
		} else {
			strbuf_printf(out, "\\x%02x", s[i]);
			i++;
		}
	}
}

void printk_format_text(struct strbuf *out, const char *prefix,
			const char *text, size_t len)
{
	for (;;) {
		const char *nl = memchr(text, '\n', len);
		size_t line = nl ? (size_t)(nl - text) : len;

		strbuf_puts(out, prefix);
		put_escaped(out, text, line);
		strbuf_putc(out, '\n');
		if (!nl)
			break;
		text += line + 1;
		len -= line + 1;
	}
}

struct vr_error *ktime_mono_to_real_offset(struct vr_program *prog,
					   int64_t *ret)
{
	struct kobj tk = tk_core_timekeeper(prog);
	struct kobj offs;
	int64_t sec, nsec;
	struct vr_error *err;

	offs = kobj_member(tk, "offs_real");
	if (kobj_ok(&offs)) {
		/* Before v3.17 a ktime_t was a union { s64 tv64; }. */
		if (vr_type_is_compound(offs.type))
			offs = kobj_member(offs, "tv64");
		return kobj_read_s64(offs, ret);
	}
	/* offs_real = -wall_to_monotonic (timekeeping.c tk_set_wall_to_mono()). */
	err = kobj_read_s64(kobj_member(tk, "wall_to_monotonic.tv_sec"), &sec);
	if (!err)
		err = kobj_read_s64(kobj_member(tk, "wall_to_monotonic.tv_nsec"),
				    &nsec);
	if (!err)
		*ret = -(sec * 1000000000 + nsec);
	return err;
}

struct vr_error *printk_print_log(struct vr_program *prog, struct strbuf *out,
				  printk_prefix_fn *prefix, void *arg)
{
	struct printk_iter it;
	struct printk_record rec;
	struct vr_error *err = NULL;

	printk_for_each_record(&it, &rec, prog) {
		char buf[64];

		prefix(arg, &rec, buf, sizeof(buf));
		printk_format_text(out, buf, rec.text, rec.text_len);
	}
	if (it.err && !it.count) {
		err = it.err;
		it.err = NULL;
	} else if (it.err) {
		strbuf_printf(out, "# vmcore-report: partial - %s\n",
			      it.err->message);
	}
	if (it.nbad)
		strbuf_printf(out,
			      "# vmcore-report: partial - %lu corrupt record(s) skipped, the first: %s\n",
			      it.nbad, it.bad);
	printk_iter_exit(&it);
	return err;
}
