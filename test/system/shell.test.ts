// The system as a user meets it: boot to the shell prompt, run commands and
// pipelines, use the shell's redirections, lists, groups and background
// jobs, and power off with halt (the machine exits 0). The commands share
// one guest on 2 harts, as a user's session would; the 1-hart boot and the
// halt have their own.
import { afterEach, describe, expect, it } from 'vitest';
import { Session, boot, sharedGuest, command, machines, report } from './session.js';

/** Runs ps until its output matches (a RegExp: returns the match) or passes the check. */
async function until(s: Session, want: RegExp | ((ps: string) => boolean), ms = 15_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ps = await command(s, 'ps');
    const m = want instanceof RegExp ? ps.match(want) : want(ps) ? ([ps] as RegExpMatchArray) : null;
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`ps never showed ${want}; last:\n${ps}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

for (const target of machines) {
  describe.skipIf(!target.available)(`shell on ${target.name}`, () => {
    let s: Session | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });

    it('boots to the prompt on 1 hart', async () => {
      s = await boot(target, 1);
      report(`${target.name} boot to prompt, 1 hart`, s.bootSeconds);
      expect(s.guest.output).toContain('init: starting sh');
    });

    describe('sharing one guest on 2 harts', () => {
      const shared = sharedGuest(target, 2);

      it('boots to the prompt on 2 harts', () => {
        const s = shared();
        report(`${target.name} boot to prompt, 2 harts`, s.bootSeconds);
        expect(s.guest.output).toMatch(/\$ $/);
      });

      it('runs a pipeline: echo hello | wc', async () => {
        const s = shared();
        expect(await command(s, 'echo hello | wc')).toBe('1 1 6 \n');
        expect(await command(s, 'echo one two three | grep t.*e | wc')).toBe('1 3 14 \n');
      });

      it('redirects, appends, sequences and groups commands', async () => {
        const s = shared();
        expect(await command(s, 'echo first > out; echo second >> out; cat < out')).toBe('first\nsecond\n');
        expect(await command(s, 'wc out')).toBe('2 2 13 out\n');
        expect(await command(s, '(echo a; echo b; echo c) | grep ^b$')).toBe('b\n');
        expect(await command(s, 'echo x > out; cat out')).toBe('x\n');
        expect(await command(s, 'nosuchprogram')).toBe('exec nosuchprogram failed\n');
      });

      it('changes directory, makes, links and removes files', async () => {
        const s = shared();
        expect(await command(s, 'mkdir dir')).toBe('');
        expect(await command(s, 'cd dir')).toBe('');
        expect(await command(s, 'echo inside > f; ln f g; cat g')).toBe('inside\n');
        expect(await command(s, 'ls')).toMatch(/^\.\s+1 .*\n\.\.\s+1 .*\nf\s+2 \d+ 7\ng\s+2 \d+ 7\n$/);
        expect(await command(s, 'rm f; cat g; rm g')).toBe('inside\n');
        expect(await command(s, 'cd ..')).toBe('');
        expect(await command(s, 'rm dir; ls dir')).toBe('ls: cannot open dir\n');
      });

      it('runs a job in the background with &', async () => {
        const s = shared();
        const from = s.guest.output.length;
        s.guest.type('sleepy & echo now');
        // "sleepy" does not exist: its error comes from the background child,
        // "now" from the foreground, and the prompt comes back either way.
        await s.guest.waitFor(/now\n[^]*\$ /, 30_000, from);
        // The whole line: the child may write its newline after the next prompt.
        await s.guest.waitFor(/exec sleepy failed\r?\n/, 30_000, from);
        expect(await command(s, 'echo still here')).toBe('still here\n');
      });

      it('kills a live process with kill, and init reaps an orphaned zombie', async () => {
        const s = shared();
        // A live process, found with ps and killed by its pid.
        await command(s, 'hog spin &');
        const spinner = await until(s, /^\s*(\d+)\s+\S+\s+(running|runnable)\s+\d+\s+hog\s*$/m);
        expect(await command(s, `kill ${spinner[1]}`)).toBe('');
        await until(s, (ps) => !/\bhog\s*$/m.test(ps));
        expect(await command(s, 'kill 999')).toBe('kill: no process 999\n');
        // zombie's child exits at once and is not waited for: a zombie until
        // its parent ends (3 s), then init's to reap.
        await command(s, 'zombie 30 &');
        await until(s, /\bzombie\s+\d+\s+zombie\s*$/m);
        await until(s, (ps) => !/\bzombie\s*$/m.test(ps), 30_000);
        expect(await command(s, 'forktest', 120_000)).toBe('fork test\nfork test OK\n');
        expect(await command(s, 'stressfs', 120_000)).toBe('stressfs starting\nstressfs ok\n');
      });
    });

    it('powers off with halt and the machine exits 0', async () => {
      s = await boot(target, 2);
      expect(await s.guest.halt()).toBe(0);
    });
  });
}
