// The fast loop: every instruction that needs no call into the rest of the
// core runs here, one dispatch each, with the interpreter's state in locals.
//
// It makes no calls at all. That is the point: a call inside the loop makes
// V8's register allocator spill the per-instruction values (slot pointer,
// count, instruction word) to the stack at every instruction. Anything else
// (TLB misses, decoding, CSRs, traps, atomics, ...) returns FAST_SLOW with
// the cursor on that instruction, for execute/slow.ts.
//
// Straight-line instructions `continue`; jumps and taken branches end the
// block, where the budget, pending interrupts and the code epoch are
// checked.

import { Op, slotOp, slotImm, slotRd, slotRs1, slotRs2, slotStep } from "../decode/ops";
import { HS_EXT_IP } from "../../build/gen/platform";
import { regs, tlbLoad, tlbStore, tlbFetch, fetchSlot, hartBlock, msipAddr, decodeHeaders, decodeMru, decodeArea,
  mie, mipLocal, codeEpoch } from "../hart/state";
import { CODE_EPOCH_ADDR, OFF_FENCE_WORD, TLB_MASK, GUEST_RAM, PAGEGEN, DECODE_SETS, DECODE_WAYS_SHIFT,
  DECODE_PAGE_STRIDE, SLOT_SHIFT } from "../hart/layout";
import { curP, curN, curBase, curPcBase, fetchPc, slotPc } from "./cursor";
import { pageWasm, currentWay, wayWasm } from "./fetch";
import { hotWord, jitHotWord, jitBlockStart } from "../jit/enter";
import { tlbAddr } from "./memory";
import { tlbTag, tlbSalt, tlbKey, tlbEntry } from "../mmu/tlb";
import { mulhu, mulh, mulhsu, div, divu, rem, remu, divw, divuw, remw, remuw } from "./muldiv";
import { IRQ_MSI } from "../trap/causes";

/** The budget is used up. */
export const FAST_BUDGET: u32 = 1;
/** The instruction at the cursor needs a slow step. */
export const FAST_SLOW: u32 = 2;
/** End of a block with something to look at: an interrupt, the code epoch. */
export const FAST_CHECK: u32 = 3;
/** The page's hotness counter ran out: compile it, or run its compiled code
 *  (jit/enter.ts). */
export const FAST_JIT: u32 = 4;

@inline function sext32(x: u64): u64 { return <u64><i64><i32><u32>x; }
/** Sign-extend a 32-bit result. Taking a u32 parameter matters: inside a
 *  <u64>(...) cast, AssemblyScript types load<u32> and shifts as 64-bit, so
 *  a W shift written that way would not mask its amount to 5 bits. */
@inline function word(x: u32): u64 { return <u64><i64><i32>x; }

