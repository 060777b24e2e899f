// Output into a pipe whose reader stops early (`xv6-wasm ... | head`): the
// emulator stops quietly with status 0, as shell pipelines expect, never
// with an EPIPE stack trace.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from './cli.js';

function firstLineThenClose(args: string[]): Promise<{ code: number | null; stderr: string; line: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/xv6-wasm.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let line = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', (d) => {
      line = String(d).split('\n')[0];
      child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, line });
    });
  });
}

describe('output into a closed pipe', () => {
  test('run --trace stops quietly when the reader goes away', async () => {
    const r = await firstLineThenClose(['run', join(root, 'build/test/riscv/hang.elf'), '--trace']);
    expect(r.line).toMatch(/^0 0000000080000000 /);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
