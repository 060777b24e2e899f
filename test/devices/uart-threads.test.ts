// Two harts' threads printing to UART0 at full speed, without even looking at
// LSR, while the main thread drains as the machine does (CTL_EVENT with
// Atomics.waitAsync): every byte arrives, each thread's bytes in order.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { eventIndex } from '../../host/devices/signals.js';
import { Plic } from '../../host/devices/plic.js';
import { UartConsole } from '../../host/devices/uart-console.js';
import { UartState } from '../../host/devices/uart-state.js';
import { transpileDevices } from './host-for-workers.js';
import { makeMemory } from './shared-memory.js';

const PER_THREAD = 30000;

const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
Promise.all([import(workerData.uartUrl), import(workerData.plicUrl)]).then(([{ Uart16550 }, { Plic }]) => {
  const uart = new Uart16550(workerData.memory, 0, new Plic(workerData.memory, 2));
  for (let i = 0; i < workerData.count; i++) uart.write(0, 1, (workerData.id << 7) | (i & 0x7f));
  parentPort.postMessage('done');
});
`;

interface WaitAsync { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }

describe('UART output from two threads', () => {
  it('loses and reorders nothing when the ring fills up', async () => {
    const module = transpileDevices();
    const memory = makeMemory();
    const plic = new Plic(memory, 2);
    plic.reset();
    new UartState(memory, 0, plic).reset();
    const console = new UartConsole(memory, 0, plic);
    const words = new Int32Array(memory.buffer);
    const workers = [0, 1].map((id) => new Worker(workerSource, {
      eval: true,
      workerData: { uartUrl: module('devices/uart16550.js'), plicUrl: module('devices/plic.js'), memory, id, count: PER_THREAD },
    }));
    const finished = Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));

    let done = false;
    void finished.then(() => { done = true; Atomics.store(words, eventIndex(), 1); Atomics.notify(words, eventIndex()); });
    const received: number[] = [];
    for (;;) {
      Atomics.store(words, eventIndex(), 0);
      for (const b of console.takeTx()) received.push(b);
      if (done && console.pendingTx() === 0) break;
      const w = (Atomics as unknown as WaitAsync).waitAsync(words, eventIndex(), 0);
      if (w.async) await w.value;
    }
    expect(received.length).toBe(2 * PER_THREAD);
    for (const id of [0, 1]) {
      const mine = received.filter((b) => b >> 7 === id).map((b) => b & 0x7f);
      expect(mine.length).toBe(PER_THREAD);
      expect(mine.every((v, i) => v === (i & 0x7f))).toBe(true);
    }
  }, 60_000);
});
