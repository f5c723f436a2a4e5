// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /sys/kernel/vmcoreinfo (kernel/ksysfs.c vmcoreinfo_show()): "%pa %x\n"
 * of paddr_vmcoreinfo_note() and VMCOREINFO_NOTE_SIZE.
 */
#include "vr/emitter.h"
#include "vr/object.h"

/*
 * include/linux/crash_core.h (vmcore_info.h v6.9+): two note headers
 * (CRASH_CORE_NOTE_HEAD_BYTES, 12 each), the name "VMCOREINFO" aligned
 * to 4 (12) and VMCOREINFO_BYTES (PAGE_SIZE).
 */
#define VMCOREINFO_NOTE_OVERHEAD (2 * 12 + 12)

static struct vr_error *emit_vmcoreinfo(struct emit_ctx *ctx)
{
	struct kobj note = kobj_var(ctx->prog, "vmcoreinfo_note");
	uint64_t vaddr, paddr, pa_size;
	struct vr_error *err;

	if (!kobj_ok(&note))
		return emit_stub(ctx, "no vmcoreinfo_note: kernel without kexec");
	/*
	 * paddr_vmcoreinfo_note(): __pa(vmcoreinfo_note), a page of its own
	 * since v4.13 (the Xen override does not apply to a dumped guest).
	 */
	err = kobj_read_u64(note, &vaddr);
	if (!err && !vaddr)
		return emit_stub(ctx, "vmcoreinfo_note not allocated");
	if (!err)
		err = vr_program_virt_to_phys(ctx->prog, vaddr, &paddr);
	if (err)
		return err;
	/* %pa: "0x" and every digit of a phys_addr_t. */
	pa_size = kobj_sizeof(ctx->prog, "phys_addr_t");
	if (!pa_size)
		pa_size = ctx->prog->ptr_size;
	strbuf_printf(&ctx->out, "0x%0*llx %x\n", (int)pa_size * 2,
		      (unsigned long long)paddr,
		      (unsigned int)(VMCOREINFO_NOTE_OVERHEAD +
				     ctx->prog->page_size));
	return NULL;
}

static const struct emitter sys_kernel_vmcoreinfo = {
	.path = "sys/kernel/vmcoreinfo",
	.emit = emit_vmcoreinfo,
};
EMITTER(sys_kernel_vmcoreinfo);
