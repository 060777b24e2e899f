// How an instruction reports an exception: it records the cause and tval and
// the loop delivers the trap at the end of the instruction (trap/enter.ts).

import { excCause, excTval } from "../hart/state";

/** Nonzero while the loop has something to do at the end of the block. */
export let excPending: bool = false;

export function raise(cause: u64, tval: u64): void {
  excCause = cause;
  excTval = tval;
  excPending = true;
}

export function clearException(): void {
  excPending = false;
}
