// Reading and writing each CSR, with its WARL rules. Privilege and
// read-only checks are made before (csr/instruction.ts).

import { live } from "../hart/live";
import * as C from "./numbers";
import {
  hartId, instret, minstretOffset, mcycleOffset, medeleg, mideleg, mie, mtvec, mcounteren, mscratch, mepc,
  mcause, mtval, menvcfg, scounteren, senvcfg, stimecmp, mipSoft, setMipSoft,
} from "../hart/state";
import {
  MSTATUS_SIE, MSTATUS_MIE, MSTATUS_SPIE, MSTATUS_MPIE, MSTATUS_SPP, MSTATUS_MPP, MSTATUS_MPRV,
  MSTATUS_SUM, MSTATUS_MXR, MSTATUS_TVM, MSTATUS_TW, MSTATUS_TSR, MSTATUS_XLEN, MSTATUS_MPP_SHIFT,
  MIP_ALL, MIP_S_BITS, MIP_SSIP, MIP_STIP, MIP_SEIP,
} from "../trap/causes";
import { pendingInterrupts } from "../trap/interrupt";
import { tlbSwitch } from "../mmu/tlb-context";
import { isPmpCsr, pmpRead, pmpWrite } from "./pmp";
import { updateTimers, sstcEnabled } from "../clint";
import { nowTicks } from "../boundary/imports";

/** Set by csrRead/csrWrite when the number names no CSR of this hart. */
export let csrMissing: bool = false;

const MSTATUS_WRITABLE: u64 = MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP
  | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR;
export const SSTATUS_WRITABLE: u64 = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR;
export const SSTATUS_VISIBLE: u64 = SSTATUS_WRITABLE | (<u64>3 << 32);
/** Changing these changes what data accesses translate with. */
export const MSTATUS_TRANSLATION: u64 = MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_SUM | MSTATUS_MXR;
/** Exceptions that may be delegated: all but ecall from M. */
const MEDELEG_WRITABLE: u64 = 0xb3ff;
/** MXL = 64, extensions A C I M S U. */
const MISA_VALUE: u64 = (<u64>2 << 62) | (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20);
const MENVCFG_WRITABLE: u64 = (<u64>1 << 63) | 1;
const SATP_MODE_BARE: u64 = 0;
const SATP_MODE_SV39: u64 = 8;
const SATP_WRITABLE: u64 = (<u64>0xf << 60) | (<u64>0xffff << 44) | ((<u64>1 << 44) - 1);

/** `retired` is the count of instructions before this one in the slice. */
export function csrRead(csr: u32, retired: u64): u64 {
  csrMissing = false;
  switch (csr) {
    case C.SSTATUS: return live.mstatus & SSTATUS_VISIBLE;
    case C.SIE: return mie & mideleg;
    case C.STVEC: return live.stvec;
    case C.SCOUNTEREN: return scounteren;
    case C.SENVCFG: return senvcfg;
    case C.SSCRATCH: return live.sscratch;
    case C.SEPC: return live.sepc;
    case C.SCAUSE: return live.scause;
    case C.STVAL: return live.stval;
    case C.SIP: return pendingInterrupts() & mideleg;
    case C.STIMECMP: return stimecmp;
    case C.SATP: return live.satp;
    case C.MSTATUS: return live.mstatus;
    case C.MISA: return MISA_VALUE;
    case C.MEDELEG: return medeleg;
    case C.MIDELEG: return mideleg;
    case C.MIE: return mie;
    case C.MTVEC: return mtvec;
    case C.MCOUNTEREN: return mcounteren;
    case C.MENVCFG: return menvcfg;
    case C.MSCRATCH: return mscratch;
    case C.MEPC: return mepc;
    case C.MCAUSE: return mcause;
    case C.MTVAL: return mtval;
    case C.MIP: return pendingInterrupts();
    // One instruction per cycle.
    case C.MCYCLE: case C.CYCLE: return instret + retired + mcycleOffset;
    case C.MINSTRET: case C.INSTRET: return instret + retired + minstretOffset;
    case C.TIME: return <u64>nowTicks();
    case C.MHARTID: return hartId;
    case C.MVENDORID: case C.MARCHID: case C.MIMPID: case C.MCONFIGPTR: case C.MCOUNTINHIBIT:
      return 0;
  }
  if (isZeroCounter(csr)) return 0;
  if (isPmpCsr(csr)) return pmpRead(csr);
  csrMissing = true;
  return 0;
}

