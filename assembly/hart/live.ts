// The hart state that compiled code reads and writes (jit/csr.ts): the
// privilege, the supervisor's trap CSRs and mstatus, and the spin detector's
// word. They live in the hart block rather than in wasm globals, because
// compiled code belongs to its own module instance and reaches this hart
// only through the block's address; the core reaches them through `live`.
//
//  hart block +0x2100 (hart/layout.ts OFF_LIVE), in field order:
//   u64 mstatus, sscratch, sepc, scause, stval, stvec, satp
//   u64 sEnabled: mie & mideleg, the interrupts sstatus.SIE lets in while in S
//       (csr/registers.ts noteEnables)
//   u32 priv (0 U, 1 S, 3 M)
//   u32 spinAddr: wasm address of the lock word the last AMOSWAP found taken,
//       0 after one that changed memory (execute/atomic.ts)

import { HART_BASE, OFF_LIVE } from "./layout";

@unmanaged
export class LiveState {
  mstatus: u64;
  sscratch: u64;
  sepc: u64;
  scause: u64;
  stval: u64;
  stvec: u64;
  satp: u64;
  sEnabled: u64;
  priv: u32;
  spinAddr: u32;
}

/** This hart's live state (placed by init, hart/state.ts setHartPlaces). */
export let live: LiveState = changetype<LiveState>(HART_BASE + OFF_LIVE);

export function setLivePlace(block: u32): void {
  live = changetype<LiveState>(block + OFF_LIVE);
}

// Offsets of the fields in the hart block, for compiled code.
export const LIVE_MSTATUS: u32 = OFF_LIVE + offsetof<LiveState>("mstatus");
export const LIVE_SSCRATCH: u32 = OFF_LIVE + offsetof<LiveState>("sscratch");
export const LIVE_SEPC: u32 = OFF_LIVE + offsetof<LiveState>("sepc");
export const LIVE_SCAUSE: u32 = OFF_LIVE + offsetof<LiveState>("scause");
export const LIVE_STVAL: u32 = OFF_LIVE + offsetof<LiveState>("stval");
export const LIVE_STVEC: u32 = OFF_LIVE + offsetof<LiveState>("stvec");
export const LIVE_SATP: u32 = OFF_LIVE + offsetof<LiveState>("satp");
export const LIVE_S_ENABLED: u32 = OFF_LIVE + offsetof<LiveState>("sEnabled");
export const LIVE_PRIV: u32 = OFF_LIVE + offsetof<LiveState>("priv");
export const LIVE_SPIN_ADDR: u32 = OFF_LIVE + offsetof<LiveState>("spinAddr");
export const LIVE_BYTES: u32 = offsetof<LiveState>();
