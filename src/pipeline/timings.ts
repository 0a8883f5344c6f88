import { readFileSync } from 'node:fs';

/** Per-stage wall time of one document, in milliseconds. bench/ reads these; tests never time. */
export type Stage =
  | 'intake'
  | 'pages'
  | 'render'
  | 'preprocess'
  | 'lines'
  | 'ocr'
  | 'reread'
  | 'tables'
  | 'meta'
  | 'claims'
  | 'signatures'
  | 'verify';

export class Timings {
  readonly ms: Partial<Record<Stage, number>> = {};

  async time<T>(stage: Stage, fn: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.ms[stage] = (this.ms[stage] ?? 0) + performance.now() - t0;
    }
  }

  timeSync<T>(stage: Stage, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.ms[stage] = (this.ms[stage] ?? 0) + performance.now() - t0;
    }
  }
}

/**
 * Resident memory of a process in MB (VmRSS of /proc/<pid>/status), 0 when unknown (not Linux, the
 * process gone). The upload checker's memory cap, the tests' and the benches' peak RSS read it.
 */
export function rssMb(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
