// CSR bit fields the test programs use, named as in the privileged spec.
#ifndef RVTEST_CSR_H
#define RVTEST_CSR_H

#define MSTATUS_SIE    (1 << 1)
#define MSTATUS_MIE    (1 << 3)
#define MSTATUS_SPIE   (1 << 5)
#define MSTATUS_MPIE   (1 << 7)
#define MSTATUS_SPP    (1 << 8)
#define MSTATUS_MPP    (3 << 11)
#define MSTATUS_MPP_M  (3 << 11)
#define MSTATUS_MPP_S  (1 << 11)
#define MSTATUS_MPP_U  0
#define MSTATUS_FS     (3 << 13)
#define MSTATUS_MPRV   (1 << 17)
#define MSTATUS_SUM    (1 << 18)
#define MSTATUS_MXR    (1 << 19)
#define MSTATUS_TVM    (1 << 20)
#define MSTATUS_TW     (1 << 21)
#define MSTATUS_TSR    (1 << 22)
#define SSTATUS_SIE    MSTATUS_SIE
#define SSTATUS_SPIE   MSTATUS_SPIE
#define SSTATUS_SPP    MSTATUS_SPP
#define SSTATUS_SUM    MSTATUS_SUM
#define SSTATUS_MXR    MSTATUS_MXR

// Interrupt numbers (bits of mip/mie) and causes.
#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)
#define MIP_SEIP (1 << IRQ_SEI)
#define MIP_MEIP (1 << IRQ_MEI)
#define CAUSE_INTR (1 << 63)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15

// Sv39
#define SATP_SV39   (8 << 60)
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)

// menvcfg.STCE (Sstc) and the stimecmp CSR number, which the assembler may
// not know by name.
#define MENVCFG_STCE (1 << 63)
#define CSR_MENVCFG  0x30a
#define CSR_STIMECMP 0x14d

#endif
