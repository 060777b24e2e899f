// Physical memory protection: which physical bytes each privilege may read,
// write and execute (privileged spec 3.7, "Physical Memory Protection").
//
// The CSRs (csr/pmp.ts) keep the raw pmpNcfg bytes and pmpaddrN words; each
// write compiles the active entries, in priority order, into a table of
// rules that a check walks without decoding anything:
//
//   rule: ┌───────────────────┬──────────────────────┬────────────────────────┐
//         │ u64 lo (first pa) │ u64 hi (last pa + 1) │ u64 cfg: L . . A X W R │
//         └───────────────────┴──────────────────────┴────────────────────────┘
//
// Checks happen where a translation is made (mmu/sv39.ts), so a TLB hit pays
// nothing: a TLB entry is made only for a page that one rule (or none)
// governs whole, which is then allowed alike for every byte of it. A page
// that a rule's boundary cuts is checked on every access instead. Where one
// rule governs all of RAM (a kernel giving S-mode everything), the verdict
// for RAM is worked out once per privilege and access type, so the TLB
// misses of page-table walks do not walk the rules.

import { hartBlock, ramEnd, PRIV_M, PRIV_S, PRIV_U } from "../hart/state";
import { OFF_PMPCFG, OFF_PMPADDR, OFF_PMP_RULES, RAM_START } from "../hart/layout";

/** Entries implemented: pmpcfg0 and pmpcfg2, pmpaddr0..15 (3.7.1: zero, 16
 *  or 64 may be; the rest read as zero). */
export const PMP_ENTRIES: u32 = 16;

// pmpNcfg fields (3.7.1, "PMP configuration register format").
export const PMP_R: u32 = 1 << 0;
export const PMP_W: u32 = 1 << 1;
export const PMP_X: u32 = 1 << 2;
export const PMP_A_SHIFT: u32 = 3;
export const PMP_A: u32 = 3 << PMP_A_SHIFT;
export const PMP_L: u32 = 1 << 7;
export const PMP_A_OFF: u32 = 0;
export const PMP_A_TOR: u32 = 1;
export const PMP_A_NA4: u32 = 2;
export const PMP_A_NAPOT: u32 = 3;

const RULE_BYTES: u32 = 24;
const PAGE: u64 = 0x1000;

const ALLOW: u32 = 0;
const DENY: u32 = 1;
/** Some bytes of the range match the deciding rule and some do not. */
const SPLIT: u32 = 2;

/** Active entries, compiled into rules at OFF_PMP_RULES. */
let ruleCount: u32 = 0;
/** Whether some active entry has L set: only then is M-mode checked. */
let anyLocked: bool = false;

/** A bit per (privilege, access type) (ramBit): whether every byte of RAM
 *  is allowed alike. */
let ramOpen: u32 = 0;

/** Whether the page of the last access pmpAllows passed is allowed whole
 *  for that access type and privilege, so that a TLB entry may hold it. */
export let pmpWholePage: bool = true;

@inline export function pmpCfgByte(i: u32): u32 { return <u32>load<u8>(hartBlock + OFF_PMPCFG + i); }
@inline export function pmpAddrWord(i: u32): u64 { return load<u64>(hartBlock + OFF_PMPADDR + (i << 3)); }

/** All entries OFF and unlocked, as at reset (3.7.1.2: only reset clears L). */
export function pmpReset(): void {
  memory.fill(hartBlock + OFF_PMPCFG, 0, PMP_ENTRIES);
  memory.fill(hartBlock + OFF_PMPADDR, 0, PMP_ENTRIES << 3);
  pmpCompile();
}

/** Rebuild the rules after a pmpcfg or pmpaddr write (3.7.1.1, "Address
 *  Matching"). The caller flushes the TLBs. */
export function pmpCompile(): void {
  let n: u32 = 0;
  anyLocked = false;
  for (let i: u32 = 0; i < PMP_ENTRIES; i++) {
    const cfg = pmpCfgByte(i);
    const a = (cfg & PMP_A) >> PMP_A_SHIFT;
    if (a == PMP_A_OFF) continue;
    const addr = pmpAddrWord(i);
    let lo: u64;
    let hi: u64;
    if (a == PMP_A_TOR) {
      // pmpaddr[i-1] <= a < pmpaddr[i], from 0 for entry 0; an empty range
      // matches nothing.
      lo = i == 0 ? 0 : pmpAddrWord(i - 1) << 2;
      hi = addr << 2;
      if (lo >= hi) continue;
    } else if (a == PMP_A_NA4) {
      lo = addr << 2;
      hi = lo + 4;
    } else {
      // NAPOT: k trailing ones encode a range of 2^(k+3) bytes.
      const k = ctz(~addr);
      lo = (addr & ~((<u64>1 << k) - 1)) << 2;
      hi = lo + (<u64>1 << (k + 3));
    }
    const r = hartBlock + OFF_PMP_RULES + n * RULE_BYTES;
    store<u64>(r, lo);
    store<u64>(r, hi, 8);
    store<u64>(r, <u64>cfg, 16);
    if ((cfg & PMP_L) != 0) anyLocked = true;
    n++;
  }
  ruleCount = n;
  ramOpen = 0;
  noteRam(PRIV_U);
  noteRam(PRIV_S);
  noteRam(PRIV_M);
}

@inline function ramBit(p: u32, need: u32): u32 { return <u32>1 << ((p << 3) | need); }

function noteRam(p: u32): void {
  for (let need: u32 = PMP_R; need <= PMP_X; need <<= 1) {
    if (match(RAM_START, ramEnd - RAM_START, need, p) == ALLOW) ramOpen |= ramBit(p, need);
  }
}

/** Whether privilege p may access [pa, pa + size) for `need` (PMP_R, PMP_W
 *  or PMP_X). Sets pmpWholePage. Inlined for the common case, RAM that
 *  the rules leave open. */
@inline export function pmpAllows(pa: u64, size: u32, need: u32, p: u32): bool {
  pmpWholePage = true;
  if (pa >= RAM_START && pa < ramEnd && (ramOpen & ramBit(p, need)) != 0) return true;
  return check(pa, size, need, p);
}

function check(pa: u64, size: u32, need: u32, p: u32): bool {
  // M-mode obeys only locked entries (3.7.1.2, "Locking and Privilege Mode").
  if (p == PRIV_M && !anyLocked) return true;
  const page = match(pa & ~(PAGE - 1), PAGE, need, p);
  if (page != SPLIT) return page == ALLOW;
  pmpWholePage = false;
  return match(pa, <u64>size, need, p) == ALLOW;
}

/** Priority and Matching Logic (3.7.1.3): the lowest-numbered entry that
 *  matches any byte decides, and it must match every byte; an access no
 *  entry matches succeeds in M-mode only. */
function match(lo: u64, len: u64, need: u32, p: u32): u32 {
  const hi = lo + len;
  let r = hartBlock + OFF_PMP_RULES;
  for (let i: u32 = 0; i < ruleCount; i++, r += RULE_BYTES) {
    const rlo = load<u64>(r);
    const rhi = load<u64>(r, 8);
    if (hi <= rlo || lo >= rhi) continue;
    if (lo < rlo || hi > rhi) return SPLIT;
    const cfg = <u32>load<u64>(r, 16);
    if (p == PRIV_M && (cfg & PMP_L) == 0) return ALLOW;
    return (cfg & need) != 0 ? ALLOW : DENY;
  }
  return p == PRIV_M ? ALLOW : DENY;
}
