// The terminal inside a pane: an @xterm/headless terminal keeps the screen
// state of one console (wrap, CR/LF, backspace, tabs, ANSI sequences,
// scrollback) and blessed only draws it (paint.ts). UART bytes arrive a few
// at a time; xterm parses chunks ten times faster than single bytes, so
// they are gathered and written once per turn of the event loop.
import xterm from '@xterm/headless';

export const SCROLLBACK = 2000;

export class PaneTerminal {
  readonly term: xterm.Terminal;
  private pending: Uint8Array[] = [];
  private flushing = false;
  /** Bytes handed to xterm and not parsed yet. */
  private unparsed = 0;

  constructor(cols: number, rows: number, private readonly changed: () => void) {
    // xv6 writes a bare \n, which a real terminal shows right only because the tty layer adds the CR.
    this.term = new xterm.Terminal({ cols, rows, scrollback: SCROLLBACK, convertEol: true, allowProposedApi: true });
    this.term.onWriteParsed(() => this.changed());
  }

  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pending.push(bytes);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushing = false;
    const chunks = this.pending;
    this.pending = [];
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    this.unparsed += all.length;
    this.term.write(all, () => { this.unparsed -= all.length; });
  }

  /** Output waiting to be parsed, in bytes: what a reader may hold back on. */
  backlog(): number {
    return this.unparsed + this.pending.reduce((n, b) => n + b.length, 0);
  }

  resize(cols: number, rows: number): void {
    const c = Math.max(2, cols);
    const r = Math.max(1, rows);
    if (c !== this.term.cols || r !== this.term.rows) this.term.resize(c, r);
  }

  /** Scrolls the view by a fraction of its height (negative: back in time). */
  scrollPages(pages: number): void {
    this.term.scrollLines(Math.trunc(pages * this.term.rows) || Math.sign(pages));
    this.changed();
  }

  scrollLines(lines: number): void {
    this.term.scrollLines(lines);
    this.changed();
  }

  /** Typing brings the view back to the live screen, as in a real terminal. */
  follow(): void {
    const b = this.term.buffer.active;
    if (b.viewportY !== b.baseY) {
      this.term.scrollToBottom();
      this.changed();
    }
  }

  /** Lines of scrollback above the view; 0 when following the output. */
  scrolledBack(): number {
    const b = this.term.buffer.active;
    return b.baseY - b.viewportY;
  }

  dispose(): void {
    this.term.dispose();
  }
}
