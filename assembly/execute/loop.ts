// The interpreter loop: one dispatch per instruction over decoded slots.
//
// The loop walks a pointer `p` through the current page's decoded slots; the
// pc is never kept, only derived (pcBase + slot distance / 4) when an
// instruction needs it. Straight-line instructions `continue`; anything that
// redirects control, may trap or changes machine state `break`s to the end of
// the block, where the budget, pending exceptions and interrupts and the
// code epoch are checked. Leaving the page goes through the FETCH slot with
// the target in `fetchPc`.

import { Op, rdOff, rs1Off, rs2Off, stepOf } from "../decode/ops";
import { HS_PC, HS_INSTRET, HS_WAKE, HS_TIMER_DEADLINE } from "../../build/gen/platform";
import { regs, tlbLoad, tlbStore, fetchSlot, hartBlock, pc, priv, mstatus, mie, instret,
  excCause, excTval, codeEpoch, exitReason, RUNNING, STOP_BUDGET, STOP_WFI, PRIV_M, PRIV_S, PRIV_U } from "../hart/state";
import { CODE_EPOCH_ADDR, OFF_FENCE_WORD } from "../hart/layout";
import { decodeSlot, enterPage, decodeScratch, pageSlots, pageVa, pageWasm, fetchRaw } from "./fetch";
import { execLoad, execStore } from "./memory";
import { atomicInstruction } from "./atomic";
import { mulhu, mulh, mulhsu, div, divu, rem, remu, divw, divuw, remw, remuw } from "./muldiv";
import { csrInstruction } from "../csr/instruction";
import { raise, excPending, clearException } from "../trap/raise";
import { enterTrap, mret, sret } from "../trap/enter";
import { interruptToTake, pendingInterrupts } from "../trap/interrupt";
import { NO_ADDR } from "../mmu/sv39";
import { tlbFlushAll, tlbFlushStore } from "../mmu/tlb";
import { updateTimers, timerDeadline } from "../clint";
import { nowTicks } from "../boundary/imports";
import { MSTATUS_TSR, MSTATUS_TW, MSTATUS_TVM, CAUSE_ILLEGAL, CAUSE_BREAKPOINT, CAUSE_ECALL_U } from "../trap/causes";


/** Where the FETCH slot takes the loop. */
let fetchPc: u64 = 0;
/** No page is ever equal to this, so no jump is "near" in scratch code. */
const NO_PAGE: u64 = 1;

const RAW_MRET: u64 = 0x30200073;
const RAW_SRET: u64 = 0x10200073;
const RAW_WFI: u64 = 0x10500073;
const RAW_SFENCE_VMA: u64 = 0x12000073;

/** FENCE: a sequentially consistent RMW orders all memory accesses around
 *  it as wasm's atomic.fence would (which this toolchain cannot emit). */
@inline function fence(): void {
  atomic.add<u32>(hartBlock + OFF_FENCE_WORD, 0);
}

@inline function sext32(x: u64): u64 { return <u64><i64><i32><u32>x; }
/** Sign-extend a 32-bit result. Taking a u32 parameter matters: inside a
 *  <u64>(...) cast, AssemblyScript types load<u32> and shifts as 64-bit, so
 *  a W shift written that way would not mask its amount to 5 bits. */
@inline function word(x: u32): u64 { return <u64><i64><i32>x; }

/** Park decision for WFI (after the instruction): whether nothing is pending
 *  that mie enables. HS_WAKE is cleared first, so a wake-up that comes after
 *  the check is not lost. */
function wfiShouldPark(): bool {
  atomic.store<i32>(hartBlock + <u32>HS_WAKE, 0);
  updateTimers(nowTicks());
  if ((pendingInterrupts() & mie) != 0) return false;
  store<f64>(hartBlock + <u32>HS_TIMER_DEADLINE, timerDeadline());
  return true;
}

