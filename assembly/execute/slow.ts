// The instructions and events the fast loop hands over: decoding, page
// entry, TLB misses and MMIO, atomics, CSRs, privileged instructions, traps
// and interrupts. Each slow step handles the instruction at the cursor and
// leaves the cursor where execution goes on.

import { live } from "../hart/live";
import { Op, opOf, rdOff, rs1Off, rs2Off, rs1Index, rs2Index, stepOf, pack, writeSlot } from "../decode/ops";
import { HS_WAKE, HS_TIMER_DEADLINE } from "../../build/gen/platform";
import {
  regs, scratchSlot, hartBlock, mie, excCause, excTval, codeEpoch, exitReason, STOP_WFI, STOP_BREAK,
  STOP_WATCH, PRIV_S, PRIV_U, PRIV_M,
} from "../hart/state";
import { breakAt } from "./debug";
import { CODE_EPOCH_ADDR, OFF_FENCE_WORD, SLOT_SHIFT } from "../hart/layout";
import { curP, curN, curBase, curPcBase, fetchPc, slotPc, cursorPc, jumpVia, enterScratch } from "./cursor";
import { decodeSlot, enterPage, decodeScratch, fetchRaw, pageSlots, pageVa, pageWasm } from "./fetch";
import { atomicInstruction } from "./atomic";
import { csrInstruction } from "../csr/instruction";
import { loadSlow, storeSlow, fetchWholePage } from "../mmu/access";
import { NO_ADDR } from "../mmu/sv39";
import { tlbFlushStore } from "../mmu/tlb";
import { tlbFence } from "../mmu/tlb-context";
import { raise, excPending, clearException } from "../trap/raise";
import { enterTrap, mret, sret } from "../trap/enter";
import { interruptToTake, pendingInterrupts } from "../trap/interrupt";
import { updateTimers, timerDeadline } from "../clint";
import { nowTicks } from "../boundary/imports";
import {
  MSTATUS_TSR, MSTATUS_TW, MSTATUS_TVM, CAUSE_ILLEGAL, CAUSE_BREAKPOINT, CAUSE_ECALL_U,
} from "../trap/causes";

const RAW_MRET: u64 = 0x30200073;
const RAW_SRET: u64 = 0x10200073;
const RAW_WFI: u64 = 0x10500073;
const RAW_SFENCE_VMA: u64 = 0x12000073;

/** Traps taken in this run() call: they retire nothing but use up budget,
 *  so a hart that traps forever still returns. */
export let trapsTaken: u32 = 0;

/** Deliver the exception the current instruction raised. */
function deliver(): void {
  clearException();
  const at = cursorPc();
  jumpVia(enterTrap(excCause, excTval, at));
  trapsTaken++;
}

function raiseHere(cause: u64, tval: u64): void {
  raise(cause, tval);
  deliver();
}

@inline function retire(w: u32): void {
  curN++;
  curP += stepOf(w);
}

/** Retire, then continue through FETCH: translation or the page may have changed. */
function retireAndRefetch(w: u32): void {
  retire(w);
  jumpVia(slotPc(curP, curBase, curPcBase));
}

function extend(v: u64, op: u32): u64 {
  switch (op) {
    case Op.LB: return <u64><i64><i8><u8>v;
    case Op.LH: return <u64><i64><i16><u16>v;
    case Op.LW: return <u64><i64><i32><u32>v;
  }
  return v;
}

const LOAD_SIZE: u32 = 0x08_04_02_01; // bytes of LB/LBU, LH/LHU, LW/LWU, LD by funct3 & 3
@inline function accessSize(k: u32): u32 { return (LOAD_SIZE >> ((k & 3) << 3)) & 0xff; }

/** Run the instruction at va from the scratch slot, apart from the decoded
 *  pages: one that straddles two pages, or one in a page that PMP cuts. */
function runAlone(va: u64): void {
  const raw = fetchRaw(va);
  if (raw == NO_ADDR) { deliver(); return; }
  decodeScratch(<u32>raw, Op.PAGE_END);
  enterScratch(scratchSlot, va);
}

