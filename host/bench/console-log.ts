// Everything a guest printed on its console, and waiting for a pattern to
// appear in it. Both sides of a benchmark (our machine, QEMU) feed one.

export class ConsoleLog {
  private text = '';
  private waiters: (() => void)[] = [];
  private closedWith: string | null = null;

  append(chunk: string): void {
    this.text += chunk;
    this.wakeAll();
  }

  /** The guest is gone (exited, crashed): waits fail from now on with `why`. */
  close(why: string): void {
    this.closedWith = why;
    this.wakeAll();
  }

  get length(): number {
    return this.text.length;
  }

  tail(chars = 400): string {
    return this.text.slice(-chars);
  }

  /**
   * Resolves with the end offset of the first match of `pattern` at or after
   * `from`, and the time it was seen; rejects after `timeoutMs` or when the
   * guest goes away.
   */
  waitFor(pattern: RegExp, from: number, timeoutMs: number): Promise<{ end: number; at: number }> {
    const re = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g');
    return new Promise((resolve, reject) => {
      const look = (): boolean => {
        re.lastIndex = from;
        const m = re.exec(this.text);
        if (m) {
          finish();
          resolve({ end: m.index + m[0].length, at: performance.now() });
          return true;
        }
        if (this.closedWith !== null) {
          finish();
          reject(new Error(`${this.closedWith} while waiting for ${pattern} (last output: ${JSON.stringify(this.tail(200))})`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${pattern} (last output: ${JSON.stringify(this.tail(200))})`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      const check = () => { look(); };
      if (!look()) this.waiters.push(check);
    });
  }

  private wakeAll(): void {
    for (const w of [...this.waiters]) w();
  }
}
