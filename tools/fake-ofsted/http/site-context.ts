import type { PdfStore } from '../reports/pdf-store.js';
import type { FakeScenario } from '../scenario/fake-scenario.js';
import type { SearchIndex } from '../search/search-index.js';
import type { SiteState } from '../site-state.js';

/** Timers that can all be cancelled at close, so a slow response never keeps the process alive. */
export class Sleeper {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  /** Resolves true after `ms`, or false at once if the site is closing. */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve(true);
      }, ms);
      this.pending.set(timer, () => resolve(false));
    });
  }

  cancelAll(): void {
    this.closed = true;
    for (const [timer, cancel] of this.pending) {
      clearTimeout(timer);
      cancel();
    }
    this.pending.clear();
  }
}

export interface SiteContext {
  scenario: FakeScenario;
  state: SiteState;
  search: SearchIndex;
  pdfs: PdfStore;
  sleeper: Sleeper;
  urls: { reports: string; files: string; other: string };
}
