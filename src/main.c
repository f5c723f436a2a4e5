// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmcore-report: the files `sos report` collects on a live system,
 * reconstructed from a kernel crash dump.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/program.h"
#include "vr/report.h"
#include "vr/util.h"

#define MAX_VMCORES 64

struct options {
	const char *vmcore;
	const char *vmcores[MAX_VMCORES];	/* --vmcore given more than once */
	size_t nr_vmcores;
	const char *vmlinux;
	const char *outdir;
	struct report_options report;	/* --only, --skip, --emitter-timeout */
	bool build;
	bool list;
	bool force;
	bool info;
	bool types_btf;
	bool types_dwarf;
	const char *stats;
	double t0;	/* start, for --stats */
	double open_ms;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vmcore-report --vmcore VMCORE [--vmlinux VMLINUX] [-o DIR]\n"
		"                     [--only GLOBS] [--skip GLOBS] [--build] [--force]\n"
		"                     [--types=btf]\n"
		"       vmcore-report --list\n"
		"       vmcore-report --info --vmcore VMCORE\n"
		"\n"
		"  --vmcore FILE    the dump: ELF, kdump-compressed or flattened; given\n"
		"                   once per file for a split dump (makedumpfile --split)\n"
		"  --vmlinux FILE   the debug vmlinux of the dumped kernel; without it,\n"
		"                   symbols and types come from the dump (kallsyms, BTF)\n"
		"  --types=SOURCE   btf: types from the BTF in the dump; dwarf: from the\n"
		"                   vmlinux's DWARF (default: its .BTF if it has one)\n"
		"  -o, --output DIR where to write the report (default /var/tmp)\n"
		"  --only GLOBS     only these files (comma-separated globs, e.g. 'proc/*')\n"
		"  --emitter-timeout SECONDS\n"
		"                   stop making one file after this long and write a\n"
		"                   stub naming the limit instead (default 60; 0: none)\n"
		"  --skip GLOBS     all but these files\n"
		"  --build          leave a folder instead of a .tar.xz\n"
		"  --force          use a vmlinux that does not match the dump\n"
		"  --list           list the files the report can contain\n"
		"  --info           print what the dump says about itself\n"
		"  --stats FILE     write what the run cost (time, memory, reads) as JSON\n"
		"  --version        print the version\n");
}

static int parse_args(int argc, char **argv, struct options *o)
{
	enum { OPT_VMCORE = 256, OPT_VMLINUX, OPT_ONLY, OPT_SKIP, OPT_BUILD,
	       OPT_LIST, OPT_FORCE, OPT_VERSION, OPT_INFO, OPT_STATS, OPT_TYPES,
	       OPT_TIMEOUT };
	static const struct option longopts[] = {
		{ "vmcore", required_argument, NULL, OPT_VMCORE },
		{ "vmlinux", required_argument, NULL, OPT_VMLINUX },
		{ "output", required_argument, NULL, 'o' },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "skip", required_argument, NULL, OPT_SKIP },
		{ "build", no_argument, NULL, OPT_BUILD },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "info", no_argument, NULL, OPT_INFO },
		{ "stats", required_argument, NULL, OPT_STATS },
		{ "types", required_argument, NULL, OPT_TYPES },
		{ "emitter-timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char *end;
	int c;

	o->outdir = "/var/tmp";
	o->report.emitter_timeout = REPORT_DEFAULT_EMITTER_TIMEOUT;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_VMCORE:
			if (o->nr_vmcores == MAX_VMCORES) {
				fprintf(stderr, "vmcore-report: more than %d --vmcore\n",
					MAX_VMCORES);
				return -1;
			}
			o->vmcores[o->nr_vmcores++] = optarg;
			o->vmcore = o->vmcores[0];
			break;
		case OPT_VMLINUX: o->vmlinux = optarg; break;
		case 'o': o->outdir = optarg; break;
		case OPT_ONLY: o->report.only = optarg; break;
		case OPT_SKIP: o->report.skip = optarg; break;
		case OPT_BUILD: o->build = true; break;
		case OPT_LIST: o->list = true; break;
		case OPT_FORCE: o->force = true; break;
		case OPT_INFO: o->info = true; break;
		case OPT_STATS: o->stats = optarg; break;
		case OPT_TYPES:
			if (strcmp(optarg, "btf") != 0 && strcmp(optarg, "dwarf") != 0) {
				fprintf(stderr, "vmcore-report: --types is btf or dwarf\n");
				return -1;
			}
			o->types_btf = strcmp(optarg, "btf") == 0;
			o->types_dwarf = !o->types_btf;
			break;
		case OPT_TIMEOUT:
			o->report.emitter_timeout = strtod(optarg, &end);
			if (end == optarg || *end || !(o->report.emitter_timeout >= 0) ||
			    o->report.emitter_timeout > 1e6) {
				fprintf(stderr, "vmcore-report: --emitter-timeout takes seconds (0 for none)\n");
				return -1;
			}
			break;
		case OPT_VERSION:
			printf("vmcore-report %s\n", VR_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vmcore-report: unexpected argument %s\n",
			argv[optind]);
		return -1;
	}
	if (!o->list && !o->vmcore) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static int fail(struct vr_error *err)
{
	fprintf(stderr, "vmcore-report: %s\n", err->message);
	vr_error_destroy(err);
	return 1;
}

