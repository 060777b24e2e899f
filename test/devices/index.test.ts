import { describe, expect, it } from 'vitest';
import { createConsoles, createDevices, resetDeviceState } from '../../host/devices/index.js';
import { DeviceContext } from '../../host/devices/device.js';
import { guest } from '../../host/platform.js';
import { extIp, makeMemory, TEST_RAM_BYTES } from './shared-memory.js';

function context(nuarts?: number): DeviceContext {
  const ctx: DeviceContext = { memory: makeMemory(), nharts: 2, ramBytes: TEST_RAM_BYTES, disk: null, nuarts };
  resetDeviceState(ctx);
  return ctx;
}

describe('device factory', () => {
  it('gives a hart thread every device of the platform table, sorted and without overlaps', () => {
    const devices = createDevices(context());
    const bases = devices.map((d) => d.base);
    expect(bases).toEqual([...bases].sort((a, b) => a - b));
    for (let i = 1; i < devices.length; i++) expect(devices[i - 1].base + devices[i - 1].size).toBeLessThanOrEqual(devices[i].base);
    for (const base of [guest.FINISHER_BASE, guest.PLIC_BASE, guest.UART0_BASE, guest.VIRTIO0_BASE, guest.UARTX_BASE, guest.TELEM_BASE]) {
      expect(bases).toContain(base);
    }
    expect(devices.length).toBe(4 + guest.NUART);
    expect(createDevices(context(1)).length).toBe(5);
  });

  it('connects each hart thread\'s UART to the main thread\'s console over shared memory', () => {
    const ctx = context();
    const uart0 = createDevices(ctx).find((d) => d.base === guest.UART0_BASE)!;
    const consoles = createConsoles(ctx.memory, ctx.nharts);
    expect(consoles.length).toBe(guest.NUART);
    uart0.write(0, 1, 'A'.charCodeAt(0));
    expect(Array.from(consoles[0].takeTx())).toEqual(['A'.charCodeAt(0)]);
    uart0.write(2, 1, 1); // FIFO on
    uart0.read(5, 1); // LSR: polling for input, so the receiver listens
    consoles[0].pushRx(Uint8Array.of(0x42));
    expect(uart0.read(0, 1)).toBe(0x42);
  });

  it('resets interrupt state to power-on', () => {
    const ctx = context();
    const devices = createDevices(ctx);
    const plic = devices.find((d) => d.base === guest.PLIC_BASE)!;
    const uart0 = devices.find((d) => d.base === guest.UART0_BASE)!;
    plic.write(4 * guest.UART0_IRQ, 4, 1);
    plic.write(0x2000, 4, 1 << guest.UART0_IRQ);
    uart0.write(1, 1, 0x02); // THRE interrupt: pending at once
    expect(extIp(ctx.memory, 0)).not.toBe(0);
    resetDeviceState(ctx);
    expect(extIp(ctx.memory, 0)).toBe(0);
    expect(uart0.read(1, 1)).toBe(0);
    expect(plic.read(0x2000, 4)).toBe(0);
  });
});
