import { describe, expect, it } from 'vitest';
import { WriteResult } from '../../host/devices/device.js';
import { Finisher, POWER_OFF, POWER_RESET } from '../../host/devices/finisher.js';
import { control, finisher, guest, hart, wasm } from '../../host/platform.js';
import { controlWord, ctlEvent, hartField, makeMemory, setWord, wake } from './shared-memory.js';

function setup() {
  const memory = makeMemory();
  return { memory, dev: new Finisher(memory, 2) };
}

describe('test finisher', () => {
  it('sits at FINISHER_BASE', () => {
    expect(setup().dev.base).toBe(guest.FINISHER_BASE);
  });

  it('powers off with exit code 0 on PASS, ends the slice and wakes the main thread and parked harts', () => {
    const { memory, dev } = setup();
    setWord(memory, hartField(1, hart.HS_WAKE), 0);
    expect(dev.write(0, 4, finisher.FINISHER_PASS)).toBe(WriteResult.EndSlice);
    expect(controlWord(memory, control.CTL_POWER)).toBe(POWER_OFF);
    expect(controlWord(memory, control.CTL_EXIT_CODE)).toBe(0);
    expect(ctlEvent(memory)).toBe(1);
    expect(wake(memory, 1)).toBe(1);
  });

  it('powers off with the code from the high half on FAIL', () => {
    const { memory, dev } = setup();
    expect(dev.write(0, 4, finisher.FINISHER_FAIL | (42 << 16))).toBe(WriteResult.EndSlice);
    expect(controlWord(memory, control.CTL_POWER)).toBe(POWER_OFF);
    expect(controlWord(memory, control.CTL_EXIT_CODE)).toBe(42);
  });

  it('requests a reset on RESET', () => {
    const { memory, dev } = setup();
    expect(dev.write(0, 4, finisher.FINISHER_RESET)).toBe(WriteResult.EndSlice);
    expect(controlWord(memory, control.CTL_POWER)).toBe(POWER_RESET);
  });

  it('leaves a machine that is already stopping with its first reason', () => {
    const { memory, dev } = setup();
    setWord(memory, wasm.CONTROL_BASE + control.CTL_POWER, 6);
    expect(dev.write(0, 4, finisher.FINISHER_FAIL | (3 << 16))).toBe(WriteResult.EndSlice);
    expect(controlWord(memory, control.CTL_POWER)).toBe(6);
    expect(controlWord(memory, control.CTL_EXIT_CODE)).toBe(0);
  });

  it('ignores any other value', () => {
    const { memory, dev } = setup();
    expect(dev.write(0, 4, 0x1234)).toBe(WriteResult.Done);
    expect(controlWord(memory, control.CTL_POWER)).toBe(0);
  });
});
