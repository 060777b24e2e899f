// The RISC-V privileged architecture as the kernel sees it: CSR access,
// status bits, and the Sv39 page-table format.
#ifndef RISCV_H
#define RISCV_H

// Unsigned-long constants that the assembler can also read.
#ifdef __ASSEMBLER__
#define RV_UL(x) x
#else
#define RV_UL(x) x##UL
#endif

#ifndef __ASSEMBLER__
#include "types.h"

// Generic CSR access; names the assembler may not know (stimecmp, menvcfg)
// are passed as numbers.
// (Two levels, so that a macro such as CSR_STIMECMP is expanded first.)
#define csr_read(csr) csr_read_(csr)
#define csr_write(csr, v) csr_write_(csr, v)
#define csr_set(csr, v) csr_set_(csr, v)
#define csr_clear(csr, v) csr_clear_(csr, v)
#define csr_read_(csr) ({ uint64 v_; asm volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write_(csr, v) asm volatile("csrw " #csr ", %0" : : "r"((uint64)(v)))
#define csr_set_(csr, v) asm volatile("csrs " #csr ", %0" : : "r"((uint64)(v)))
#define csr_clear_(csr, v) asm volatile("csrc " #csr ", %0" : : "r"((uint64)(v)))

#define CSR_STIMECMP 0x14d  // Sstc: supervisor timer compare
#define CSR_MENVCFG  0x30a  // machine environment config (STCE lives here)
#endif

// mstatus / sstatus
#define MSTATUS_MPP_MASK (RV_UL(3) << 11)
#define MSTATUS_MPP_S    (RV_UL(1) << 11)
#define MSTATUS_MIE      (RV_UL(1) << 3)
#define SSTATUS_SPP      (RV_UL(1) << 8)   // previous mode: 1 = supervisor
#define SSTATUS_SPIE     (RV_UL(1) << 5)   // interrupts enabled before the trap
#define SSTATUS_SIE      (RV_UL(1) << 1)
#define SSTATUS_SUM      (RV_UL(1) << 18)  // never set: the kernel reaches user memory only through copyin/copyout

// interrupt bits, the same in mip/mie/sip/sie
#define IRQ_SSI  (RV_UL(1) << 1)
#define IRQ_MSI  (RV_UL(1) << 3)
#define IRQ_STI  (RV_UL(1) << 5)
#define IRQ_SEI  (RV_UL(1) << 9)

// scause values
#define SCAUSE_INTR        (RV_UL(1) << 63)
#define SCAUSE_SSI         (SCAUSE_INTR | 1)
#define SCAUSE_STI         (SCAUSE_INTR | 5)
#define SCAUSE_SEI         (SCAUSE_INTR | 9)
#define SCAUSE_ECALL_U     8

#define MENVCFG_STCE       (RV_UL(1) << 63)
#define MCOUNTEREN_TM      (RV_UL(1) << 1)
#define SCOUNTEREN_TM      (RV_UL(1) << 1)

// satp: Sv39 mode and the root table's page number
#define SATP_SV39 (RV_UL(8) << 60)
#define MAKE_SATP(pagetable) (SATP_SV39 | (((uint64)(pagetable)) >> 12))
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK  (RV_UL(0xffff) << SATP_ASID_SHIFT)

#define PGSIZE 4096
#define PGSHIFT 12
#define PGROUNDUP(sz)  (((sz) + PGSIZE - 1) & ~(uint64)(PGSIZE - 1))
#define PGROUNDDOWN(a) (((a)) & ~(uint64)(PGSIZE - 1))

#define PTE_V (RV_UL(1) << 0)
#define PTE_R (RV_UL(1) << 1)
#define PTE_W (RV_UL(1) << 2)
#define PTE_X (RV_UL(1) << 3)
#define PTE_U (RV_UL(1) << 4)
#define PTE_A (RV_UL(1) << 6)
#define PTE_D (RV_UL(1) << 7)

// Sv39 virtual address:
//   38        30 29        21 20        12 11          0
//  +------------+------------+------------+-------------+
//  |  VPN[2]    |  VPN[1]    |  VPN[0]    | page offset |
//  +------------+------------+------------+-------------+
// PTE: 53..10 physical page number, 9..0 flags.
#define PA2PTE(pa) ((((uint64)(pa)) >> 12) << 10)
#define PTE2PA(pte) (((pte) >> 10) << 12)
#define PTE_FLAGS(pte) ((pte) & 0x3FF)
#define PXMASK 0x1FF
#define PXSHIFT(level) (PGSHIFT + (9 * (level)))
#define PX(level, va) ((((uint64)(va)) >> PXSHIFT(level)) & PXMASK)

// One past the highest address Sv39 allows; the top half of the 39-bit space
// (sign-extended) is left out so every valid address is a plain positive number.
#define MAXVA (RV_UL(1) << (9 + 9 + 9 + 12 - 1))

#ifndef __ASSEMBLER__
static inline uint64 r_tp(void) { uint64 x; asm volatile("mv %0, tp" : "=r"(x)); return x; }
static inline void w_tp(uint64 x) { asm volatile("mv tp, %0" : : "r"(x)); }
static inline uint64 r_fp(void) { uint64 x; asm volatile("mv %0, s0" : "=r"(x)); return x; }
static inline uint64 r_time(void) { uint64 x; asm volatile("csrr %0, time" : "=r"(x)); return x; }

static inline void intr_on(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void intr_off(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline int intr_get(void) { return (csr_read(sstatus) & SSTATUS_SIE) != 0; }

static inline void sfence_vma(void) { asm volatile("sfence.vma zero, zero"); }
static inline void wfi(void) { asm volatile("wfi"); }
#endif

#endif
