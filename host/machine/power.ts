// How any thread tells the main thread that the machine must stop, through
// the CONTROL words (docs/ARCHITECTURE.md):
//
//   CTL_POWER      0 while running; otherwise a StopReason. The finisher
//                  device (host/devices/finisher.ts) writes POWER_OFF or
//                  POWER_RESET; the harts' threads and the main thread write
//                  the other reasons here.
//   CTL_EXIT_CODE  the code the emulator exits with, stored before CTL_POWER.
//   CTL_EVENT      the main thread's wake-up word (protocol in
//                  host/devices/signals.ts).
//
// Harts check CTL_POWER after every run slice and stop; parked harts are
// woken so that they see it too.
import { POWER_OFF, POWER_RESET } from '../devices/finisher.js';
import { signalEvent, wakeHart } from '../devices/signals.js';
import { control, wasm } from '../platform.js';

export const StopReason = {
  Running: 0,
  /** The guest wrote the test finisher (pass or fail). */
  PowerOff: POWER_OFF,
  /** The guest asked the test finisher for a reset. */
  Reset: POWER_RESET,
  /** The program wrote its HTIF `tohost` word. */
  Htif: 3,
  /** --max-insns instructions were retired. */
  InsnLimit: 4,
  /** A host-side failure in a hart's thread (a bug, not the guest's doing). */
  HostError: 5,
  /** The user quit (Ctrl-A x). */
  UserQuit: 6,
  /** Whoever read the console output went away (a closed pipe). */
  OutputClosed: 7,
  /** The program embedding the machine is done with it (bench). */
  HostDone: 8,
  /** GDB's `kill` (host/gdb/). */
  DebuggerKill: 9,
} as const;
export type StopReason = (typeof StopReason)[keyof typeof StopReason];

const POWER = (wasm.CONTROL_BASE + control.CTL_POWER) >> 2;
const EXIT_CODE = (wasm.CONTROL_BASE + control.CTL_EXIT_CODE) >> 2;

/**
 * Asks the machine to stop with an exit code. The first request wins: a later
 * one (or one racing the finisher) leaves the first reason and code alone.
 */
export function requestStop(i32: Int32Array, nharts: number, reason: StopReason, exitCode: number): boolean {
  if (Atomics.load(i32, POWER) !== StopReason.Running) return false;
  Atomics.store(i32, EXIT_CODE, exitCode);
  if (Atomics.compareExchange(i32, POWER, StopReason.Running, reason) !== StopReason.Running) return false;
  signalEvent(i32);
  for (let h = 0; h < nharts; h++) wakeHart(i32, h);
  return true;
}

export function stopRequested(i32: Int32Array): boolean {
  return Atomics.load(i32, POWER) !== StopReason.Running;
}

export interface StopState {
  reason: StopReason;
  exitCode: number;
}

/** Why the machine stopped, or null while it runs. */
export function readStop(i32: Int32Array): StopState | null {
  const reason = Atomics.load(i32, POWER) as StopReason;
  if (reason === StopReason.Running) return null;
  return { reason, exitCode: Atomics.load(i32, EXIT_CODE) };
}

/** Power-on state of the CONTROL words this file owns. */
export function resetPower(i32: Int32Array): void {
  Atomics.store(i32, EXIT_CODE, 0);
  Atomics.store(i32, POWER, StopReason.Running);
}
