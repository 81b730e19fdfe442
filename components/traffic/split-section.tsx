'use client';
import { useEffect, useRef, useState } from 'react';
import { useActionRunner } from '@/components/actions/use-action';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { sampleSplit } from '@/lib/api/traffic';
import { useTrafficRun } from '@/lib/hooks/use-traffic';
import type { CanaryGroup } from '@/lib/models/canary';
import { TRAFFIC_LIMITS } from '@/lib/models/traffic';
import { Field, INPUT, NumberField, NumbersHead } from './traffic-controls';
import { useTrafficGate } from './use-traffic-gate';

const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;

/** Ready pods per member, e.g. "echo-stable=3,echo-canary=1": a sample taken at other counts is stale. */
const readySignature = (g: CanaryGroup) => g.members.map((m) => `${m.deployment}=${m.readyPods}`).join(',');

/**
 * Story 003, measured: N requests through the Service, the share each member answered, against
 * the share its ready pods promise, with the 95 % range a sample of that size allows. Re-sampled on
 * demand, and (when on) once the ready pods settle after a scale.
 */
export function SplitSection({ namespace, group }: { namespace: string; group: CanaryGroup }) {
  const run = useTrafficRun(namespace, 'split', group.service);
  const gate = useTrafficGate(namespace, 'traffic');
  const { run: act, busy } = useActionRunner();
  const [samples, setSamples] = useState<number>(TRAFFIC_LIMITS.split.samplesDefault);
  const [path, setPath] = useState('/version');
  const [auto, setAuto] = useState(true);
  const running = run?.state === 'running';

  const sample = () =>
    act(
      'sample',
      'Sampling failed',
      () => sampleSplit(namespace, group.service, { samples, path }),
      (r) => ({ tone: 'ok', title: r.run.kind === 'split' ? (r.run.message ?? 'Sampled') : 'Sampled' }),
    );

  // after a scale: once the ready pods have stayed put for 3 s, sample again
  const signature = readySignature(group);
  const lastSampled = run
    ? Object.entries(run.replicas)
        .map(([d, n]) => `${d}=${n}`)
        .join(',')
    : null;
  const sampleRef = useRef(sample);
  useEffect(() => {
    sampleRef.current = sample;
  });
  useEffect(() => {
    if (
      !auto ||
      !gate.visible ||
      gate.reason ||
      !run ||
      running ||
      busy ||
      lastSampled === null ||
      lastSampled === signature
    )
      return;
    const t = setTimeout(() => void sampleRef.current(), 3_000);
    return () => clearTimeout(t);
  }, [auto, gate.visible, gate.reason, run, running, busy, lastSampled, signature]);

  return (
    <div
      className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800"
      data-testid="split-section"
      data-state={run?.state ?? 'idle'}
    >
      <div className="flex flex-wrap items-end justify-between gap-2">
        <p className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">
          Measured split (requests through the Service)
        </p>
        {gate.visible ? (
          <div className="flex flex-wrap items-end gap-2">
            <Field label="Path">
              <input
                className={`${INPUT} w-24 font-mono`}
                value={path}
                onChange={(e) => setPath(e.target.value)}
              />
            </Field>
            <NumberField
              label="Requests"
              width="w-20"
              min={10}
              max={TRAFFIC_LIMITS.split.samplesMax}
              value={samples}
              onChange={(v) => setSamples(Number(v))}
              testId="split-samples"
            />
            <Button
              size="md"
              variant="primary"
              disabledReason={gate.reason}
              disabled={busy !== null || running}
              onClick={() => void sample()}
              data-testid="split-sample"
            >
              {running ? 'Sampling…' : run ? 'Re-sample' : `Sample ${samples} requests`}
            </Button>
            <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300">
              <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
              again after each scale
            </label>
          </div>
        ) : null}
      </div>
      {run ? (
        <>
          <table className="w-full text-sm tabular-nums" data-testid="split-table">
            <NumbersHead
              cellClassName="py-1"
              columns={[
                'member',
                'expected',
                'measured',
                {
                  label: '95 % range',
                  title:
                    'the range 95 % of samples of this size fall in when traffic follows the expected share',
                },
                'answers',
              ]}
            />
            <tbody>
              {run.shares.map((s) => (
                <tr
                  key={s.deployment}
                  data-testid="split-row"
                  data-deployment={s.deployment}
                  data-measured={Math.round(s.measured * 1000) / 10}
                  data-expected={Math.round(s.expected * 1000) / 10}
                  data-outside={s.outside}
                >
                  <td className="py-1 font-medium">{s.deployment}</td>
                  <td className="py-1 text-right">{pct(s.expected)}</td>
                  <td
                    className={cn(
                      'py-1 text-right font-semibold',
                      s.outside && 'text-red-700 dark:text-red-400',
                    )}
                  >
                    {pct(s.measured)}
                  </td>
                  <td className="py-1 text-right text-slate-500">
                    {run.answered > 0 ? `${pct(s.low)} – ${pct(s.high)}` : '–'}
                  </td>
                  <td className="py-1 text-right">{s.responses}</td>
                  <td className="py-1 pl-2 text-right">
                    {run.answered === 0 ? null : s.outside ? (
                      <Badge tone="bad">outside</Badge>
                    ) : (
                      <Badge tone="ok">within</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p
            className={cn(
              'text-xs',
              run.answered === 0 && run.failed > 0
                ? 'text-red-700 dark:text-red-400'
                : 'text-slate-600 dark:text-slate-300',
            )}
            data-testid="split-message"
          >
            {running ? `${run.answered + run.failed + run.unattributed} of ${run.requested} requests… ` : ''}n
            = {run.answered}
            {run.failed > 0 ? `, ${run.failed} failed` : ''}
            {run.unattributed > 0 ? `, ${run.unattributed} from pods of no member` : ''} · {run.message}
          </p>
        </>
      ) : (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Not measured yet: the expected split above assumes every ready pod gets an equal share.
        </p>
      )}
    </div>
  );
}
