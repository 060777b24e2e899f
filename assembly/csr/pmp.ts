// The PMP CSRs (privileged spec 3.7.1, "Physical Memory Protection CSRs"),
// with their WARL and locking rules; mmu/pmp.ts enforces what they hold.
//
// RV64: pmpcfg0 holds pmp0cfg..pmp7cfg, pmpcfg2 pmp8cfg..pmp15cfg, a byte
// each; the odd pmpcfg numbers do not exist. pmpaddrN holds bits 55:2 of a
// physical address. The granularity is 4 bytes (G = 0): every pmpaddr bit is
// writable, so NA4 is available and a probe that writes all ones and reads
// back sees bit 0 set. Entries 16..63 are not implemented: their CSRs read
// zero and ignore writes.

import * as C from "./numbers";
import { hartBlock } from "../hart/state";
import { OFF_PMPCFG, OFF_PMPADDR } from "../hart/layout";
import { PMP_ENTRIES, PMP_A, PMP_A_SHIFT, PMP_A_TOR, PMP_L, pmpCfgByte, pmpCompile } from "../mmu/pmp";
import { tlbFlushAll } from "../mmu/tlb-context";

const PMPADDR_WRITABLE: u64 = (<u64>1 << 54) - 1;
/** pmpNcfg bits 6:5 are reserved and read zero. */
const CFG_WRITABLE: u32 = 0x9f;

/** Whether csr is a pmpcfg or pmpaddr register of RV64. */
export function isPmpCsr(csr: u32): bool {
  return (csr >= C.PMPCFG0 && csr <= C.PMPCFG15 && (csr & 1) == 0) || (csr >= C.PMPADDR0 && csr <= C.PMPADDR63);
}

/** The first entry a pmpcfg register holds. */
@inline function firstEntry(csr: u32): u32 { return (csr - C.PMPCFG0) << 2; }

export function pmpRead(csr: u32): u64 {
  if (csr >= C.PMPADDR0) {
    const i = csr - C.PMPADDR0;
    return i < PMP_ENTRIES ? load<u64>(hartBlock + OFF_PMPADDR + (i << 3)) : 0;
  }
  const first = firstEntry(csr);
  return first < PMP_ENTRIES ? load<u64>(hartBlock + OFF_PMPCFG + first) : 0;
}

/** Locked entries ignore writes to their cfg and address, and a locked TOR
 *  entry also to the address below it (3.7.1.2, "Locking and Privilege
 *  Mode"). Every write that lands flushes the TLBs, which hold PMP verdicts. */
export function pmpWrite(csr: u32, v: u64): void {
  if (csr >= C.PMPADDR0) {
    const i = csr - C.PMPADDR0;
    if (i >= PMP_ENTRIES || locked(i)) return;
    if (i + 1 < PMP_ENTRIES && locked(i + 1) && ((pmpCfgByte(i + 1) & PMP_A) >> PMP_A_SHIFT) == PMP_A_TOR) return;
    store<u64>(hartBlock + OFF_PMPADDR + (i << 3), v & PMPADDR_WRITABLE);
  } else {
    const first = firstEntry(csr);
    if (first >= PMP_ENTRIES) return;
    for (let j: u32 = 0; j < 8; j++) {
      if (!locked(first + j)) store<u8>(hartBlock + OFF_PMPCFG + first + j, <u8>((v >> (8 * <u64>j)) & CFG_WRITABLE));
    }
  }
  pmpCompile();
  tlbFlushAll();
}

@inline function locked(i: u32): bool { return (pmpCfgByte(i) & PMP_L) != 0; }
