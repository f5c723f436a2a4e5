// SPDX-License-Identifier: GPL-2.0-or-later
/* sos_reports/manifest.json: what was read, and what each emitter did. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vr/report.h"
#include "vr/strbuf.h"

static void json_str(struct strbuf *sb, const char *s)
{
	if (!s) {
		strbuf_puts(sb, "null");
		return;
	}
	strbuf_putc(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			strbuf_printf(sb, "\\%c", c);
		else if (c == '\n')
			strbuf_puts(sb, "\\n");
		else if (c < 0x20 || c >= 0x7f)
			strbuf_printf(sb, "\\u%04x", c);
		else
			strbuf_putc(sb, (char)c);
	}
	strbuf_putc(sb, '"');
}

static void json_kv_str(struct strbuf *sb, const char *indent, const char *key,
			const char *value, bool last)
{
	strbuf_printf(sb, "%s\"%s\": ", indent, key);
	json_str(sb, value);
	strbuf_puts(sb, last ? "\n" : ",\n");
}

static void manifest_dump(struct strbuf *sb, struct vr_program *prog,
			  const struct report *rep)
{
	const struct vr_dump_info *di = prog->dinfo;
	char buf[64];
	struct tm tm;
	const char *const *warnings = vr_dump_warnings(prog->dump);
	time_t t = (time_t)rep->crash_time;

	strbuf_puts(sb, "  \"dump\": {\n");
	json_kv_str(sb, "    ", "format", di->format, false);
	strbuf_printf(sb, "    \"flattened\": %s,\n",
		      di->flattened ? "true" : "false");
	json_kv_str(sb, "    ", "arch", prog->arch->name, false);
	json_kv_str(sb, "    ", "hostname", rep->hostname, false);
	json_kv_str(sb, "    ", "kernel_release", rep->release, false);
	/* crash_time() keeps it within four-digit years. */
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_kv_str(sb, "    ", "crash_time",
		    rep->crash_time_source ? buf : NULL, false);
	json_kv_str(sb, "    ", "crash_time_source", rep->crash_time_source,
		    false);
	strbuf_printf(sb, "    \"page_size\": %" PRIu64 ",\n",
		      prog->page_size);
	snprintf(buf, sizeof(buf), "0x%" PRIx64, prog->kaslr_offset);
	json_kv_str(sb, "    ", "kaslr_offset", buf, false);
	json_kv_str(sb, "    ", "paging", prog->pt.name, false);
	json_kv_str(sb, "    ", "vmcoreinfo", prog->vmcoreinfo ?
		    prog->vmcoreinfo_source : NULL, false);
	json_kv_str(sb, "    ", "translation", prog->xlat_source ?
		    prog->xlat_source : "VMCOREINFO", false);
	strbuf_printf(sb, "    \"incomplete\": %s,\n",
		      di->incomplete ? "true" : "false");
	strbuf_printf(sb, "    \"truncated\": %s,\n",
		      di->truncated ? "true" : "false");
	/* What the dump layer found wrong with the file. */
	strbuf_puts(sb, "    \"warnings\": [");
	for (const char *const *w = warnings; w && *w; w++) {
		strbuf_puts(sb, w == warnings ? "\n      " : ",\n      ");
		json_str(sb, *w);
	}
	strbuf_puts(sb, warnings && *warnings ? "\n    ]\n" : "]\n");
	strbuf_puts(sb, "  },\n");
}

static void manifest_files(struct strbuf *sb, const struct report *rep)
{
	strbuf_puts(sb, "  \"emitters\": [\n");
	for (size_t i = 0; i < rep->nr_files; i++) {
		const struct report_file *f = &rep->files[i];

		strbuf_puts(sb, "    {\"path\": ");
		json_str(sb, f->path);
		strbuf_printf(sb, ", \"status\": \"%s\", \"reason\": ",
			      report_status_name(f->status));
		json_str(sb, f->reason);
		strbuf_printf(sb, ", \"time_ms\": %.3f}%s\n", f->ms,
			      i + 1 < rep->nr_files ? "," : "");
	}
	strbuf_puts(sb, "  ]\n");
}

struct vr_error *report_manifest(struct vr_program *prog, struct report *rep)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len, idlen;
	const uint8_t *id = vr_debuginfo_build_id(prog->dbg, &idlen);
	char hex[129] = "";
	char *data;

	for (size_t i = 0; id && i < idlen && i < 64; i++)
		snprintf(hex + 2 * i, 3, "%02x", id[i]);
	strbuf_puts(&sb, "{\n");
	json_kv_str(&sb, "  ", "tool", "vmcore-report", false);
	json_kv_str(&sb, "  ", "version", VR_VERSION, false);
	manifest_dump(&sb, prog, rep);
	strbuf_puts(&sb, "  \"vmlinux\": {\n");
	json_kv_str(&sb, "    ", "build_id", id ? hex : NULL, false);
	json_kv_str(&sb, "    ", "types",
		    vr_debuginfo_types_source(prog->dbg), false);
	json_kv_str(&sb, "    ", "symbols",
		    vr_debuginfo_symbols_source(prog->dbg), true);
	strbuf_puts(&sb, "  },\n");
	manifest_files(&sb, rep);
	strbuf_puts(&sb, "}\n");
	if (sb.failed) {
		strbuf_free(&sb);
		return &vr_enomem;
	}
	data = strbuf_detach(&sb, &len);
	return report_add(rep, "sos_reports/manifest.json", data, len,
			  REPORT_OK, NULL, 0);
}
