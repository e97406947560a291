/* AArch64 exception handlers, entered from start.S with x0-x30 in a frame. */
#include "../harness.h"

#define EC(esr) ((esr) >> 26)
#define EC_SYSREG 0x18 /* MSR/MRS trapped: ELR points at the instruction itself */
#define EC_UNKNOWN 0x00

#define READ(reg) ({ reg_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((reg_t)(v)))

void el2_trap(reg_t *frame)
{
	reg_t esr = READ(esr_el2), elr = READ(elr_el2);
	reg_t at = EC(esr) == EC_SYSREG ? elr : elr - 4;
	trap_seen.syndrome = esr;
	trap_seen.elr = elr;
	trap_seen.insn = *(volatile unsigned int *)at;
	answer(frame);
	if (EC(esr) == EC_SYSREG)
		WRITE(elr_el2, elr + 4);
}

void el1_trap(reg_t *frame)
{
	reg_t esr = READ(esr_el1), elr = READ(elr_el1);
	(void)frame;
	if (EC(esr) != EC_UNKNOWN) {
		puts_("X esr=");
		puthex(esr);
		puts_(" elr=");
		puthex(elr);
		uart_putc('\n');
		halt();
	}
	undef_seen = esr; /* never 0: IL is set for an A64 instruction */
	WRITE(elr_el1, elr + 4);
}
