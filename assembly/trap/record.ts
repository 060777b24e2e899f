// What --trace shows of traps: while the host traces a hart, every trap it
// takes is written to the hart's state block (HS_TRAP_*, platform.json) for
// the host to print, as QEMU's -d int does. Untraced harts pay one branch.

import { HS_TRAP_COUNT, HS_TRAP_PRIV, HS_TRAP_CAUSE, HS_TRAP_TVAL, HS_TRAP_EPC, HS_TRAP_TARGET } from "../../build/gen/platform";
import { hartBlock } from "../hart/state";

export let recordTraps: bool = false;

export function setRecordTraps(on: bool): void { recordTraps = on; }

export function recordTrap(cause: u64, tval: u64, epc: u64, from: u32, to: u32, target: u64): void {
  const b = hartBlock;
  store<u64>(b + <u32>HS_TRAP_CAUSE, cause);
  store<u64>(b + <u32>HS_TRAP_TVAL, tval);
  store<u64>(b + <u32>HS_TRAP_EPC, epc);
  store<u64>(b + <u32>HS_TRAP_TARGET, target);
  store<u32>(b + <u32>HS_TRAP_PRIV, from | (to << 8));
  store<u32>(b + <u32>HS_TRAP_COUNT, load<u32>(b + <u32>HS_TRAP_COUNT) + 1);
}
