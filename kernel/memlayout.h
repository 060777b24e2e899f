// Where things are, physically and in the kernel's virtual space.
//
// Physical (QEMU virt; numbers from platform/platform.json):
//   FINISHER_BASE  test finisher (power off with an exit code)
//   CLINT_BASE     msip per hart (the kernel's IPIs), mtime
//   PLIC_BASE      interrupt controller
//   UART0_BASE     console UART; more UARTs where the FDT says
//   VIRTIO0_BASE   virtio-mmio block device
//   RAM_BASE       kernel text and data, then free pages up to the end of RAM
//                  (the end comes from the FDT: see fdt.c)
//
// Kernel virtual: devices and RAM map one-to-one; at the top of the address
// space sit the trampoline and, below it, each process's kernel stack with an
// unmapped guard page under it.
//
// User virtual, from 0: text, data, bss, a guard page, the stack, the heap
// (sbrk), ... then TRAPFRAME and TRAMPOLINE at the top.
#ifndef MEMLAYOUT_H
#define MEMLAYOUT_H
#include "platform.h"
#include "riscv.h"

#define KERNBASE RAM_BASE

// The PLIC's per-context registers; the S-mode context of hart h is 2h+1.
#define PLIC_PRIORITY          (PLIC_BASE + 0x0)
#define PLIC_SENABLE(hart)     (PLIC_BASE + 0x2080 + (hart) * 0x100)
#define PLIC_SPRIORITY(hart)   (PLIC_BASE + 0x201000 + (hart) * 0x2000)
#define PLIC_SCLAIM(hart)      (PLIC_BASE + 0x201004 + (hart) * 0x2000)

#define CLINT_MSIP_OF(hart)    (CLINT_BASE + CLINT_MSIP + 4 * (hart))

#define TRAMPOLINE (MAXVA - PGSIZE)
#define KSTACK(p)  (TRAMPOLINE - ((p) + 1) * 2 * PGSIZE)
#define TRAPFRAME  (TRAMPOLINE - PGSIZE)
#endif
