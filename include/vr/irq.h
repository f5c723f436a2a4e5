/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IRQ descriptors (kernel/irq/irqdesc.c). */
#ifndef VR_IRQ_H
#define VR_IRQ_H

#include "vr/object.h"

/* nr_irqs (total_nr_irqs since v7.2). */
struct vr_error *irq_get_nr_irqs(struct vr_program *prog, uint64_t *ret);
/* irq_to_desc(): the struct irq_desc of @irq; NULL (0) if none. */
struct vr_error *irq_to_desc(struct vr_program *prog, uint64_t irq,
			     uint64_t *desc);

#endif
