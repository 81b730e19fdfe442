import { Badge } from '@/components/ui/badge';
import type { Tone } from '@/components/ui/cn';
import type { Finding } from '@/lib/models/checks';

/** A best-practice finding as lib/models/checks.ts reports it (missing probe, no requests, one replica). */
export type FindingItem = Pick<Finding, 'id' | 'severity' | 'message'>;

/** Maps the severity words checkers use onto Podium's tones. */
export function severityTone(severity: string): Tone {
  // checks.ts says warning | info today; the stronger words are accepted for future checks
  const s = severity.toLowerCase();
  if (s === 'error' || s === 'bad' || s === 'critical' || s === 'high' || s === 'danger') return 'bad';
  if (s === 'warning' || s === 'warn' || s === 'medium') return 'warn';
  return 'info';
}

const ORDER: Record<Tone, number> = { bad: 0, warn: 1, info: 2, ok: 3, neutral: 4 };

export interface FindingsProps {
  findings: FindingItem[];
  /** shown when there is nothing to report */
  emptyText?: string;
  className?: string;
}

/** Best-practice findings for a Deployment, the worst first. */
export function Findings({
  findings,
  emptyText = 'No findings: probes, requests and replicas look right.',
  className,
}: FindingsProps) {
  const sorted = [...findings].sort(
    (a, b) => ORDER[severityTone(a.severity)] - ORDER[severityTone(b.severity)] || a.id.localeCompare(b.id),
  );
  return (
    <div data-testid="findings" className={className}>
      {sorted.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          <Badge tone="ok" dot>
            ok
          </Badge>
          {emptyText}
        </p>
      ) : (
        <ul className="space-y-1.5" aria-label="Best-practice findings">
          {sorted.map((f) => {
            const tone = severityTone(f.severity);
            return (
              <li
                key={f.id}
                data-testid="finding"
                data-finding={f.id}
                data-severity={f.severity}
                className="flex items-start gap-2 text-sm"
              >
                <Badge tone={tone} dot className="mt-0.5 shrink-0">
                  {tone === 'bad' ? 'error' : tone === 'warn' ? 'warning' : 'info'}
                </Badge>
                <span className="text-slate-800 dark:text-slate-200">{f.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
