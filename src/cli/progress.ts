import { createRequire } from 'node:module';

/** A progress bar on stderr; stdout stays for data. */
export interface Progress {
  /** Where it stands; `total` may grow (discovery finds more providers category by category). */
  update(done: number, total: number): void;
  /** Take the bar off the screen (the result follows on its own line). */
  stop(): void;
}

/**
 * A bar with an ETA when stderr is a terminal, drawn from the first update with something to do; nothing
 * otherwise, so logs and pipes get no control codes. cli-progress is loaded only when a bar is drawn.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: import('cli-progress').SingleBar | undefined;
  let stopped = false;
  return {
    update(done, total) {
      if (stopped || !stream.isTTY || total === 0) return;
      if (!bar) {
        const { SingleBar, Presets } = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
        bar = new SingleBar(
          {
            stream,
            format: `${label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 50,
          },
          Presets.shades_classic,
        );
        bar.start(total, done);
        return;
      }
      if (total !== bar.getTotal()) bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}
