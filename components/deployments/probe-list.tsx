import { Badge } from '@/components/ui/badge';
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
    ...(probe.initialDelaySeconds > 0 ? [`delay ${probe.initialDelaySeconds} s`] : []),
    `every ${probe.periodSeconds} s`,
    `timeout ${probe.timeoutSeconds} s`,
    `${probe.failureThreshold} failures`,
  ];
}

/** Every probe of every container, missing ones included, with what a failure leads to. */
export function ProbeList({ containers }: { containers: ContainerSpecSummary[] }) {
  // the container's name only when there is more than one: a column less on a laptop's half card
  const many = containers.length > 1;
  return (
    <Table data-testid="probe-list" aria-label="Probes">
      <HeaderRow columns={['Probe', 'Check', 'Timing', 'On failure']} />
      <TableBody>
        {containers.length === 0 ? <EmptyRow colSpan={4}>No containers.</EmptyRow> : null}
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
                <Td className="whitespace-nowrap">
                  <span className="font-medium capitalize">{role}</span>
                  {many ? <span className="block font-mono text-xs text-slate-500">{c.name}</span> : null}
                </Td>
                {probe ? (
                  <>
                    <Td className={TRUNCATE_CELL}>
                      <span className="flex items-center gap-2">
                        <Badge tone="info">{KIND_LABEL[probe.kind]}</Badge>
                        <TruncatedText text={probe.target} className="min-w-0 font-mono text-xs">
                          {/* the badge already says exec */}
                          {probe.kind === 'exec' ? probe.target.replace(/^exec /, '') : probe.target}
                        </TruncatedText>
                      </span>
                    </Td>
                    <Td className="min-w-[10ch] text-xs text-slate-600 dark:text-slate-400">
                      {/* wraps after a separator, never inside a part */}
                      {timing(probe).map((part, i, all) => (
                        <span key={part}>
                          <span className="whitespace-nowrap">
                            {part}
                            {i < all.length - 1 ? ' ·' : ''}
                          </span>{' '}
                        </span>
                      ))}
                    </Td>
                    <Td className="min-w-[12ch] text-xs text-slate-600 dark:text-slate-400">
                      {consequence}{' '}
                      <span className="whitespace-nowrap">~{probeGiveUpSeconds(probe, role)} s</span>
                    </Td>
                  </>
                ) : (
                  <Td colSpan={3} className="text-xs text-slate-500 dark:text-slate-400">
                    <Badge tone={missingTone} className="mr-2">
                      none
                    </Badge>
                    {missingText}
                  </Td>
                )}
              </Tr>
            );
          }),
        )}
      </TableBody>
    </Table>
  );
}
