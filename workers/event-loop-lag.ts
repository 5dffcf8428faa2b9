import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface LagSnapshot {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * How late the event loop runs timers: BullMQ renews job locks from a timer, so a long synchronous
 * stretch (e.g. parsing a large report's text) would show here before it cost a lock.
 */
export class EventLoopLag {
  readonly #histogram: IntervalHistogram;

  constructor(resolutionMs = 10) {
    this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.#histogram.enable();
  }

  snapshot(): LagSnapshot {
    const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
    const h = this.#histogram;
    return h.count === 0 ? { p50Ms: 0, p99Ms: 0, maxMs: 0 } : { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
  }

  reset(): void {
    this.#histogram.reset();
  }

  stop(): void {
    this.#histogram.disable();
  }
}
