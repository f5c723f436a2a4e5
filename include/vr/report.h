/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running the emitters and packing what they made. */
#ifndef VR_REPORT_H
#define VR_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vr/error.h"
#include "vr/program.h"

enum report_status { REPORT_OK, REPORT_STUB, REPORT_ERROR };

struct report_file {
	char *path;		/* relative to the report's top folder */
	char *data;
	size_t len;
	enum report_status status;
	char *reason;		/* stubs and errors */
	double ms;
};

struct report {
	struct report_file *files;
	size_t nr_files, cap;
	char hostname[65];
	char release[65];
	char machine[65];
	int64_t crash_time;
	const char *crash_time_source;	/* NULL if unknown */
	char top[256];		/* sosvmcore-<host>-<YYYY-MM-DD-HHMMSS> */
};

struct report_options {
	const char *only;	/* comma-separated globs, or NULL */
	const char *skip;
	/*
	 * Wall-clock limit of one emitter (and of one enumerator), in
	 * seconds; 0: none.  Past it, the emitter's reads of kernel memory
	 * fail and its file becomes an error stub naming the limit.
	 */
	double emitter_timeout;
};

/* What --emitter-timeout is when not given, in seconds. */
#define REPORT_DEFAULT_EMITTER_TIMEOUT 60.0

/* Run every selected emitter; never fails on an emitter's account. */
struct vr_error *report_run(struct vr_program *prog,
			    const struct report_options *opts,
			    struct report *rep);
/* Add a file the report itself makes (manifest, log). */
struct vr_error *report_add(struct report *rep, const char *path, char *data,
			    size_t len, enum report_status status,
			    const char *reason, double ms);
void report_free(struct report *rep);
const char *report_status_name(enum report_status status);

/* sos_reports/manifest.json */
struct vr_error *report_manifest(struct vr_program *prog, struct report *rep);

/*
 * Write DIR/<top>.tar.xz (or the folder DIR/<top> with @folder), atomically:
 * no partial archive is left behind on failure.  *path gets the result.
 */
struct vr_error *report_write(const struct report *rep, const char *dir,
			      bool folder, char **path);

/* --stats: the run's cost (times, RSS, dump reads) as JSON in @path. */
struct vr_error *report_write_stats(struct vr_program *prog,
				    const struct report *rep,
				    const char *path, double open_ms,
				    double total_ms);

/* Print the emitters, one per line. */
void report_list_emitters(void);

#endif
