// Two harts' threads driving the one block queue at once, as a kernel does:
// each adds its request to the available ring under a (guest) lock, notifies
// from its own thread, and waits for its status byte. Every request completes
// with OK, the used index counts each once, and every write lands in the file.
// (Mutual exclusion itself is proved in shared-lock.test.ts: duplicate service
// of an idempotent write would not show here.)
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Plic } from '../../host/devices/plic.js';
import { VirtioBlk } from '../../host/devices/virtio-blk.js';
import { guest, wasm } from '../../host/platform.js';
import { transpileDevices } from './host-for-workers.js';
import { makeMemory, TEST_RAM_BYTES } from './shared-memory.js';
import { AVAIL, BUFFERS, DESC, QUEUE_SIZE, TestDriver } from './virtio-driver.js';

const PER_THREAD = 60;

const workerSource = `
const { workerData: d, parentPort } = require('node:worker_threads');
Promise.all([import(d.blkUrl), import(d.plicUrl), import(d.lockUrl)]).then(([{ VirtioBlk }, { Plic }, { SharedLock }]) => {
  const dev = new VirtioBlk(d.memory, d.ramBytes, d.disk, new Plic(d.memory, 2));
  const view = new DataView(d.memory.buffer);
  const u8 = new Uint8Array(d.memory.buffer);
  const u16 = new Uint16Array(d.memory.buffer);
  const guestLock = new SharedLock(new Int32Array(d.lockBuffer), 0);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const at = (p) => d.ramBase + (p - d.guestRamBase);
  const first = 3 * d.id;
  const hdr = d.buffers + 0x1000 * d.id, data = hdr + 0x200, status = hdr + 0x40;
  const desc = (i, addr, len, flags, next) => {
    const a = at(d.desc + 16 * i);
    view.setBigUint64(a, BigInt(addr), true); view.setUint32(a + 8, len, true);
    view.setUint16(a + 12, flags, true); view.setUint16(a + 14, next, true);
  };
  desc(first, hdr, 16, 1, first + 1);
  desc(first + 1, data, 512, 1, first + 2);
  desc(first + 2, status, 1, 2, 0);
  for (let i = 0; i < d.count; i++) {
    const sector = d.id * d.count + i;
    view.setUint32(at(hdr), 1, true);
    view.setBigUint64(at(hdr + 8), BigInt(sector), true);
    u8.fill(sector & 0xff, at(data), at(data) + 512);
    Atomics.store(u8, at(status), 0xff);
    guestLock.acquire();
    const idx = Atomics.load(u16, at(d.avail + 2) >> 1);
    view.setUint16(at(d.avail + 4 + 2 * (idx % d.qsize)), first, true);
    Atomics.store(u16, at(d.avail + 2) >> 1, (idx + 1) & 0xffff);
    guestLock.release();
    dev.write(0x50, 4, 0);
    while (Atomics.load(u8, at(status)) === 0xff) Atomics.wait(nap, 0, 0, 0.05); // yield the core
    if (Atomics.load(u8, at(status)) !== 0) throw new Error('request failed');
  }
  parentPort.postMessage('done');
});
`;

describe('virtio-blk notified from two threads', () => {
  it('completes every request of both threads', async () => {
    const module = transpileDevices();
    const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-blk-'));
    const path = join(dir, 'disk.img');
    writeFileSync(path, new Uint8Array(2 * PER_THREAD * 512));
    const fd = openSync(path, 'r+');
    try {
      const disk = { fd, path, readonly: false, bytes: 2 * PER_THREAD * 512 };
      const memory = makeMemory();
      const plic = new Plic(memory, 2);
      plic.reset();
      const dev = new VirtioBlk(memory, TEST_RAM_BYTES, disk, plic);
      dev.reset();
      const drv = new TestDriver(memory, dev);
      drv.init();
      const lockBuffer = new SharedArrayBuffer(4);
      const workers = [0, 1].map((id) => new Worker(workerSource, {
        eval: true,
        workerData: {
          blkUrl: module('devices/virtio-blk.js'), plicUrl: module('devices/plic.js'), lockUrl: module('devices/shared-lock.js'),
          memory, lockBuffer, disk, id, count: PER_THREAD, ramBytes: TEST_RAM_BYTES, qsize: QUEUE_SIZE,
          desc: DESC, avail: AVAIL, buffers: BUFFERS, ramBase: wasm.GUEST_RAM_BASE, guestRamBase: guest.RAM_BASE,
        },
      }));
      await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
      expect(drv.usedIdx()).toBe(2 * PER_THREAD);
      const heads = Array.from({ length: QUEUE_SIZE }, (_, i) => drv.usedElem(i).id);
      expect(heads.every((h) => h === 0 || h === 3)).toBe(true);
      const image = readFileSync(path);
      for (let sector = 0; sector < 2 * PER_THREAD; sector++) {
        expect(image.subarray(sector * 512, sector * 512 + 512).every((b) => b === (sector & 0xff)), `sector ${sector}`).toBe(true);
      }
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true });
    }
  });
});
