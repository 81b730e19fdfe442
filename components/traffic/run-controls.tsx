'use client';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { Tone } from '@/components/ui/cn';
import type { TrafficStarted } from '@/lib/models/traffic-contract';
import { Field, INPUT, ServicePicker } from './traffic-controls';
import type { ServiceRun } from './use-service-run';

const KIND_NAME = { probe: 'Probe', load: 'Load', ws: 'WebSocket load' } as const;

/** The run's state in a panel's header: `label` while it runs, else how it ended. */
export function RunBadge({ target, tone, label }: { target: ServiceRun; tone: Tone; label: string }) {
  const { run, running } = target;
  if (!run) return null;
  return (
    <Badge tone={running ? tone : 'neutral'} dot>
      {running ? label : run.state}
    </Badge>
  );
}

/**
 * The form of a request loop, hidden in read-only mode: the Service (when there is a choice), the
 * path, the kind's own fields (`children`), Start or Stop, and why Start is disabled. While the run
 * runs the fields show its values and cannot change. The toasts name the loop by its kind ("Probe
 * stopped", "Joined the running load"); test ids are `${testId}-service`, `-path`, `-start`, `-stop`.
 */
export function RunControls({
  target,
  testId,
  path,
  onPath,
  pathWidth,
  start,
  stop,
  children,
}: {
  target: ServiceRun;
  testId: string;
  path: string;
  onPath: (path: string) => void;
  /** the path input's width class */
  pathWidth: string;
  /** `title` words the toast of a run that started (not joined) */
  start: {
    label: string;
    call: (service: string) => Promise<TrafficStarted>;
    title: (service: string) => string;
  };
  stop: { label: string; call: (service: string) => Promise<unknown> };
  children: ReactNode;
}) {
  const { kind, services, service, pick, run, running, gate, act, busy } = target;
  const name: string = KIND_NAME[kind as keyof typeof KIND_NAME];
  if (!gate.visible) return null;
  const onStop = (service: string) =>
    act(
      'stop',
      `Stopping the ${name.toLowerCase()} failed`,
      () => stop.call(service),
      () => ({ tone: 'ok', title: `${name} stopped` }),
    );
  const onStart = (service: string) =>
    act(
      'start',
      `The ${name.toLowerCase()} did not start`,
      () => start.call(service),
      (r: TrafficStarted) => ({
        tone: 'ok',
        title: r.joined ? `Joined the running ${name.toLowerCase()}` : start.title(service),
      }),
    );
  return (
    <div className="flex flex-wrap items-end gap-2">
      {services.length > 1 ? (
        <ServicePicker
          services={services}
          value={service ?? ''}
          onChange={pick}
          disabled={running}
          testId={`${testId}-service`}
        />
      ) : null}
      <Field label="Path">
        <input
          className={`${INPUT} ${pathWidth} font-mono`}
          value={running && run ? run.path : path}
          onChange={(e) => onPath(e.target.value)}
          disabled={running}
          data-testid={`${testId}-path`}
        />
      </Field>
      {children}
      {running ? (
        <Button
          variant="danger"
          disabled={busy !== null}
          onClick={() => service && void onStop(service)}
          data-testid={`${testId}-stop`}
        >
          {stop.label}
        </Button>
      ) : (
        <Button
          variant="primary"
          disabledReason={gate.reason}
          disabled={busy !== null || !service}
          onClick={() => service && void onStart(service)}
          data-testid={`${testId}-start`}
        >
          {start.label}
        </Button>
      )}
      {gate.reason ? <span className="text-xs text-amber-700 dark:text-amber-400">{gate.reason}</span> : null}
    </div>
  );
}
