import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LockAbandoned, SharedLock } from '../../host/devices/shared-lock.js';
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

// Holds the lock for 1.5 s (longer than a waiter used to be patient): 1 in
// the protected word while inside, 2 just before it releases.
const slowHolderSource = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.url).then(({ SharedLock }) => {
  const words = new Int32Array(workerData.buffer);
  const plain = new Float64Array(workerData.plain);
  const lock = new SharedLock(words, 0, 1);
  lock.acquire();
  plain[0] = 1;
  parentPort.postMessage('holding');
  Atomics.wait(words, 1, 0, 1500);
  plain[0] = 2;
  lock.release();
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

  it('never breaks a lock: the main thread waits out a slow live holder', async () => {
    const url = transpileDevices()('devices/shared-lock.js');
    const buffer = new SharedArrayBuffer(8);
    const plain = new SharedArrayBuffer(16);
    const holder = new Worker(slowHolderSource, { eval: true, workerData: { url, buffer, plain } });
    await new Promise((resolve) => holder.once('message', resolve));
    const lock = new SharedLock(new Int32Array(buffer), 0, 1);
    lock.acquire();
    // Entered only after the holder left: it wrote 2 on its way out.
    expect(new Float64Array(plain)[0]).toBe(2);
    lock.release();
    await holder.terminate();
  });

  it('gives up without entering once the machine stops and the holder is gone', () => {
    const words = new Int32Array(new SharedArrayBuffer(8));
    words[0] = 1; // held by a thread that was terminated
    words[1] = 6; // the machine is stopping
    const lock = new SharedLock(words, 0, 1);
    expect(() => lock.acquire()).toThrow(LockAbandoned);
    expect(words[0]).not.toBe(0);
  });
});
