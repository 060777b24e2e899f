// Single-stepping for `xv6-wasm run --trace`: while on, run() retires one
// instruction per call and records what the host prints about it.

import { rdIndex } from "../decode/ops";
import { REG_SINK } from "../hart/layout";
import { pc, regs, scratchSlot } from "../hart/state";
import { stepOne } from "./loop";
import { curN } from "./cursor";
import { NO_ADDR } from "../mmu/sv39";
import { setRecordTraps } from "../trap/record";

export let traceOn: bool = false;
export let tracedPc: u64 = 0;
export let tracedInsn: u32 = 0;
/** The register the instruction wrote (0 when none). */
export let tracedRd: u32 = 0;

export function setTracing(on: bool): void {
  traceOn = on;
  setRecordTraps(on);
}

export function traceStep(): void {
  tracedPc = pc;
  const raw = stepOne();
  if (raw == NO_ADDR) {
    // The fetch trapped; report nothing retired at the old pc.
    tracedInsn = 0;
    tracedRd = 0;
    return;
  }
  tracedInsn = <u32>raw;
  // The scratch slot still holds the instruction just run; one that trapped
  // wrote no register.
  const rd = rdIndex(load<u32>(scratchSlot));
  tracedRd = rd == REG_SINK || curN == 0 ? 0 : rd;
}

export function tracedRdValue(): u64 {
  return tracedRd == 0 ? 0 : load<u64>(regs + (tracedRd << 3));
}
