// A shared WebAssembly.Memory laid out as the machine's (docs/ARCHITECTURE.md),
// with a small guest RAM, and accessors for the words tests look at.
import { control, guest, hart, wasm } from '../../host/platform.js';

export const TEST_RAM_BYTES = 1 << 20;

export function makeMemory(ramBytes = TEST_RAM_BYTES): WebAssembly.Memory {
  const pages = (wasm.GUEST_RAM_BASE + ramBytes) / 65536;
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}

export function word(memory: WebAssembly.Memory, byteAddr: number): number {
  return Atomics.load(new Int32Array(memory.buffer), byteAddr >>> 2);
}

export function setWord(memory: WebAssembly.Memory, byteAddr: number, value: number): void {
  Atomics.store(new Int32Array(memory.buffer), byteAddr >>> 2, value);
}

export const hartField = (h: number, field: number): number => wasm.HART_STATE_BASE + h * wasm.HART_STATE_STRIDE + field;
export const extIp = (memory: WebAssembly.Memory, h: number): number => word(memory, hartField(h, hart.HS_EXT_IP));
export const wake = (memory: WebAssembly.Memory, h: number): number => word(memory, hartField(h, hart.HS_WAKE));
export const controlWord = (memory: WebAssembly.Memory, field: number): number => word(memory, wasm.CONTROL_BASE + field);
export const ctlEvent = (memory: WebAssembly.Memory): number => controlWord(memory, control.CTL_EVENT);
export const ramAddr = (paddr: number): number => wasm.GUEST_RAM_BASE + (paddr - guest.RAM_BASE);
export const MEIP = 1 << 11;
export const SEIP = 1 << 9;
