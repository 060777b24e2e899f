import { describe, expect, it } from 'vitest';
import { WriteResult } from '../../host/devices/device.js';
import { createDevices, resetDeviceState } from '../../host/devices/index.js';
import { publishedTableAddress, Telemetry } from '../../host/devices/telemetry.js';
import { control, guest, telemetry as t } from '../../host/platform.js';
import { controlWord, makeMemory, TEST_RAM_BYTES } from './shared-memory.js';

function setup() {
  const memory = makeMemory();
  return { memory, dev: new Telemetry(memory), words: new Int32Array(memory.buffer) };
}

function publish(dev: Telemetry, paddr: number): void {
  expect(dev.write(t.TMR_TABLE_LO, 4, paddr % 2 ** 32)).toBe(WriteResult.Done);
  expect(dev.write(t.TMR_TABLE_HI, 4, Math.floor(paddr / 2 ** 32))).toBe(WriteResult.Done);
}

describe('telemetry device', () => {
  it('sits at TELEM_BASE and says who it is', () => {
    const { dev } = setup();
    expect(dev.base).toBe(guest.TELEM_BASE);
    expect(dev.size).toBe(guest.TELEM_SIZE);
    expect(dev.read(t.TMR_MAGIC, 4)).toBe(t.TMR_MAGIC_VALUE);
  });

  it('reads 0 from every other register, also the address it was given', () => {
    const { dev } = setup();
    publish(dev, guest.RAM_BASE + 0x1000);
    for (const off of [4, t.TMR_TABLE_LO, t.TMR_TABLE_HI, 0x10, 0xffc]) expect(dev.read(off, 4)).toBe(0);
  });

  it('publishes the address once HI is written, not at LO', () => {
    const { dev, words } = setup();
    expect(publishedTableAddress(words)).toBeNull();
    dev.write(t.TMR_TABLE_LO, 4, 0x8765_4000);
    expect(publishedTableAddress(words)).toBeNull();
    dev.write(t.TMR_TABLE_HI, 4, 0);
    expect(publishedTableAddress(words)).toBe(0x8765_4000);
  });

  it('carries a full 64-bit address', () => {
    const { dev, words } = setup();
    publish(dev, 0x12_8000_0040);
    expect(publishedTableAddress(words)).toBe(0x12_8000_0040);
  });

  it('withdraws the old address as soon as a new LO arrives, so no reader mixes halves', () => {
    const { dev, words } = setup();
    publish(dev, 0x1_0000_2000);
    dev.write(t.TMR_TABLE_LO, 4, 0x8000_3000);
    expect(publishedTableAddress(words)).toBeNull();
    dev.write(t.TMR_TABLE_HI, 4, 0);
    expect(publishedTableAddress(words)).toBe(0x8000_3000);
  });

  it('keeps the address in the shared CONTROL words, for every thread', () => {
    const { memory, dev } = setup();
    publish(dev, 0x8000_1000);
    expect(controlWord(memory, control.CTL_TELEM_HI)).toBe(0);
    expect(controlWord(memory, control.CTL_TELEM_LO)).not.toBe(0);
    expect(publishedTableAddress(new Int32Array(memory.buffer))).toBe(0x8000_1000);
  });

  it('ignores a misaligned table and writes of other sizes or registers', () => {
    const { dev, words } = setup();
    publish(dev, 0x8000_1004);
    expect(publishedTableAddress(words)).toBeNull();
    dev.write(t.TMR_TABLE_LO, 2, 0x1000);
    dev.write(t.TMR_MAGIC, 4, 0);
    expect(dev.read(t.TMR_MAGIC, 4)).toBe(t.TMR_MAGIC_VALUE);
    expect(publishedTableAddress(words)).toBeNull();
  });

  it('is one of every hart thread\'s devices, and a reset forgets the address', () => {
    const ctx = { memory: makeMemory(), nharts: 1, ramBytes: TEST_RAM_BYTES, disk: null };
    resetDeviceState(ctx);
    const dev = createDevices(ctx).find((d) => d.base === guest.TELEM_BASE)!;
    expect(dev).toBeInstanceOf(Telemetry);
    publish(dev as Telemetry, guest.RAM_BASE);
    const words = new Int32Array(ctx.memory.buffer);
    expect(publishedTableAddress(words)).toBe(guest.RAM_BASE);
    resetDeviceState(ctx);
    expect(publishedTableAddress(words)).toBeNull();
  });
});
