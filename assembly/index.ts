// The core's exports: the boundary of docs/ARCHITECTURE.md ("The core
// module"). Only 32-bit numbers cross it; 64-bit values travel as halves.

import { live } from "./hart/live";
import {
  setHartPlaces, hartBlock, regs, fetchSlot, decodeHeaders, decodeMru, pc, instret, minstretOffset,
  mcycleOffset, medeleg, mideleg, mie, mtvec, mcounteren, mscratch, mepc, mcause, mtval, menvcfg, scounteren,
  senvcfg, stimecmp, resAddr, resValue, codeEpoch, exitReason, RUNNING, STOP_BUDGET, setMipSoft, setMipTimer,
  PRIV_M,
} from "./hart/state";
import { REG_SINK, RAM_START, CODE_EPOCH_ADDR, DECODE_PAGES, DECODE_SETS } from "./hart/layout";
import { MSTATUS_XLEN } from "./trap/causes";
import { Op, pack, writeSlot } from "./decode/ops";
import { runFromPc } from "./execute/loop";
import {
  traceOn, setTracing, traceStep, tracedPc, tracedInsn, tracedRd, tracedRdValue,
} from "./execute/trace";
import { interruptToTake } from "./trap/interrupt";
import { enterTrap } from "./trap/enter";
import { clearException } from "./trap/raise";
import { tlbReset } from "./mmu/tlb-context";
import { resetCounters, publishCounters } from "./hart/counters";
import { pmpReset } from "./mmu/pmp";
import { updateTimers } from "./clint";
import { nowTicks } from "./boundary/imports";
import { jitReset, jitConfigure } from "./jit/enter";
import { noteEnables } from "./csr/registers";

/** Reset: M-mode, pc = RAM_BASE, a0 = hartid, everything else 0. */
export function init(hartid: u32, nharts: u32, ramBytes: u32): void {
  setHartPlaces(hartid, nharts, ramBytes);
  memory.fill(regs, 0, (REG_SINK + 1) * 8);
  store<u64>(regs + 10 * 8, hartid);
  pmpReset();
  memory.fill(decodeHeaders, 0, DECODE_PAGES * 8);
  memory.fill(decodeMru, 0, DECODE_SETS);
  resetCounters();
  publishCounters(hartBlock);
  writeSlot(fetchSlot, pack(Op.FETCH, 0, 0, 0, 0), 0);
  pc = RAM_START;
  live.priv = PRIV_M;
  instret = 0;
  minstretOffset = 0;
  mcycleOffset = 0;
  live.mstatus = MSTATUS_XLEN;
  medeleg = 0; mideleg = 0; mie = 0; mtvec = 0; mcounteren = 0; mscratch = 0;
  mepc = 0; mcause = 0; mtval = 0; menvcfg = 0;
  live.stvec = 0; scounteren = 0; live.sscratch = 0; live.sepc = 0; live.scause = 0; live.stval = 0;
  live.satp = 0; senvcfg = 0; stimecmp = 0;
  noteEnables();
  setMipSoft(0);
  setMipTimer(0);
  resAddr = 0xffffffff;
  resValue = 0;
  live.spinAddr = 0;
  exitReason = RUNNING;
  clearException();
  codeEpoch = atomic.load<u32>(CODE_EPOCH_ADDR);
  tlbReset();
  jitReset();
  setTracing(false);
}

export function setPc(lo: u32, hi: u32): void { pc = (<u64>hi << 32) | lo; }
export function getPcLo(): u32 { return <u32>pc; }
export function getPcHi(): u32 { return <u32>(pc >> 32); }

export function setReg(i: u32, lo: u32, hi: u32): void {
  if (i > 0 && i < 32) store<u64>(regs + (i << 3), (<u64>hi << 32) | lo);
}
export function getRegLo(i: u32): u32 { return i < 32 ? load<u32>(regs + (i << 3)) : 0; }
export function getRegHi(i: u32): u32 { return i < 32 ? load<u32>(regs + (i << 3), 4) : 0; }

/** Run about `budget` instructions; returns a STOP_* reason. */
export function run(budget: u32): u32 {
  // Timers are compared with the clock once per slice (and on guest access).
  updateTimers(nowTicks());
  const cause = interruptToTake();
  if (cause != 0) pc = enterTrap(cause, 0, pc);
  if (traceOn) {
    traceStep();
    // A traced WFI parks the hart as an untraced one does.
    return exitReason == RUNNING ? STOP_BUDGET : exitReason;
  }
  return runFromPc(budget);
}

/** Retire one instruction (or take one trap) for a debugger's step; with
 *  `interrupts` 0 a pending interrupt waits, as QEMU's gdbstub steps. */
export function step(interrupts: u32): u32 {
  updateTimers(nowTicks());
  if (interrupts != 0) {
    const cause = interruptToTake();
    if (cause != 0) { pc = enterTrap(cause, 0, pc); return STOP_BUDGET; }
  }
  traceStep();
  return exitReason == RUNNING ? STOP_BUDGET : exitReason;
}

export { saveState, loadState } from "./hart/saved";
export { jitTranslate, jitInstall, jitArea, jitRetired, jitMarks, jitBase, jitRequestPage, jitRequestGen,
  jitAdopt } from "./jit/enter";

/** mode: 0 off, 1 eager (compile a page at its first block end), 2 hot
 *  (after `threshold` block ends in the page, once the hart has run
 *  `warmUp` instructions). */
export function setJit(mode: u32, threshold: u32, warmUp: u32): void { jitConfigure(mode, threshold, warmUp); }

export function setTrace(on: u32): void { setTracing(on != 0); }
export function traceInsn(): u32 { return tracedInsn; }
export function traceRd(): u32 { return tracedRd; }
export function traceRdLo(): u32 { return <u32>tracedRdValue(); }
export function traceRdHi(): u32 { return <u32>(tracedRdValue() >> 32); }
export function tracePcLo(): u32 { return <u32>tracedPc; }
export function tracePcHi(): u32 { return <u32>(tracedPc >> 32); }
