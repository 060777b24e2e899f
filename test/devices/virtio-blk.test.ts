import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskFile } from '../../host/devices/device.js';
import { Plic } from '../../host/devices/plic.js';
import { diskCounters, VirtioBlk } from '../../host/devices/virtio-blk.js';
import { guest, wasm } from '../../host/platform.js';
import { makeMemory, TEST_RAM_BYTES, word } from './shared-memory.js';
import { BUFFERS, TestDriver, WRITE } from './virtio-driver.js';

const T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8;
const HDR = BUFFERS;
const DATA = BUFFERS + 0x1000;
const STATUS = BUFFERS + 0x800;
const SECTORS = 64;

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

function diskFile(opts: { readonly?: boolean; extraBytes?: number } = {}): DiskFile {
  const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-blk-'));
  const path = join(dir, 'disk.img');
  const image = new Uint8Array(SECTORS * 512 + (opts.extraBytes ?? 0));
  for (let i = 0; i < image.length; i++) image[i] = (i * 7 + (i >> 9)) & 0xff;
  writeFileSync(path, image);
  const fd = openSync(path, opts.readonly ? 'r' : 'r+');
  cleanups.push(() => { closeSync(fd); rmSync(dir, { recursive: true }); });
  return { fd, path, readonly: opts.readonly ?? false, bytes: image.length };
}

function setup(disk: DiskFile | null) {
  const memory = makeMemory();
  const plic = new Plic(memory, 1);
  plic.reset();
  const dev = new VirtioBlk(memory, TEST_RAM_BYTES, disk, plic);
  dev.reset();
  const drv = new TestDriver(memory, dev);
  const line = () => (plic.read(0x1000, 4) >>> guest.VIRTIO0_IRQ) & 1;
  return { memory, dev, drv, line };
}

const pattern = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) & 0xff);
const pagegen = (memory: WebAssembly.Memory, paddr: number) =>
  word(memory, wasm.PAGEGEN_BASE + 4 * ((paddr - guest.RAM_BASE) >>> 12));

