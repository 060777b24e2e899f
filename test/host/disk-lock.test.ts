// The image lock's holder files: a live holder conflicts, a dead one (its
// pid gone, or reused by a process that started later) is cleared away.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DiskLockError, lockDisk, processStart } from '../../host/machine/disk-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-locks-'));
const saved = process.env.XV6_WASM_LOCK_DIR;
beforeAll(() => { process.env.XV6_WASM_LOCK_DIR = dir; });
afterAll(() => {
  if (saved === undefined) delete process.env.XV6_WASM_LOCK_DIR; else process.env.XV6_WASM_LOCK_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

/** A pid that surely ran and has ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

function holder(dev: number, ino: number, pid: number, start: string, mode: 'w' | 'r'): void {
  writeFileSync(join(dir, `${dev}-${ino}.${pid}.${start}.0.${mode}`), `${pid}\n`);
}

describe('disk lock', () => {
  test('a writer excludes everyone; readers share; release lets the next in', () => {
    const w = lockDisk('a.img', 1, 10, true);
    expect(() => lockDisk('a.img', 1, 10, true)).toThrow(/a\.img: in use by this process, which has it open for writing/);
    expect(() => lockDisk('a.img', 1, 10, false)).toThrow(DiskLockError);
    w.release();
    const r1 = lockDisk('a.img', 1, 10, false);
    const r2 = lockDisk('a.img', 1, 10, false);
    expect(() => lockDisk('a.img', 1, 10, true)).toThrow(/open read-only/);
    r1.release();
    r2.release();
    lockDisk('a.img', 1, 10, true).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a holder whose process is gone is stale and removed', () => {
    holder(1, 11, deadPid(), processStart(process.pid) ?? '', 'w');
    lockDisk('b.img', 1, 11, true).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('dead holders of other images are swept away too, live ones stay', () => {
    holder(2, 20, deadPid(), '', 'w');
    holder(2, 21, process.ppid, processStart(process.ppid) ?? '', 'r');
    lockDisk('e.img', 1, 14, true).release();
    expect(readdirSync(dir)).toEqual([`2-21.${process.ppid}.${processStart(process.ppid) ?? ''}.0.r`]);
    rmSync(join(dir, readdirSync(dir)[0]));
  });

  test.skipIf(process.platform !== 'linux')('a holder whose pid now belongs to a later process is stale', () => {
    holder(1, 12, process.ppid, 'd50e3eed-1', 'w');
    lockDisk('c.img', 1, 12, true).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a live holder in another process is named by its pid', () => {
    holder(1, 13, process.ppid, processStart(process.ppid) ?? '', 'w');
    expect(() => lockDisk('d.img', 1, 13, false)).toThrow(new RegExp(`in use by process ${process.ppid}, which has it open for writing`));
    rmSync(join(dir, readdirSync(dir)[0]));
  });
});
