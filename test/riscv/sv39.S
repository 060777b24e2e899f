// Sv39 translation: 4 KiB pages, 2 MiB and 1 GiB superpages, aliases,
// invalid and reserved PTEs, misaligned superpages and non-canonical
// addresses, with page faults to M and, delegated, to S.
#include "rvtest.h"
#include "sv39.h"

// The virtual addresses this program maps (any free VA would do).
#define VA_PAGES  0x40000000   // 4 KiB pages, one per purpose below
#define VA_RW     (VA_PAGES + 0x0000)
#define VA_ALIAS  (VA_PAGES + 0x1000)   // same physical page as VA_RW
#define VA_CODE   (VA_PAGES + 0x2000)
#define VA_NONE   (VA_PAGES + 0x3000)   // V = 0
#define VA_WONLY  (VA_PAGES + 0x4000)   // W without R: reserved
#define VA_SWAP   (VA_PAGES + 0x5000)   // remapped, then SFENCE.VMA
#define VA_MEGA   0x40200000            // 2 MiB page onto RAM_BASE + 2 MiB
#define VA_BADMEGA 0x40400000           // 2 MiB page with PPN[0] != 0
#define VA_GIGA   0xc0000000            // 1 GiB page onto RAM_BASE
#define VA_BADGIGA 0x100000000          // 1 GiB page with PPN[1] != 0
#define VA_NONCANON 0x0000004000000000  // bit 38 clear, bit 39 set
#define MEGA_PA_OFF 0x200000
#define RWX_AD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define RW_AD  (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

  .text
  .globl main
