// The browser's live connections, shared by all of Podium's tabs on this origin (a SharedWorker,
// started by the first tab and kept by the browser while any tab holds it): one EventSource per
// stream URL, whatever the number of tabs. hub.ts does the work; this file wires it to the worker.
import { createHub } from './hub';
import { isStreamUrl, LINGER_MS, PORT_TIMEOUT_MS, REOPEN_MS, type TabMessage } from './protocol';

// The worker's global scope, typed by hand: the "webworker" lib cannot sit beside "dom" in one program.
const scope = globalThis as unknown as {
  onconnect: ((e: MessageEvent) => void) | null;
  location: { origin: string };
  navigator: { locks?: LockManager };
};

const hub = createHub({
  open: (url) => new EventSource(url),
  accept: (url) => isStreamUrl(url, scope.location.origin),
  now: () => Date.now(),
  lingerMs: LINGER_MS,
  portTimeoutMs: PORT_TIMEOUT_MS,
  reopenMs: REOPEN_MS,
});

scope.onconnect = (e) => {
  const port = e.ports[0];
  if (!port) return;
  port.onmessage = (m: MessageEvent<TabMessage>) => {
    const msg = m.data;
    hub.receive(port, msg);
    // A MessagePort says nothing when its tab dies; the tab's Web Lock does: the worker is granted
    // it only once the tab released it, by closing or crashing.
    if (msg.type === 'hello') void scope.navigator.locks?.request(msg.lock, () => hub.drop(port));
  };
  port.start();
};

setInterval(() => hub.sweep(), 1_000);
