import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { EmptyRow, HeaderRow, Table, TableBody, Td, Tr } from '@/components/ui/table';
import { TRUNCATE_CELL, TruncatedText } from '@/components/ui/truncated-text';
import type { ContainerSpecSummary, ProbeSummary } from '@/lib/models/types';

export type ProbeRole = 'liveness' | 'readiness' | 'startup';

const ROLES: {
  role: ProbeRole;
  consequence: string;
  missingTone: 'warn' | 'neutral';
  missingText: string;
}[] = [
  {
    role: 'readiness',
    consequence: 'out of the Service after',
    missingTone: 'warn',
    missingText: 'traffic is sent before the app is ready',
  },
  {
    role: 'liveness',
    consequence: 'restarted after',
    missingTone: 'warn',
    missingText: 'a hung process is never restarted',
  },
  {
    role: 'startup',
    consequence: 'restarted if not started within',
    missingTone: 'neutral',
    missingText: 'optional',
  },
];

const KIND_LABEL: Record<ProbeSummary['kind'], string> = {
  httpGet: 'HTTP',
  tcpSocket: 'TCP',
  exec: 'exec',
  grpc: 'gRPC',
};

/** How long a probe takes to give up: failureThreshold × periodSeconds (plus the delay, for startup). */
export function probeGiveUpSeconds(probe: ProbeSummary, role: ProbeRole): number {
  const failing = probe.failureThreshold * probe.periodSeconds;
  return role === 'startup' ? probe.initialDelaySeconds + failing : failing;
}

function timing(probe: ProbeSummary): string[] {
  return [
    `delay ${probe.initialDelaySeconds} s`,
    `every ${probe.periodSeconds} s`,
    `timeout ${probe.timeoutSeconds} s`,
    `${probe.failureThreshold} failures`,
  ];
}

/** Every probe of every container, missing ones included, with what a failure leads to. */
export function ProbeList({ containers }: { containers: ContainerSpecSummary[] }) {
  return (
    <Table data-testid="probe-list" aria-label="Probes">
      <HeaderRow columns={['Container', 'Probe', 'Type', 'Target', 'Timing', 'On failure']} />
      <TableBody>
        {containers.length === 0 ? <EmptyRow colSpan={6}>No containers.</EmptyRow> : null}
        {containers.flatMap((c) =>
          ROLES.map(({ role, consequence, missingTone, missingText }) => {
            const probe = c[role];
            return (
              <Tr
                key={`${c.name}/${role}`}
                data-testid="probe-row"
                data-container={c.name}
                data-probe={role}
                data-kind={probe?.kind ?? 'none'}
              >
                <Td className="font-mono text-xs whitespace-nowrap">{c.name}</Td>
                <Td className="font-medium whitespace-nowrap capitalize">{role}</Td>
                {probe ? (
                  <>
                    <Td>
                      <Badge tone="info">{KIND_LABEL[probe.kind]}</Badge>
                    </Td>
                    <Td className={cn(TRUNCATE_CELL, 'font-mono text-xs')}>
                      <TruncatedText text={probe.target} />
                    </Td>
                    <Td className="min-w-[10ch] text-xs text-slate-600 dark:text-slate-400">
                      {/* wraps between the parts, never inside one */}
                      {timing(probe).map((part, i) => (
                        <span key={part}>
                          {i > 0 ? ' · ' : null}
                          <span className="whitespace-nowrap">{part}</span>
                        </span>
                      ))}
                    </Td>
                    <Td className="min-w-[12ch] text-xs text-slate-600 dark:text-slate-400">
                      {consequence}{' '}
                      <span className="whitespace-nowrap">~{probeGiveUpSeconds(probe, role)} s</span>
                    </Td>
                  </>
                ) : (
                  <>
                    <Td>
                      <Badge tone={missingTone}>none</Badge>
                    </Td>
                    <Td colSpan={3} className="text-xs text-slate-500 dark:text-slate-400">
                      {missingText}
                    </Td>
                  </>
                )}
              </Tr>
            );
          }),
        )}
      </TableBody>
    </Table>
  );
}
