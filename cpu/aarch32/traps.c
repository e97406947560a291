/* AArch32 exception handlers, entered from start.S. */
#include "../harness.h"

void hyp_trap(reg_t *frame)
{
	reg_t hsr, elr;
	__asm__ volatile("mrc p15, 4, %0, c5, c2, 0" : "=r"(hsr));
	__asm__ volatile("mrs %0, elr_hyp" : "=r"(elr));
	trap_seen.syndrome = hsr;
	trap_seen.elr = elr;
	trap_seen.insn = *(volatile unsigned int *)(elr - 4);
	answer(frame);
}

/* An HVC or SMC that nothing answers is UNDEFINED: note the instruction and step over it. */
void svc_undefined(const unsigned int *at)
{
	undef_seen = *at;
}
