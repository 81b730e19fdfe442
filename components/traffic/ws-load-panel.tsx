'use client';
import { useState } from 'react';
import { LoadChart } from '@/components/charts/lazy-traffic-charts';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import { startWsLoad, stopWsLoad } from '@/lib/api/traffic';
import { TRAFFIC_LIMITS, type WsLoadRun } from '@/lib/models/traffic';
import type { DeploymentSummary } from '@/lib/models/types';
import { RunBadge, RunControls } from './run-controls';
import { NumberField, TransportNote, formatMs } from './traffic-controls';
import { useServiceRun } from './use-service-run';
import { WsClosesRow, WsPodsTable } from './ws-pods-table';

const W = TRAFFIC_LIMITS.ws;
/** the chart's words: an echo is an answer, a failed handshake the error */
const CHART_NAMES = { what: 'answers', ok: 'echoes', errors: 'failed handshakes' };
const n = (v: number) => v.toLocaleString('en-US');

/** The run's total time: first handshake to the last connection's end (or now, while it runs). */
function elapsedMs(run: WsLoadRun, now: number): number {
  const end = run.state === 'running' ? now : (run.lastEndAt ?? run.end?.at ?? now);
  return Math.max(0, end - run.startedAt);
}

/**
 * The websockets story's benchmark (seed 000): N WebSocket clients through the Service, each sending
 * M messages; connections per pod, echoes, round trips, the total time beside a perfect spread's,
 * and how the connections ended. The clients run on Podium's server, not in this browser.
 */
export function WsLoadPanel({ namespace, deployment }: { namespace: string; deployment: DeploymentSummary }) {
  const target = useServiceRun(namespace, deployment, 'ws');
  const { services, run, running, gate, now } = target;
  const [path, setPath] = useState('/ws');
  const [clients, setClients] = useState<number>(W.clientsDefault);
  const [messages, setMessages] = useState<number>(W.messagesDefault);
  const [pause, setPause] = useState<number>(0);
  const [duration, setDuration] = useState<number>(W.durationSecondsDefault);

  if (services.length === 0) return null;
  const shown =
    running && run
      ? { clients: run.clients, messages: run.messages, pause: run.pauseMs, duration: run.durationSeconds }
      : { clients, messages, pause, duration };
  const field = (
    label: string,
    max: number,
    value: number,
    set: (v: number) => void,
    id: string,
    min = 1,
  ) => (
    <NumberField
      label={`${label} (≤ ${n(max)})`}
      width="w-20"
      min={min}
      max={max}
      value={value}
      onChange={(v) => set(Number(v))}
      disabled={running}
      testId={`ws-${id}`}
    />
  );
  const failures = run
    ? Object.entries(run.failures)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')
    : '';
  const elapsed = run ? elapsedMs(run, now) : 0;

  return (
    <Card
      data-testid="ws-panel"
      data-state={run?.state ?? 'idle'}
      data-open={run?.open ?? 0}
      data-echoed={run?.echoed ?? 0}
      data-sent={run?.sent ?? 0}
      data-failed={run?.failed ?? 0}
    >
      <CardHeader
        title="WebSocket load"
        description={
          run
            ? `${n(run.clients)} clients × ${run.messages} messages on ${run.path} of ${run.service}`
            : 'WebSocket clients through the Service, each sending messages and awaiting the echoes'
        }
        actions={<RunBadge target={target} tone="warn" label="clients on" />}
      />
      <CardBody className="space-y-3">
        <RunControls
          target={target}
          testId="ws"
          path={path}
          onPath={setPath}
          pathWidth="w-24"
          stop={{ label: 'Stop clients', call: (service) => stopWsLoad(namespace, service) }}
          start={{
            label: 'Connect clients',
            call: (service) =>
              startWsLoad(namespace, service, {
                path,
                clients,
                messages,
                pauseMs: pause,
                durationSeconds: duration,
              }),
            title: (service) => `${n(clients)} WebSocket clients on ${service}`,
          }}
        >
          {field('Clients', W.clientsMax, shown.clients, setClients, 'clients')}
          {field('Messages', W.messagesMax, shown.messages, setMessages, 'messages')}
          {field('Pause ms', W.pauseMsMax, shown.pause, setPause, 'pause', 0)}
          {field('Seconds', W.durationSecondsMax, shown.duration, setDuration, 'duration')}
        </RunControls>
        {run ? (
          <>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Stat
                label="Open now"
                value={n(run.open)}
                hint={`${n(run.connected)} connected${run.connecting > 0 ? `, ${n(run.connecting)} connecting` : ''}${run.failed > 0 ? `, ${n(run.failed)} failed` : ''}`}
                tone={run.failed > 0 ? 'bad' : 'neutral'}
                data-testid="ws-open"
              />
              <Stat
                label="Echoed / sent"
                value={`${n(run.echoed)} / ${n(run.sent)}`}
                hint={`of ${n(run.clients * run.messages)} messages`}
                tone={run.state !== 'running' && run.echoed < run.clients * run.messages ? 'warn' : 'neutral'}
                data-testid="ws-echoed"
              />
              <Stat
                label="Round trip p50"
                value={run.rtt.p50 !== null ? `${Math.round(run.rtt.p50)} ms` : '–'}
                hint={
                  run.rtt.p50 !== null
                    ? `p95 ${Math.round(run.rtt.p95 ?? 0)} · p99 ${Math.round(run.rtt.p99 ?? 0)} ms, ${n(run.rtt.count)} echoes`
                    : 'no echo yet'
                }
                data-testid="ws-rtt"
              />
              <Stat
                label={running ? 'Time so far' : 'Total time'}
                value={formatMs(elapsed)}
                hint={
                  run.idealMs !== null
                    ? `ideal ${formatMs(run.idealMs)}: ${n(run.clients)} ÷ ${run.readyPods} pods × ${run.messages} × ${run.delayMs} ms`
                    : 'ideal unknown: the app declares no delay per message'
                }
                title={run.delaySource ?? undefined}
                data-testid="ws-time"
                data-elapsed-ms={Math.round(elapsed)}
                data-ideal-ms={run.idealMs ?? ''}
              />
            </div>
            <LoadChart points={run.points} names={CHART_NAMES} />
            <WsClosesRow run={run} />
            <WsPodsTable namespace={namespace} deployment={deployment} run={run} />
            {run.message && run.failed > 0 ? (
              <p className="text-xs text-red-700 dark:text-red-400" data-testid="ws-message">
                {failures ? `Failed handshakes (${failures}). ` : ''}Last: {run.message}
              </p>
            ) : null}
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {run.end
                ? `Ended: ${run.end.reason}. `
                : `Time left ${formatMs(Math.max(0, run.endsAt - now))}. `}
              Bounds kept by the server: ≤ {n(run.clients)} clients × {run.messages} messages, ≤{' '}
              {run.durationSeconds} s; every client is closed when it stops, when Podium stops or when nobody
              watches. A connection stays on the pod that took it: a rollout or a scale-up moves none.
              {run.cpuMs > 0 ? ` Podium’s CPU${running ? ' so far' : ''}: ${n(run.cpuMs)} ms.` : ''}
            </p>
          </>
        ) : null}
        <TransportNote
          transport={run?.transport ?? gate.info?.transport}
          text={gate.info?.transportText}
          unit="connection"
        />
      </CardBody>
    </Card>
  );
}
