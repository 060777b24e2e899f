// Two harts running the same page: the second takes the function the first
// compiled for it instead of translating its own (host/jit/page-regions.ts),
// and gets the same results from it. Before, each hart built and compiled
// its own region of a shared page, and with every host core busy running a
// hart, that compiling (V8 tiers modules up on background threads) took
// the cores from the harts (docs/JIT.md, "Several harts").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Machine } from '../../host/machine/machine.js';
import { StopReason } from '../../host/machine/power.js';
import { wasm } from '../../host/platform.js';
import * as E from './rv-encode.js';

const RAM_BASE = 0x80000000;
const WORK = 0x1000;
const DATA = 0x2000;
const FINISHER = 0x100000;
const ITERATIONS = 1 << 16;
const A0 = 10, A1 = 11, A2 = 12, T0 = 5, T1 = 6, T2 = 7, RA = 1;

/** Hart 0 runs `work` (page 1), stores its result, and after a delay (for
 *  its compiled module to reach the other thread) raises a flag; hart 1
 *  waits for the flag (on page 0), runs `work` too, stores its result and
 *  stops the machine. */
function program(): Uint8Array {
  const image = new Uint8Array(0x3000);
  const view = new DataView(image.buffer);
  const put = (at: number, words: number[]) => words.forEach((w, i) => view.setUint32(at + 4 * i, w, true));
  put(0x000, [
    E.branch('bne', A0, 0, 0x40),               // hart 1 goes to 0x40
    E.jal(RA, WORK - 0x04),                     // a1 = work()
    E.auipc(T2, DATA >> 12), E.store('sd', A1, T2, -0x08), // t2 = DATA + 8
    E.lui(T0, 0x4000),                          // a delay of 0x4000000 / 2 rounds
    E.opImm('addi', T0, T0, -2), E.branch('bne', T0, 0, -4),
    E.opImm('addi', T1, 0, 1), E.store('sw', T1, T2, 0x08), // the flag, at DATA + 16
    E.jal(0, 0),
  ]);
  put(0x040, [
    E.auipc(T2, DATA >> 12), E.load('lw', T1, T2, -0x30), E.branch('beq', T1, 0, -4), // t2 = DATA + 0x40
    E.jal(RA, WORK - 0x4c),                     // a1 = work()
    E.store('sd', A1, T2, -0x38),
    E.lui(T2, FINISHER >> 12), E.lui(T1, 5), E.opImm('addi', T1, T1, 0x555), E.store('sw', T1, T2, 0),
    E.jal(0, 0),
  ]);
  put(WORK, [
    E.opImm('addi', T0, 0, 0), E.lui(T1, ITERATIONS >> 12), E.opImm('addi', A1, 0, 0), E.opImm('addi', A2, 0, 7),
    E.op('add', A1, A1, A2), E.shiftImm('slli', A2, A2, 1), E.op('xor', A2, A2, A1), E.opImm('addi', T0, T0, 1),
    E.branch('bne', T0, T1, -16),
    E.jalr(0, RA, 0),
  ]);
  return image;
}

function expected(): bigint {
  const mask = (1n << 64n) - 1n;
  let a1 = 0n, a2 = 7n;
  for (let i = 0; i < ITERATIONS; i++) {
    a1 = (a1 + a2) & mask;
    a2 = ((a2 << 1n) & mask) ^ a1;
  }
  return a1;
}

describe('the JIT on several harts', () => {
  beforeEach(() => {
    process.env.XV6_JIT_THRESHOLD = '20';
    process.env.XV6_JIT_WARMUP = '0';
  });
  afterEach(() => {
    delete process.env.XV6_JIT_THRESHOLD;
    delete process.env.XV6_JIT_WARMUP;
  });

  it('gives a hart the function another hart compiled for the same page', async () => {
    const image = program();
    const machine = await Machine.create({
      cores: 2, ramBytes: 16 * 2 ** 20, disk: null, htif: false, maxInsns: 200_000_000, trace: false, jit: 'on',
      image: { entry: RAM_BASE, segments: [{ paddr: RAM_BASE, offset: 0, data: image, memsz: image.length }], headersEnd: 0, file: image, symbols: new Map() },
    });
    const result = await machine.run();
    expect(result.reason).toBe(StopReason.PowerOff);
    const ram = Buffer.from(machine.views.u8.subarray(wasm.GUEST_RAM_BASE + DATA, wasm.GUEST_RAM_BASE + DATA + 16));
    expect(ram.readBigUInt64LE(0), 'hart 0 result').toBe(expected());
    expect(ram.readBigUInt64LE(8), 'hart 1 result').toBe(expected());
    expect(result.jit.adopted, 'pages a hart took from the other').toBeGreaterThanOrEqual(1);
  });
});
