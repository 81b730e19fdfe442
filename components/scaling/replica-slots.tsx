import { cn } from '@/components/ui/cn';

export interface ReplicaSlotsProps {
  min: number;
  max: number;
  current: number;
  desired: number;
}

export type SlotState = 'running' | 'adding' | 'removing' | 'free';

/** What each slot 1..max is: running now, about to be added, about to be removed, or free. */
export function replicaSlots({ max, current, desired }: Omit<ReplicaSlotsProps, 'min'>): SlotState[] {
  const top = Math.max(max, current, desired);
  return Array.from({ length: top }, (_, i) => {
    const n = i + 1;
    if (n <= Math.min(current, desired)) return 'running';
    if (n <= current) return 'removing';
    if (n <= desired) return 'adding';
    return 'free';
  });
}

// Still: a slot being added is dashed, not pulsing, and a slot's colour changes at once (an endless
// pulse or a colour transition has every open tab draw every frame: docs/performance.md, "What is in
// view first, and frames nobody asked for").
const SLOT_CLASS: Record<SlotState, string> = {
  running: 'bg-emerald-500 border-emerald-600',
  adding: 'border-amber-500 border-dashed bg-amber-100 dark:bg-amber-500/20',
  removing: 'border-slate-400 bg-slate-300 opacity-50 dark:bg-slate-600',
  free: 'border-slate-300 bg-transparent dark:border-slate-700',
};

/** The min..max range as a row of boxes, so "3 of max 6, going to 5" is visible at a glance. */
export function ReplicaSlots({ min, max, current, desired }: ReplicaSlotsProps) {
  const slots = replicaSlots({ max, current, desired });
  return (
    <div>
      <ol
        className="flex flex-wrap gap-1"
        aria-label={`${current} replicas running, ${desired} desired, min ${min}, max ${max}`}
        data-testid="replica-slots"
      >
        {slots.map((state, i) => (
          <li
            key={i}
            data-state={state}
            title={`replica ${i + 1}: ${state}${i + 1 <= min ? ' (within min)' : ''}`}
            className={cn('h-5 w-5 rounded border-2', SLOT_CLASS[state], i + 1 === min && 'mr-2')}
          />
        ))}
      </ol>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        <span className="mr-3">■ running</span>
        <span className="mr-3">▢ being added</span>
        <span className="mr-3">faded: being removed</span>
        <span>the gap marks min {min}</span>
      </p>
    </div>
  );
}
