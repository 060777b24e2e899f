// Holding every hart still, for a debugger's all-stop or a snapshot: the
// protocol of CTL_PAUSE, CTL_PAUSED and each hart's HS_DEBUG_CMD.
//
//   holder (any thread)                 each hart's thread
//   CTL_PAUSE = 1, wake every hart  ->  between two slices (or woken from
//                                       WFI) it sees CTL_PAUSE, saves its
//                                       state (HSV_*) and adds 1 to
//                                       CTL_PAUSED, then waits on HS_WAKE
//   read/write HSV_*, guest RAM
//   HS_DEBUG_CMD = STEP, wake hart  ->  loads, steps once, saves, clears
//                                       HS_DEBUG_CMD and notifies it
//   CTL_PAUSE = 0, wake every hart  ->  subtracts 1, loads its state, runs
//
// Guest time stands still from the hold to the release (CTL_CLOCK_SHIFT).
import { hartWordIndex, signalEvent, wakeHart } from '../devices/signals.js';
import { control, hart, wasm } from '../platform.js';
import { addClockShift, clockShift, hostTicks, type ClockStart } from './clock.js';
import { Stop } from './core.js';
import { stopRequested } from './power.js';
import { waitWord } from './wait-word.js';

export const DebugCmd = {
  None: 0,
  /** Retire one instruction; a pending interrupt waits. */
  Step: 1,
  /** Take a pending interrupt if there is one, else retire one instruction. */
  StepWithInterrupts: 2,
} as const;

/** HS_DEBUG_STOP: why a hart last stopped for the holder. */
export const HoldWhy = {
  None: 0,
  /** The holder asked (Ctrl-C in GDB, a snapshot). */
  Requested: 1,
  /** A DebugCmd step finished. */
  Stepped: 2,
  /** The hart reached a GDB breakpoint (its pc is on it). */
  Breakpoint: 3,
  /** The hart wrote a range GDB watches (HS_DEBUG_ADDR says where). */
  Watchpoint: 4,
} as const;

const PAUSE = (wasm.CONTROL_BASE + control.CTL_PAUSE) >> 2;
const PAUSED = (wasm.CONTROL_BASE + control.CTL_PAUSED) >> 2;
const cmdIndex = (h: number) => hartWordIndex(h, hart.HS_DEBUG_CMD);
const stopIndex = (h: number) => hartWordIndex(h, hart.HS_DEBUG_STOP);

/** Power-on: nobody holds, nobody is held. */
export function resetHold(i32: Int32Array): void {
  Atomics.store(i32, PAUSE, 0);
  Atomics.store(i32, PAUSED, 0);
}

export function holdRequested(i32: Int32Array): boolean {
  return Atomics.load(i32, PAUSE) !== 0;
}

/** Power-on for a debugger that wants the harts before their first
 *  instruction (boot -S): each hart holds as soon as it has started. */
export function holdFromStart(i32: Int32Array): void {
  Atomics.store(i32, PAUSE, 1);
}

/** Asks every hart to hold. Returns false when a hold was already asked for. */
export function requestHold(i32: Int32Array, nharts: number): boolean {
  if (Atomics.compareExchange(i32, PAUSE, 0, 1) !== 0) return false;
  for (let h = 0; h < nharts; h++) wakeHart(i32, h);
  signalEvent(i32);
  return true;
}

export function heldCount(i32: Int32Array): number {
  return Atomics.load(i32, PAUSED);
}

export function holdReason(i32: Int32Array, h: number): number {
  return Atomics.load(i32, stopIndex(h));
}

export function setHoldReason(i32: Int32Array, h: number, why: number): void {
  Atomics.store(i32, stopIndex(h), why);
}

/**
 * The host side of a hold: asks, waits until every hart holds, and lets them
 * go with the guest clock moved back by the time they stood still.
 */
export class HartHold {
  private heldAt = -1;
  /** Holds asked for and not released: a debugger's and a snapshot's nest,
   *  so that a snapshot taken while GDB has the harts stopped leaves them
   *  stopped. */
  private holders = 0;
  private readonly hostNow: () => number;

