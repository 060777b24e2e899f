// Holding the harts still (host/machine/pause.ts): what a debugger and a
// snapshot rely on. Nothing runs while held, a step retires exactly one
// instruction on one hart, what the holder writes is what the hart runs with,
// and guest time does not move while held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockShift } from '../../host/machine/clock.js';
import type { Machine } from '../../host/machine/machine.js';
import { DebugCmd, holdReason, HoldWhy } from '../../host/machine/pause.js';
import { guest, hartsave } from '../../host/platform.js';
import { runProgram, type Running } from './running-machine.js';

const S1 = 9;
const S3 = 19;

let machine: Machine;
let running: Running;

const reg = (h: number, r: number) => machine.views.hartBigU64(h, hartsave.HSV_REGS + 8 * r);
const saved = (h: number, field: number) => machine.views.hartBigU64(h, field);

beforeAll(async () => {
  running = await runProgram('count', 2);
  machine = running.machine;
});

afterAll(() => running.stop());

describe('holding the harts', () => {
  it('stops every hart where it is, and nothing runs until release', async () => {
    expect(await machine.harts.hold()).toBe(true);
    const first = [reg(0, S1), reg(1, S1)];
    await new Promise((r) => setTimeout(r, 50));
    expect([reg(0, S1), reg(1, S1)]).toEqual(first);
    for (const h of [0, 1]) {
      expect(holdReason(machine.views.i32, h)).toBe(HoldWhy.Requested);
      const pc = Number(saved(h, hartsave.HSV_PC));
      expect(pc).toBeGreaterThanOrEqual(guest.RAM_BASE);
      expect(pc).toBeLessThan(guest.RAM_BASE + 32);
      expect(saved(h, hartsave.HSV_PRIV)).toBe(3n);
    }
    await machine.harts.release();
  });

  it('steps one hart by exactly one instruction at a time', async () => {
    await machine.harts.hold();
    // Step hart 0 to the addi at the loop's head, then once more.
    while (saved(0, hartsave.HSV_PC) !== BigInt(guest.RAM_BASE + 4)) await machine.harts.step(0);
    const s1 = reg(0, S1);
    const other = reg(1, S1);
    const instret = saved(0, hartsave.HSV_INSTRET);
    await machine.harts.step(0, DebugCmd.Step);
    expect(reg(0, S1)).toBe(s1 + 1n);
    expect(saved(0, hartsave.HSV_PC)).toBe(BigInt(guest.RAM_BASE + 8));
    expect(saved(0, hartsave.HSV_INSTRET)).toBe(instret + 1n);
    expect(holdReason(machine.views.i32, 0)).toBe(HoldWhy.Stepped);
    expect(reg(1, S1)).toBe(other);
    await machine.harts.release();
  });

  it('runs with what the holder wrote into registers and pc', async () => {
    await machine.harts.hold();
    machine.views.setHartBigU64(1, hartsave.HSV_REGS + 8 * S1, 1n << 40n);
    machine.views.setHartBigU64(1, hartsave.HSV_PC, BigInt(guest.RAM_BASE + 4));
    await machine.harts.release();
    await new Promise((r) => setTimeout(r, 20));
    await machine.harts.hold();
    expect(reg(1, S1)).toBeGreaterThan(1n << 40n);
    await machine.harts.release();
  });

  it('keeps guest time still while held: the guest never sees the hold as a step of mtime', async () => {
    const HOLD_MS = 300;
    await machine.harts.hold();
    for (const h of [0, 1]) machine.views.setHartBigU64(h, hartsave.HSV_REGS + 8 * S3, 0n);
    await machine.harts.release();
    await new Promise((r) => setTimeout(r, 10));
    await machine.harts.hold();
    const before = clockShift(machine.views.f64);
    await new Promise((r) => setTimeout(r, HOLD_MS));
    await machine.harts.release();
    expect(clockShift(machine.views.f64) - before).toBeGreaterThanOrEqual((HOLD_MS / 1000) * guest.TIMEBASE_HZ * 0.9);
    await new Promise((r) => setTimeout(r, 10));
    await machine.harts.hold();
    for (const h of [0, 1]) {
      expect(reg(h, S3)).toBeGreaterThan(0n);
      expect(Number(reg(h, S3))).toBeLessThan((HOLD_MS / 1000) * guest.TIMEBASE_HZ);
    }
    await machine.harts.release();
  });

  it('nests holds: a snapshot taken while a debugger holds the harts leaves them held', async () => {
    await machine.harts.hold();
    await machine.harts.hold();
    await machine.harts.release();
    expect(machine.harts.held).toBe(true);
    const s1 = reg(0, S1);
    await new Promise((r) => setTimeout(r, 20));
    expect(reg(0, S1)).toBe(s1);
    await machine.harts.release();
    expect(machine.harts.held).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    await machine.harts.hold();
    expect(reg(0, S1)).toBeGreaterThan(s1);
    await machine.harts.release();
  });
});
