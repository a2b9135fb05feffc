/** One line naming what the numbers were measured on, since they mean nothing without it. */
import os from 'node:os';

/** Node, platform and CPU, then the bench's own `extra` parts (package versions, memory...), then the load. */
export function describeMachine(extra: readonly string[] = []): string {
  const model = os.cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return [
    `node ${process.version}`,
    `${os.platform()} ${os.arch()}`,
    `${os.availableParallelism()} cores (${model})`,
    ...extra,
    // Other work on the machine skews the numbers; say how busy it was (1, 5 and 15 minutes).
    `load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ].join(' · ');
}