/** Run from `pc` until about `budget` instructions have retired. */
export function runFromPc(budget: u32): u32 {
  fetchPc = pc;
  return runLoop(budget, fetchSlot, 0, 0);
}

/** Retire exactly one instruction, decoded apart from the page caches (the
 *  trace path). Returns its raw bits, or NO_ADDR when fetching it trapped. */
export function stepOne(): u64 {
  const raw = fetchRaw(pc);
  if (raw == NO_ADDR) {
    clearException();
    pc = enterTrap(excCause, excTval, pc);
    return NO_ADDR;
  }
  decodeScratch(<u32>raw, Op.PAGE_END);
  const scratch = fetchSlot + 8;
  runLoop(0, scratch, scratch - ((<u32>pc & 0xfff) << 2), pc & ~<u64>0xfff);
  return raw;
}

function runLoop(budget: u32, start: u32, startBase: u32, startPcBase: u64): u32 {
  const R = regs;
  const TL = tlbLoad;
  const TS = tlbStore;
  const FETCH = fetchSlot;
  let p = start;
  let dbase = startBase;
  let pcBase = startPcBase;
  let curPage = NO_PAGE;
  let n: u32 = 0;
  exitReason = RUNNING;
  while (true) {
    const w = load<u32>(p);
    const imm = load<i32>(p, 4);
    n++;
    switch (w & 0xff) {
      // ---- the loop's own slots ----
      case Op.DECODE: decodeSlot(p); n--; continue;
      case Op.PAGE_END: fetchPc = pcBase + <u64>((p - dbase) >> 2); p = FETCH; n--; continue;
      case Op.FETCH: {
        if (budget == 0 && start != FETCH) { n--; break; } // single step: stop before the next
        if (!enterPage(fetchPc)) break;
        n--;
        dbase = pageSlots;
        pcBase = pageVa;
        curPage = pcBase;
        p = dbase + ((<u32>fetchPc & 0xfff) << 2);
        continue;
      }
      case Op.STRADDLE: {
        const raw = fetchRaw(pcBase + 0xffe);
        if (raw == NO_ADDR) break;
        n--;
        decodeScratch(<u32>raw, Op.PAGE_END);
        p = FETCH + 8;
        dbase = p - (0xffe << 2);
        curPage = NO_PAGE;
        continue;
      }
      case Op.ILLEGAL: raise(CAUSE_ILLEGAL, <u64><u32>imm); break;

      // ---- RV64I: upper immediates, jumps, branches ----
      case Op.LI: store<u64>(R + rdOff(w), <u64><i64>imm); p += stepOf(w); continue;
      case Op.MV: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w))); p += stepOf(w); continue;
      case Op.NOP: p += stepOf(w); continue;
      case Op.AUIPC: store<u64>(R + rdOff(w), pcBase + <u64>((p - dbase) >> 2) + <u64><i64>imm); p += stepOf(w); continue;
      case Op.JAL_NEAR:
        store<u64>(R + rdOff(w), pcBase + <u64>((p - dbase + stepOf(w)) >> 2));
        p += <u32>imm;
        break;
      case Op.JAL_FAR: {
        const here = pcBase + <u64>((p - dbase) >> 2);
        store<u64>(R + rdOff(w), here + <u64>(stepOf(w) >> 2));
        fetchPc = here + <u64><i64>imm;
        p = FETCH;
        break;
      }
      case Op.JALR: {
        const target = (load<u64>(R + rs1Off(w)) + <u64><i64>imm) & ~<u64>1;
        store<u64>(R + rdOff(w), pcBase + <u64>((p - dbase + stepOf(w)) >> 2));
        if ((target & ~<u64>0xfff) == curPage) {
          p = dbase + ((<u32>target & 0xfff) << 2);
        } else {
          fetchPc = target;
          p = FETCH;
        }
        break;
      }
      case Op.BEQ_NEAR: if (load<u64>(R + rs1Off(w)) == load<u64>(R + rs2Off(w))) { p += <u32>imm; break; } p += stepOf(w); continue;
      case Op.BNE_NEAR: if (load<u64>(R + rs1Off(w)) != load<u64>(R + rs2Off(w))) { p += <u32>imm; break; } p += stepOf(w); continue;
      case Op.BLT_NEAR: if (load<i64>(R + rs1Off(w)) < load<i64>(R + rs2Off(w))) { p += <u32>imm; break; } p += stepOf(w); continue;
      case Op.BGE_NEAR: if (load<i64>(R + rs1Off(w)) >= load<i64>(R + rs2Off(w))) { p += <u32>imm; break; } p += stepOf(w); continue;
      case Op.BLTU_NEAR: if (load<u64>(R + rs1Off(w)) < load<u64>(R + rs2Off(w))) { p += <u32>imm; break; } p += stepOf(w); continue;
      case Op.BGEU_NEAR: if (load<u64>(R + rs1Off(w)) >= load<u64>(R + rs2Off(w))) { p += <u32>imm; break; } p += stepOf(w); continue;
      case Op.BEQ_FAR: case Op.BNE_FAR: case Op.BLT_FAR: case Op.BGE_FAR: case Op.BLTU_FAR: case Op.BGEU_FAR: {
        if (!farBranchTaken(w, R)) { p += stepOf(w); continue; }
        fetchPc = pcBase + <u64>((p - dbase) >> 2) + <u64><i64>imm;
        p = FETCH;
        break;
      }

      // ---- RV64I: loads and stores ----
      case Op.LB: if (!execLoad(R, w, imm, TL, 1, true)) break; p += stepOf(w); continue;
      case Op.LH: if (!execLoad(R, w, imm, TL, 2, true)) break; p += stepOf(w); continue;
      case Op.LW: if (!execLoad(R, w, imm, TL, 4, true)) break; p += stepOf(w); continue;
      case Op.LD: if (!execLoad(R, w, imm, TL, 8, false)) break; p += stepOf(w); continue;
      case Op.LBU: if (!execLoad(R, w, imm, TL, 1, false)) break; p += stepOf(w); continue;
      case Op.LHU: if (!execLoad(R, w, imm, TL, 2, false)) break; p += stepOf(w); continue;
      case Op.LWU: if (!execLoad(R, w, imm, TL, 4, false)) break; p += stepOf(w); continue;
      case Op.SB: if (!execStore(R, w, imm, TS, 1)) { if (!excPending) p += stepOf(w); break; } p += stepOf(w); continue;
      case Op.SH: if (!execStore(R, w, imm, TS, 2)) { if (!excPending) p += stepOf(w); break; } p += stepOf(w); continue;
      case Op.SW: if (!execStore(R, w, imm, TS, 4)) { if (!excPending) p += stepOf(w); break; } p += stepOf(w); continue;
      case Op.SD: if (!execStore(R, w, imm, TS, 8)) { if (!excPending) p += stepOf(w); break; } p += stepOf(w); continue;

      // ---- RV64I: register-immediate and register-register ----
      case Op.ADDI: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) + <u64><i64>imm); p += stepOf(w); continue;
      case Op.SLTI: store<u64>(R + rdOff(w), <u64>(load<i64>(R + rs1Off(w)) < <i64>imm)); p += stepOf(w); continue;
      case Op.SLTIU: store<u64>(R + rdOff(w), <u64>(load<u64>(R + rs1Off(w)) < <u64><i64>imm)); p += stepOf(w); continue;
      case Op.XORI: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) ^ <u64><i64>imm); p += stepOf(w); continue;
      case Op.ORI: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) | <u64><i64>imm); p += stepOf(w); continue;
      case Op.ANDI: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) & <u64><i64>imm); p += stepOf(w); continue;
      case Op.SLLI: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) << <u64>imm); p += stepOf(w); continue;
      case Op.SRLI: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) >> <u64>imm); p += stepOf(w); continue;
      case Op.SRAI: store<u64>(R + rdOff(w), <u64>(load<i64>(R + rs1Off(w)) >> <i64>imm)); p += stepOf(w); continue;
      case Op.ADD: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) + load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.SUB: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) - load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.SLL: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) << load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.SLT: store<u64>(R + rdOff(w), <u64>(load<i64>(R + rs1Off(w)) < load<i64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.SLTU: store<u64>(R + rdOff(w), <u64>(load<u64>(R + rs1Off(w)) < load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.XOR: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) ^ load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.SRL: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) >> load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.SRA: store<u64>(R + rdOff(w), <u64>(load<i64>(R + rs1Off(w)) >> load<i64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.OR: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) | load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.AND: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) & load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.ADDIW: store<u64>(R + rdOff(w), sext32(load<u64>(R + rs1Off(w)) + <u64><i64>imm)); p += stepOf(w); continue;
      case Op.SLLIW: store<u64>(R + rdOff(w), word(load<u32>(R + rs1Off(w)) << <u32>imm)); p += stepOf(w); continue;
      case Op.SRLIW: store<u64>(R + rdOff(w), word(load<u32>(R + rs1Off(w)) >> <u32>imm)); p += stepOf(w); continue;
      case Op.SRAIW: store<u64>(R + rdOff(w), word(<u32>(load<i32>(R + rs1Off(w)) >> imm))); p += stepOf(w); continue;
      case Op.ADDW: store<u64>(R + rdOff(w), sext32(load<u64>(R + rs1Off(w)) + load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.SUBW: store<u64>(R + rdOff(w), sext32(load<u64>(R + rs1Off(w)) - load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.SLLW: store<u64>(R + rdOff(w), word(load<u32>(R + rs1Off(w)) << load<u32>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.SRLW: store<u64>(R + rdOff(w), word(load<u32>(R + rs1Off(w)) >> load<u32>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.SRAW: store<u64>(R + rdOff(w), word(<u32>(load<i32>(R + rs1Off(w)) >> load<i32>(R + rs2Off(w))))); p += stepOf(w); continue;

      // ---- M ----
      case Op.MUL: store<u64>(R + rdOff(w), load<u64>(R + rs1Off(w)) * load<u64>(R + rs2Off(w))); p += stepOf(w); continue;
      case Op.MULH: store<u64>(R + rdOff(w), mulh(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.MULHSU: store<u64>(R + rdOff(w), mulhsu(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.MULHU: store<u64>(R + rdOff(w), mulhu(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.DIV: store<u64>(R + rdOff(w), div(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.DIVU: store<u64>(R + rdOff(w), divu(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.REM: store<u64>(R + rdOff(w), rem(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.REMU: store<u64>(R + rdOff(w), remu(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.MULW: store<u64>(R + rdOff(w), sext32(load<u64>(R + rs1Off(w)) * load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.DIVW: store<u64>(R + rdOff(w), divw(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.DIVUW: store<u64>(R + rdOff(w), divuw(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.REMW: store<u64>(R + rdOff(w), remw(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;
      case Op.REMUW: store<u64>(R + rdOff(w), remuw(load<u64>(R + rs1Off(w)), load<u64>(R + rs2Off(w)))); p += stepOf(w); continue;

      // ---- A ----
      case Op.LR_W: case Op.SC_W: case Op.LR_D: case Op.SC_D:
      case Op.AMOSWAP_W: case Op.AMOADD_W: case Op.AMOXOR_W: case Op.AMOAND_W: case Op.AMOOR_W:
      case Op.AMOMIN_W: case Op.AMOMAX_W: case Op.AMOMINU_W: case Op.AMOMAXU_W:
      case Op.AMOSWAP_D: case Op.AMOADD_D: case Op.AMOXOR_D: case Op.AMOAND_D: case Op.AMOOR_D:
      case Op.AMOMIN_D: case Op.AMOMAX_D: case Op.AMOMINU_D: case Op.AMOMAXU_D:
        if (!atomicInstruction(w)) break;
        p += stepOf(w);
        continue;

      // ---- fences, system, CSRs: all end the block ----
      case Op.FENCE: fence(); p += stepOf(w); continue;
      case Op.FENCE_I:
        p += stepOf(w);
        fetchPc = pcBase + <u64>((p - dbase) >> 2);
        p = FETCH;
        break;
      case Op.SFENCE_VMA:
        if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TVM) != 0)) {
          raise(CAUSE_ILLEGAL, RAW_SFENCE_VMA | <u64>((w >> 14 & 31) << 15) | <u64>((w >> 20 & 31) << 20));
          break;
        }
        fence();
        tlbFlushAll();
        p += stepOf(w);
        fetchPc = pcBase + <u64>((p - dbase) >> 2);
        p = FETCH;
        break;
      case Op.CSRRW: case Op.CSRRS: case Op.CSRRC: case Op.CSRRWI: case Op.CSRRSI: case Op.CSRRCI:
        if (!csrInstruction(w, <u32>imm, <u64>(n - 1))) break;
        p += stepOf(w);
        fetchPc = pcBase + <u64>((p - dbase) >> 2);
        p = FETCH;
        break;
      case Op.ECALL: raise(CAUSE_ECALL_U + <u64>priv, 0); break;
      case Op.EBREAK: raise(CAUSE_BREAKPOINT, pcBase + <u64>((p - dbase) >> 2)); break;
      case Op.MRET:
        if (priv != PRIV_M) { raise(CAUSE_ILLEGAL, RAW_MRET); break; }
        fetchPc = mret();
        p = FETCH;
        break;
      case Op.SRET:
        if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TSR) != 0)) { raise(CAUSE_ILLEGAL, RAW_SRET); break; }
        fetchPc = sret();
        p = FETCH;
        break;
      case Op.WFI:
        if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TW) != 0)) { raise(CAUSE_ILLEGAL, RAW_WFI); break; }
        p += stepOf(w);
        if (wfiShouldPark()) exitReason = STOP_WFI;
        break;
      default:
        raise(CAUSE_ILLEGAL, 0);
        break;
    }

    // ---- end of a block ----
    if (excPending) {
      clearException();
      const at = p == FETCH ? fetchPc : pcBase + <u64>((p - dbase) >> 2);
      fetchPc = enterTrap(excCause, excTval, at);
      p = FETCH;
      n--;
      // A trap retires nothing but must still use up the slice, or a hart
      // trapping forever would never return.
      if (budget > 0) budget--;
    }
    if (n >= budget) break;
    if (exitReason != RUNNING) break;
    if ((pendingInterrupts() & mie) != 0) {
      const cause = interruptToTake();
      if (cause != 0) {
        const at = p == FETCH ? fetchPc : pcBase + <u64>((p - dbase) >> 2);
        fetchPc = enterTrap(cause, 0, at);
        p = FETCH;
      }
    }
    const epoch = atomic.load<u32>(CODE_EPOCH_ADDR);
    if (epoch != codeEpoch) {
      codeEpoch = epoch;
      tlbFlushStore();
    }
  }

  pc = p == FETCH ? fetchPc : pcBase + <u64>((p - dbase) >> 2);
  instret += <u64>n;
  store<u64>(hartBlock + <u32>HS_PC, pc);
  store<u64>(hartBlock + <u32>HS_INSTRET, instret);
  return exitReason == RUNNING ? STOP_BUDGET : exitReason;
}

function farBranchTaken(w: u32, R: u32): bool {
  const a = load<u64>(R + rs1Off(w));
  const b = load<u64>(R + rs2Off(w));
  switch (w & 0xff) {
    case Op.BEQ_FAR: return a == b;
    case Op.BNE_FAR: return a != b;
    case Op.BLT_FAR: return <i64>a < <i64>b;
    case Op.BGE_FAR: return <i64>a >= <i64>b;
    case Op.BLTU_FAR: return a < b;
    default: return a >= b;
  }
}
