import { NextResponse } from 'next/server';
import { getConfig, namespaceAllowed } from '@/lib/config';
import { clusterSimulation } from '@/lib/k8s/lessons';
import { K8sError } from '@/lib/k8s/errors';
import type { LessonsInfo } from '@/lib/models/contract';
import { LESSONS, lessonNamespace } from '@/lib/lessons/stories';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET: the lesson namespaces (and whether PODIUM_NAMESPACES allows them) and whether the cluster is simulated. */
export async function GET() {
  const config = getConfig();
  let cluster: LessonsInfo['cluster'];
  try {
    cluster = await clusterSimulation();
  } catch (err) {
    cluster = {
      simulated: false,
      simulatedNodes: [],
      realNode: null,
      reason: err instanceof K8sError ? err.message : 'the cluster did not answer',
    };
  }
  const body: LessonsInfo = {
    prefix: config.lessonPrefix,
    lessons: LESSONS.map((l) => {
      const namespace = lessonNamespace(config.lessonPrefix, l);
      return { id: l.id, namespace, allowed: namespaceAllowed(namespace, config.namespaces) };
    }),
    cluster,
  };
  return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
