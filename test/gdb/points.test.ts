// Breakpoints and watchpoints in the core (assembly/execute/debug.ts) as the
// stub sets them (host/gdb/breakpoints.ts), on a bare-metal program and 2
// harts: a hart stops before the instruction (breakpoint) or before the store
// (watchpoint), says so, and every hart holds; with the tables empty again
// nothing stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DebugTables } from '../../host/gdb/breakpoints.js';
import type { Machine } from '../../host/machine/machine.js';
import { heldCount, holdReason, holdRequested, HoldWhy } from '../../host/machine/pause.js';
import { debug, guest, hartsave } from '../../host/platform.js';
import { runProgram, type Running } from '../host/running-machine.js';

const S1 = 9;
const NHARTS = 2;
let machine: Machine;
let running: Running;
let tables: DebugTables;
let words = 0;

const saved = (h: number, field: number) => machine.views.hartBigU64(h, field);

/** Waits until a hart asked for the hold by itself, then completes it. */
async function nextStop(ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!holdRequested(machine.views.i32)) {
    if (Date.now() > deadline) throw new Error('no hart stopped');
    await new Promise((r) => setTimeout(r, 2));
  }
  expect(await machine.harts.hold()).toBe(true);
  expect(heldCount(machine.views.i32)).toBe(NHARTS);
}

const stoppedBy = (why: number) => Array.from({ length: NHARTS }, (_, h) => h).filter((h) => holdReason(machine.views.i32, h) === why);

beforeAll(async () => {
  running = await runProgram('store', NHARTS);
  machine = running.machine;
  words = running.image.symbols.get('words')!;
  tables = new DebugTables(machine.views);
  // Let both harts decode and run the loop first: a breakpoint must reach
  // code already decoded.
  await new Promise((r) => setTimeout(r, 100));
});

afterAll(() => running.stop());

describe('breakpoints and watchpoints in the core', () => {
  it('stops a hart before a store into a watched range, which it has not made', async () => {
    await machine.harts.hold();
    const word1 = BigInt(words + 8);
    tables.addWatch(word1, 8n);
    await machine.harts.release();
    await nextStop();
    expect(stoppedBy(HoldWhy.Watchpoint)).toEqual([1]);
    expect(saved(1, hartsave.HSV_PC)).toBe(BigInt(guest.RAM_BASE + 0x14));
    expect(saved(1, debug.HS_DEBUG_ADDR)).toBe(word1);
    const at = machine.views.ramOffset(words + 8, 8);
    expect(machine.views.u64[at >> 3]).toBe(saved(1, hartsave.HSV_REGS + 8 * S1) - 1n);
    tables.removeWatch(word1, 8n);
    await machine.harts.step(1);
    expect(machine.views.u64[at >> 3]).toBe(saved(1, hartsave.HSV_REGS + 8 * S1));
    await machine.harts.release();
  });

  it('stops a hart before a breakpoint in code it has already decoded, and every hart holds', async () => {
    await machine.harts.hold();
    const loop = BigInt(guest.RAM_BASE + 0x10);
    tables.addBreak(loop);
    await machine.harts.release();
    await nextStop();
    const hit = stoppedBy(HoldWhy.Breakpoint);
    expect(hit.length).toBeGreaterThan(0);
    for (const h of hit) expect(saved(h, hartsave.HSV_PC)).toBe(loop);
    // Held, nothing moves.
    const s1 = [0, 1].map((h) => saved(h, hartsave.HSV_REGS + 8 * S1));
    await new Promise((r) => setTimeout(r, 30));
    expect([0, 1].map((h) => saved(h, hartsave.HSV_REGS + 8 * S1))).toEqual(s1);
    // The breakpointed hart stops there again, on each turn of the loop.
    await machine.harts.step(hit[0]);
    expect(saved(hit[0], hartsave.HSV_PC)).toBe(loop + 4n);
    await machine.harts.release();
    await nextStop();
    expect(stoppedBy(HoldWhy.Breakpoint).length).toBeGreaterThan(0);
    tables.removeBreak(loop);
    await machine.harts.release();
  });

  it('runs on with nothing set', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(holdRequested(machine.views.i32)).toBe(false);
  });
});
