// A held hart's state, written where the host can read and change it: most
// CSRs live in this instance's wasm globals, which no other thread sees, and
// the rest at core-private places of the block (hart/live.ts). The
// host holds the harts (host/machine/pause.ts) for a debugger or a snapshot;
// each one saves here before it waits and loads back before it runs again,
// so whatever the host wrote in between takes effect. Registers are always
// in the block and need no copy.

import { live } from "./live";
import {
  HSV_PC, HSV_PRIV, HSV_INSTRET, HSV_MINSTRET_OFFSET, HSV_MCYCLE_OFFSET, HSV_MSTATUS, HSV_MEDELEG,
  HSV_MIDELEG, HSV_MIE, HSV_MTVEC, HSV_MCOUNTEREN, HSV_MSCRATCH, HSV_MEPC, HSV_MCAUSE, HSV_MTVAL,
  HSV_MENVCFG, HSV_STVEC, HSV_SCOUNTEREN, HSV_SSCRATCH, HSV_SEPC, HSV_SCAUSE, HSV_STVAL, HSV_SATP,
  HSV_SENVCFG, HSV_STIMECMP, HSV_MIP_SOFT, HSV_MIP_TIMER, HSV_MIP, HS_INSTRET, HS_PC,
} from "../../build/gen/platform";
import {
  hartBlock, pc, instret, minstretOffset, mcycleOffset, medeleg, mideleg, mie, mtvec, mcounteren, mscratch,
  mepc, mcause, mtval, menvcfg, scounteren, senvcfg, stimecmp, mipSoft, mipTimer, resAddr, codeEpoch,
  setMipSoft, setMipTimer,
} from "./state";
import { CODE_EPOCH_ADDR } from "./layout";
import { pendingInterrupts } from "../trap/interrupt";
import { pmpCompile } from "../mmu/pmp";
import { noteEnables } from "../csr/registers";
import { tlbReset } from "../mmu/tlb-context";

@inline function put(field: u64, v: u64): void { store<u64>(hartBlock + <u32>field, v); }
@inline function get(field: u64): u64 { return load<u64>(hartBlock + <u32>field); }

export function saveState(): void {
  put(HSV_PC, pc); put(HSV_PRIV, <u64>live.priv); put(HSV_INSTRET, instret);
  put(HSV_MINSTRET_OFFSET, minstretOffset); put(HSV_MCYCLE_OFFSET, mcycleOffset);
  put(HSV_MSTATUS, live.mstatus); put(HSV_MEDELEG, medeleg); put(HSV_MIDELEG, mideleg); put(HSV_MIE, mie);
  put(HSV_MTVEC, mtvec); put(HSV_MCOUNTEREN, mcounteren); put(HSV_MSCRATCH, mscratch);
  put(HSV_MEPC, mepc); put(HSV_MCAUSE, mcause); put(HSV_MTVAL, mtval); put(HSV_MENVCFG, menvcfg);
  put(HSV_STVEC, live.stvec); put(HSV_SCOUNTEREN, scounteren); put(HSV_SSCRATCH, live.sscratch);
  put(HSV_SEPC, live.sepc); put(HSV_SCAUSE, live.scause); put(HSV_STVAL, live.stval); put(HSV_SATP, live.satp);
  put(HSV_SENVCFG, senvcfg); put(HSV_STIMECMP, stimecmp);
  put(HSV_MIP_SOFT, mipSoft); put(HSV_MIP_TIMER, mipTimer); put(HSV_MIP, pendingInterrupts());
}

/** Takes back what the host may have changed. Cached translations, PMP rules
 *  and an LR reservation may no longer hold, so they go (an SC may fail
 *  spuriously, which the ISA allows). */
export function loadState(): void {
  pc = get(HSV_PC); live.priv = <u32>get(HSV_PRIV) & 3; if (live.priv == 2) live.priv = 3;
  instret = get(HSV_INSTRET);
  minstretOffset = get(HSV_MINSTRET_OFFSET); mcycleOffset = get(HSV_MCYCLE_OFFSET);
  live.mstatus = get(HSV_MSTATUS); medeleg = get(HSV_MEDELEG); mideleg = get(HSV_MIDELEG); mie = get(HSV_MIE);
  mtvec = get(HSV_MTVEC); mcounteren = get(HSV_MCOUNTEREN); mscratch = get(HSV_MSCRATCH);
  mepc = get(HSV_MEPC); mcause = get(HSV_MCAUSE); mtval = get(HSV_MTVAL); menvcfg = get(HSV_MENVCFG);
  live.stvec = get(HSV_STVEC); scounteren = get(HSV_SCOUNTEREN); live.sscratch = get(HSV_SSCRATCH);
  live.sepc = get(HSV_SEPC); live.scause = get(HSV_SCAUSE); live.stval = get(HSV_STVAL); live.satp = get(HSV_SATP);
  senvcfg = get(HSV_SENVCFG); stimecmp = get(HSV_STIMECMP);
  noteEnables();
  setMipSoft(get(HSV_MIP_SOFT));
  setMipTimer(get(HSV_MIP_TIMER));
  store<u64>(hartBlock + <u32>HS_PC, pc);
  store<u64>(hartBlock + <u32>HS_INSTRET, instret);
  resAddr = 0xffffffff;
  pmpCompile();
  codeEpoch = atomic.load<u32>(CODE_EPOCH_ADDR);
  tlbReset();
}
