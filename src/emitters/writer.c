// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Packing the report: a tar.xz written with libarchive, or a folder with
 * --build.  Both are made under a temporary name and renamed into place,
 * so a failure never leaves a partial report.  Entries are in report
 * order, owned by root, dated at the crash time: two runs on one dump give
 * the same archive.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vr/report.h"

#ifdef VR_STATIC
/*
 * make static: libarchive's tar writers call this helper, which lives in
 * archive_write_set_format.o beside the table of every writer by code
 * (xar needs libxml2 and ICU, 7zip bzip2, zip nettle).  Defining it here
 * keeps that object, and those libraries, out of the static link.  Our
 * entries are only regular files and directories: it is never called.
 */
void __archive_write_entry_filetype_unsupported(struct archive *a,
						struct archive_entry *entry,
						const char *format);
void __archive_write_entry_filetype_unsupported(struct archive *a,
						struct archive_entry *entry,
						const char *format)
{
	archive_set_error(a, EINVAL,
			  "%s: %s format cannot archive files with mode 0%lo",
			  archive_entry_pathname(entry), format,
			  (unsigned long)archive_entry_mode(entry));
}
#endif

static struct vr_error *archive_err(struct archive *a, const char *what)
{
	return vr_error_create(VR_ERR_IO, "%s: %s", what,
			       archive_error_string(a) ?
			       archive_error_string(a) : "archive error");
}

static struct vr_error *tar_entry(struct archive *a, const char *path,
				  const char *data, size_t len, bool dir,
				  int64_t mtime)
{
	struct archive_entry *e = archive_entry_new();
	struct vr_error *err = NULL;

	if (!e)
		return &vr_enomem;
	archive_entry_set_pathname(e, path);
	archive_entry_set_filetype(e, dir ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(e, dir ? 0755 : 0644);
	archive_entry_set_size(e, dir ? 0 : (la_int64_t)len);
	archive_entry_set_mtime(e, mtime, 0);
	archive_entry_set_uname(e, "root");
	archive_entry_set_gname(e, "root");
	/*
	 * ARCHIVE_WARN: a name not in the locale's charset is written as
	 * it is; names come from our emitters, checked (report.c).
	 */
	if (archive_write_header(a, e) < ARCHIVE_WARN)
		err = archive_err(a, path);
	else if (!dir && len && archive_write_data(a, data, len) != (la_ssize_t)len)
		err = archive_err(a, path);
	archive_entry_free(e);
	return err;
}

/*
 * Directory entries for every parent of @path not written yet; @last holds
 * the previous file's path (entries come grouped by directory).
 */
static struct vr_error *tar_parents(struct archive *a, const char *top,
				    const char *path, char *last,
				    int64_t mtime)
{
	char full[1024];

	for (const char *slash = strchr(path, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		size_t n = (size_t)(slash - path);
		struct vr_error *err;

		if (strncmp(last, path, n + 1) == 0)
			continue;
		snprintf(full, sizeof(full), "%s/%.*s/", top, (int)n, path);
		err = tar_entry(a, full, NULL, 0, true, mtime);
		if (err)
			return err;
	}
	snprintf(last, 1024, "%s", path);
	return NULL;
}

static struct vr_error *write_tar(const struct report *rep, int fd,
				  const char *tmp)
{
	struct archive *a = archive_write_new();
	struct vr_error *err = NULL;
	char full[1024], last[1024] = "";

	if (!a)
		return &vr_enomem;
	/*
	 * xz level 1 (1 MiB dictionary): about 10 MB of encoder memory
	 * instead of 40-94 MB at the default level 6, for an archive 10%
	 * larger.  The report runs in the crashkernel reservation.
	 */
	if (archive_write_add_filter_xz(a) != ARCHIVE_OK ||
	    archive_write_set_filter_option(a, "xz", "compression-level",
					    "1") != ARCHIVE_OK ||
	    archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_open_fd(a, fd) != ARCHIVE_OK) {
		err = archive_err(a, tmp);
		goto out;
	}
	snprintf(full, sizeof(full), "%s/", rep->top);
	err = tar_entry(a, full, NULL, 0, true, rep->crash_time);
	for (size_t i = 0; !err && i < rep->nr_files; i++) {
		const struct report_file *f = &rep->files[i];

		err = tar_parents(a, rep->top, f->path, last, rep->crash_time);
		if (err)
			break;
		snprintf(full, sizeof(full), "%s/%s", rep->top, f->path);
		err = tar_entry(a, full, f->data, f->len, false,
				rep->crash_time);
	}
	if (!err && archive_write_close(a) != ARCHIVE_OK)
		err = archive_err(a, tmp);
out:
	archive_write_free(a);
	return err;
}

static struct vr_error *mkdir_parents(const char *path)
{
	char buf[2048];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return vr_error_create(VR_ERR_IO, "mkdir %s: %s", buf,
					       strerror(errno));
		*p = '/';
	}
	return NULL;
}

static struct vr_error *write_file(const char *path, const char *data,
				   size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      0644);
	struct vr_error *err = NULL;

	if (fd < 0)
		return vr_error_create(VR_ERR_IO, "%s: %s", path,
				       strerror(errno));
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = vr_error_create(VR_ERR_IO, "%s: %s", path,
					      strerror(errno));
			break;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0 && !err)
		err = vr_error_create(VR_ERR_IO, "%s: %s", path,
				      strerror(errno));
	return err;
}