export function slowStep(): void {
  const p = curP;
  const w = load<u32>(p);
  const imm = load<i32>(p, 4);
  const op = opOf(w);
  switch (op) {
    case Op.DECODE:
      decodeSlot(p, curBase, pageWasm);
      if (breakAt(slotPc(p, curBase, curPcBase))) writeSlot(p, pack(Op.BREAK, 0, 0, 0, 0), 0);
      return;
    // Nothing retires: the host holds the harts with the pc on the breakpoint.
    case Op.BREAK: exitReason = STOP_BREAK; return;
    case Op.PAGE_END: jumpVia(slotPc(p, curBase, curPcBase)); return;
    case Op.FETCH:
      if (!enterPage(fetchPc)) { deliver(); return; }
      if (!fetchWholePage) { runAlone(fetchPc); return; }
      curBase = pageSlots;
      curPcBase = pageVa;
      curP = curBase + ((<u32>fetchPc & 0xfff) << SLOT_SHIFT);
      return;
    case Op.STRADDLE: runAlone(curPcBase + 0xffe); return;
    case Op.LB: case Op.LH: case Op.LW: case Op.LD: case Op.LBU: case Op.LHU: case Op.LWU: {
      const va = load<u64>(regs + rs1Off(w)) + <u64><i64>imm;
      const v = loadSlow(va, accessSize(op - Op.LB));
      if (excPending) { deliver(); return; }
      store<u64>(regs + rdOff(w), extend(v, op));
      retire(w);
      return;
    }
    case Op.SB: case Op.SH: case Op.SW: case Op.SD: {
      const va = load<u64>(regs + rs1Off(w)) + <u64><i64>imm;
      storeSlow(va, accessSize(op - Op.SB), load<u64>(regs + rs2Off(w)));
      if (excPending) { deliver(); return; }
      if (exitReason == STOP_WATCH) return;
      retire(w);
      return;
    }
    case Op.LR_W: case Op.SC_W: case Op.LR_D: case Op.SC_D:
    case Op.AMOSWAP_W: case Op.AMOADD_W: case Op.AMOXOR_W: case Op.AMOAND_W: case Op.AMOOR_W:
    case Op.AMOMIN_W: case Op.AMOMAX_W: case Op.AMOMINU_W: case Op.AMOMAXU_W:
    case Op.AMOSWAP_D: case Op.AMOADD_D: case Op.AMOXOR_D: case Op.AMOAND_D: case Op.AMOOR_D:
    case Op.AMOMIN_D: case Op.AMOMAX_D: case Op.AMOMINU_D: case Op.AMOMAXU_D:
      if (!atomicInstruction(w)) {
        if (exitReason != STOP_WATCH) deliver();
        return;
      }
      retire(w);
      return;
    case Op.CSRRW: case Op.CSRRS: case Op.CSRRC: case Op.CSRRWI: case Op.CSRRSI: case Op.CSRRCI:
      if (!csrInstruction(w, <u32>imm, <u64>curN)) { deliver(); return; }
      retireAndRefetch(w);
      return;
    case Op.FENCE_I:
      retireAndRefetch(w);
      return;
    case Op.SFENCE_VMA:
      if (live.priv == PRIV_U || (live.priv == PRIV_S && (live.mstatus & MSTATUS_TVM) != 0)) {
        raiseHere(CAUSE_ILLEGAL, RAW_SFENCE_VMA | <u64>((w >> 14 & 31) << 15) | <u64>((w >> 20 & 31) << 20));
        return;
      }
      atomic.add<u32>(hartBlock + OFF_FENCE_WORD, 0);
      tlbFence(rs1Index(w) != 0, load<u64>(regs + rs1Off(w)), rs2Index(w) != 0, load<u64>(regs + rs2Off(w)));
      retireAndRefetch(w);
      return;
    case Op.ECALL: raiseHere(CAUSE_ECALL_U + <u64>live.priv, 0); return;
    case Op.EBREAK: raiseHere(CAUSE_BREAKPOINT, cursorPc()); return;
    case Op.MRET:
      if (live.priv != PRIV_M) { raiseHere(CAUSE_ILLEGAL, RAW_MRET); return; }
      curN++;
      jumpVia(mret());
      return;
    case Op.SRET:
      if (live.priv == PRIV_U || (live.priv == PRIV_S && (live.mstatus & MSTATUS_TSR) != 0)) { raiseHere(CAUSE_ILLEGAL, RAW_SRET); return; }
      curN++;
      jumpVia(sret());
      return;
    case Op.WFI:
      // WFI in U-mode never waits here: the spec lets it trap, so it does.
      if (live.priv == PRIV_U || (live.priv == PRIV_S && (live.mstatus & MSTATUS_TW) != 0)) { raiseHere(CAUSE_ILLEGAL, RAW_WFI); return; }
      retire(w);
      if (wfiShouldPark()) exitReason = STOP_WFI;
      return;
    case Op.ILLEGAL: raiseHere(CAUSE_ILLEGAL, <u64><u32>imm); return;
  }
  // Only the ops above are ever handed over; anything else is a decoder bug,
  // reported to the guest rather than the host.
  raiseHere(CAUSE_ILLEGAL, 0);
}

/** WFI: whether nothing is pending that mie enables, so the hart may park.
 *  HS_WAKE is cleared before the last look, so a wake-up after it is kept. */
function wfiShouldPark(): bool {
  atomic.store<i32>(hartBlock + <u32>HS_WAKE, 0);
  updateTimers(nowTicks());
  if ((pendingInterrupts() & mie) != 0) return false;
  store<f64>(hartBlock + <u32>HS_TIMER_DEADLINE, timerDeadline());
  return true;
}

/** End of a block: take an interrupt if one is due; drop the store TLB if
 *  some hart has since marked a page decoded. */
export function blockEnd(): void {
  const cause = interruptToTake();
  if (cause != 0) jumpVia(enterTrap(cause, 0, cursorPc()));
  const epoch = atomic.load<u32>(CODE_EPOCH_ADDR);
  if (epoch != codeEpoch) {
    codeEpoch = epoch;
    tlbFlushStore();
  }
}
