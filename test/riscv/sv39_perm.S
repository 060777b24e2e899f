// Sv39 permissions: R/W/X, U with SUM, MXR, and the A and D bits, which
// (as on QEMU 7.2) the hart sets in the PTE itself instead of faulting.
#include "rvtest.h"
#include "sv39.h"

#define VA_PAGES 0x40000000
#define VA_RO    (VA_PAGES + 0x0000)   // R
#define VA_XO    (VA_PAGES + 0x1000)   // X
#define VA_UPAGE (VA_PAGES + 0x2000)   // U R W
#define VA_SPAGE (VA_PAGES + 0x3000)   // R W
#define VA_NOA   (VA_PAGES + 0x4000)   // R W, A = 0, D = 0
#define VA_NOD   (VA_PAGES + 0x5000)   // R W, A = 1, D = 0
#define VA_UCODE (VA_PAGES + 0x6000)   // U X
#define VA_RX    (VA_PAGES + 0x7000)   // R X
#define AD (PTE_A | PTE_D)

// a0 = the leaf PTE of `va` in l0 (read in any mode: identity-mapped).
#define LOAD_PTE(va) la a0, l0; ld a0, (VPN0(va) * 8)(a0)

  .text
  .globl main
main:
  li s0, RAM_BASE
  // Two roots over the same test pages: `root` maps RAM for S code, `uroot`
  // maps it with U set so that U code can run.
  SET_PTE(root, VPN2(RAM_BASE), s0, PTE_V | PTE_R | PTE_W | PTE_X | AD)
  SET_PTE(uroot, VPN2(RAM_BASE), s0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | AD)
  SET_PTR(root, VPN2(VA_PAGES), l1)
  SET_PTR(uroot, VPN2(VA_PAGES), l1)
  SET_PTR(l1, VPN1(VA_PAGES), l0)
  la s1, page_a
  la s2, page_b
  la s3, page_c
  la s4, code_page
  SET_PTE(l0, VPN0(VA_RO), s1, PTE_V | PTE_R | AD)
  SET_PTE(l0, VPN0(VA_XO), s4, PTE_V | PTE_X | AD)
  SET_PTE(l0, VPN0(VA_UPAGE), s2, PTE_V | PTE_R | PTE_W | PTE_U | AD)
  SET_PTE(l0, VPN0(VA_SPAGE), s1, PTE_V | PTE_R | PTE_W | AD)
  SET_PTE(l0, VPN0(VA_NOA), s3, PTE_V | PTE_R | PTE_W)
  SET_PTE(l0, VPN0(VA_NOD), s3, PTE_V | PTE_R | PTE_W | PTE_A)
  SET_PTE(l0, VPN0(VA_UCODE), s4, PTE_V | PTE_X | PTE_U | AD)
  SET_PTE(l0, VPN0(VA_RX), s4, PTE_V | PTE_R | PTE_X | AD)
  li t0, 0xaaaa
  sd t0, 0(s1)
  li t0, 0xbbbb
  sd t0, 0(s2)
  li t0, 0xcccc
  sd t0, 0(s3)
  li t0, MSTATUS_SUM | MSTATUS_MXR
  csrc mstatus, t0
  ENABLE_SV39(root)
  GOTO_S

  // R, W, X.
  li s5, VA_RO
  TEST_CASE(1, a0, 0xaaaa, ld a0, 0(s5))
  EXPECT_TRAP(2, 3, CAUSE_STORE_PAGE, sd a0, 8(s5))
  EXPECT_TRAP(3, 3, CAUSE_FETCH_PAGE, jalr s5)
  li s6, VA_XO
  TEST_CASE(4, a0, 0x55, jalr s6)
  EXPECT_TRAP(5, 3, CAUSE_LOAD_PAGE, lw a0, 0(s6))
  // MXR: loads from X pages succeed (and return the code bytes).
  TEST_CASE(6, a0, 0x55, li t0, SSTATUS_MXR; csrs sstatus, t0; lbu a0, 0(s6); lbu a1, 0(s4); sub a0, a0, a1; addi a0, a0, 0x55)
  li t0, SSTATUS_MXR
  csrc sstatus, t0
  // U pages from S: data only with SUM, code never.
  li s7, VA_UPAGE
  EXPECT_TRAP(7, 3, CAUSE_LOAD_PAGE, ld a0, 0(s7))
  EXPECT_TRAP(8, 3, CAUSE_STORE_PAGE, sd a0, 0(s7))
  li t0, SSTATUS_SUM
  csrs sstatus, t0
  TEST_CASE(9, a0, 0xbbbb, ld a0, 0(s7))
  TEST_CASE(10, a0, 0xb0b0, li a1, 0xb0b0; sd a1, 8(s7); ld a0, 8(s7))
  EXPECT_TRAP(11, 3, CAUSE_FETCH_PAGE, li a1, VA_UCODE; jalr a1)
  li t0, SSTATUS_SUM
  csrc sstatus, t0

  // A and D: a load sets A (not D), a store sets D; the access completes.
  LOAD_PTE(VA_NOA)
  TEST_CASE(12, a0, 0, andi a0, a0, PTE_A | PTE_D)
  TEST_CASE(13, a0, 0xcccc, li a1, VA_NOA; ld a0, 0(a1))
  LOAD_PTE(VA_NOA)
  TEST_CASE(14, a0, PTE_A, andi a0, a0, PTE_A | PTE_D)
  TEST_CASE(15, a0, 0xdddd, li a1, VA_NOD; li a2, 0xdddd; sd a2, 0(a1); ld a0, 0(a1))
  LOAD_PTE(VA_NOD)
  TEST_CASE(16, a0, PTE_A | PTE_D, andi a0, a0, PTE_A | PTE_D)
  TEST_CASE(17, a0, 0xdddd, ld a0, 0(s3))
  // A store to a page with neither bit sets both.
  ENTER_M
  SET_PTE(l0, VPN0(VA_NOA), s3, PTE_V | PTE_R | PTE_W)
  GOTO_S
  sfence.vma
  TEST_CASE(18, a0, 0, li a1, VA_NOA; sd zero, 0(a1); ld a0, 0(a1))
  LOAD_PTE(VA_NOA)
  TEST_CASE(19, a0, PTE_A | PTE_D, andi a0, a0, PTE_A | PTE_D)

  // U-mode under `uroot`: U pages only, and SUM does not matter to U.
  ENTER_M
  ENABLE_SV39(uroot)
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  GOTO_U
  TEST_CASE(20, a0, 0xb0b0, ld a0, 8(s7))
  EXPECT_TRAP(21, 3, CAUSE_LOAD_PAGE, li a1, VA_SPAGE; ld a0, 0(a1))
  EXPECT_TRAP(22, 3, CAUSE_STORE_PAGE, li a1, VA_SPAGE; sd a0, 0(a1))
  EXPECT_TRAP(23, 3, CAUSE_FETCH_PAGE, li a1, VA_RX; jalr a1)
  TEST_CASE(24, a0, 0x55, li a1, VA_UCODE; jalr a1)
  ENTER_M
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  csrw satp, zero
  PASS

  .align 12
code_page:
  li a0, 0x55
  ret

  .bss
  .align 12
root: .zero 4096
uroot: .zero 4096
l1: .zero 4096
l0: .zero 4096
page_a: .zero 4096
page_b: .zero 4096
page_c: .zero 4096
