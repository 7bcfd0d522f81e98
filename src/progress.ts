import cliProgress from "cli-progress";

/**
 * Progress of long work on a terminal, drawn by cli-progress: seeding (files written, then the
 * contradictions decided), the first run's Neo4j download, and any command working through many
 * files. Off a terminal (a log, CI) nothing is drawn: callers print their summary lines only.
 */

/** `done` of `total` units of a step named `label`; a step ends when `done` reaches `total`. */
export interface Progress {
  (done: number, total: number, label: string): void;
}

const drawn = () => process.stderr.isTTY === true;

/** A bar on stderr for work whose size is known, or undefined off a terminal. */
export function progressBar(): Progress | undefined {
  if (!drawn()) return undefined;
  const bar = new cliProgress.SingleBar(
    { format: "[{bar}] {percentage}% {value}/{total} {label}", hideCursor: true, barsize: 30 },
    cliProgress.Presets.legacy,
  );
  let running = false;
  return (done, total, label) => {
    if (!running) bar.start(total, done, { label });
    else {
      bar.setTotal(total);
      bar.update(done, { label });
    }
    running = done < total;
    if (!running) bar.stop();
  };
}

/** A running count on stderr for work whose size is not known ("312 files downloaded, 41 s"), or undefined off a terminal. */
export function progressCount(unit: string): { tick(): void; stop(): void } | undefined {
  if (!drawn()) return undefined;
  const bar = new cliProgress.SingleBar({ format: `  {value} ${unit}, {duration} s`, hideCursor: true });
  bar.start(0, 0);
  let count = 0;
  return {
    tick: () => bar.update(++count),
    stop: () => bar.stop(),
  };
}
