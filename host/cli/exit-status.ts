// How a stopped machine becomes the emulator's exit status and its last
// words on stderr, the same for every front end (`run`, `boot`, `tui`).
import type { MachineResult } from '../machine/machine.js';
import { StopReason } from '../machine/power.js';

export const say = (line: string) => process.stderr.write(`xv6-wasm: ${line}\n`);

/** What a front end knows of the program it ran, for messages. */
export interface ExitContext {
  /** The program's file name. */
  file: string;
  /** A bare-metal program that reports through tohost or the finisher. */
  htif: boolean;
  maxInsns: number;
}

/** The end of what the guest printed on one console, kept to name a kernel
 *  panic after the machine stops. Only console output belongs here: trace
 *  lines are many and never a panic. */
export class ConsoleTail {
  private text = '';
  private readonly decoder = new TextDecoder();

  add(bytes: Uint8Array): void {
    this.text = (this.text + this.decoder.decode(bytes, { stream: true })).slice(-4096);
  }

  /** The last "panic: ..." line, if any. */
  panicLine(): string | null {
    const all = [...this.text.matchAll(/panic: ([^\r\n]*)/g)];
    return all.length ? all[all.length - 1][0] : null;
  }

  /** Everything from the last "panic: " on (message, hart, backtrace), or null. */
  panicReport(): string | null {
    const at = this.text.lastIndexOf('panic: ');
    return at < 0 ? null : this.text.slice(at).replace(/\r\n/g, '\n');
  }
}

export function exitStatus(r: MachineResult, o: ExitContext, panic: string | null): number {
  const code = Math.min(r.exitCode, 255);
  switch (r.reason) {
    case StopReason.PowerOff:
      // A bare-metal program (`run`) reports a failed check through the
      // finisher just as through tohost; a kernel (`boot`) just fails.
      if (r.exitCode !== 0) {
        say(o.htif ? `${o.file}: failed test ${r.exitCode} (test finisher)`
          : `the guest powered off with failure code ${r.exitCode}${panic ? ` after a kernel ${panic}` : ''}`);
      }
      return code;
    case StopReason.Htif:
      if (r.exitCode !== 0) say(`${o.file}: failed test ${r.exitCode}`);
      return code;
    case StopReason.InsnLimit:
      say(`${o.file}: stopped after --max-insns ${o.maxInsns} instructions on a hart without finishing`);
      return 2;
    case StopReason.UserQuit:
      say('terminated by Ctrl-A x');
      return code;
    case StopReason.DebuggerKill:
      say('killed from GDB');
      return code;
    case StopReason.OutputClosed:
      return code;
    default:
      return code === 0 ? 70 : code;
  }
}
