// The driver of a run() call: the fast loop until it hands over, a slow step
// or a block-end check, and again, until the budget is used up or the hart
// must stop (WFI, a device's request).

import { HS_PC, HS_INSTRET } from "../../build/gen/platform";
import { fetchSlot, scratchSlot, hartBlock, pc, instret, excCause, excTval, exitReason, RUNNING, STOP_BUDGET } from "../hart/state";
import { curP, curN, fetchPc, cursorPc, enterScratch } from "./cursor";
import { fastLoop, FAST_BUDGET, FAST_SLOW, FAST_CHECK, FAST_JIT } from "./fast";
import { jitDispatch, jitHotHere } from "../jit/enter";
import { slowStep, blockEnd, trapsTaken } from "./slow";
import { decodeScratch, fetchRaw } from "./fetch";
import { Op } from "../decode/ops";
import { NO_ADDR } from "../mmu/sv39";
import { clearException } from "../trap/raise";
import { enterTrap } from "../trap/enter";
import { publishCounters } from "../hart/counters";

function startAt(p: u32): void {
  curP = p;
  curN = 0;
  trapsTaken = 0;
  exitReason = RUNNING;
}

function finish(): u32 {
  pc = cursorPc();
  instret += <u64>curN;
  store<u64>(hartBlock + <u32>HS_PC, pc);
  store<u64>(hartBlock + <u32>HS_INSTRET, instret);
  publishCounters(hartBlock);
  return exitReason == RUNNING ? STOP_BUDGET : exitReason;
}

/** Run from `pc` until about `budget` instructions have retired. */
export function runFromPc(budget: u32): u32 {
  startAt(fetchSlot);
  fetchPc = pc;
  while (true) {
    const why = fastLoop(budget);
    if (why == FAST_BUDGET) break;
    if (why == FAST_CHECK) {
      blockEnd();
    } else if (why == FAST_JIT) {
      if (jitDispatch(budget, true)) blockEnd();
    } else {
      slowStep();
      // A step that redirected (trap, xRET, CSR write) may have enabled an
      // interrupt: look now rather than at the next block end.
      if (curP == fetchSlot) blockEnd();
      // Compiled code that left this instruction to the interpreter goes on
      // after it, unless the hart must stop (WFI, power-off).
      else if (exitReason == RUNNING && jitHotHere() && jitDispatch(budget, false)) blockEnd();
    }
    if (exitReason != RUNNING || curN + trapsTaken >= budget) break;
  }
  return finish();
}

/** Retire exactly one instruction, decoded into the scratch slot apart from
 *  the page caches (the trace path). Returns its raw bits, or NO_ADDR when
 *  fetching it trapped. */
export function stepOne(): u64 {
  exitReason = RUNNING;
  const raw = fetchRaw(pc);
  if (raw == NO_ADDR) {
    clearException();
    pc = enterTrap(excCause, excTval, pc);
    return NO_ADDR;
  }
  decodeScratch(<u32>raw, Op.PAGE_END);
  startAt(scratchSlot);
  enterScratch(scratchSlot, pc);
  // With no budget the fast loop stops at the first block end or hand-over;
  // if it handed over the instruction itself, the slow step runs it.
  if (fastLoop(0) == FAST_SLOW && curN == 0) slowStep();
  finish();
  return raw;
}
