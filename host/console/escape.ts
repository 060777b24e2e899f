// QEMU's console escapes on stdin: Ctrl-A then a key is a command for the
// emulator, not input for the guest. Ctrl-A x quits, Ctrl-A s saves a
// snapshot (as QEMU's monitor savevm would), Ctrl-A h shows help, Ctrl-A
// Ctrl-A sends one Ctrl-A to the guest; other keys after Ctrl-A are
// dropped, as in QEMU.

export const CTRL_A = 0x01;

export type EscapeAction = 'quit' | 'help' | 'snapshot';

// Bare newlines: raw mode (libuv's) leaves output processing on, so the
// terminal itself turns each into CR LF.
export const ESCAPE_HELP = [
  'C-a h    print this help',
  'C-a x    exit emulator',
  'C-a s    save a snapshot of the machine (boot --restore FILE goes on from it)',
  'C-a C-a  sends C-a',
].join('\n') + '\n';

/** Splits input into bytes for the guest and escape commands, keeping state across chunks. */
export class EscapeFilter {
  private pending = false;

  /** Returns the bytes meant for the guest; calls onAction for each command, in order. */
  filter(chunk: Uint8Array, onAction: (a: EscapeAction) => void): Uint8Array {
    const out: number[] = [];
    for (const b of chunk) {
      if (!this.pending) {
        if (b === CTRL_A) this.pending = true;
        else out.push(b);
        continue;
      }
      this.pending = false;
      if (b === CTRL_A) out.push(CTRL_A);
      else if (b === 0x78 /* x */) {
        onAction('quit');
        break; // nothing typed after a quit matters
      } else if (b === 0x68 /* h */) onAction('help');
      else if (b === 0x73 /* s */) onAction('snapshot');
    }
    return Uint8Array.from(out);
  }
}
