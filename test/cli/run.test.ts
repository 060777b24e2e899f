// `xv6-wasm run`: a bare-metal program's way of finishing becomes the
// emulator's exit status, UART0 is stdout and stdin, and the limits hold.
import { afterAll, describe, expect, test } from 'vitest';
import { haveCrossCompiler } from '../host/toolchain.js';
import { runInProcess } from '../riscv/in-process.js';
import { xv6 } from './cli.js';
import { program, removePrograms } from './programs.js';

afterAll(removePrograms);

describe.skipIf(!haveCrossCompiler())('run', () => {
  test('tohost = 1 passes: exit 0, nothing on stderr', async () => {
    const r = await xv6(['run', program('pass')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('tohost = (3 << 1) | 1 fails test 3: exit 3 and says so', async () => {
    const r = await xv6(['run', program('fail3')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/fail3\.elf: failed test 3\n$/);
  });

  test('the test finisher: pass exits 0, fail exits with its code', async () => {
    expect((await xv6(['run', program('finisher-pass')])).code).toBe(0);
    const r = await xv6(['run', program('finisher-fail5')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/finisher-fail5\.elf: failed test 5 \(test finisher\)\n$/);
  });

  test('UART0 output is stdout', async () => {
    const r = await xv6(['run', program('hello')]);
    expect(r.stdout).toBe('hello, world\n');
    expect(r.code).toBe(0);
  });

  test('stdin reaches UART0, and its end does not stop the guest', async () => {
    const r = await xv6(['run', program('echo')], { input: 'abc\nq' });
    expect(r.stdout).toBe('abc\nqbye');
    expect(r.code).toBe(0);
  });

  test('a reset through the finisher restarts the program, keeping RAM', async () => {
    const r = await xv6(['run', program('reset')]);
    expect(r.stdout).toBe('12');
    expect(r.code).toBe(0);
  });

  test('--max-insns stops a program that never finishes: exit 2 with a message', async () => {
    const r = await xv6(['run', '--max-insns', '100000', program('loop')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loop\.elf: stopped after --max-insns 100000 instructions/);
  });

  test('a guest caught in a trap loop (retiring nothing) is still stopped by --max-insns', async () => {
    const r = await xv6(['run', '--max-insns', '200000', program('illegal')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  test('Ctrl-A x quits a program that never finishes', async () => {
    const r = await xv6(['run', program('loop')], { input: '\x01x', timeoutMs: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/terminated by Ctrl-A x/);
  });

  test('--trace prints hart, pc, raw instruction, disassembly and the register written', async () => {
    const r = await xv6(['run', '--trace', program('trace')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^0 0000000080000000 00a00513 addi a0,zero,10 +a0=000000000000000a$/);
    expect(lines[1]).toMatch(/^0 0000000080000004     0515 c\.addi a0,5 +a0=000000000000000f$/);
    // A store writes no register: the line ends after the disassembly.
    expect(lines.find((l) => / sd t0,0\(t1\)$/.test(l))).toBeDefined();
  });

  test('--stats prints instructions and MIPS per hart and in total', async () => {
    const r = await xv6(['run', '--stats', '--max-insns', '1000000', program('loop')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hart 0 +\d+ instructions [\d.]+ s +[\d.]+ MIPS$/m);
    expect(r.stderr).toMatch(/^total +\d+ instructions/m);
  });

  // About the machine rather than the CLI: run without a process of their own.
  test.each([1, 2, 4, 8])('%i harts start at the entry with a0 = hartid, a1 = the device tree, and share memory', async (n) => {
    const r = await runInProcess(program('harts', { NHARTS: n }), { cores: n });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
