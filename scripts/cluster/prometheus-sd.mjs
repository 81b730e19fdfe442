// Pod discovery for the built-in Prometheus, which is Debian's: Debian builds it without
// kubernetes_sd_configs (its NEWS.Debian: "Kubernetes support has been completely removed"). So this
// script lists the real node's pods every 2 s through the API server on 127.0.0.1, with Prometheus'
// own client certificate, and writes them for file_sd_configs with the labels kubernetes_sd (role:
// pod) would give: __meta_kubernetes_namespace, _pod_name, _pod_phase, _pod_node_name,
// _pod_controller_kind|name, _pod_label_<name>, _pod_annotation_<name>. The relabelling in
// prometheus.yml is therefore the one an upstream Prometheus with kubernetes_sd_configs uses.
//   node prometheus-sd.mjs <api host:port> <node name> <out.json> <ca> <cert> <key>
// prometheus.sh starts and stops it with Prometheus. Every request is bounded by a 4 s timeout.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import https from 'node:https';

const [api, nodeName, out, ca, cert, key] = process.argv.slice(2);
if (!key) {
  console.error('usage: node prometheus-sd.mjs API_HOST:PORT NODE OUT.json CA CERT KEY');
  process.exit(2);
}
const agent = new https.Agent({
  ca: readFileSync(ca),
  cert: readFileSync(cert),
  key: readFileSync(key),
  keepAlive: true,
});
const [host, port] = [api.slice(0, api.lastIndexOf(':')), Number(api.slice(api.lastIndexOf(':') + 1))];
const path = `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${nodeName}`)}`;

function listPods() {
  return new Promise((resolve, reject) => {
    const req = https.get({ host, port, path, agent, timeout: 4000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode} listing pods`));
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).items ?? []);
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out listing pods')));
    req.on('error', reject);
  });
}

// Prometheus' own rule for meta label names (strutil.SanitizeLabelName).
const sanitize = (name) => name.replace(/[^a-zA-Z0-9_]/g, '_');

function targetGroup(pod) {
  const m = pod.metadata ?? {};
  const owner = (m.ownerReferences ?? []).find((o) => o.controller);
  const labels = {
    __meta_kubernetes_namespace: m.namespace ?? '',
    __meta_kubernetes_pod_name: m.name ?? '',
    __meta_kubernetes_pod_phase: pod.status?.phase ?? '',
    __meta_kubernetes_pod_node_name: pod.spec?.nodeName ?? '',
    __meta_kubernetes_pod_controller_kind: owner?.kind ?? '',
    __meta_kubernetes_pod_controller_name: owner?.name ?? '',
  };
  for (const [k, v] of Object.entries(m.labels ?? {}))
    labels[`__meta_kubernetes_pod_label_${sanitize(k)}`] = v;
  for (const [k, v] of Object.entries(m.annotations ?? {}))
    labels[`__meta_kubernetes_pod_annotation_${sanitize(k)}`] = v;
  // kubernetes_sd's address is the pod IP; the relabelling replaces it with the API server's
  return { targets: [pod.status?.podIP || `${m.name}.${m.namespace}`], labels };
}

let last = '';
let failing = false;
async function tick() {
  try {
    const pods = await listPods();
    const text = JSON.stringify(pods.map(targetGroup), null, 1);
    if (text !== last) {
      writeFileSync(`${out}.tmp`, text);
      renameSync(`${out}.tmp`, out); // Prometheus never reads half a file
      last = text;
    }
    if (failing) console.error(`${new Date().toISOString()} listing pods works again`);
    failing = false;
  } catch (err) {
    // the API server restarting under a test: keep the last targets, say so once
    if (!failing) console.error(`${new Date().toISOString()} ${err.message}; keeping the last targets`);
    failing = true;
  }
  setTimeout(tick, 2000);
}
console.error(`discovering pods of node ${nodeName} through https://${api} into ${out}`);
void tick();
