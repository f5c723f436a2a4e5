// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vr/error.h"

struct vr_error vr_enomem = { .code = VR_ERR_NOMEM };

struct vr_error *vr_error_vcreate(enum vr_errcode code, const char *fmt,
				  va_list ap)
{
	struct vr_error *err;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	err = malloc(sizeof(*err) + (size_t)n + 1);
	if (!err)
		return &vr_enomem;
	err->code = code;
	vsnprintf(err->message, (size_t)n + 1, fmt, ap);
	return err;
}

struct vr_error *vr_error_create(enum vr_errcode code, const char *fmt, ...)
{
	struct vr_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = vr_error_vcreate(code, fmt, ap);
	va_end(ap);
	return err;
}

struct vr_error *vr_error_wrap(struct vr_error *err, const char *fmt, ...)
{
	struct vr_error *wrapped;
	char prefix[256];
	va_list ap;

	if (!err || err == &vr_enomem)
		return err;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	wrapped = vr_error_create(err->code, "%s: %s", prefix, err->message);
	vr_error_destroy(err);
	return wrapped;
}

void vr_error_destroy(struct vr_error *err)
{
	if (err != &vr_enomem)
		free(err);
}

const char *vr_errcode_name(enum vr_errcode code)
{
	static const char *const names[] = {
		[VR_ERR_OTHER] = "error",
		[VR_ERR_NOMEM] = "out of memory",
		[VR_ERR_IO] = "I/O error",
		[VR_ERR_FORMAT] = "bad format",
		[VR_ERR_TRUNCATED] = "truncated",
		[VR_ERR_CORRUPT] = "corrupt",
		[VR_ERR_OUT_OF_RANGE] = "out of range",
		[VR_ERR_NOT_PRESENT] = "not present in dump",
		[VR_ERR_EXCLUDED] = "excluded from dump",
		[VR_ERR_FAULT] = "address not mapped",
		[VR_ERR_NOT_FOUND] = "not found",
		[VR_ERR_TYPE] = "type error",
		[VR_ERR_INVALID] = "invalid argument",
		[VR_ERR_UNSUPPORTED] = "unsupported",
		[VR_ERR_MISMATCH] = "mismatch",
		[VR_ERR_LIMIT] = "limit reached",
	};

	if ((size_t)code < sizeof(names) / sizeof(names[0]) && names[code])
		return names[code];
	return "error";
}
