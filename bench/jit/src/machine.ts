/** One line naming what the numbers were measured on, since they mean nothing without it. */
import os from 'node:os';
import { Utils } from '@mikro-orm/core';

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return [
    `node ${process.version}`,
    `${os.platform()} ${os.arch()}`,
    `${os.availableParallelism()} cores (${model})`,
    `MikroORM ${Utils.getORMVersion()} + SQLite in memory`,
    // Other work on the machine skews the numbers; say how busy it was.
    `load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ].join(' · ');
}