export function fastLoop(budget: u32): u32 {
  const R = regs;
  // Only slow steps change the TLB context, and the loop has returned before any.
  const T = tlbTag;
  const S = tlbSalt;
  let p = curP;
  let n = curN;
  let base = curBase;
  let pcBase = curPcBase;
  let hot = hotWord(base);
  while (true) {
    n++;
    switch (slotOp(p)) {
      // ---- entering a page whose decoded slots are current ----
      case Op.FETCH: {
        const va = fetchPc;
        const k = currentWay(va, T, S);
        if (k < 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase);
        n--;
        base = decodeArea + <u32>k * DECODE_PAGE_STRIDE;
        pcBase = va & ~<u64>0xfff;
        pageWasm = wayWasm(<u32>k);
        p = base + ((<u32>va & 0xfff) << SLOT_SHIFT);
        hot = jitHotWord(<u32>k);
        if (jitBlockStart(hot, p)) return handOver(FAST_JIT, p, n, base, pcBase);
        continue;
      }

      // ---- RV64I: upper immediates, jumps, branches ----
      case Op.LI: store<u64>(R + slotRd(p), <u64><i64>slotImm(p)); p += slotStep(p); continue;
      case Op.MV: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p))); p += slotStep(p); continue;
      case Op.NOP: p += slotStep(p); continue;
      case Op.AUIPC: store<u64>(R + slotRd(p), slotPc(p, base, pcBase) + <u64><i64>slotImm(p)); p += slotStep(p); continue;
      case Op.JAL_NEAR:
        store<u64>(R + slotRd(p), slotPc(p + slotStep(p), base, pcBase));
        p += load<u32>(p, 4);
        break;
      case Op.JAL_FAR: {
        const here = slotPc(p, base, pcBase);
        store<u64>(R + slotRd(p), here + <u64>(slotStep(p) >> SLOT_SHIFT));
        fetchPc = here + <u64><i64>slotImm(p);
        p = fetchSlot;
        break;
      }
      case Op.JALR: {
        const target = (load<u64>(R + slotRs1(p)) + <u64><i64>slotImm(p)) & ~<u64>1;
        store<u64>(R + slotRd(p), slotPc(p + slotStep(p), base, pcBase));
        if ((target & ~<u64>0xfff) == pcBase) {
          p = base + ((<u32>target & 0xfff) << SLOT_SHIFT);
        } else {
          fetchPc = target;
          p = fetchSlot;
        }
        break;
      }
      case Op.BEQ_NEAR: if (load<u64>(R + slotRs1(p)) == load<u64>(R + slotRs2(p))) { p += load<u32>(p, 4); break; } p += slotStep(p); continue;
      case Op.BNE_NEAR: if (load<u64>(R + slotRs1(p)) != load<u64>(R + slotRs2(p))) { p += load<u32>(p, 4); break; } p += slotStep(p); continue;
      case Op.BLT_NEAR: if (load<i64>(R + slotRs1(p)) < load<i64>(R + slotRs2(p))) { p += load<u32>(p, 4); break; } p += slotStep(p); continue;
      case Op.BGE_NEAR: if (load<i64>(R + slotRs1(p)) >= load<i64>(R + slotRs2(p))) { p += load<u32>(p, 4); break; } p += slotStep(p); continue;
      case Op.BLTU_NEAR: if (load<u64>(R + slotRs1(p)) < load<u64>(R + slotRs2(p))) { p += load<u32>(p, 4); break; } p += slotStep(p); continue;
      case Op.BGEU_NEAR: if (load<u64>(R + slotRs1(p)) >= load<u64>(R + slotRs2(p))) { p += load<u32>(p, 4); break; } p += slotStep(p); continue;
      case Op.BEQ_FAR: case Op.BNE_FAR: case Op.BLT_FAR: case Op.BGE_FAR: case Op.BLTU_FAR: case Op.BGEU_FAR: {
        if (!farBranchTaken(p, R)) { p += slotStep(p); continue; }
        fetchPc = slotPc(p, base, pcBase) + <u64><i64>slotImm(p);
        p = fetchSlot;
        break;
      }

      // ---- RV64I: loads and stores that hit the TLB ----
      case Op.LB: { const a = tlbAddr(R, p, tlbLoad, 1, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(R + slotRd(p), <u64><i64>load<i8>(a)); p += slotStep(p); continue; }
      case Op.LH: { const a = tlbAddr(R, p, tlbLoad, 2, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(R + slotRd(p), <u64><i64>load<i16>(a)); p += slotStep(p); continue; }
      case Op.LW: { const a = tlbAddr(R, p, tlbLoad, 4, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(R + slotRd(p), <u64><i64>load<i32>(a)); p += slotStep(p); continue; }
      case Op.LD: { const a = tlbAddr(R, p, tlbLoad, 8, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(R + slotRd(p), load<u64>(a)); p += slotStep(p); continue; }
      case Op.LBU: { const a = tlbAddr(R, p, tlbLoad, 1, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(R + slotRd(p), <u64>load<u8>(a)); p += slotStep(p); continue; }
      case Op.LHU: { const a = tlbAddr(R, p, tlbLoad, 2, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(R + slotRd(p), <u64>load<u16>(a)); p += slotStep(p); continue; }
      case Op.LWU: { const a = tlbAddr(R, p, tlbLoad, 4, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(R + slotRd(p), <u64>load<u32>(a)); p += slotStep(p); continue; }
      case Op.SB: { const a = tlbAddr(R, p, tlbStore, 1, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u8>(a, load<u8>(R + slotRs2(p))); p += slotStep(p); continue; }
      case Op.SH: { const a = tlbAddr(R, p, tlbStore, 2, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u16>(a, load<u16>(R + slotRs2(p))); p += slotStep(p); continue; }
      case Op.SW: { const a = tlbAddr(R, p, tlbStore, 4, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u32>(a, load<u32>(R + slotRs2(p))); p += slotStep(p); continue; }
      case Op.SD: { const a = tlbAddr(R, p, tlbStore, 8, T, S); if (a == 0) return handOver(FAST_SLOW, p, n - 1, base, pcBase); store<u64>(a, load<u64>(R + slotRs2(p))); p += slotStep(p); continue; }
      // FENCE: a sequentially consistent read-modify-write orders every access
      // around it, as atomic.fence would (which this toolchain cannot emit).
      case Op.FENCE: atomic.add<u32>(hartBlock + OFF_FENCE_WORD, 0); p += slotStep(p); continue;

      // ---- RV64I and M: register-immediate and register-register ----
      case Op.ADDI: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) + <u64><i64>slotImm(p)); p += slotStep(p); continue;
      case Op.SLTI: store<u64>(R + slotRd(p), <u64>(load<i64>(R + slotRs1(p)) < <i64>slotImm(p))); p += slotStep(p); continue;
      case Op.SLTIU: store<u64>(R + slotRd(p), <u64>(load<u64>(R + slotRs1(p)) < <u64><i64>slotImm(p))); p += slotStep(p); continue;
      case Op.XORI: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) ^ <u64><i64>slotImm(p)); p += slotStep(p); continue;
      case Op.ORI: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) | <u64><i64>slotImm(p)); p += slotStep(p); continue;
      case Op.ANDI: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) & <u64><i64>slotImm(p)); p += slotStep(p); continue;
      case Op.SLLI: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) << <u64>load<u32>(p, 4)); p += slotStep(p); continue;
      case Op.SRLI: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) >> <u64>load<u32>(p, 4)); p += slotStep(p); continue;
      case Op.SRAI: store<u64>(R + slotRd(p), <u64>(load<i64>(R + slotRs1(p)) >> <i64>slotImm(p))); p += slotStep(p); continue;
      case Op.ADD: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) + load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.SUB: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) - load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.SLL: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) << load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.SLT: store<u64>(R + slotRd(p), <u64>(load<i64>(R + slotRs1(p)) < load<i64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.SLTU: store<u64>(R + slotRd(p), <u64>(load<u64>(R + slotRs1(p)) < load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.XOR: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) ^ load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.SRL: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) >> load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.SRA: store<u64>(R + slotRd(p), <u64>(load<i64>(R + slotRs1(p)) >> load<i64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.OR: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) | load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.AND: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) & load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.ADDIW: store<u64>(R + slotRd(p), sext32(load<u64>(R + slotRs1(p)) + <u64><i64>slotImm(p))); p += slotStep(p); continue;
      case Op.SLLIW: store<u64>(R + slotRd(p), word(load<u32>(R + slotRs1(p)) << load<u32>(p, 4))); p += slotStep(p); continue;
      case Op.SRLIW: store<u64>(R + slotRd(p), word(load<u32>(R + slotRs1(p)) >> load<u32>(p, 4))); p += slotStep(p); continue;
      case Op.SRAIW: store<u64>(R + slotRd(p), word(<u32>(load<i32>(R + slotRs1(p)) >> slotImm(p)))); p += slotStep(p); continue;
      case Op.ADDW: store<u64>(R + slotRd(p), sext32(load<u64>(R + slotRs1(p)) + load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.SUBW: store<u64>(R + slotRd(p), sext32(load<u64>(R + slotRs1(p)) - load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.SLLW: store<u64>(R + slotRd(p), word(load<u32>(R + slotRs1(p)) << load<u32>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.SRLW: store<u64>(R + slotRd(p), word(load<u32>(R + slotRs1(p)) >> load<u32>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.SRAW: store<u64>(R + slotRd(p), word(<u32>(load<i32>(R + slotRs1(p)) >> load<i32>(R + slotRs2(p))))); p += slotStep(p); continue;

      // ---- M ----
      case Op.MUL: store<u64>(R + slotRd(p), load<u64>(R + slotRs1(p)) * load<u64>(R + slotRs2(p))); p += slotStep(p); continue;
      case Op.MULH: store<u64>(R + slotRd(p), mulh(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.MULHSU: store<u64>(R + slotRd(p), mulhsu(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.MULHU: store<u64>(R + slotRd(p), mulhu(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.DIV: store<u64>(R + slotRd(p), div(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.DIVU: store<u64>(R + slotRd(p), divu(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.REM: store<u64>(R + slotRd(p), rem(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.REMU: store<u64>(R + slotRd(p), remu(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.MULW: store<u64>(R + slotRd(p), sext32(load<u64>(R + slotRs1(p)) * load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.DIVW: store<u64>(R + slotRd(p), divw(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.DIVUW: store<u64>(R + slotRd(p), divuw(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.REMW: store<u64>(R + slotRd(p), remw(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;
      case Op.REMUW: store<u64>(R + slotRd(p), remuw(load<u64>(R + slotRs1(p)), load<u64>(R + slotRs2(p)))); p += slotStep(p); continue;

      default:
        return handOver(FAST_SLOW, p, n - 1, base, pcBase);
    }

    // ---- end of a block ----
    if (n >= budget) return handOver(FAST_BUDGET, p, n, base, pcBase);
    const pending = mipLocal | <u64>load<u32>(hartBlock + <u32>HS_EXT_IP) | (<u64>(load<u32>(msipAddr) & 1) << <u64>IRQ_MSI);
    if ((pending & mie) != 0 || atomic.load<u32>(CODE_EPOCH_ADDR) != codeEpoch) return handOver(FAST_CHECK, p, n, base, pcBase);
    if (p != fetchSlot) {
      if (jitBlockStart(hot, p)) return handOver(FAST_JIT, p, n, base, pcBase);
    }
  }
}

/** Leave the loop: the locals back into the cursor. */
@inline function handOver(why: u32, p: u32, n: u32, base: u32, pcBase: u64): u32 {
  curP = p;
  curN = n;
  curBase = base;
  curPcBase = pcBase;
  return why;
}

@inline function farBranchTaken(p: u32, R: u32): bool {
  const a = load<u64>(R + slotRs1(p));
  const b = load<u64>(R + slotRs2(p));
  switch (slotOp(p)) {
    case Op.BEQ_FAR: return a == b;
    case Op.BNE_FAR: return a != b;
    case Op.BLT_FAR: return <i64>a < <i64>b;
    case Op.BGE_FAR: return <i64>a >= <i64>b;
    case Op.BLTU_FAR: return a < b;
    default: return a >= b;
  }
}
