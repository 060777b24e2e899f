// The user's terminal as the guest's console. On a TTY, stdin goes to raw
// mode so that every key (Ctrl-C included) reaches the guest, and Ctrl-A
// escapes talk to the emulator; the mode is restored however we exit. On a
// pipe, bytes pass through the same escape filter, and the end of input is
// not the end of the machine: the guest keeps running (and printing) until it
// powers off. A pipe is read only as fast as the guest takes input (see
// `throttle`); a terminal is always read, so Ctrl-A x works even while the
// guest ignores its input (a person types or pastes only so much).
import { ESCAPE_HELP, EscapeFilter } from './escape.js';

export interface TerminalHandlers {
  input(bytes: Uint8Array): void;
  quit(): void;
  /** Ctrl-A s; ignored where there is nothing to snapshot. */
  snapshot?(): void;
}

export class Terminal {
  private readonly stdin = process.stdin;
  private raw = false;
  private attached = false;
  private readonly escapes = new EscapeFilter();
  private readonly onData = (chunk: Buffer) => {
    const bytes = this.escapes.filter(chunk, (action) => {
      if (action === 'quit') this.handlers.quit();
      else if (action === 'snapshot') this.handlers.snapshot?.();
      else process.stderr.write(ESCAPE_HELP);
    });
    if (bytes.length > 0) this.handlers.input(bytes);
  };
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.detach();
    process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15));
  };

  constructor(private readonly handlers: TerminalHandlers) {}

  attach(): void {
    if (this.stdin.isTTY) {
      this.stdin.setRawMode(true);
      this.raw = true;
    }
    this.attached = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('error', () => {}); // a closed pipe on input is the same as its end
    this.stdin.resume();
    for (const s of ['SIGTERM', 'SIGHUP'] as const) process.once(s, this.onSignal);
  }

  /** Go on reading input, or pause (on a pipe) until asked again. */
  throttle(wantsInput: boolean): void {
    if (!this.attached || this.stdin.isTTY) return;
    if (wantsInput && this.stdin.isPaused()) this.stdin.resume();
    else if (!wantsInput && !this.stdin.isPaused()) this.stdin.pause();
  }

  detach(): void {
    this.attached = false;
    this.stdin.off('data', this.onData);
    this.stdin.pause();
    if (this.raw) {
      this.stdin.setRawMode(false);
      this.raw = false;
    }
    for (const s of ['SIGTERM', 'SIGHUP'] as const) process.off(s, this.onSignal);
  }
}
