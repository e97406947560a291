/*
 * Boot for the AArch64 QEMU virt runs of check:cpu. Booted at EL1
 * (virtualization=off), QEMU's PSCI answers HVC. Booted at EL2
 * (virtualization=on), this installs el2_vectors, whose handler
 * (el2_trap in harness-aarch64.c) records each trap and answers it as the
 * plan says, drops to EL1 and runs the same tests; QEMU's PSCI answers SMC.
 */
	.section .text.boot, "ax"
	.global _start
_start:
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mrs	x0, CurrentEL
	lsr	x0, x0, #2
	ldr	x1, =booted_el
	str	x0, [x1]
	cmp	x0, #2
	b.ne	el1_entry
	ldr	x1, =__stack_el2
	mov	sp, x1
	adr	x1, el2_vectors
	msr	vbar_el2, x1
	/* HCR_EL2.RW: EL1 is AArch64; nothing else trapped (TSC clear: SMC reaches QEMU's PSCI). */
	mov	x1, #(1 << 31)
	msr	hcr_el2, x1
	/* MDCR_EL2.TDA: EL1 reads of debug registers (VMware's mrs xzr, mdccsr_el0) trap to EL2. */
	mov	x1, #(1 << 9)
	msr	mdcr_el2, x1
	msr	cptr_el2, xzr
	mov	x1, #0x3c5		/* EL1h, DAIF masked */
	msr	spsr_el2, x1
	adr	x1, el1_entry
	msr	elr_el2, x1
	isb
	eret

el1_entry:
	ldr	x1, =__stack_el1
	mov	sp, x1
	adr	x1, el1_vectors
	msr	vbar_el1, x1
	isb
	bl	main
3:	wfe
	b	3b

/* Saves x0-x30 in a frame on the stack, calls \handler(frame), restores them and returns. */
.macro TRAP_ENTRY handler, ret
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
	bl	\handler
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #256
	eret
.endm

.macro VECTOR target
	.balign 0x80
	b	\target
.endm

	.balign 0x800
el2_vectors:
	VECTOR	unexpected		/* current EL, SP_EL0 */
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected		/* current EL, SP_ELx */
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	el2_sync		/* lower EL, AArch64: the traps under test */
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected		/* lower EL, AArch32 */
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected

	.balign 0x800
el1_vectors:
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	el1_sync		/* current EL, SP_ELx: an HVC or SMC nobody answers is UNDEFINED here */
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected
	VECTOR	unexpected

el2_sync:
	TRAP_ENTRY el2_trap
el1_sync:
	TRAP_ENTRY el1_trap
unexpected:
	b	unexpected_exception

/*
 * CPU_ON's entry point, at a fixed address (link.ld). The second CPU
 * records the context id it finds in x0 and the EL it starts at, then waits.
 */
	.section .secondary, "ax"
	.global secondary_entry
secondary_entry:
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	ldr	x2, =secondary_seen
	str	x1, [x2, #8]
	str	x0, [x2, #16]
	mov	x1, #1
	str	x1, [x2]
	dsb	sy
	sev
4:	wfe
	b	4b
	.ltorg
