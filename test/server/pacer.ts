// Releases numbered steps at given times with ONE pending timer, not one timer per token:
// each tick hands over every step that is due, then sleeps until the next one. Due times are
// absolute, so timer lateness never accumulates and 10,000 tok/s keeps its average rate.
import { performance } from 'node:perf_hooks';

export class Pacer {
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /**
   * @param dueAt absolute performance.now() time of step i (non-decreasing in i)
   * @param count number of steps
   * @param release called with the due steps [from, to); it may call stop()
   */
  constructor(
    private readonly dueAt: (i: number) => number,
    private readonly count: number,
    private readonly release: (from: number, to: number) => void,
  ) {}

  start(): void {
    this.tick();
  }

  /** No more releases and no pending timer, at once. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    if (this.stopped) return;
    const now = performance.now();
    let to = this.next;
    while (to < this.count && this.dueAt(to) <= now) to++;
    if (to > this.next) {
      const from = this.next;
      this.next = to;
      this.release(from, to);
    }
    if (this.stopped || this.next >= this.count) return;
    this.timer = setTimeout(this.tick, Math.max(0, this.dueAt(this.next) - performance.now()));
  };
}
