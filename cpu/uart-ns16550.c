/* The NS16550A of QEMU's RISC-V virt machine (VIRT_UART0, 0x10000000). */
#include "harness.h"

#define UART ((volatile unsigned char *)0x10000000)
#define THR 0
#define LSR 5
#define LSR_THRE (1u << 5)

void uart_putc(char c)
{
	while (!(UART[LSR] & LSR_THRE))
		;
	UART[THR] = (unsigned char)c;
}