static struct vr_error *write_folder(const struct report *rep, const char *tmp)
{
	char full[2048];

	for (size_t i = 0; i < rep->nr_files; i++) {
		const struct report_file *f = &rep->files[i];
		struct vr_error *err;

		snprintf(full, sizeof(full), "%s/%s", tmp, f->path);
		err = mkdir_parents(full);
		if (!err)
			err = write_file(full, f->data, f->len);
		if (err)
			return err;
	}
	return NULL;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* Only ever our own temporary folder; symlinks are not followed. */
static void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * The temporary archive or folder beside the final one, made with a
 * unique name (mkstemp, mkdtemp) so that nothing placed there before,
 * a symlink say, is written through; *fd is the archive's, -1 for a folder.
 */
static struct vr_error *make_tmp(const struct report *rep, const char *dir,
				 bool folder, char *tmp, size_t size, int *fd)
{
	int n = snprintf(tmp, size, "%s/.%s.tmp-XXXXXX", dir, rep->top);
	struct vr_error *err;

	*fd = -1;
	if (n < 0 || (size_t)n >= size)
		return vr_error_create(VR_ERR_LIMIT, "%s: path too long", dir);
	/* -o DIR is made if missing. */
	err = mkdir_parents(tmp);
	if (err)
		return err;
	if (folder) {
		if (!mkdtemp(tmp) || chmod(tmp, 0755) != 0)
			goto fail;
		return NULL;
	}
	*fd = mkostemp(tmp, O_CLOEXEC);
	if (*fd < 0 || fchmod(*fd, 0644) != 0)
		goto fail;
	return NULL;
fail:
	if (*fd >= 0) {
		close(*fd);
		unlink(tmp);
	}
	return vr_error_create(VR_ERR_IO, "%s: %s", tmp, strerror(errno));
}

struct vr_error *report_write(const struct report *rep, const char *dir,
			      bool folder, char **path)
{
	char final[1024], tmp[1100];
	struct vr_error *err;
	struct stat st;
	int fd, n;

	n = snprintf(final, sizeof(final), "%s/%s%s", dir, rep->top,
		     folder ? "" : ".tar.xz");
	if (n < 0 || (size_t)n >= sizeof(final))
		return vr_error_create(VR_ERR_LIMIT, "%s: path too long", dir);
	if (folder && stat(final, &st) == 0)
		return vr_error_create(VR_ERR_IO,
				       "%s already exists; remove it first",
				       final);
	err = make_tmp(rep, dir, folder, tmp, sizeof(tmp), &fd);
	if (err)
		return err;
	/* archive_write_open_fd() leaves @fd to us. */
	err = folder ? write_folder(rep, tmp) : write_tar(rep, fd, tmp);
	if (fd >= 0 && close(fd) != 0 && !err)
		err = vr_error_create(VR_ERR_IO, "%s: %s", tmp, strerror(errno));
	if (!err && rename(tmp, final) != 0)
		err = vr_error_create(VR_ERR_IO, "rename to %s: %s", final,
				      strerror(errno));
	if (err) {
		if (folder)
			remove_tree(tmp);
		else
			unlink(tmp);
		return err;
	}
	*path = strdup(final);
	return *path ? NULL : &vr_enomem;
}
