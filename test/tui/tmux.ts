// A program in a detached tmux session of its own (a private server socket,
// no user configuration), looked at as a user would: capture-pane, polled
// until the screen shows what we wait for, never a fixed sleep.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const haveTmux = spawnSync('tmux', ['-V']).status === 0;

export class TmuxSession {
  // A server socket of our own, removed with its folder at the end (tmux leaves the file behind).
  private readonly dir = mkdtempSync(join(tmpdir(), 'xv6-tui-tmux-'));
  private readonly socket = join(this.dir, 'socket');

  constructor(cwd: string, command: string, width: number, height: number) {
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(width), '-y', String(height),
      '-c', cwd, '-e', 'TERM=xterm-256color', '-e', 'LANG=C.UTF-8', command);
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr.trim()}`);
    return r.stdout;
  }

  /** The screen as text, one string per row. */
  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', 'main').split('\n');
  }

  /** Keys as tmux's send-keys names them ('C-a', 'Enter'); `literal` types text as is. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(width), '-y', String(height));
  }

  /** Polls the screen until `pred` holds; throws with the last screen after `limitMs`. */
  async waitFor(what: string, pred: (rows: string[]) => boolean, limitMs = 60_000): Promise<string[]> {
    const end = performance.now() + limitMs;
    let rows = this.screen();
    while (!pred(rows)) {
      if (performance.now() > end) throw new Error(`no ${what} on the screen:\n${rows.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
      rows = this.screen();
    }
    return rows;
  }

  kill(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The text of the region of `rows` between columns [left, left + width). */
export const region = (rows: string[], left: number, width: number): string =>
  rows.map((r) => [...r].slice(left, left + width).join('')).join('\n');
