// Two harts' threads claiming from the same PLIC at once, as two harts
// taking the same shared interrupt do: every request is claimed exactly once.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Plic } from '../../host/devices/plic.js';
import { transpileDevices } from './host-for-workers.js';
import { makeMemory } from './shared-memory.js';

const ENABLE = (ctx: number) => 0x2000 + 0x80 * ctx;
const PRIORITY = (id: number) => 4 * id;
const SOURCES = 31;
const ROUNDS = 100;

// Each worker is hart h's thread: claim on its S context; for every claim,
// service the "device" (lower its line), count it, complete it.
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.plicUrl).then(({ Plic }) => {
  const plic = new Plic(workerData.memory, 2);
  const counts = new Int32Array(workerData.counts);
  const claim = 0x200004 + 0x1000 * workerData.ctx;
  let mine = 0;
  while (Atomics.load(counts, 0) === 0) {
    const id = plic.read(claim, 4);
    if (id === 0) continue;
    plic.lower(id);
    Atomics.add(counts, id, 1);
    plic.write(claim, 4, id);
    mine++;
  }
  parentPort.postMessage(mine);
});
`;

describe('PLIC claim from two threads', () => {
  it('hands each request to exactly one hart', async () => {
    const url = transpileDevices()('devices/plic.js');
    const memory = makeMemory();
    const plic = new Plic(memory, 2);
    plic.reset();
    for (let id = 1; id <= SOURCES; id++) plic.write(PRIORITY(id), 4, 1 + (id % 7));
    plic.write(ENABLE(1), 4, 0xfffffffe);
    plic.write(ENABLE(3), 4, 0xfffffffe);
    const counts = new Int32Array(new SharedArrayBuffer(4 * (SOURCES + 1)));
    const workers = [1, 3].map((ctx) => new Worker(workerSource, {
      eval: true, workerData: { plicUrl: url, memory, counts: counts.buffer, ctx },
    }));
    const claimedBy = workers.map((w) => new Promise<number>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    }));
    const total = () => { let n = 0; for (let id = 1; id <= SOURCES; id++) n += Atomics.load(counts, id); return n; };
    for (let round = 0; round < ROUNDS; round++) {
      for (let id = 1; id <= SOURCES; id++) plic.raise(id);
      while (total() < SOURCES * (round + 1)) await new Promise((r) => setImmediate(r));
    }
    Atomics.store(counts, 0, 1);
    const perWorker = await Promise.all(claimedBy);
    for (let id = 1; id <= SOURCES; id++) expect(Atomics.load(counts, id), `source ${id}`).toBe(ROUNDS);
    expect(perWorker[0] + perWorker[1]).toBe(SOURCES * ROUNDS);
    // Both threads really took part.
    expect(perWorker[0]).toBeGreaterThan(0);
    expect(perWorker[1]).toBeGreaterThan(0);
  });
});
