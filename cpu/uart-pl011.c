/* The PL011 of QEMU's Arm virt machine (VIRT_UART, 0x09000000). */
#include "harness.h"

#define UART ((volatile unsigned int *)0x09000000)
#define DR 0
#define FR (0x18 / 4)
#define FR_TXFF (1u << 5)

void uart_putc(char c)
{
	while (UART[FR] & FR_TXFF)
		;
	UART[DR] = (unsigned char)c;
}
