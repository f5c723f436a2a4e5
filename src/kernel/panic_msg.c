// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The panic message as crash's `sys` names it: crash looks through the
 * text of the kernel log for the messages the kernel prints when it
 * crashes, the more telling ones first, and shows the whole line of the
 * first match.  The same rules here, so that our sys agrees with crash's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/panic.h"
#include "vr/printk.h"

/*
 * The kernel's crash messages, most telling first: sysrq-c before v5.x
 * printed "SysRq : Trigger a crash" (now "sysrq: Trigger a crash", which
 * is left to the "Kernel panic - not syncing" line that follows it),
 * panic() "Kernel panic - not syncing: ...", die() "Oops: ...".
 */
static const char *const crash_messages[] = {
	"SysRq : Crash",
	"SysRq : Trigger a crash",
	"SysRq : Netdump",
	"Kernel panic: ",
	"Kernel panic - ",
	"Kernel BUG at",
	"kernel BUG at",
	"Unable to handle kernel paging request",
	"Unable to handle kernel NULL pointer dereference",
	"BUG: unable to handle kernel ",
	"general protection fault: ",
	"double fault: ",
	"divide error: ",
	"stack segment: ",
	"[Hardware Error]: ",
	"Bad mode in ",
	"Oops: ",
};
#define NR_CRASH_MESSAGES (sizeof(crash_messages) / sizeof(crash_messages[0]))

/* Looser words, for a log with none of the above. */
static const char *const crash_keywords[] = {
	"Unable to handle kernel",
	"BUG: unable to handle kernel",
	"Kernel BUG at",
	"kernel BUG at",
	"Bad mode in",
	"Oops",
	"Kernel panic",
};

struct panic_search {
	char line[PANIC_MSG_MAX];
	size_t best;		/* index in crash_messages[] of the match kept */
	char found[PANIC_MSG_MAX];
	bool have_keyword;
	char keyword_line[PANIC_MSG_MAX];
};

static bool has_keyword(const char *line)
{
	for (size_t i = 0; i < sizeof(crash_keywords) / sizeof(crash_keywords[0]); i++) {
		if (strstr(line, crash_keywords[i]))
			return true;
	}
	return false;
}

static void search_line(struct panic_search *s, const char *text, size_t len)
{
	if (len >= sizeof(s->line))
		len = sizeof(s->line) - 1;
	memcpy(s->line, text, len);
	s->line[len] = '\0';
	for (size_t i = 0; i < s->best; i++) {
		if (strstr(s->line, crash_messages[i])) {
			s->best = i;
			strcpy(s->found, s->line);
			break;
		}
	}
	if (!s->have_keyword && has_keyword(s->line)) {
		s->have_keyword = true;
		strcpy(s->keyword_line, s->line);
	}
}

/* Every line of a record. */
static void search_record(struct panic_search *s, const char *text,
			  size_t len)
{
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;

		search_line(s, text, n);
		if (!nl)
			break;
		len -= n + 1;
		text = nl + 1;
	}
}

struct vr_error *crash_panic_message(struct vr_program *prog, char *buf,
				     size_t size, struct strbuf *partial)
{
	static struct panic_search zero;
	struct panic_search *s = malloc(sizeof(*s));
	struct printk_iter it;
	struct printk_record rec;
	const char *msg = "";
	struct vr_error *err = NULL;

	if (!s)
		return &vr_enomem;
	*s = zero;
	s->best = NR_CRASH_MESSAGES;
	printk_for_each_record(&it, &rec, prog)
		search_record(s, rec.text, rec.text_len);
	if (it.err && !it.count)
		err = vr_error_create(it.err->code, "kernel log: %s",
				      it.err->message);
	else if (it.err && partial)
		strbuf_printf(partial, "kernel log: %s", it.err->message);
	printk_iter_exit(&it);
	if (s->best < NR_CRASH_MESSAGES)
		msg = s->found;
	else if (s->have_keyword)
		msg = s->keyword_line;
	snprintf(buf, size, "%s", msg);
	free(s);
	return err;
}