/*
 * @len bytes of text from the dump, those outside printable ASCII (and
 * newlines with @lines) as \xNN: nothing a terminal would act on.
 */
static void print_escaped(const char *s, size_t len, bool lines)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 0x20 && c < 0x7f && c != '\\') ||
		    (lines && c == '\n'))
			putchar(c);
		else
			printf("\\x%02x", c);
	}
}

/* --info: the dump's own description of itself, no vmlinux needed. */
static int print_info(const char *path)
{
	const struct vr_dump_info *di;
	struct vr_dump *dump;
	struct vr_error *err = vr_dump_open(path, &dump);
	const char *vmcoreinfo;
	size_t len;

	if (err)
		return fail(err);
	di = vr_dump_info(dump);
	printf("format: %s%s\n", di->format, di->flattened ? " (flattened)" : "");
	printf("machine: %u %s\n", di->e_machine, di->machine);
	printf("header byte order: %s, pointer size %u\n",
	       di->big_endian ? "big-endian" : "little-endian", di->ptr_size);
	printf("page size: %llu, max pfn: %llu, cpus: %d, dump level: %d%s\n",
	       (unsigned long long)di->page_size,
	       (unsigned long long)di->max_pfn, di->nr_cpus, di->dump_level,
	       di->incomplete ? ", INCOMPLETE" : "");
	for (size_t i = 0; i < vr_dump_nr_notes(dump); i++) {
		const struct vr_note *n = vr_dump_note(dump, i);

		fputs("note: ", stdout);
		print_escaped(n->name, strlen(n->name), false);
		printf(" type %u, %zu bytes\n", n->type, n->desc_size);
	}
	for (const char *const *w = vr_dump_warnings(dump); w && *w; w++)
		printf("warning: %s\n", *w);
	vmcoreinfo = vr_dump_vmcoreinfo(dump, &len);
	if (vmcoreinfo) {
		fputs("VMCOREINFO:\n", stdout);
		print_escaped(vmcoreinfo, len, true);
		putchar('\n');
	} else {
		printf("no VMCOREINFO\n");
	}
	vr_dump_close(dump);
	return 0;
}


static struct vr_error *make_report(struct vr_program *prog,
				    const struct options *o, char **path)
{
	struct report rep = { 0 };
	struct vr_error *err;
	size_t len;
	char *log;

	err = report_run(prog, &o->report, &rep);
	if (!err)
		err = report_manifest(prog, &rep);
	if (!err) {
		log = strbuf_detach(&prog->log, &len);
		err = report_add(&rep, "sos_logs/vmcore-report.log", log, len,
				 REPORT_OK, NULL, 0);
	}
	if (!err)
		err = report_write(&rep, o->outdir, o->build, path);
	if (!err && o->stats)
		err = report_write_stats(prog, &rep, o->stats, o->open_ms,
					 vr_monotonic_ms() - o->t0);
	report_free(&rep);
	return err;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct vr_open_options open_opts = { 0 };
	struct vr_program *prog;
	struct vr_error *err;
	char *path = NULL;

	if (parse_args(argc, argv, &o))
		return 2;
	if (o.list) {
		report_list_emitters();
		return 0;
	}
	if (o.info)
		return print_info(o.vmcore);
	open_opts.force = o.force;
	open_opts.types_btf = o.types_btf;
	open_opts.types_dwarf = o.types_dwarf;
	open_opts.split_parts = o.vmcores;
	open_opts.nr_split_parts = o.nr_vmcores;
	o.t0 = vr_monotonic_ms();
	err = vr_program_open(o.vmcore, o.vmlinux, &open_opts, &prog);
	if (err)
		return fail(err);
	o.open_ms = vr_monotonic_ms() - o.t0;
	/* Damage found in the dump file itself: the user should know. */
	for (const char *const *w = vr_dump_warnings(prog->dump); w && *w; w++)
		fprintf(stderr, "vmcore-report: warning: %s\n", *w);
	err = make_report(prog, &o, &path);
	vr_program_close(prog);
	if (err)
		return fail(err);
	printf("%s\n", path);
	free(path);
	return 0;
}
