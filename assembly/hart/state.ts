// The hart's architectural state that lives in wasm globals. Module-level
// scalars are globals, one set per instance, so each hart's worker has its
// own; registers and TLBs live in the hart's block of shared memory
// (hart/layout.ts) because they are indexed.

import {
  HART_BASE, HART_STRIDE, OFF_REGS, OFF_SPECIAL, DECODE_AREA, DECODE_AREA_STRIDE,
  OFF_TLB_FETCH, OFF_TLB_LOAD, OFF_TLB_STORE, OFF_DECODE_HDR, OFF_DECODE_MRU, CLINT_STATE, RAM_START,
} from "./layout";
import { setLivePlace } from "./live";

export const PRIV_U: u32 = 0;
export const PRIV_S: u32 = 1;
export const PRIV_M: u32 = 3;

// Where this hart's things are (set once by init).
export let hartId: u32 = 0;
export let hartCount: u32 = 1;
export let hartBlock: u32 = HART_BASE;
export let regs: u32 = HART_BASE + OFF_REGS;
export let tlbFetch: u32 = HART_BASE + OFF_TLB_FETCH;
export let tlbLoad: u32 = HART_BASE + OFF_TLB_LOAD;
export let tlbStore: u32 = HART_BASE + OFF_TLB_STORE;
export let decodeHeaders: u32 = HART_BASE + OFF_DECODE_HDR;
export let decodeMru: u32 = HART_BASE + OFF_DECODE_MRU;
export let decodeArea: u32 = DECODE_AREA;
export let msipAddr: u32 = CLINT_STATE;
export let ramEnd: u64 = 0;          // guest physical end of RAM (exclusive)

// Special decoded slots: the loop jumps to FETCH_SLOT to (re)enter a page.
export let fetchSlot: u32 = 0;
export let scratchSlot: u32 = 0;

export let pc: u64 = 0;
export let instret: u64 = 0;         // retired before the current run slice
// What the guest sees in minstret and mcycle: instret plus an offset that a
// CSR write sets, so the host's count (HS_INSTRET) stays exact and each
// counter is written apart from the other.
export let minstretOffset: u64 = 0;
export let mcycleOffset: u64 = 0;

// Machine CSRs (mstatus, with the privilege and the supervisor's trap CSRs,
// is in the hart block: hart/live.ts).
export let medeleg: u64 = 0;
export let mideleg: u64 = 0;
export let mie: u64 = 0;
export let mtvec: u64 = 0;
export let mcounteren: u64 = 0;
export let mscratch: u64 = 0;
export let mepc: u64 = 0;
export let mcause: u64 = 0;
export let mtval: u64 = 0;
export let menvcfg: u64 = 0;
// Supervisor CSRs (sstatus, sie, sip are views of the machine ones).
export let scounteren: u64 = 0;
export let senvcfg: u64 = 0;
export let stimecmp: u64 = 0;

/** mip bits this core holds: SSIP, SEIP and (without Sstc) STIP as software
 *  wrote them, plus MTIP and Sstc's STIP as the timers last computed them. The
 *  PLIC's bits (HS_EXT_IP) and msip are merged in when mip is read. */
export let mipLocal: u64 = 0;
export let mipSoft: u64 = 0;
export let mipTimer: u64 = 0;

// LR/SC reservation: wasm address and the value LR read.
export let resAddr: u32 = 0xffffffff;
export let resValue: u64 = 0;

// The exception an instruction raised, for the loop to deliver.
export let excCause: u64 = 0;
export let excTval: u64 = 0;

// Why run() returns: the contract's STOP_* reasons.
export const STOP_BUDGET: u32 = 0;
export const STOP_WFI: u32 = 1;
export const STOP_HOST: u32 = 2;
export const STOP_SPIN: u32 = 3;
/** A GDB breakpoint is on the next instruction (execute/debug.ts). */
export const STOP_BREAK: u32 = 4;
/** The last instruction stored into a range GDB watches. */
export const STOP_WATCH: u32 = 5;
/** exitReason while the loop may go on. */
export const RUNNING: u32 = 0xff;
/** Why the loop must stop at the end of this block, or RUNNING. */
export let exitReason: u32 = RUNNING;

/** Code epoch seen when this hart's store TLB was last made consistent. */
export let codeEpoch: u32 = 0;

export function setHartPlaces(id: u32, n: u32, ramBytes: u32): void {
  hartId = id;
  hartCount = n;
  hartBlock = HART_BASE + id * HART_STRIDE;
  regs = hartBlock + OFF_REGS;
  tlbFetch = hartBlock + OFF_TLB_FETCH;
  tlbLoad = hartBlock + OFF_TLB_LOAD;
  tlbStore = hartBlock + OFF_TLB_STORE;
  decodeHeaders = hartBlock + OFF_DECODE_HDR;
  decodeMru = hartBlock + OFF_DECODE_MRU;
  decodeArea = DECODE_AREA + id * DECODE_AREA_STRIDE;
  msipAddr = CLINT_STATE + 4 * id;
  fetchSlot = hartBlock + OFF_SPECIAL;
  scratchSlot = fetchSlot + 16;
  ramEnd = RAM_START + <u64>ramBytes;
  setLivePlace(hartBlock);
}

export function setMipSoft(v: u64): void { mipSoft = v; mipLocal = mipSoft | mipTimer; }
export function setMipTimer(v: u64): void { mipTimer = v; mipLocal = mipSoft | mipTimer; }
