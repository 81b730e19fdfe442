// The pod helpers the components use: the pure ones live in lib/models/pod-view.ts (the server's
// per-deployment counts need them too); the tone of each look is the components' own.
import type { Tone } from '@/components/ui/cn';
import type { PodLook } from '@/lib/models/pod-view';

export {
  comparePods,
  groupPodsByReplicaSet,
  podLook,
  RestartWatch,
  shortPodName,
  sortPods,
  type PodGroup,
  type PodLook,
} from '@/lib/models/pod-view';

export const LOOK_TONE: Record<PodLook, Tone> = {
  ready: 'ok',
  starting: 'warn',
  failing: 'bad',
  terminating: 'neutral',
  done: 'info',
};
