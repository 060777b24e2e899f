// The CLINT (msip, mtimecmp, mtime) and the Sstc supervisor timer, inside the
// core so that timer and IPI checks never leave WebAssembly.
//
// CLINT_STATE holds the registers at their own offsets: msip[h] u32 at +4h,
// mtimecmp[h] u64 at +0x4000+8h; mtime is the host's nowTicks(). Any hart may
// write another's msip or mtimecmp; that hart is woken (HS_WAKE) so a parked
// WFI notices, and it re-reads its timers at the start of its next slice.

import { CLINT_MSIP, CLINT_MTIMECMP, CLINT_MTIME, HS_WAKE } from "../build/gen/platform";
import { CLINT_STATE, HART_BASE, HART_STRIDE } from "./hart/layout";
import { hartId, hartCount, menvcfg, stimecmp, mie, setMipTimer } from "./hart/state";
import { nowTicks } from "./boundary/imports";
import { MIP_MTIP, MIP_STIP } from "./trap/causes";

const MSIP: u32 = <u32>CLINT_MSIP;
const MTIMECMP: u32 = <u32>CLINT_MTIMECMP;
const MTIME: u32 = <u32>CLINT_MTIME;
const MENVCFG_STCE: u64 = <u64>1 << 63;

@inline function mtimecmpAddr(h: u32): u32 { return CLINT_STATE + MTIMECMP + 8 * h; }

export function sstcEnabled(): bool { return (menvcfg & MENVCFG_STCE) != 0; }

/** Recompute MTIP and (with Sstc) STIP from the clock. */
export function updateTimers(now: f64): void {
  let bits: u64 = 0;
  if (now >= <f64>load<u64>(mtimecmpAddr(hartId))) bits |= MIP_MTIP;
  if (sstcEnabled() && now >= <f64>stimecmp) bits |= MIP_STIP;
  setMipTimer(bits);
}

/** The earliest tick at which an enabled timer of this hart fires. */
export function timerDeadline(): f64 {
  let d: f64 = Infinity;
  if ((mie & MIP_MTIP) != 0) d = Math.min(d, <f64>load<u64>(mtimecmpAddr(hartId)));
  if ((mie & MIP_STIP) != 0 && sstcEnabled()) d = Math.min(d, <f64>stimecmp);
  return d;
}

export function wakeHart(h: u32): void {
  const w = HART_BASE + h * HART_STRIDE + <u32>HS_WAKE;
  atomic.store<i32>(w, 1);
  atomic.notify(w, 1);
}

@inline function inMsip(off: u32): bool { return off >= MSIP && off < MSIP + 4 * hartCount; }
@inline function inMtimecmp(off: u32): bool { return off >= MTIMECMP && off < MTIMECMP + 8 * hartCount; }

export function clintRead(off: u32, size: u32): u64 {
  if (off >= MTIME && off < MTIME + 8) {
    const t = <u64>nowTicks();
    return sized(t >> (8 * <u64>(off - MTIME)), size);
  }
  if (inMsip(off) || inMtimecmp(off)) {
    const a = CLINT_STATE + off;
    if (size == 8) return load<u64>(a);
    if (size == 4) return <u64>load<u32>(a);
    if (size == 2) return <u64>load<u16>(a);
    return <u64>load<u8>(a);
  }
  return 0;
}

export function clintWrite(off: u32, size: u32, value: u64): void {
  if (inMsip(off)) {
    const h = (off - MSIP) >> 2;
    // Only bit 0 of msip exists; narrower writes still land on it.
    atomic.store<u32>(CLINT_STATE + MSIP + 4 * h, (off & 3) == 0 ? <u32>value & 1 : 0);
    if (h != hartId) wakeHart(h);
    return;
  }
  if (inMtimecmp(off)) {
    const a = CLINT_STATE + off;
    if (size == 8) store<u64>(a, value);
    else if (size == 4) store<u32>(a, <u32>value);
    else if (size == 2) store<u16>(a, <u16>value);
    else store<u8>(a, <u8>value);
    const h = (off - MTIMECMP) >> 3;
    if (h == hartId) updateTimers(nowTicks());
    else wakeHart(h);
  }
  // mtime is the host clock: writes are ignored.
}

function sized(v: u64, size: u32): u64 {
  if (size >= 8) return v;
  return v & ((<u64>1 << (8 * <u64>size)) - 1);
}
