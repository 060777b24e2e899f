// The real TUI in tmux, as a user sees it: the root pane reaches the shell
// prompt, typing reaches the focused pane only, a pgroup gets a pane of its
// own (when the kernel publishes its table), Ctrl-A keys, resize, a window
// too small, a kernel panic, and the terminal left as it was on the way out.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { projectRoot } from '../../host/platform.js';
import { haveTmux, region, TmuxSession } from './tmux.js';

const kernel = join(projectRoot, 'build/kernel/kernel');
const fsImage = join(projectRoot, 'build/fs.img');
const ready = haveTmux && existsSync(kernel) && existsSync(fsImage);

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

interface Run {
  tmux: TmuxSession;
  /** Resolves with the exit status, stderr and `stty -a` after the TUI ended. */
  exited(): Promise<{ code: number; stderr: string; stty: string }>;
}

/** `xv6-wasm tui` on a copy of the disk (or `disk`) in a width x height window. */
function start(width: number, height: number, args: string[] = [], disk?: string): Run {
  const dir = mkdtempSync(join(tmpdir(), 'xv6-tui-'));
  const image = disk ?? join(dir, 'fs.img');
  if (!disk) copyFileSync(fsImage, image);
  const f = (name: string) => join(dir, name);
  const command = `node bin/xv6-wasm.js tui --disk '${image}' ${args.join(' ')} 2>'${f('stderr')}'; `
    + `echo $? >'${f('code.tmp')}'; stty -a >'${f('stty')}'; mv '${f('code.tmp')}' '${f('code')}'; sleep 600`;
  const tmux = new TmuxSession(projectRoot, command, width, height);
  cleanups.push(() => { tmux.kill(); rmSync(dir, { recursive: true, force: true }); });
  return {
    tmux,
    async exited() {
      await tmux.waitFor('exit', () => existsSync(f('code')));
      return { code: Number(readFileSync(f('code'), 'utf8')), stderr: readFileSync(f('stderr'), 'utf8'), stty: readFileSync(f('stty'), 'utf8') };
    },
  };
}

const has = (re: RegExp) => (rows: string[]) => re.test(rows.join('\n'));
const prompt = has(/│\$ +│/);

// The terminal is back in its cooked mode: line editing and echo on.
function expectRestored(stty: string) {
  expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
  expect(stty).toMatch(/(^|\s)echo(\s|$)/);
}

describe.skipIf(!ready)('the TUI in tmux', () => {
  test('boots to the prompt in the root pane, echoes, and Ctrl-A x quits with the terminal restored', async () => {
    const run = start(120, 40);
    const { tmux } = run;
    let rows = await tmux.waitFor('root prompt', prompt);
    expect(rows[0]).toMatch(/^┌─ \[0\] /);
    // The status bar: a hart, MIPS, uptime, the disk and the key hint.
    expect(rows[39]).toMatch(/h0 .*MIPS {2}up \d+:\d\d:\d\d {2}disk r \d+ w \d+ {2}C-a h help/);
    tmux.type('echo hi');
    tmux.keys('Enter');
    rows = await tmux.waitFor('echo output', has(/│hi +│/));
    expect(rows.join('\n')).toMatch(/│\$ echo hi +│/);
    tmux.keys('C-a', 'h');
    await tmux.waitFor('help overlay', has(/C-a z +zoom the focused pane/));
    tmux.keys('q');
    await tmux.waitFor('help closed', (r) => !has(/C-a z +zoom/)(r));
    tmux.keys('C-a', 'x');
    const { code, stderr, stty } = await run.exited();
    expect(code).toBe(0);
    expect(stderr).toBe('xv6-wasm: terminated by Ctrl-A x\n');
    expectRestored(stty);
    // The alternate screen is gone: no pane border is left behind.
    expect(tmux.screen().join('\n')).not.toMatch(/[┌└│]/);
  });

  test('a pgroup gets its own pane; typing reaches the focused pane only; freeze, zoom and resize', async () => {
    const run = start(200, 50, ['--cores', '2']);
    const { tmux } = run;
    await tmux.waitFor('root prompt', prompt);
    tmux.type('pgroup create web -m 4M');
    tmux.keys('Enter');
    let rows = await tmux.waitFor('a second pane', has(/┐┌─ \[1\] web {2}running {2}pids \d+ {2}mem [\d.]+[KM]\/4\.0M {2}cpu \d+%/));
    expect(rows[1]).toMatch(/^│mem .*% peak .*││mem .*% peak/);
    expect(rows[2]).toMatch(/^│cpu .*%│/);
    await tmux.waitFor('the web prompt', (r) => /\$ +│$/.test(region(r, 100, 100).split('\n')[3] ?? ''));
    tmux.keys('C-a', '1');
    tmux.type('echo hello-web');
    tmux.keys('Enter');
    rows = await tmux.waitFor('output in the web pane', (r) => region(r, 100, 100).includes('│hello-web'));
    expect(region(rows, 0, 100)).not.toContain('hello-web');
    tmux.keys('C-a', '0');
    tmux.type('pgroup freeze web');
    tmux.keys('Enter');
    await tmux.waitFor('FROZEN', has(/\[1\] web {2}FROZEN/));
    // The root pane's pgroup ls agrees with the title.
    tmux.type('pgroup ls');
    tmux.keys('Enter');
    await tmux.waitFor('web frozen in pgroup ls', (r) => /│1 +web +frozen +\d+\/max +[\d.]+[KM]\/4M /.test(region(r, 0, 100)));
    tmux.resize(100, 30);
    // Two panes of 50 columns each, the second's border ending at the new right edge.
    await tmux.waitFor('the new layout', (r) => /^┌─ \[0\] .*┐┌─ \[1\] web.*┐$/.test(r[0]) && [...r[0]].indexOf('┐') === 49 && [...r[0]].length === 100);
    tmux.keys('C-a', 'z');
    await tmux.waitFor('root zoomed', (r) => !r[0].includes('[1] web') && /┐$/.test(r[0]));
    tmux.keys('C-a', 'x');
    const { code, stty } = await run.exited();
    expect(code).toBe(0);
    expectRestored(stty);
  });

  test('a window smaller than 80x24 shows one line asking for a bigger one, and still quits', async () => {
    const run = start(70, 20);
    const rows = await run.tmux.waitFor('the too-small line', has(/make it at least 80x24/));
    expect(rows.filter((r) => r.trim() !== '')).toHaveLength(1);
    run.tmux.keys('C-a', 'x');
    expect((await run.exited()).code).toBe(0);
  });

  test('a kernel panic restores the terminal, prints message and backtrace on stderr, and exits as boot does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xv6-tui-junk-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const junk = join(dir, 'junk.img');
    writeFileSync(junk, Buffer.alloc(2 * 1024 * 1024, 0x5a));
    const run = start(120, 40, [], junk);
    const { code, stderr, stty } = await run.exited();
    expect(code).toBe(1);
    expect(stderr).toMatch(/^panic: fsinit: not a file-system image\nhart 0\nbacktrace:\n( {2}0x[0-9a-f]+\n)+/);
    expect(stderr).toMatch(/xv6-wasm: the guest powered off with failure code 1 after a kernel panic: fsinit: not a file-system image\n$/);
    expectRestored(stty);
  });
});
