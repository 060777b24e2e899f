// What the rest of the host builds from host/devices: the guest-visible
// devices of one hart thread, the main thread's console ends, the shared
// state's power-on values, and the device tree.
//
// Threads: every hart worker calls createDevices with the same
// DeviceContext (the disk fd is the one the main thread opened; fds are per
// process); the main thread calls resetDeviceState once before any worker
// starts, then createConsoles. Devices talk to the main thread only through
// CTL_EVENT (see signals.ts).
import { DeviceContext, MmioDevice } from './device.js';
import { Finisher } from './finisher.js';
import { Mrom } from './mrom.js';
import { Plic } from './plic.js';
import { resetTelemetry, Telemetry } from './telemetry.js';
import { UartConsole } from './uart-console.js';
import { UartState } from './uart-state.js';
import { Uart16550 } from './uart16550.js';
import { VirtioBlk } from './virtio-blk.js';
import { guest } from '../platform.js';

export { buildFdt, fdtAddress } from './fdt.js';
export type { FdtConfig } from './fdt.js';
export { UartConsole } from './uart-console.js';
export { Plic } from './plic.js';
export { POWER_OFF, POWER_RESET } from './finisher.js';
export { eventIndex } from './signals.js';

function uartCount(ctx: { nuarts?: number }): number {
  const n = ctx.nuarts ?? guest.NUART;
  if (n < 1 || n > guest.NUART) throw new Error(`nuarts ${n} outside 1..${guest.NUART}`);
  return n;
}

/** The MMIO devices of one hart's thread, sorted by base address. */
export function createDevices(ctx: DeviceContext): MmioDevice[] {
  const plic = new Plic(ctx.memory, ctx.nharts);
  const devices: MmioDevice[] = [
    new Finisher(ctx.memory, ctx.nharts),
    plic,
    new VirtioBlk(ctx.memory, ctx.ramBytes, ctx.disk, plic),
    new Telemetry(ctx.memory),
  ];
  for (let n = 0; n < uartCount(ctx); n++) devices.push(new Uart16550(ctx.memory, n, plic));
  if (ctx.rom) devices.push(new Mrom(ctx.rom));
  return devices.sort((a, b) => a.base - b.base);
}

/** The host ends of the UARTs, for the main thread; index n is UART n. */
export function createConsoles(memory: WebAssembly.Memory, nharts: number, nuarts: number = guest.NUART): UartConsole[] {
  const plic = new Plic(memory, nharts);
  const consoles: UartConsole[] = [];
  for (let n = 0; n < uartCount({ nuarts }); n++) consoles.push(new UartConsole(memory, n, plic));
  return consoles;
}

/** Put PLIC, UART, virtio and telemetry state (and the harts' HS_EXT_IP) in
 *  their power-on state. Main thread, before workers start or after they stopped
 *  (machine reset). */
export function resetDeviceState(ctx: DeviceContext): void {
  const plic = new Plic(ctx.memory, ctx.nharts);
  plic.reset();
  for (let n = 0; n < guest.NUART; n++) new UartState(ctx.memory, n, plic).reset();
  new VirtioBlk(ctx.memory, ctx.ramBytes, ctx.disk, plic).reset();
  resetTelemetry(ctx.memory);
}
