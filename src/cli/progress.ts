/** A progress bar on stderr; stdout stays for data. */
export interface Progress {
  /** Where it stands; `total` may grow (discovery finds more providers category by category). */
  update(done: number, total: number): void;
  /** Take the bar off the screen (the result follows on its own line). */
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A bar with an ETA when stderr is a terminal; nothing otherwise, so logs and pipes get no control codes.
 * cli-progress is loaded only then.
 */
export async function startProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
  if (!stream.isTTY) return NONE;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      etaAsynchronousUpdate: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    update(done, newTotal) {
      if (newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.update(done);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
