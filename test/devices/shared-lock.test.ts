import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedLock } from '../../host/devices/shared-lock.js';
import { transpileDevices } from './host-for-workers.js';

const ITERATIONS = 20000;

// Read-modify-write of a plain (non-atomic) pair of words under the lock:
// without mutual exclusion, increments are lost and the two words disagree.
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.url).then(({ SharedLock }) => {
  const words = new Int32Array(workerData.buffer);
  const plain = new Float64Array(workerData.plain);
  const lock = new SharedLock(words, 0);
  for (let i = 0; i < workerData.iterations; i++) {
    lock.acquire();
    const v = plain[0];
    for (let k = 0; k < 20; k++) Atomics.load(words, 1);
    plain[0] = v + 1;
    plain[1] = plain[1] + 1;
    lock.release();
  }
  parentPort.postMessage('done');
});
`;

describe('SharedLock', () => {
  it('excludes other threads from the critical section', async () => {
    const url = transpileDevices()('devices/shared-lock.js');
    const buffer = new SharedArrayBuffer(8);
    const plain = new SharedArrayBuffer(16);
    const workers = [0, 1, 2].map(() => new Worker(workerSource, {
      eval: true, workerData: { url, buffer, plain, iterations: ITERATIONS },
    }));
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
    const counts = new Float64Array(plain);
    expect(counts[0]).toBe(3 * ITERATIONS);
    expect(counts[1]).toBe(3 * ITERATIONS);
    expect(Atomics.load(new Int32Array(buffer), 0)).toBe(0);
  });

  it('lets the main thread go on when a holder died with the lock held', () => {
    const words = new Int32Array(new SharedArrayBuffer(4));
    words[0] = 1; // held by a thread that will never release it
    const lock = new SharedLock(words, 0);
    lock.acquire();
    lock.release();
    expect(words[0]).toBe(0);
  });
});