/** hpmcounters, their events and the trigger registers: present, always 0. */
function isZeroCounter(csr: u32): bool {
  return (csr >= C.MHPMCOUNTER3 && csr <= C.MHPMCOUNTER31) || (csr > C.INSTRET && csr <= C.HPMCOUNTER31)
    || (csr >= C.MHPMEVENT3 && csr <= C.MHPMEVENT31) || (csr >= C.TSELECT && csr <= C.TDATA3);
}

export function csrWrite(csr: u32, v: u64, retired: u64): void {
  csrMissing = false;
  switch (csr) {
    case C.SSTATUS: writeMstatus((live.mstatus & ~SSTATUS_WRITABLE) | (v & SSTATUS_WRITABLE)); return;
    case C.SIE: mie = (mie & ~mideleg) | (v & mideleg & MIP_ALL); noteEnables(); return;
    case C.STVEC: live.stvec = v & ~<u64>2; return;
    case C.SCOUNTEREN: scounteren = v & 0xffffffff; return;
    case C.SENVCFG: senvcfg = v & 1; return;
    case C.SSCRATCH: live.sscratch = v; return;
    case C.SEPC: live.sepc = v & ~<u64>1; return;
    case C.SCAUSE: live.scause = v; return;
    case C.STVAL: live.stval = v; return;
    case C.SIP: {
      const m = MIP_SSIP & mideleg;
      setMipSoft((mipSoft & ~m) | (v & m));
      return;
    }
    case C.STIMECMP: stimecmp = v; updateTimers(nowTicks()); return;
    case C.SATP: {
      const mode = v >> 60;
      if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39) return;
      live.satp = v & SATP_WRITABLE;
      tlbSwitch();
      return;
    }
    case C.MSTATUS: writeMstatus((live.mstatus & ~MSTATUS_WRITABLE) | (v & MSTATUS_WRITABLE)); return;
    case C.MISA: return;
    case C.MEDELEG: medeleg = v & MEDELEG_WRITABLE; return;
    case C.MIDELEG: mideleg = v & MIP_S_BITS; noteEnables(); return;
    case C.MIE: mie = v & MIP_ALL; noteEnables(); return;
    case C.MTVEC: mtvec = v & ~<u64>2; return;
    case C.MCOUNTEREN: mcounteren = v & 0xffffffff; return;
    case C.MENVCFG: menvcfg = v & MENVCFG_WRITABLE; updateTimers(nowTicks()); return;
    case C.MSCRATCH: mscratch = v; return;
    case C.MEPC: mepc = v & ~<u64>1; return;
    case C.MCAUSE: mcause = v; return;
    case C.MTVAL: mtval = v; return;
    case C.MIP: {
      // STIP is the Sstc comparison while menvcfg.STCE is set.
      const m = MIP_SSIP | MIP_SEIP | (sstcEnabled() ? 0 : MIP_STIP);
      setMipSoft((mipSoft & ~m) | (v & m));
      return;
    }
    // The write takes the place of this instruction's own increment
    // (privileged spec 3.1.11): the next read sees v, not v + 1.
    case C.MCYCLE: mcycleOffset = v - (instret + retired + 1); return;
    case C.MINSTRET: minstretOffset = v - (instret + retired + 1); return;
    case C.MCOUNTINHIBIT: return;
  }
  if (isZeroCounter(csr)) return;
  if (isPmpCsr(csr)) { pmpWrite(csr, v); return; }
  csrMissing = true;
}

/** After mie or mideleg changed: what sstatus.SIE lets in, for compiled
 *  code that sets or clears it (jit/csr.ts). */
export function noteEnables(): void {
  live.sEnabled = mie & mideleg;
}

function writeMstatus(v: u64): void {
  // MPP is WARL over the modes that exist: the reserved 2 reads back as U.
  if (((v & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == 2) v &= ~MSTATUS_MPP;
  v |= MSTATUS_XLEN;
  const translationChanged = ((v ^ live.mstatus) & MSTATUS_TRANSLATION) != 0;
  live.mstatus = v;
  if (translationChanged) tlbSwitch();
}
