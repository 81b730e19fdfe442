'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { ReplicasChart, UsageChart } from '@/components/charts/lazy-charts';
import { Findings } from '@/components/deployments/findings';
import { ProbeList } from '@/components/deployments/probe-list';
import { EventList } from '@/components/events/event-list';
import { PodGrid } from '@/components/pods/pod-grid';
import { RolloutPanel } from '@/components/rollouts/rollout-panel';
import { HpaChartCard } from '@/components/scaling/hpa-chart-card';
import { HpaPanel } from '@/components/scaling/hpa-panel';
import { AvailabilityPanel } from '@/components/traffic/availability-panel';
import { CanaryTrafficPanel } from '@/components/traffic/canary-traffic-panel';
import { LoadPanel } from '@/components/traffic/load-panel';
import { WsLoadPanel } from '@/components/traffic/ws-load-panel';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useHistory, useUsage } from '@/lib/hooks/use-live';
import type { LiveState } from '@/lib/lessons/expect';
import type { Lesson } from '@/lib/lessons/stories';
import { deploymentFindings } from '@/lib/models/checks';
import { familyOf, namespaceCanaryGroups } from '@/lib/models/ownership';
import { podsRun } from '@/lib/models/simulated-nodes';
import type { DeploymentSummary } from '@/lib/models/types';

/** What the lesson is about, live: each Deployment's pods, the story's own panel, and the events. */
export function LessonLivePanels({
  lesson,
  namespace,
  state,
}: {
  lesson: Lesson;
  namespace: string;
  state: LiveState;
}) {
  const usage = useUsage(namespace);
  const history = useHistory(namespace);
  const { families, group, events } = useMemo(() => {
    const groups = namespaceCanaryGroups(state);
    const families = lesson.deployments
      .map((name) => state.deployments.find((d) => d.name === name))
      .filter((d): d is DeploymentSummary => d !== undefined)
      .map((d) => familyOf(d, state, groups));
    const all = families.flatMap((f) => f.events);
    return {
      families,
      group: lesson.service ? groups.find((g) => g.service === lesson.service) : undefined,
      events: [...new Map(all.map((e) => [e.uid, e])).values()],
    };
  }, [lesson, state]);

  return (
    <div className="space-y-4" data-testid="lesson-live">
      {families.map(({ deployment: d, pods, replicaSets }) => {
        return (
          <Card key={d.uid} data-testid="lesson-deployment" data-deployment={d.name}>
            <CardHeader
              title={`Pods of ${d.name}`}
              description={`${pods.filter((p) => p.ready && !p.deleting).length} ready of ${d.desired} wanted`}
              actions={
                <span className="flex gap-3 text-xs">
                  <Link
                    href={`/ns/${namespace}/deployments/${d.name}`}
                    className="text-indigo-600 hover:underline dark:text-indigo-400"
                  >
                    Details
                  </Link>
                  <Link
                    href={`/ns/${namespace}/deployments/${d.name}/projector`}
                    className="text-indigo-600 hover:underline dark:text-indigo-400"
                  >
                    Projector
                  </Link>
                </span>
              }
            />
            <CardBody>
              <PodGrid pods={pods} usage={usage} replicaSets={replicaSets} events={events} />
            </CardBody>
          </Card>
        );
      })}

      {lesson.focus === 'hpa' &&
        families.map(({ deployment: d, hpa, podNames, pods }) => {
          return (
            <div key={d.uid} className="grid grid-cols-1 gap-4 2xl:grid-cols-2">
              {/* real load where the pods run for real; on kwok nodes the lesson's simulated load */}
              {podsRun(pods) === 'real' ? (
                <LoadPanel namespace={namespace} deployment={d} where="real" defaultPath="/cpu?ms=50" />
              ) : null}
              {hpa ? <HpaPanel hpa={hpa} /> : null}
              {hpa ? <HpaChartCard history={history} hpa={hpa.name} /> : null}
              <Card className="2xl:col-span-2">
                <CardHeader title={`CPU per pod of ${d.name}`} description="from metrics.k8s.io" />
                <CardBody>
                  <UsageChart history={history} pods={podNames} metric="cpu" />
                </CardBody>
              </Card>
            </div>
          );
        })}

      {lesson.focus === 'rollout' && (
        <div className="grid grid-cols-1 gap-4 2xl:grid-cols-2">
          {families.map(({ deployment: d, replicaSets, pods }) => (
            <div key={d.uid} className="space-y-4">
              <RolloutPanel deployment={d} replicaSets={replicaSets} />
              {podsRun(pods) === 'real' ? (
                <AvailabilityPanel namespace={namespace} deployment={d} replicaSets={replicaSets} />
              ) : null}
            </div>
          ))}
        </div>
      )}

      {lesson.focus === 'canary' && group ? <CanaryTrafficPanel namespace={namespace} group={group} /> : null}

      {lesson.focus === 'restarts' &&
        families.map(({ deployment: d, pods }) => (
          <div key={d.uid} className="space-y-4">
            <Card>
              <CardHeader title={`Replicas of ${d.name} over time`} />
              <CardBody>
                <ReplicasChart history={history} deployment={d.name} />
              </CardBody>
            </Card>
            {/* the websockets story's own benchmark, where the pods run for real */}
            {podsRun(pods) === 'real' ? <WsLoadPanel namespace={namespace} deployment={d} /> : null}
          </div>
        ))}

      {lesson.focus === 'probes' &&
        families.map(({ deployment: d }) => (
          <Card key={d.uid}>
            <CardHeader title={`Probes and checks of ${d.name}`} />
            <CardBody className="space-y-4 overflow-x-auto">
              <ProbeList containers={d.containers} />
              <Findings findings={deploymentFindings(d)} />
            </CardBody>
          </Card>
        ))}

      {families.length > 0 ? (
        <Card>
          <CardHeader title="Events" description="newest first" />
          <CardBody>
            <EventList events={events} limit={8} />
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
