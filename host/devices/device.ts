// The one small interface every device offers the MMIO bus.
//
// Each hart's worker builds its own device objects over the same shared
// memory, so a hart's MMIO access is served in its own thread; the main
// thread builds them too, to feed input and drain output. State that more
// than one thread touches lives in the shared WebAssembly.Memory.

/** What a write asks of the hart that made it. */
export const enum WriteResult {
  Done = 0,
  AccessFault = 1,
  /** Done, and the hart must end its run slice now (power-off, reset). */
  EndSlice = 2,
}

export interface MmioDevice {
  /** Guest physical base address and size of the register window. */
  readonly base: number;
  readonly size: number;
  /** Size is 1, 2 or 4; returns the value as an unsigned 32-bit number. */
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): WriteResult;
}

/** The disk behind the virtio block device, opened once per process. */
export interface DiskFile {
  fd: number;
  path: string;
  readonly: boolean;
  bytes: number;
}

/** Everything a thread needs to build its device objects. */
export interface DeviceContext {
  memory: WebAssembly.Memory;
  nharts: number;
  ramBytes: number;
  disk: DiskFile | null;
  /** UARTs present, UART0 first; default NUART (every one). */
  nuarts?: number;
  /** Contents of the mask ROM (mrom.ts), present only when firmware boots. */
  rom?: Uint8Array | null;
}
