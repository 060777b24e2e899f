// One virtual address, two address spaces: a kernel (S, ASID_K) and a
// process (U, ASID_U) map VA_X to different pages, and satp switches
// between them without fences, around traps and SRETs, the way a kernel
// with ASIDs runs. Our core keeps each translation regime's TLB entries
// across such switches (mmu/tlb-context.ts), so what it must get right is
// which entries belong to whom, and that SFENCE.VMA with an ASID (and with
// an address) drops what it names:
//
//   checks 1-5   every round: the kernel reads its page, S under the
//                process's satp reads the process's page with SUM and
//                faults without, U reads its page, the kernel its own again
//   checks 6-7   the process's leaf rewritten, SFENCE.VMA zero, ASID_U
//   checks 8-9   rewritten again, SFENCE.VMA VA_X, ASID_U
//   check 10     and back, SFENCE.VMA VA_X, zero (every address space)
//   checks 11-12 the kernel's leaf rewritten, SFENCE.VMA zero, ASID_K
//
// Both page tables map RAM by an identity gigapage without U (S code runs
// there under either satp, as a trampoline would), and only the process's
// maps VA_UCODE, the user code, with U.
#include "rvtest.h"
#include "sv39.h"

#define VA_X      0x40000000
#define VA_UCODE  0x40001000
#define ASID_K    1
#define ASID_U    2
#define ROUNDS    500
#define MARK_K    0x6b6b6b6b00000001
#define MARK_K2   0x6b6b6b6b00000002
#define MARK_U    0x7575757500000001
#define MARK_U2   0x7575757500000002
#define MARK_U3   0x7575757500000003
#define RW_AD     (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define X_SLOT    (VPN0(VA_X) * 8)

// From S under the process's satp: run the user code, which reads VA_X into
// a0 and comes back by ecall (asid_trap); S continues after it.
#define TO_USER \
  la s8, 1f; li t0, VA_UCODE; csrw sepc, t0; li t0, SSTATUS_SPP; csrc sstatus, t0; sret; 1:
// Check n: the process reads `mark` at VA_X; the kernel reads `mark`.
#define USER_READS(n, mark) \
  csrw satp, s11; li gp, n; TO_USER; li t6, mark; bne a0, t6, fail
#define KERNEL_READS(n, mark) \
  csrw satp, s10; TEST_CASE(n, a0, mark, ld a0, 0(s7))

  .text
  .globl main
main:
  la t0, asid_trap
  csrw stvec, t0
  li t0, 1 << CAUSE_ECALL_U
  csrw medeleg, t0
  RAM_AND_TREE(root_k, l1_k, l0_k, VA_X)
  RAM_AND_TREE(root_u, l1_u, l0_u, VA_X)
  la s0, page_k
  SET_PTE(l0_k, VPN0(VA_X), s0, RW_AD)
  la s0, page_u
  SET_PTE(l0_u, VPN0(VA_X), s0, RW_AD | PTE_U)
  la s0, user_code
  SET_PTE(l0_u, VPN0(VA_UCODE), s0, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
  SATP_FOR(s10, root_k, ASID_K)
  SATP_FOR(s11, root_u, ASID_U)
  la s9, l0_u
  li s7, VA_X
  csrw satp, s10
  sfence.vma
  GOTO_S

  li s1, ROUNDS
round:
  KERNEL_READS(1, MARK_K)
  csrw satp, s11
  li t0, SSTATUS_SUM
  csrs sstatus, t0
  TEST_CASE(2, a0, MARK_U, ld a0, 0(s7))
  li t0, SSTATUS_SUM
  csrc sstatus, t0
  EXPECT_TRAP(3, 3, CAUSE_LOAD_PAGE, ld a0, 0(s7))
  li a0, 0
  USER_READS(4, MARK_U)
  KERNEL_READS(5, MARK_K)
  addi s1, s1, -1
  bnez s1, round

  // The process's VA_X moved to another page: fenced by its ASID while the
  // kernel's is in satp.
  LEAF_PTE(t1, page_u2, RW_AD | PTE_U)
  sd t1, X_SLOT(s9)
  li t2, ASID_U
  sfence.vma zero, t2
  USER_READS(6, MARK_U2)
  KERNEL_READS(7, MARK_K)

  LEAF_PTE(t1, page_u3, RW_AD | PTE_U)
  sd t1, X_SLOT(s9)
  li t2, ASID_U
  sfence.vma s7, t2
  USER_READS(8, MARK_U3)
  KERNEL_READS(9, MARK_K)

  LEAF_PTE(t1, page_u, RW_AD | PTE_U)
  sd t1, X_SLOT(s9)
  sfence.vma s7, zero
  USER_READS(10, MARK_U)

  // The kernel's own leaf, fenced by its ASID while it runs.
  csrw satp, s10
  LEAF_PTE(t1, page_k2, RW_AD)
  la t2, l0_k
  sd t1, X_SLOT(t2)
  li t2, ASID_K
  sfence.vma zero, t2
  TEST_CASE(11, a0, MARK_K2, ld a0, 0(s7))
  USER_READS(12, MARK_U)
  csrw satp, s10
  ENTER_M
  PASS

// The S handler while the process runs: its ecall returns to TO_USER's end.
  .align 2
asid_trap:
  csrr t0, scause
  li t1, CAUSE_ECALL_U
  bne t0, t1, fail
  jr s8

  .section .text.user, "ax"
  .balign 4096
user_code:
  ld a0, 0(s7)
  ecall

  .data
  .align 12
page_k: .dword MARK_K
  .zero 4088
page_k2: .dword MARK_K2
  .zero 4088
page_u: .dword MARK_U
  .zero 4088
page_u2: .dword MARK_U2
  .zero 4088
page_u3: .dword MARK_U3
  .zero 4088

  .bss
  PAGE_TABLES(root_k, l1_k, l0_k)
  PAGE_TABLES(root_u, l1_u, l0_u)
