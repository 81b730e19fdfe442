// Which pod a step's button acts on: the first one (oldest, then by name) that fits, so the
// choice is stable while the grid is watched and the same pod gets the Hang and its restart.
import { sortPods } from '@/components/pods/pod-view';
import { livePodsOf, type LiveState } from '@/lib/lessons/expect';
import type { PodRow } from '@/lib/models/types';

export type PodWanted = 'ready' | 'unready' | 'running';

export function pickPod(state: LiveState, deployment: string, wanted: PodWanted): PodRow | null {
  const pods = sortPods(livePodsOf(state, deployment)).filter((p) => p.phase === 'Running');
  const fits = pods.filter((p) => (wanted === 'ready' ? p.ready : wanted === 'unready' ? !p.ready : true));
  return fits[0] ?? (wanted === 'unready' ? null : (pods[0] ?? null));
}
