/* RISC-V S-mode: nothing here should trap; a trap is reported and stops the run. */
#include "../harness.h"

void unexpected_exception(void)
{
	reg_t cause, epc;
	__asm__ volatile("csrr %0, scause" : "=r"(cause));
	__asm__ volatile("csrr %0, sepc" : "=r"(epc));
	puts_("X scause=");
	puthex(cause);
	puts_(" sepc=");
	puthex(epc);
	uart_putc('\n');
	halt();
}

void halt(void)
{
	for (;;)
		__asm__ volatile("wfi");
}