describe('virtio-blk', () => {
  it('identifies as a modern virtio-mmio block device with its capacity rounded down to sectors', () => {
    const { drv } = setup(diskFile({ extraBytes: 300 }));
    expect(drv.reg(0x000)).toBe(0x74726976);
    expect(drv.reg(0x004)).toBe(2);
    expect(drv.reg(0x008)).toBe(2);
    expect(drv.reg(0x100)).toBe(SECTORS);
    expect(drv.reg(0x104)).toBe(0);
    drv.setReg(0x014, 1);
    expect(drv.reg(0x010) & 1).toBe(1); // VIRTIO_F_VERSION_1
    drv.setReg(0x014, 0);
    const low = drv.reg(0x010);
    expect(low & (1 << 9)).not.toBe(0); // FLUSH
    expect(low & (1 << 5)).toBe(0); // not RO
    expect(low & (1 << 28)).toBe(0); // no indirect descriptors
    expect(drv.reg(0x034)).toBeGreaterThanOrEqual(8);
  });

  it('offers VIRTIO_BLK_F_RO for a read-only disk', () => {
    const { drv } = setup(diskFile({ readonly: true }));
    expect(drv.reg(0x010) & (1 << 5)).not.toBe(0);
  });

  it('is an empty slot (device id 0) without a disk', () => {
    const { drv } = setup(null);
    expect(drv.reg(0x000)).toBe(0x74726976);
    expect(drv.reg(0x008)).toBe(0);
  });

  it('refuses FEATURES_OK when the driver asks for a feature it was not offered', () => {
    const { drv } = setup(diskFile());
    expect(drv.init(1 << 28) & 8).toBe(0);
    expect(drv.init(1 << 9) & 8).toBe(8);
  });

  it('writes through to the file and reads back, completing in the used ring with an interrupt', () => {
    const disk = diskFile();
    const { memory, drv, line } = setup(disk);
    drv.init(1 << 9);
    const data = pattern(1024, 1);
    drv.put(DATA, data);
    drv.header(HDR, T_OUT, 5);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: DATA, len: 1024, flags: 0 }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.u8(STATUS)).toBe(0);
    expect(drv.usedIdx()).toBe(1);
    expect(drv.usedElem(0)).toEqual({ id: 0, len: 1 });
    expect(Buffer.from(readFileSync(disk.path).subarray(5 * 512, 5 * 512 + 1024)).equals(Buffer.from(data))).toBe(true);
    expect(drv.reg(0x060)).toBe(1);
    expect(line()).toBe(1);
    drv.setReg(0x064, 1);
    expect(drv.reg(0x060)).toBe(0);
    expect(line()).toBe(0);

    // Read it back with the header split over two descriptors and the data
    // over two more, into a buffer that crosses a page boundary.
    const into = DATA + 0x2000 - 100;
    const before = [pagegen(memory, into), pagegen(memory, into + 1000)];
    drv.header(HDR, T_IN, 5);
    drv.submit([
      { addr: HDR, len: 10, flags: 0 }, { addr: HDR + 10, len: 6, flags: 0 },
      { addr: into, len: 512, flags: WRITE }, { addr: into + 512, len: 512, flags: WRITE },
      { addr: STATUS, len: 1, flags: WRITE },
    ]);
    expect(drv.u8(STATUS)).toBe(0);
    expect(drv.get(into, 1024)).toEqual(data);
    expect(drv.usedIdx()).toBe(2);
    expect(drv.usedElem(1)).toEqual({ id: 0, len: 1025 });
    // Both pages the DMA wrote got a new generation (decoded-code invalidation).
    expect(pagegen(memory, into)).toBeGreaterThan(before[0]);
    expect(pagegen(memory, into + 1000)).toBeGreaterThan(before[1]);
  });

  it('answers FLUSH and GET_ID, and UNSUPP for an unknown request', () => {
    const { drv } = setup(diskFile());
    drv.init();
    drv.header(HDR, T_FLUSH, 0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.u8(STATUS)).toBe(0);
    drv.header(HDR, T_GET_ID, 0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: DATA, len: 20, flags: WRITE }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.u8(STATUS)).toBe(0);
    expect(new TextDecoder().decode(drv.get(DATA, 20)).replace(/\0+$/, '')).toBe('xv6-wasm-disk');
    drv.header(HDR, 99, 0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.u8(STATUS)).toBe(2);
  });

  it('fails writes to a read-only disk with IOERR and leaves the file alone', () => {
    const disk = diskFile({ readonly: true });
    const original = readFileSync(disk.path);
    const { drv } = setup(disk);
    drv.init();
    drv.put(DATA, pattern(512, 9));
    drv.header(HDR, T_OUT, 0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: DATA, len: 512, flags: 0 }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.u8(STATUS)).toBe(1);
    expect(readFileSync(disk.path).equals(original)).toBe(true);
  });

  it('fails requests past the end of the disk with IOERR', () => {
    const { drv } = setup(diskFile({ extraBytes: 300 }));
    drv.init();
    drv.header(HDR, T_IN, SECTORS);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: DATA, len: 512, flags: WRITE }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.u8(STATUS)).toBe(1);
  });

  it('fails a request whose data lies outside guest RAM with IOERR, without touching the host', () => {
    const { drv } = setup(diskFile());
    drv.init();
    for (const addr of [0x10000000, guest.RAM_BASE + TEST_RAM_BYTES - 100, 2 ** 40]) {
      drv.put(STATUS, Uint8Array.of(0xff));
      drv.header(HDR, T_IN, 0);
      drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr, len: 512, flags: WRITE }, { addr: STATUS, len: 1, flags: WRITE }]);
      expect(drv.u8(STATUS)).toBe(1);
    }
    expect(drv.usedIdx()).toBe(3);
  });

  it('asks for a reset when it cannot even report a status, and works again after one', () => {
    const { drv, line } = setup(diskFile());
    drv.init();
    drv.header(HDR, T_IN, 0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: 0x1000, len: 1, flags: WRITE }]);
    expect(drv.reg(0x070) & 64).toBe(64); // DEVICE_NEEDS_RESET
    expect(drv.reg(0x060) & 2).toBe(2); // configuration change interrupt
    expect(line()).toBe(1);
    expect(drv.usedIdx()).toBe(0);
    drv.init();
    expect(line()).toBe(0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: DATA, len: 512, flags: WRITE }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.u8(STATUS)).toBe(0);
  });

  it('completes without an interrupt while the driver suppresses them', () => {
    const { drv, line } = setup(diskFile());
    drv.init();
    drv.setAvailFlags(1);
    drv.header(HDR, T_FLUSH, 0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(drv.usedIdx()).toBe(1);
    expect(line()).toBe(0);
  });

  it('counts read and write requests for the host, across a driver reset, until power-on', () => {
    const { memory, dev, drv } = setup(diskFile());
    drv.init();
    const request = (type: number) => {
      drv.header(HDR, type, 1);
      const data = { addr: DATA, len: 512, flags: type === T_IN ? WRITE : 0 };
      drv.submit([{ addr: HDR, len: 16, flags: 0 }, data, { addr: STATUS, len: 1, flags: WRITE }]);
    };
    request(T_IN);
    request(T_OUT);
    request(T_IN);
    drv.header(HDR, T_FLUSH, 0);
    drv.submit([{ addr: HDR, len: 16, flags: 0 }, { addr: STATUS, len: 1, flags: WRITE }]);
    expect(diskCounters(memory)).toEqual({ reads: 2, writes: 1 });
    drv.setReg(0x070, 0);
    expect(diskCounters(memory)).toEqual({ reads: 2, writes: 1 });
    dev.reset();
    expect(diskCounters(memory)).toEqual({ reads: 0, writes: 0 });
  });
});
