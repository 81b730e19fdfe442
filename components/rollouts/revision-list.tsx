import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { EmptyRow, HeaderRow, Table, TableBody, Td, Tr, type Column } from '@/components/ui/table';
import { TRUNCATE_CELL, TruncatedText } from '@/components/ui/truncated-text';
import { rolloutHistory } from '@/lib/models/rollout';
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';

export interface RevisionListProps {
  /** the Deployment's ReplicaSets; one per revision */
  replicaSets: ReplicaSetSummary[];
  /** owner of the ReplicaSets; its revision is marked current */
  deployment: DeploymentSummary;
  /** e.g. a "Roll back" button; not rendered on the current revision */
  renderAction?: (rs: ReplicaSetSummary) => ReactNode;
  now?: number;
}

const REVISION_COLUMNS: Column[] = [
  'Revision',
  'Image',
  { label: 'Pods', align: 'right' },
  { label: 'Created', align: 'right' },
];

/** `kubectl rollout history` with images: newest revision first, the current one marked. */
export function RevisionList({ replicaSets, deployment, renderAction, now }: RevisionListProps) {
  const byName = new Map(replicaSets.map((rs) => [rs.name, rs]));
  const rows = rolloutHistory(replicaSets, deployment).flatMap((rev) => {
    const rs = byName.get(rev.replicaSet);
    return rs ? [{ rev, rs }] : [];
  });
  const columns = REVISION_COLUMNS.length + (renderAction ? 1 : 0);
  return (
    <Table data-testid="revision-list" aria-label="Revisions">
      <HeaderRow columns={REVISION_COLUMNS} actions={Boolean(renderAction)} />
      <TableBody>
        {rows.length === 0 ? <EmptyRow colSpan={columns}>No revisions yet.</EmptyRow> : null}
        {rows.map(({ rev, rs }) => {
          const isCurrent = rev.current;
          return (
            <Tr
              key={rs.uid}
              data-testid="revision-row"
              data-revision={rev.revision}
              data-current={isCurrent ? 'true' : 'false'}
              className={cn(isCurrent && 'bg-sky-50/60 dark:bg-sky-500/10')}
            >
              <Td className="whitespace-nowrap">
                <span className="font-medium tabular-nums">{rev.revision}</span>
                {isCurrent ? (
                  <Badge tone="info" className="ml-2">
                    current
                  </Badge>
                ) : null}
              </Td>
              <Td className={cn(TRUNCATE_CELL, 'font-mono text-xs')}>
                <TruncatedText text={[rs.images.join(', '), rs.version].filter(Boolean).join(' · ')}>
                  {rs.images.join(', ')}
                  {rs.version ? <span className="text-slate-500"> · {rs.version}</span> : null}
                </TruncatedText>
              </Td>
              <Td className="text-right tabular-nums">
                {rs.ready}/{rs.desired}
              </Td>
              <Td className="text-right whitespace-nowrap">
                <RelativeTime iso={rs.createdAt} now={now} />
              </Td>
              {renderAction ? (
                <Td className="text-right whitespace-nowrap">{isCurrent ? null : renderAction(rs)}</Td>
              ) : null}
            </Tr>
          );
        })}
      </TableBody>
    </Table>
  );
}