main:
  la t0, s_trap
  csrw stvec, t0
  // Root: RAM identity-mapped by a gigapage (code, data, trap stacks), the
  // gigapage alias, a misaligned gigapage, and a pointer for VA_PAGES.
  li s0, RAM_BASE
  SET_PTE(root, VPN2(RAM_BASE), s0, RWX_AD)
  SET_PTE(root, VPN2(VA_GIGA), s0, RW_AD)
  li s1, RAM_BASE + MEGA_PA_OFF
  SET_PTE(root, VPN2(VA_BADGIGA), s1, RW_AD)
  SET_PTR(root, VPN2(VA_PAGES), l1)
  SET_PTR(l1, VPN1(VA_PAGES), l0)
  SET_PTE(l1, VPN1(VA_MEGA), s1, RW_AD)
  li s2, RAM_BASE + MEGA_PA_OFF + 0x1000
  SET_PTE(l1, VPN1(VA_BADMEGA), s2, RW_AD)
  la s3, page_a
  la s4, page_b
  SET_PTE(l0, VPN0(VA_RW), s3, RW_AD)
  SET_PTE(l0, VPN0(VA_ALIAS), s3, RW_AD)
  la s5, code_page
  SET_PTE(l0, VPN0(VA_CODE), s5, PTE_V | PTE_X | PTE_A)
  SET_PTE(l0, VPN0(VA_WONLY), s3, PTE_V | PTE_W | PTE_A | PTE_D)
  SET_PTE(l0, VPN0(VA_SWAP), s3, RW_AD)
  // Known contents, written through physical addresses.
  li t0, 0x1111
  sd t0, 0(s3)
  li t0, 0x2222
  sd t0, 0(s4)
  li t0, 0x3333
  sd t0, 8(s1)
  ENABLE_SV39(root)
  GOTO_S

  // Translation and aliases.
  li s6, VA_RW
  li s7, VA_ALIAS
  TEST_CASE(1, a0, 0x1111, ld a0, 0(s6))
  TEST_CASE(2, a0, 0x4444, li a1, 0x4444; sd a1, 16(s6); ld a0, 16(s7))
  TEST_CASE(3, a0, 0x4444, ld a0, 16(s3))          // identity gigapage
  TEST_CASE(4, a0, 0x3333, li a1, VA_MEGA; ld a0, 8(a1))
  TEST_CASE(5, a0, 0x3333, li a1, VA_MEGA + 8 + 0x1000 - 0x1000; ld a0, 0(a1))
  TEST_CASE(6, a0, 0x2222, li a1, VA_GIGA - RAM_BASE; add a1, a1, s4; ld a0, 0(a1))
  TEST_CASE(7, a0, 0x77, li a1, VA_CODE; jalr a1)  // runs code through an X page

  // Page faults, not delegated: M sees them with mtval = the VA.
  EXPECT_TRAP(8, 3, CAUSE_LOAD_PAGE, li a1, VA_NONE + 8; ld a0, 0(a1))
  CHECK_TVAL(9, VA_NONE + 8)
  EXPECT_TRAP(10, 3, CAUSE_STORE_PAGE, li a1, VA_NONE + 16; sd a0, 0(a1))
  CHECK_TVAL(11, VA_NONE + 16)
  EXPECT_TRAP(12, 3, CAUSE_FETCH_PAGE, li a1, VA_NONE + 4; jalr a1)
  CHECK_TVAL(13, VA_NONE + 4)
  EXPECT_TRAP(14, 3, CAUSE_LOAD_PAGE, li a1, VA_WONLY; ld a0, 0(a1))
  EXPECT_TRAP(15, 3, CAUSE_STORE_PAGE, li a1, VA_WONLY; sd a0, 0(a1))
  EXPECT_TRAP(16, 3, CAUSE_LOAD_PAGE, li a1, VA_BADMEGA; ld a0, 0(a1))
  CHECK_TVAL(17, VA_BADMEGA)
  EXPECT_TRAP(18, 3, CAUSE_STORE_PAGE, li a1, VA_BADGIGA + 0x40; sd a0, 0(a1))
  CHECK_TVAL(19, VA_BADGIGA + 0x40)
  EXPECT_TRAP(20, 3, CAUSE_LOAD_PAGE, li a1, VA_NONCANON; ld a0, 0(a1))
  EXPECT_TRAP(21, 3, CAUSE_LOAD_PAGE, li a1, -1 << 38; ld a0, 0(a1))  // canonical, unmapped
  // A misaligned load that crosses from a readable page into one that is
  // not faults (tval may be either address: not checked).
  EXPECT_TRAP(22, 3, CAUSE_LOAD_PAGE, li a1, VA_ALIAS + 0x1000 - 2; lw a0, 0(a1))
  // Fetch from a page without X; the fault is taken at the target.
  EXPECT_TRAP(23, 3, CAUSE_FETCH_PAGE, li a1, VA_RW + 0x100; jalr a1)
  CHECK_TVAL(24, VA_RW + 0x100)

  // SFENCE.VMA makes a changed PTE visible (whole flush and one address).
  TEST_CASE(25, a0, 0x1111, li a1, VA_SWAP; ld a0, 0(a1))
  ENTER_M
  SET_PTE(l0, VPN0(VA_SWAP), s4, RW_AD)
  GOTO_S
  TEST_CASE(26, a0, 0x2222, sfence.vma; li a1, VA_SWAP; ld a0, 0(a1))
  ENTER_M
  SET_PTE(l0, VPN0(VA_SWAP), s3, RW_AD)
  GOTO_S
  TEST_CASE(27, a0, 0x1111, li a1, VA_SWAP; sfence.vma a1, zero; ld a0, 0(a1))
  // Invalidating a PTE turns hits into faults after SFENCE.VMA.
  ENTER_M
  la t0, l0
  sd zero, (VPN0(VA_SWAP) * 8)(t0)
  GOTO_S
  EXPECT_TRAP(28, 3, CAUSE_LOAD_PAGE, sfence.vma; li a1, VA_SWAP; ld a0, 0(a1))

  // Delegated to S: scause and stval.
  ENTER_M
  li t0, (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE) | (1 << CAUSE_FETCH_PAGE)
  csrw medeleg, t0
  GOTO_S
  EXPECT_TRAP(29, 1, CAUSE_LOAD_PAGE, li a1, VA_NONE + 0x18; lb a0, 0(a1))
  CHECK_TVAL(30, VA_NONE + 0x18)
  EXPECT_TRAP(31, 1, CAUSE_STORE_PAGE, li a1, VA_NONE + 0x20; sb a0, 0(a1))
  CHECK_TVAL(32, VA_NONE + 0x20)
  EXPECT_TRAP(33, 1, CAUSE_FETCH_PAGE, li a1, VA_NONE; jalr a1)
  CHECK_TVAL(34, VA_NONE)
  // M ignores satp: translation applies below M only.
  ENTER_M
  TEST_CASE(35, a0, 0x2222, ld a0, 0(s4))
  csrw medeleg, zero
  csrw satp, zero
  // satp = 0 (Bare) in S: physical addresses again.
  GOTO_S
  TEST_CASE(36, a0, 0x2222, sfence.vma; ld a0, 0(s4))
  ENTER_M
  PASS

  .align 12
code_page:
  li a0, 0x77
  ret

  .bss
  .align 12
root: .zero 4096
l1: .zero 4096
l0: .zero 4096
page_a: .zero 4096
page_b: .zero 4096
