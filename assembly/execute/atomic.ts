// The A extension on wasm atomics over the shared memory, so that guest
// spinlocks work between harts running on different host threads.
//
// LR records the address and the value read; SC succeeds only if this hart
// still holds the reservation and the word still holds that value
// (compare-exchange). A store of the same value by another hart in between
// goes unnoticed, which the algorithms LR/SC serve (locks, counters) do not
// mind. Misaligned LR/SC/AMO raise address-misaligned: wasm atomics need
// natural alignment, and the spec allows the exception.

import { Op, opOf, rdOff, rs1Off, rs2Off } from "../decode/ops";
import { live } from "../hart/live";
import { regs, resAddr, resValue, exitReason, tlbLoad, tlbStore, STOP_SPIN } from "../hart/state";
import { translate, inRam, NO_ADDR, ACC_LOAD, ACC_STORE } from "../mmu/sv39";
import { tlbHit, ramLoadAddr, ramStoreAddr } from "../mmu/access";
import { raise } from "../trap/raise";
import { CAUSE_LOAD_MISALIGNED, CAUSE_STORE_MISALIGNED, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS } from "../trap/causes";

const NO_RESERVATION: u32 = 0xffffffff;

// Spin detection, as "pause-loop exiting" does for a hypervisor: a hart that
// keeps swapping a lock word that is already taken is waiting for another
// hart, whose host thread may be descheduled (more busy harts than host
// cores, or other processes). Spinning on would only burn the CPU that the
// lock holder needs, so after SPIN_LIMIT failed swaps in a row on one word
// the slice ends with STOP_SPIN and the host pauses this thread briefly.
// The critical sections of an xv6-style kernel are far shorter than
// SPIN_LIMIT turns of a waiter's loop, unless the holder is not running.
// The word lives in the hart block (hart/live.ts) because compiled code
// carries out the swaps that take a lock (jit/atomic.ts): it sets it to 0,
// and the count starts again whenever the word changes.
const SPIN_LIMIT: u32 = 1000;
let spinCount: u32 = 0;

/** After an AMOSWAP at wasm address a: did it find the value it wrote? */
function noteSwap(a: u32, unchanged: bool): void {
  if (!unchanged || a != live.spinAddr) {
    live.spinAddr = unchanged ? a : 0;
    spinCount = 0;
    return;
  }
  if (++spinCount >= SPIN_LIMIT) {
    spinCount = 0;
    exitReason = STOP_SPIN;
  }
}

/** The wasm address of an aligned RAM word for an atomic access, or 0.
 *  LR goes by the load TLB, SC and AMOs by the store TLB (an entry there
 *  was walked for writing, which in Sv39 implies reading), so that a
 *  kernel's spinlocks do not walk the page tables at every acquire. */
function atomicAddr(va: u64, size: u32, isLoad: bool): u32 {
  if ((<u32>va & (size - 1)) != 0) {
    raise(isLoad ? CAUSE_LOAD_MISALIGNED : CAUSE_STORE_MISALIGNED, va);
    return 0;
  }
  const hit = tlbHit(isLoad ? tlbLoad : tlbStore, va);
  if (hit != 0) return hit;
  const pa = translate(va, isLoad ? ACC_LOAD : ACC_STORE, size);
  if (pa == NO_ADDR) return 0;
  if (!inRam(pa)) {
    raise(isLoad ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va);
    return 0;
  }
  return isLoad ? ramLoadAddr(va, pa) : ramStoreAddr(va, pa, size);
}

@inline function sext32(x: u32): u64 { return <u64><i64><i32>x; }

/** Execute an LR, SC or AMO; false after raising. */
export function atomicInstruction(w: u32): bool {
  const op = opOf(w);
  const va = load<u64>(regs + rs1Off(w));
  const src = load<u64>(regs + rs2Off(w));
  const rd = regs + rdOff(w);
  const wide = op == Op.LR_D || op == Op.SC_D || op >= <u32>Op.AMOSWAP_D;
  const size: u32 = wide ? 8 : 4;
  const a = atomicAddr(va, size, op == Op.LR_W || op == Op.LR_D);
  if (a == 0) return false;
  switch (op) {
    case Op.LR_W: resAddr = a; resValue = sext32(atomic.load<u32>(a)); store<u64>(rd, resValue); return true;
    case Op.LR_D: resAddr = a; resValue = atomic.load<u64>(a); store<u64>(rd, resValue); return true;
    case Op.SC_W: {
      const ok = resAddr == a && atomic.cmpxchg<u32>(a, <u32>resValue, <u32>src) == <u32>resValue;
      resAddr = NO_RESERVATION;
      store<u64>(rd, ok ? 0 : 1);
      return true;
    }
    case Op.SC_D: {
      const ok = resAddr == a && atomic.cmpxchg<u64>(a, resValue, src) == resValue;
      resAddr = NO_RESERVATION;
      store<u64>(rd, ok ? 0 : 1);
      return true;
    }
    case Op.AMOSWAP_W: {
      const old = atomic.xchg<u32>(a, <u32>src);
      noteSwap(a, old == <u32>src);
      store<u64>(rd, sext32(old));
      return true;
    }
    case Op.AMOADD_W: store<u64>(rd, sext32(atomic.add<u32>(a, <u32>src))); return true;
    case Op.AMOXOR_W: store<u64>(rd, sext32(atomic.xor<u32>(a, <u32>src))); return true;
    case Op.AMOAND_W: store<u64>(rd, sext32(atomic.and<u32>(a, <u32>src))); return true;
    case Op.AMOOR_W: store<u64>(rd, sext32(atomic.or<u32>(a, <u32>src))); return true;
    case Op.AMOSWAP_D: {
      const old = atomic.xchg<u64>(a, src);
      noteSwap(a, old == src);
      store<u64>(rd, old);
      return true;
    }
    case Op.AMOADD_D: store<u64>(rd, atomic.add<u64>(a, src)); return true;
    case Op.AMOXOR_D: store<u64>(rd, atomic.xor<u64>(a, src)); return true;
    case Op.AMOAND_D: store<u64>(rd, atomic.and<u64>(a, src)); return true;
    case Op.AMOOR_D: store<u64>(rd, atomic.or<u64>(a, src)); return true;
  }
  // MIN/MAX have no wasm instruction: compare-exchange until no one interferes.
  if (wide) {
    let old = atomic.load<u64>(a);
    while (true) {
      const seen = atomic.cmpxchg<u64>(a, old, minMax(op - Op.AMOMIN_D, old, src));
      if (seen == old) break;
      old = seen;
    }
    store<u64>(rd, old);
  } else {
    let old = atomic.load<u32>(a);
    while (true) {
      const seen = atomic.cmpxchg<u32>(a, old, <u32>minMax(op - Op.AMOMIN_W, sext32(old), sext32(<u32>src)));
      if (seen == old) break;
      old = seen;
    }
    store<u64>(rd, sext32(old));
  }
  return true;
}

/** kind: 0 min, 1 max, 2 minu, 3 maxu. For .W both are sign-extended, which
 *  orders unsigned 32-bit values the same as their zero extensions. */
function minMax(kind: u32, a: u64, b: u64): u64 {
  switch (kind) {
    case 0: return <i64>a < <i64>b ? a : b;
    case 1: return <i64>a > <i64>b ? a : b;
    case 2: return a < b ? a : b;
    default: return a > b ? a : b;
  }
}
