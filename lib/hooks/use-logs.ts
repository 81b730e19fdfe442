'use client';
import { useEffect, useRef, useState } from 'react';
import type { LogLine } from '../models/logs/line';
import { insertLines } from '../models/logs/merge';
import useSWR from 'swr';
import { getJson } from '../api/get-json';
import type { LaneState, LogsMessages, PodLogsAnswer } from '../models/logs/wire';

// A logs stream in the browser: this tab's own EventSource for now. The one place that knows how
// the lines arrive, so moving them onto the browser's shared live connection (lib/live/) later
// changes this file only. Lines are merged in time order, kept up to BROWSER_CAP (the oldest go,
// and the count says so), deduplicated by (lane, epoch, seq) across reconnects, and handed to React
// at most every RENDER_MS.

export const BROWSER_CAP = 5000;
const RENDER_MS = 200;

export interface LogsState {
  lines: LogLine[];
  lanes: LaneState[];
  capped: LogsMessages['capped'] | null;
  /** oldest lines dropped past BROWSER_CAP since the stream opened */
  droppedOldest: number;
  /** the route's refusal (no permission, no such pod, logs off), or a connection problem */
  error: string | null;
  connected: boolean;
}

const EMPTY: LogsState = {
  lines: [],
  lanes: [],
  capped: null,
  droppedOldest: 0,
  error: null,
  connected: false,
};

/** Follows `url` (a logs route with follow) while it is not null. */
export function useLogs(url: string | null): LogsState {
  // the state of the stream of `url`: another url's (the one before) reads as empty
  const [state, setState] = useState<{ url: string | null; logs: LogsState }>({ url: null, logs: EMPTY });
  const store = useRef<LogsState>(EMPTY);

  useEffect(() => {
    store.current = EMPTY;
    if (!url) return;
    const seen = new Map<string, number>();
    let pending: LogLine[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let closed = false;
    const render = () => {
      timer = null;
      if (pending.length > 0) {
        const { lines, dropped } = insertLines(store.current.lines, pending, BROWSER_CAP);
        pending = [];
        store.current = { ...store.current, lines, droppedOldest: store.current.droppedOldest + dropped };
      }
      setState({ url, logs: store.current });
    };
    const schedule = () => {
      timer ??= setTimeout(render, RENDER_MS);
    };
    const patch = (p: Partial<LogsState>) => {
      store.current = { ...store.current, ...p };
      schedule();
    };

    const es = new EventSource(url);
    es.addEventListener('open', () => patch({ connected: true, error: null }));
    es.addEventListener('lines', (e) => {
      for (const l of JSON.parse((e as MessageEvent<string>).data) as LogLine[]) {
        const id = `${l.lane}/${l.epoch}`;
        if ((seen.get(id) ?? 0) >= l.seq) continue; // sent again after a reconnect
        seen.set(id, l.seq);
        pending.push(l);
      }
      schedule();
    });
    es.addEventListener('lanes', (e) =>
      patch({ lanes: JSON.parse((e as MessageEvent<string>).data) as LaneState[] }),
    );
    es.addEventListener('capped', (e) =>
      patch({ capped: JSON.parse((e as MessageEvent<string>).data) as LogsState['capped'] }),
    );
    es.addEventListener('error', () => {
      if (es.readyState !== EventSource.CLOSED) return patch({ connected: false, error: 'reconnecting…' });
      // the route answered with an error status (EventSource does not say which): ask it once as JSON
      patch({ connected: false });
      void fetch(url, { headers: { Accept: 'application/json' } })
        .then(async (res) => {
          if (closed) return;
          if (res.ok) {
            await res.body?.cancel();
            return patch({ error: 'the logs stream closed; reopen the panel to follow again' });
          }
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          patch({ error: body?.error?.message ?? `HTTP ${res.status}` });
        })
        .catch(() => !closed && patch({ error: 'Podium does not answer' }));
    });
    return () => {
      closed = true;
      es.close();
      if (timer) clearTimeout(timer);
    };
  }, [url]);

  return state.url === url ? state.logs : EMPTY;
}

/** One pod's logs as one answer (the previous container's): the route's JSON, or its error message. */
export function usePodLogs(url: string | null): { answer: PodLogsAnswer | null; error: string | null } {
  const { data, error } = useSWR<PodLogsAnswer>(url, getJson, { revalidateOnFocus: false });
  return { answer: data ?? null, error: error ? (error as Error).message : null };
}
