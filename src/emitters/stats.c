// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --stats FILE: what a run cost, as JSON, for `make bench`.  Kept out of
 * the report so that two runs on one dump still give identical reports.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "vr/report.h"

struct vr_error *report_write_stats(struct vr_program *prog,
				    const struct report *rep,
				    const char *path, double open_ms,
				    double total_ms)
{
	const struct vr_dump_stats *st = vr_dump_stats(prog->dump);
	struct rusage ru;
	FILE *f = fopen(path, "w");
	int rc;

	if (!f)
		return vr_error_create(VR_ERR_IO, "%s: %s", path,
				       strerror(errno));
	getrusage(RUSAGE_SELF, &ru);
	fprintf(f, "{\n  \"format\": \"%s%s\",\n", prog->dinfo->format,
		prog->dinfo->flattened ? " (flattened)" : "");
	fprintf(f, "  \"open_ms\": %.3f,\n  \"total_ms\": %.3f,\n", open_ms,
		total_ms);
	fprintf(f, "  \"user_s\": %.3f,\n  \"sys_s\": %.3f,\n",
		ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
		ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	fprintf(f, "  \"peak_rss_kb\": %ld,\n", ru.ru_maxrss);
	fprintf(f, "  \"reads\": %llu,\n  \"pages_read\": %llu,\n"
		   "  \"pages_decompressed\": %llu,\n  \"cache_hits\": %llu,\n"
		   "  \"cache_misses\": %llu,\n",
		(unsigned long long)st->reads,
		(unsigned long long)st->pages_read,
		(unsigned long long)st->pages_decompressed,
		(unsigned long long)st->cache_hits,
		(unsigned long long)st->cache_misses);
	fprintf(f, "  \"emitters\": {\n");
	for (size_t i = 0; i < rep->nr_files; i++)
		fprintf(f, "    \"%s\": %.3f%s\n", rep->files[i].path,
			rep->files[i].ms, i + 1 < rep->nr_files ? "," : "");
	fprintf(f, "  }\n}\n");
	rc = fclose(f);
	if (rc)
		return vr_error_create(VR_ERR_IO, "%s: %s", path,
				       strerror(errno));
	return NULL;
}
