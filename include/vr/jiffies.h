/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HZ and jiffies conversions (include/linux/jiffies.h, kernel/time/time.c). */
#ifndef VR_JIFFIES_H
#define VR_JIFFIES_H

#include "vr/object.h"

/*
 * CONFIG_HZ, from the NTP tick lengths (kernel/time/ntp.c: tick_nsec is
 * tick_usec * USER_HZ * 1000 / HZ, give or take the frequency correction
 * of at most 500 ppm), snapped to the values Kconfig offers.
 */
struct vr_error *kernel_hz(struct vr_program *prog, unsigned int *hz);

/* jiffies_to_msecs(): rounded up where 1000 is not a multiple of HZ. */
unsigned int jiffies_to_msecs(uint64_t j, unsigned int hz);

#endif
