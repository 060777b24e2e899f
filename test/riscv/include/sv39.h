// Building Sv39 page tables from M-mode test code.
//
//   VA bits: 38..30 VPN[2] | 29..21 VPN[1] | 20..12 VPN[0] | 11..0 offset
//   PTE:     53..10 PPN | 7 D | 6 A | 5 G | 4 U | 3 X | 2 W | 1 R | 0 V
#ifndef RVTEST_SV39_H
#define RVTEST_SV39_H

#define VPN2(va) (((va) >> 30) & 0x1ff)
#define VPN1(va) (((va) >> 21) & 0x1ff)
#define VPN0(va) (((va) >> 12) & 0x1ff)

// table[index] = PTE for physical address in register `pa` with `flags`.
// Clobbers t0, t1.
#define SET_PTE(table, index, pa, flags) \
  la t0, table; srli t1, pa, 12; slli t1, t1, 10; ori t1, t1, flags; \
  sd t1, ((index) * 8)(t0)

// The same for a pointer to the next-level table (V only).
#define SET_PTR(table, index, next) \
  la t2, next; SET_PTE(table, index, t2, PTE_V)

// satp = Sv39 with root table `root`, then flush.
#define ENABLE_SV39(root) \
  la t0, root; srli t0, t0, 12; li t1, SATP_SV39; or t0, t0, t1; \
  csrw satp, t0; sfence.vma

#endif
