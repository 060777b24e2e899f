// The last bytes a console showed, kept so that a snapshot can paint the
// screen again when it is restored (the new terminal or pane starts blank).
export const TAIL_BYTES = 16 * 1024;

export class OutputTail {
  private chunks: Uint8Array[] = [];
  private length = 0;

  constructor(private readonly limit = TAIL_BYTES) {}

  add(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes.slice());
    this.length += bytes.length;
    // Trimmed in batches, so a console printing a byte at a time costs no copying per byte.
    if (this.length > 2 * this.limit) {
      this.chunks = [this.bytes()];
      this.length = this.chunks[0].length;
    }
  }

  bytes(): Uint8Array {
    const all = Buffer.concat(this.chunks);
    return all.length > this.limit ? all.subarray(all.length - this.limit) : all;
  }
}
