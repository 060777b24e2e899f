// Ctrl-A s in the TUI and `tui --restore`: the panes come back with their
// screens painted again (the group's too) and go on answering.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../host/platform.js';
import { haveTmux, TmuxSession } from '../tui/tmux.js';

const fsImage = join(projectRoot, 'build/fs.img');
const ready = haveTmux && existsSync(join(projectRoot, 'build/kernel/kernel')) && existsSync(fsImage);
const dir = mkdtempSync(join(tmpdir(), 'xv6-snaptui-'));
const sessions: TmuxSession[] = [];
afterAll(() => {
  for (const s of sessions) s.kill();
  rmSync(dir, { recursive: true, force: true });
});

const has = (re: RegExp) => (rows: string[]) => re.test(rows.join('\n'));

/** `xv6-wasm tui ARGS` in tmux; its stderr and exit status land in dir/NAME.*. */
function tui(name: string, args: string): { tmux: TmuxSession; exited: () => Promise<{ code: number; stderr: string }> } {
  const f = (ext: string) => join(dir, `${name}.${ext}`);
  const tmux = new TmuxSession(projectRoot, `node bin/xv6-wasm.js tui ${args} 2>'${f('stderr')}'; echo $? >'${f('tmp')}'; mv '${f('tmp')}' '${f('code')}'; sleep 600`, 160, 40);
  sessions.push(tmux);
  return {
    tmux,
    async exited() {
      await tmux.waitFor('exit', () => existsSync(f('code')));
      return { code: Number(readFileSync(f('code'), 'utf8')), stderr: readFileSync(f('stderr'), 'utf8') };
    },
  };
}

describe.skipIf(!ready)('snapshots in the TUI', () => {
  test('Ctrl-A s saves, tui --restore brings back both panes, their screens and their shells', async () => {
    const disk = join(dir, 'fs.img');
    copyFileSync(fsImage, disk);
    const first = tui('first', `--disk '${disk}' --cores 2`);
    await first.tmux.waitFor('root prompt', has(/│\$ +│/));
    first.tmux.type('pgroup create web -m 4M');
    first.tmux.keys('Enter');
    await first.tmux.waitFor('the web pane', has(/\[1\] web/));
    first.tmux.type('echo marker-root');
    first.tmux.keys('Enter');
    await first.tmux.waitFor('the echo', has(/│marker-root +│/));
    first.tmux.keys('C-a', 's');
    await first.tmux.waitFor('the notice', has(/snapshot saved to/));
    first.tmux.keys('C-a', 'x');
    const done = await first.exited();
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/snapshot saved to \S+fs\.img\.snap/);

    const again = tui('again', `--restore '${disk}.snap'`);
    const rows = await again.tmux.waitFor('both panes, repainted', has(/\[1\] web[\s\S]*marker-root|marker-root[\s\S]*\[1\] web/));
    expect(rows.join('\n')).toMatch(/\[0\] root/);
    again.tmux.type('echo after-restore');
    again.tmux.keys('Enter');
    await again.tmux.waitFor('the root shell answering', has(/│after-restore +│/));
    again.tmux.keys('C-a', 'x');
    expect((await again.exited()).code).toBe(0);
  }, 180_000);
});
