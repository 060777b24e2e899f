// The messages the trial found wanting: each is one line naming the limit or
// the cause, and comes before any work is done, never as a stack trace or
// an "internal error". Checked in this process (test/cli/in-process.ts),
// except where the process's own limits are the point.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../host/platform.js';
import { xv6InProcess as xv6 } from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function oneLine(stderr: string, message: RegExp): void {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at |internal error/);
}

describe('mkfs', () => {
  test.each([
    ['99999999'], ['10'], ['lots'],
  ])('--size %s names the accepted range', async (size) => {
    const r = await xv6(['mkfs', '--size', size, join(dir, 'x.img')]);
    expect(r.code).toBe(1);
    oneLine(r.stderr, new RegExp(`^xv6-wasm mkfs: --size must be a whole number of blocks from 64 to 2097152 \\(2 GiB\\), not '${size}'\\n$`));
  });

  test('counts one file as "1 file"', async () => {
    writeFileSync(join(dir, 'one'), 'x');
    const r = await xv6(['mkfs', join(dir, 'one.img'), join(dir, 'one')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 20000 blocks, 1 file, console and \/dev\/console1..7\n$/);
  });
});

describe('bench', () => {
  test('--runs 0 gives an example of a run count', async () => {
    const r = await xv6(['bench', '--runs', '0']);
    expect(r.code).toBe(1);
    oneLine(r.stderr, /^xv6-wasm: --runs must be a positive whole number \(e\.g\. 3\), not '0'\n$/);
  });

  test('--json to a place that cannot be written is refused before the run', async () => {
    const start = performance.now();
    const r = await xv6(['bench', '--quick', '--qemu', 'off', '--json', join(dir, 'no/such/dir/out.json')]);
    expect(r.code).toBe(1);
    oneLine(r.stderr, /--json .*out\.json: cannot write there \(no such directory\)\n$/);
    expect(r.stdout).toBe('');
    expect(performance.now() - start).toBeLessThan(10_000);
    const d = await xv6(['bench', '--quick', '--qemu', 'off', '--json', dir]);
    oneLine(d.stderr, /--json .*: is a directory\n$/);
  });
});

describe('--mem the host cannot allocate', () => {
  test('is one line naming the cause, not an internal error', () => {
    const elf = join(projectRoot, 'build/test/riscv/rv64i.elf');
    const bin = join(projectRoot, 'bin/xv6-wasm.js');
    // An address-space limit makes any host short of memory for 2 GiB of guest RAM.
    const r = spawnSync('sh', ['-c', `ulimit -v 1500000; exec "${process.execPath}" "${bin}" run "${elf}" --mem 2G`], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    oneLine(r.stderr, /^xv6-wasm: --mem 2G: the host could not allocate the \d+ MiB this machine needs .*try a smaller --mem\n$/);
  });
});
