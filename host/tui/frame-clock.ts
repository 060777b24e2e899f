// Renders coalesced: however many changes arrive, the screen is drawn at
// most once per frame (20 a second), and not at all while nothing changed.

const FRAME_MS = 50;

export class FrameClock {
  private timer: NodeJS.Timeout | null = null;
  private last = -Infinity;

  constructor(private readonly draw: () => void, private readonly now: () => number = () => performance.now()) {}

  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + FRAME_MS - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.last = this.now();
      this.draw();
    }, wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
