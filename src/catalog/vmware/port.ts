/** The backdoor's I/O port, apart from the conventions so the exception data can use it without loading the VMware family. */
export const PORT = 0x5658n;
