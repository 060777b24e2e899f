#ifndef MACHINE_H
#define MACHINE_H
// What this machine has, as the device tree described it at boot (fdt.c).
// Read-only after boot.
struct uartdesc {
  uint64 base;
  int irq;
};

struct machine {
  int nharts;                  // harts the kernel uses (at most NCPU)
  uint64 ram_end;              // one past the last byte of RAM
  int nuart;                   // uart[0] is the UART at UART0_BASE
  struct uartdesc uart[NUART];
  uint64 telemetry;            // the pgroup telemetry device, 0 if absent (QEMU)
};

extern struct machine machine;
#endif
