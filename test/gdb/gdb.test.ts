// GDB against our kernel (build/kernel/kernel), as a student would use it:
// gdb-multiarch in batch mode on 1 and 2 harts. Skipped without gdb-multiarch.
import { afterEach, describe, expect, it } from 'vitest';
import { bootDebugged, canBoot, gdbBatch, hasGdb, startGdb, type Debugged } from './debugged.js';

let m: Debugged | null = null;
afterEach(async () => {
  await m?.close();
  m = null;
});

/** The line number GDB shows for frame 0 in `frame` output that follows `marker`. */
function lineAfter(out: string, marker: string): number {
  const at = out.indexOf(marker);
  const f = /#0\s+main \(\) at kernel\/main\.c:(\d+)/.exec(out.slice(at));
  return f ? Number(f[1]) : -1;
}

describe.skipIf(!hasGdb || !canBoot).each([1, 2])('gdb-multiarch on %i hart(s)', (cores) => {
  it('stops at main from the first instruction, steps, watches a kernel variable, and steps through sret into user mode', async () => {
    m = await bootDebugged(cores, true);
    const out = await gdbBatch(m.port, [
      'info threads',
      'p/x $pc',
      'break main thread 1',
      'continue',
      'echo ==at-main\\n',
      'info symbol $pc',
      'bt',
      'echo ==before-next\\n', 'frame',
      'next',
      'echo ==after-next\\n', 'frame',
      'p $priv',
      'delete',
      'break usertrapret',
      'continue',
      'delete',
      'while $priv != 0',
      '  stepi',
      'end',
      'echo ==in-user\\n',
      'p $priv',
      'p $pc == $sepc',
      'p/x $sstatus & 0x100',
      // Back in the kernel, where ticks is mapped; it moves with the timer.
      'break usertrap',
      'continue',
      'delete',
      'watch ticks',
      'continue',
      'delete',
      'detach',
    ]);
    // Every hart is a thread, all held at the reset vector.
    for (let t = 1; t <= cores; t++) expect(out).toMatch(new RegExp(`^\\*?\\s+${t}\\s+Thread ${t} \\(hart ${t - 1}, M-mode\\)`, 'm'));
    expect(out).toMatch(/\$1 = 0x80000000/);
    expect(out).toMatch(/Thread 1 "?[^\n]*hit Breakpoint 1, main \(\) at kernel\/main\.c:\d+|Breakpoint 1, main \(\) at kernel\/main\.c:\d+/);
    expect(out.slice(out.indexOf('==at-main'))).toMatch(/main( \+ \d+)? in section \.text/);
    expect(out.slice(out.indexOf('==at-main'))).toMatch(/#0\s+main \(\) at kernel\/main\.c:\d+/);
    expect(lineAfter(out, '==after-next')).toBeGreaterThan(lineAfter(out, '==before-next'));
    expect(out).toMatch(/= 1\b.*\n?[^\n]*/); // priv in main: S-mode
    expect(out).toMatch(/Hardware watchpoint 4: ticks\s+Old value = (\d+)\s+New value = (\d+)/);
    const w = /Old value = (\d+)\s+New value = (\d+)/.exec(out)!;
    expect(Number(w[2])).toBe(Number(w[1]) + 1);
    expect(out).toMatch(/Breakpoint 2, usertrapret \(\) at kernel\/trap\.c:\d+/);
    const user = out.slice(out.indexOf('==in-user'));
    expect(user).toMatch(/\$\d+ = 0\s/);
    expect(user).toMatch(/\$\d+ = 1\s/);
    expect(user).toMatch(/\$\d+ = 0x0\s/);
    expect(out).toMatch(/\(Remote target\) detached/);
    // Detached: the machine runs on to the shell.
    await m.guest.waitFor(/\$ $/, 60_000);
    expect(await m.guest.run('echo still-running')).toMatch(/still-running/);
  });

  it('breaks in syscall after a command is typed, reads kernel variables, and breaks in a user program', async () => {
    m = await bootDebugged(cores, false);
    await m.guest.waitFor(/\$ $/, 60_000);
    const gdb = startGdb(m.port, [
      'break syscall',
      'echo ==continuing\\n',
      'continue',
      'echo ==in-syscall\\n',
      'bt',
      'p cpus[$_thread - 1].proc->name',
      'p machine.nharts',
      'p/x $priv',
      'delete',
      'add-symbol-file build/user/_echo',
      'break echo.c:main',
      'continue',
      'echo ==in-echo\\n',
      'p $priv',
      'p argc',
      'x/s argv[1]',
      'stepi',
      'stepi',
      'p $priv',
      'delete',
      'detach',
    ]);
    try {
      await gdb.waitFor(/==continuing/, 30_000);
      const from = m.guest.output.length;
      m.guest.type('echo from-the-console');
      await gdb.waitFor(/==in-echo[^]*detached/, 60_000);
      await gdb.exited;
      const out = gdb.output;
      const sys = out.slice(out.indexOf('==in-syscall'));
      expect(out).toMatch(/Breakpoint 1, syscall \(\) at kernel\/syscall\.c:\d+/);
      expect(sys).toMatch(/#0\s+syscall \(\)/);
      expect(sys).toMatch(/#1\s+0x[0-9a-f]+ in usertrap \(\)|#1\s+usertrap \(\)/);
      expect(sys).toMatch(/\$1 = "sh\\000/);
      expect(sys).toMatch(new RegExp(`\\$2 = ${cores}\\s`));
      expect(sys).toMatch(/\$3 = 0x1/);
      const echo = out.slice(out.indexOf('==in-echo'));
      expect(out).toMatch(/Breakpoint 2, main \(argc=2, argv=0x[0-9a-f]+\) at user\/echo\.c:\d+/);
      expect(echo).toMatch(/\$4 = 0\s/);
      expect(echo).toMatch(/\$5 = 2\s/);
      expect(echo).toMatch(/"from-the-console"/);
      expect(echo).toMatch(/\$6 = 0\s/);
      await m.guest.waitFor(/from-the-console\r?\n\$ $/, 60_000, from);
    } finally {
      gdb.kill();
    }
  });
});
