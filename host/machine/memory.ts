// The one shared WebAssembly.Memory and the host's views of it: guest RAM,
// the machine-wide CONTROL words and each hart's state block (see the map in
// docs/ARCHITECTURE.md). Every thread builds these views over the same memory.
import { guest, wasm } from '../platform.js';
import { OptionError } from './options.js';

const PAGE = 65536;

export function createSharedMemory(ramBytes: number): WebAssembly.Memory {
  const pages = (wasm.GUEST_RAM_BASE + ramBytes) / PAGE;
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch (e) {
    // V8 says only "could not allocate memory": name the setting that asked.
    if (!(e instanceof RangeError)) throw e;
    const mib = Math.ceil((pages * PAGE) / 2 ** 20);
    const asked = ramBytes % 2 ** 30 === 0 ? `${ramBytes / 2 ** 30}G` : `${ramBytes / 2 ** 20}M`;
    throw new OptionError(`--mem ${asked}: the host could not allocate the ${mib} MiB this machine needs (free memory, ulimit -v); try a smaller --mem`);
  }
}

/** Typed views over the shared memory; the buffer never grows (initial = maximum). */
export class MemoryViews {
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly u64: BigUint64Array;
  readonly ramBytes: number;

  constructor(readonly memory: WebAssembly.Memory) {
    const buf = memory.buffer as unknown as SharedArrayBuffer;
    this.u8 = new Uint8Array(buf);
    this.i32 = new Int32Array(buf);
    this.f64 = new Float64Array(buf);
    this.u64 = new BigUint64Array(buf);
    this.ramBytes = buf.byteLength - wasm.GUEST_RAM_BASE;
  }

  /** Byte address of a field (HS_*) of hart h's state block. */
  hartField(h: number, field: number): number {
    return wasm.HART_STATE_BASE + h * wasm.HART_STATE_STRIDE + field;
  }

  /** i32 index of a 32-bit hart field. */
  hartWord(h: number, field: number): number {
    return this.hartField(h, field) >> 2;
  }

  /** A u64 hart field (HS_INSTRET, HS_PC) as a number; exact below 2^53. */
  hartU64(h: number, field: number): number {
    const i = this.hartWord(h, field);
    return (Atomics.load(this.i32, i + 1) >>> 0) * 2 ** 32 + (Atomics.load(this.i32, i) >>> 0);
  }

  /** A u64 field of a held hart's block (HSV_*), whole. */
  hartBigU64(h: number, field: number): bigint {
    return this.u64[this.hartField(h, field) >> 3];
  }

  setHartBigU64(h: number, field: number, value: bigint): void {
    this.u64[this.hartField(h, field) >> 3] = BigInt.asUintN(64, value);
  }

  /** wasm byte address of a guest physical RAM address, or -1 outside RAM. */
  ramOffset(paddr: number, length = 1): number {
    const off = paddr - guest.RAM_BASE;
    return off >= 0 && off + length <= this.ramBytes ? wasm.GUEST_RAM_BASE + off : -1;
  }

  /**
   * Copies bytes into guest RAM (then zero-fills up to `length`) and bumps the
   * code-page generation of every page touched, so that a hart that decoded
   * those pages decodes them again.
   */
  writeGuest(paddr: number, data: Uint8Array, length = data.length): void {
    const at = this.ramOffset(paddr, length);
    if (at < 0) throw new RangeError(`guest write at 0x${paddr.toString(16)} outside RAM`);
    this.u8.set(data, at);
    this.u8.fill(0, at + data.length, at + length);
    const first = (paddr - guest.RAM_BASE) >>> 12;
    const last = (paddr - guest.RAM_BASE + Math.max(length, 1) - 1) >>> 12;
    for (let p = first; p <= last; p++) Atomics.add(this.i32, (wasm.PAGEGEN_BASE >> 2) + p, 1);
  }
}
