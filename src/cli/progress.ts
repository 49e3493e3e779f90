// A progress bar on stderr, only when someone is watching (a terminal) and the wait is long
// enough to matter; otherwise nothing, so logs and pipes stay clean.

import cliProgress from 'cli-progress';

export interface Progress {
  tick(done: number, label: string): void;
  stop(): void;
}

const QUIET: Progress = { tick: () => {}, stop: () => {} };

export function startProgress(total: number, { minimum = 4 }: { minimum?: number } = {}): Progress {
  if (total < minimum || !process.stderr.isTTY) return QUIET;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick: (done, label) => bar.update(done, { label }),
    stop: () => bar.stop(),
  };
}
