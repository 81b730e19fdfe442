import type { ReactNode } from 'react';
import { SplitChart } from '@/components/charts/lazy-charts';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { SplitBar, type SplitSegment } from '@/components/ui/progress';
import { formatSelector } from '@/lib/models/labels';
import type { ObservedSplit } from '@/lib/models/appmetrics/observed-split';
import type { CanaryGroup } from '@/lib/models/canary';
import { ObservedSplitSection } from './observed-split';

export interface CanaryPanelProps {
  group: CanaryGroup;
  /** measured traffic share per member Deployment, 0..1 (measuredSplit of lib/models/canary) */
  measured?: Record<string, number>;
  /** draw the expected-vs-measured bar chart under the bars (when something was measured) */
  showChart?: boolean;
  /** the split real traffic got, from the pods' own counters (components/traffic asks for it) */
  observed?: { split: ObservedSplit; windowSeconds: number; notes: string[] };
  /** more sections at the bottom of the card (components/traffic: measured split, routes, actions) */
  children?: ReactNode;
}

// stable in sky, canaries in warm colours; the same colour in the bars and the member list
const MEMBER_COLORS = ['bg-sky-500', 'bg-amber-500', 'bg-violet-500', 'bg-pink-500', 'bg-teal-500'];
const OTHER_COLOR = 'bg-slate-400 dark:bg-slate-500';

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** One Service with two or more Deployments behind it: who gets which share of the traffic. */
export function CanaryPanel({ group, measured, observed, showChart = true, children }: CanaryPanelProps) {
  const colorOf = (i: number) => MEMBER_COLORS[i % MEMBER_COLORS.length] ?? OTHER_COLOR;
  const expected: SplitSegment[] = group.members.map((m, i) => ({
    key: m.deployment,
    label: m.deployment,
    share: m.expectedShare,
    className: colorOf(i),
  }));
  if (group.otherReadyPods > 0 && group.totalReadyPods > 0) {
    const share = group.otherReadyPods / group.totalReadyPods;
    expected.push({ key: '~other', label: 'other pods', share, className: OTHER_COLOR });
  }
  const hasMeasured = measured !== undefined && Object.values(measured).some((v) => v > 0);
  const measuredSegments: SplitSegment[] = group.members.map((m, i) => ({
    key: m.deployment,
    label: m.deployment,
    share: measured?.[m.deployment] ?? 0,
    className: colorOf(i),
  }));
  const describe = (segments: SplitSegment[]) => segments.map((s) => `${s.label} ${pct(s.share)}`).join(', ');

  return (
    <Card data-testid="canary-panel" data-service={group.service}>
      <CardHeader
        title={`Service ${group.service}`}
        description={`selects ${formatSelector(group.selector)} · ${group.totalReadyPods} ready endpoint${group.totalReadyPods === 1 ? '' : 's'}`}
      />
      <CardBody className="space-y-4">
        <div className="space-y-1">
          <p className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">
            Expected split (ready pods)
          </p>
          <SplitBar segments={expected} label={`Expected traffic split: ${describe(expected)}`} />
        </div>
        {hasMeasured ? (
          <div className="space-y-1" data-testid="canary-measured">
            <p className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">
              Measured split (responses)
            </p>
            <SplitBar
              segments={measuredSegments}
              label={`Measured traffic split: ${describe(measuredSegments)}`}
            />
          </div>
        ) : null}
        {observed ? (
          <ObservedSplitSection
            observed={observed.split}
            windowSeconds={observed.windowSeconds}
            notes={observed.notes}
            colorOf={(d) =>
              colorOf(
                Math.max(
                  0,
                  group.members.findIndex((m) => m.deployment === d),
                ),
              )
            }
          />
        ) : null}

        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Members">
          {group.members.map((m, i) => {
            const got = measured?.[m.deployment];
            return (
              <li
                key={m.deployment}
                data-testid="canary-member"
                data-deployment={m.deployment}
                data-role={m.role}
                data-expected={Math.round(m.expectedShare * 100)}
                data-measured={hasMeasured && got !== undefined ? Math.round(got * 100) : undefined}
                className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 py-2 text-sm"
              >
                <span aria-hidden="true" className={cn('size-3 rounded-sm', colorOf(i))} />
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{m.deployment}</span>
                    <Badge tone={m.role === 'canary' ? 'warn' : 'info'}>{m.role}</Badge>
                    {m.version ? <Badge tone="neutral">v {m.version}</Badge> : null}
                  </div>
                  <div className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">
                    {m.images.join(', ')}
                  </div>
                </div>
                <div className="text-right tabular-nums">
                  <div className="text-lg font-semibold">{pct(m.expectedShare)}</div>
                  <div className="text-xs text-slate-500 dark:text-slate-400">
                    {m.readyPods}/{m.desired} ready
                    {hasMeasured ? ` · measured ${pct(got ?? 0)}` : ''}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>

        {showChart && hasMeasured ? (
          <SplitChart
            data={group.members.map((m) => ({
              name: m.deployment,
              expected: m.expectedShare * 100,
              measured: (measured?.[m.deployment] ?? 0) * 100,
            }))}
          />
        ) : null}
        {children}
      </CardBody>
    </Card>
  );
}
