// QEMU's sifive_test "finisher": the guest powers the machine off or resets it
// by writing one word. Low 16 bits: FINISHER_PASS (exit 0), FINISHER_FAIL
// (exit with the code in the high 16 bits), FINISHER_RESET.
//
// Shared state: CTL_EXIT_CODE and CTL_POWER in CONTROL, written by the hart
// that writes the finisher (exit code first, then power with an atomic
// compare-exchange from 0, so whoever sees CTL_POWER also sees the code and a
// machine already stopping keeps its first reason), then CTL_EVENT for the
// main thread and every hart's HS_WAKE so parked harts notice too.
import { MmioDevice, WriteResult } from './device.js';
import { signalEvent, wakeHart } from './signals.js';
import { control, finisher, guest, wasm } from '../platform.js';

export const POWER_OFF = 1;
export const POWER_RESET = 2;

export class Finisher implements MmioDevice {
  readonly base = guest.FINISHER_BASE;
  readonly size = guest.FINISHER_SIZE;
  private readonly words: Int32Array;

  constructor(memory: WebAssembly.Memory, private readonly nharts: number) {
    this.words = new Int32Array(memory.buffer);
  }

  read(_offset: number, _size: number): number {
    return 0;
  }

  write(offset: number, _size: number, value: number): WriteResult {
    if (offset !== 0) return WriteResult.Done;
    const cmd = value & 0xffff;
    if (cmd === finisher.FINISHER_PASS) this.power(POWER_OFF, 0);
    else if (cmd === finisher.FINISHER_FAIL) this.power(POWER_OFF, value >>> 16);
    else if (cmd === finisher.FINISHER_RESET) this.power(POWER_RESET, 0);
    else return WriteResult.Done; // QEMU ignores other values too
    return WriteResult.EndSlice;
  }

  private power(state: number, code: number): void {
    // The first stop wins (host/machine/power.ts follows the same rule): a
    // finisher write racing the user's quit does not change why we stopped.
    const power = (wasm.CONTROL_BASE + control.CTL_POWER) >>> 2;
    if (Atomics.load(this.words, power) !== 0) return;
    Atomics.store(this.words, (wasm.CONTROL_BASE + control.CTL_EXIT_CODE) >>> 2, code);
    if (Atomics.compareExchange(this.words, power, 0, state) !== 0) return;
    signalEvent(this.words);
    for (let h = 0; h < this.nharts; h++) wakeHart(this.words, h);
  }
}