  constructor(private readonly i32: Int32Array, private readonly f64: Float64Array, private readonly nharts: number, clock: ClockStart) {
    this.hostNow = hostTicks(clock);
  }

  get held(): boolean {
    return this.heldAt >= 0;
  }

  /** Guest time (mtime ticks) where it stands still while held. */
  heldMtime(): number {
    if (!this.held) throw new Error('heldMtime: the harts are not held');
    return this.heldAt - clockShift(this.f64);
  }

  /** Resolves true once every hart holds, false if the machine stopped first. */
  async hold(): Promise<boolean> {
    this.holders++;
    requestHold(this.i32, this.nharts);
    while (heldCount(this.i32) < this.nharts) {
      if (stopRequested(this.i32)) return false;
      await waitWord(this.i32, PAUSED, heldCount(this.i32), 50);
    }
    if (this.heldAt < 0) this.heldAt = this.hostNow();
    return true;
  }

  /** Steps held hart h once and resolves when it has. */
  async step(h: number, cmd: number = DebugCmd.Step): Promise<void> {
    if (!this.held) throw new Error('step: the harts are not held');
    const i = cmdIndex(h);
    Atomics.store(this.i32, i, cmd);
    wakeHart(this.i32, h);
    while (Atomics.load(this.i32, i) !== DebugCmd.None) {
      if (stopRequested(this.i32)) return;
      await waitWord(this.i32, i, cmd, 50);
    }
  }

  /** Lets every hart run again; resolves once each has left its hold, so a
   *  hold asked for after this sees them run first. */
  async release(): Promise<void> {
    if (this.holders > 1) {
      this.holders--;
      return;
    }
    this.holders = 0;
    if (this.heldAt >= 0) addClockShift(this.f64, this.hostNow() - this.heldAt);
    this.heldAt = -1;
    for (let h = 0; h < this.nharts; h++) setHoldReason(this.i32, h, HoldWhy.None);
    Atomics.store(this.i32, PAUSE, 0);
    for (let h = 0; h < this.nharts; h++) wakeHart(this.i32, h);
    // A hart that stops at a breakpoint at once asks for the next hold
    // before the others have left this one: they then stay held.
    for (let n = heldCount(this.i32); n > 0 && !stopRequested(this.i32) && !holdRequested(this.i32); n = heldCount(this.i32)) {
      await waitWord(this.i32, PAUSED, n, 50);
    }
  }
}

/**
 * The hart's side, called by its worker between slices when CTL_PAUSE is
 * set: saves, counts itself held, obeys step commands, and returns (state
 * loaded back) once the hold ends or the machine stops.
 */
export function holdHart(
  i32: Int32Array, h: number,
  core: { saveState(): void; loadState(): void; step(interrupts: number): number },
): void {
  const wake = hartWordIndex(h, hart.HS_WAKE);
  const cmd = cmdIndex(h);
  core.saveState();
  if (holdReason(i32, h) === HoldWhy.None) setHoldReason(i32, h, HoldWhy.Requested);
  Atomics.add(i32, PAUSED, 1);
  Atomics.notify(i32, PAUSED);
  signalEvent(i32);
  while (holdRequested(i32) && !stopRequested(i32)) {
    const c = Atomics.load(i32, cmd);
    if (c !== DebugCmd.None) {
      core.loadState();
      const why = core.step(c === DebugCmd.StepWithInterrupts ? 1 : 0);
      core.saveState();
      setHoldReason(i32, h, why === Stop.Watch ? HoldWhy.Watchpoint : HoldWhy.Stepped);
      Atomics.store(i32, cmd, DebugCmd.None);
      Atomics.notify(i32, cmd);
      signalEvent(i32);
      continue;
    }
    // Clear before the last look, so a command or release after it wakes us.
    Atomics.store(i32, wake, 0);
    if (!holdRequested(i32) || Atomics.load(i32, cmd) !== DebugCmd.None) continue;
    Atomics.wait(i32, wake, 0, 100);
  }
  Atomics.sub(i32, PAUSED, 1);
  Atomics.notify(i32, PAUSED);
  core.loadState();
}
