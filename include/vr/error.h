/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Errors are returned as values: a function that can fail returns a
 * struct vr_error *, NULL on success.  The caller owns the error and frees
 * it with vr_error_destroy().  The out-of-memory error is a static object
 * so that reporting it cannot itself fail.
 */
#ifndef VR_ERROR_H
#define VR_ERROR_H

#include <stdarg.h>

enum vr_errcode {
	VR_ERR_OTHER = 1,
	VR_ERR_NOMEM,
	VR_ERR_IO,		/* read/write of a host file failed */
	VR_ERR_FORMAT,		/* input is not in the expected format */
	VR_ERR_TRUNCATED,	/* input ends before data it declares */
	VR_ERR_CORRUPT,		/* data present but inconsistent (bad compression, ...) */
	VR_ERR_OUT_OF_RANGE,	/* physical address beyond what the dump describes */
	VR_ERR_NOT_PRESENT,	/* physical address in a hole of the dump */
	VR_ERR_EXCLUDED,	/* page filtered out of the dump (makedumpfile -d) */
	VR_ERR_FAULT,		/* virtual address does not translate */
	VR_ERR_NOT_FOUND,	/* symbol, type, member or key does not exist */
	VR_ERR_TYPE,		/* operation does not apply to this type */
	VR_ERR_INVALID,		/* bad argument */
	VR_ERR_UNSUPPORTED,	/* valid input we do not handle yet */
	VR_ERR_MISMATCH,	/* vmlinux does not belong to the dump */
	VR_ERR_LIMIT,		/* a bound on a walk or an allocation was hit */
};

struct vr_error {
	enum vr_errcode code;
	char message[];
};

extern struct vr_error vr_enomem;

struct vr_error *vr_error_create(enum vr_errcode code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct vr_error *vr_error_vcreate(enum vr_errcode code, const char *fmt,
				  va_list ap);
/* Prefix an error's message with more context; consumes @err. */
struct vr_error *vr_error_wrap(struct vr_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vr_error_destroy(struct vr_error *err);
const char *vr_errcode_name(enum vr_errcode code);

#endif
