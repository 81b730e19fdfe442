// Every figure is printed as it is measured, beside its target and the machine it ran on (cores,
// load average), and kept for bench/results/run-<time>.json. Nothing is asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../test/helpers/cluster';

export interface Figure {
  bench: string;
  figure: string;
  measured: string;
  target: string;
  /** true/false against the target; null when the figure has no target */
  met: boolean | null;
  cores: number;
  load: string;
  at: string;
}

const figures: Figure[] = [];

export const machine = () => ({
  cores: cpus().length,
  load: loadavg()
    .map((l) => l.toFixed(1))
    .join(' '),
});

export function record(
  bench: string,
  figure: string,
  measured: string,
  target = '—',
  met: boolean | null = null,
): void {
  const f: Figure = { bench, figure, measured, target, met, ...machine(), at: new Date().toISOString() };
  figures.push(f);
  const verdict = met === null ? '' : met ? '  ✓ met' : '  ✗ missed';
  console.log(
    `[${bench}] ${figure}: ${measured}  (target ${target})${verdict}  [${f.cores} cores, load ${f.load}]`,
  );
}

export function note(bench: string, text: string): void {
  console.log(`[${bench}] ${text}`);
}

export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN) : NaN;
}

export const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Writes the figures as JSON and a Markdown table for docs/performance.md; returns the paths. */
export function save(args: Record<string, unknown>): string {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `run-${stamp}.json`);
  writeFileSync(file, JSON.stringify({ args, machine: machine(), figures }, null, 2));
  const md = [
    '| figure | measured | target | met? | cores, load |',
    '| --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.bench}: ${f.figure} | ${f.measured} | ${f.target} | ${f.met === null ? '—' : f.met ? 'yes' : 'no'} | ${f.cores}, ${f.load} |`,
    ),
  ].join('\n');
  writeFileSync(file.replace(/\.json$/, '.md'), md + '\n');
  return file;
}
