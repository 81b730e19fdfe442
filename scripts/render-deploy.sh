#!/usr/bin/env bash
# Renders deploy/kustomize from the Helm chart (deploy/helm/podium), the one source of truth: the
# chart is templated twice (readOnly true and false, release "podium" in namespace "podium", the
# Secret "podium" made by hand), each object goes to its own file, the objects both renders share
# go to base/, the others to overlays/read-only/ and overlays/operator/. Run it after changing the
# chart and commit deploy/kustomize; test/unit/deploy/kustomize.test.ts (and the deploy-chart
# integration test) fail while it is out of date. Uses the Helm that scripts/cluster/helm.sh builds
# (HELM overrides). Usage: render-deploy.sh [output folder, default deploy/kustomize]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/env.sh"
podium_ensure_node
source "$root/scripts/cluster/lib.sh"
helm=${HELM:-$(bash "$root/scripts/cluster/helm.sh")}
out=${1:-$root/deploy/kustomize}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for mode in read-only operator; do
  ro=false; [[ $mode == read-only ]] && ro=true
  "$helm" template podium "$root/deploy/helm/podium" --namespace podium \
    --set readOnly=$ro --set auth.existingSecret=podium > "$work/$mode.yaml"
done

rm -rf "$out/base" "$out/overlays"
(cd "$root" && node - "$work" "$out") <<'JS'
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');
const [work, out] = process.argv.slice(2);
const HEADER = '# Rendered by scripts/render-deploy.sh from deploy/helm/podium (helm template). Do not edit.\n';

// "kind-name.yaml" -> the object's text, for one render
function objects(mode) {
  const docs = readFileSync(join(work, `${mode}.yaml`), 'utf8').split(/^---\n/m);
  const byFile = new Map();
  for (const doc of docs) {
    const obj = parse(doc);
    if (!obj) continue;
    const file = `${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`;
    if (byFile.has(file)) throw new Error(`two objects render to ${file}`);
    // kubectl apply -k, not Helm, manages these copies
    byFile.set(file, doc.replace(/^(\s*app\.kubernetes\.io\/managed-by:) Helm$/m, '$1 kustomize').trimEnd() + '\n');
  }
  return byFile;
}
const modes = { 'read-only': objects('read-only'), operator: objects('operator') };
const shared = [...modes.operator.keys()].filter((f) => modes['read-only'].get(f) === modes.operator.get(f));

function kustomization(dir, resources) {
  mkdirSync(dir, { recursive: true });
  const lines = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:'];
  for (const r of resources) lines.push(`  - ${r}`);
  writeFileSync(join(dir, 'kustomization.yaml'), HEADER + lines.join('\n') + '\n');
}

const base = join(out, 'base');
mkdirSync(base, { recursive: true });
writeFileSync(
  join(base, 'namespace-podium.yaml'),
  HEADER + 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: podium\n  labels:\n    app.kubernetes.io/name: podium\n',
);
for (const f of shared) writeFileSync(join(base, f), HEADER + modes.operator.get(f));
kustomization(base, ['namespace-podium.yaml', ...shared.sort()]);
for (const [mode, files] of Object.entries(modes)) {
  const dir = join(out, 'overlays', mode);
  const own = [...files.keys()].filter((f) => !shared.includes(f)).sort();
  mkdirSync(dir, { recursive: true });
  for (const f of own) writeFileSync(join(dir, f), HEADER + files.get(f));
  kustomization(dir, ['../../base', ...own]);
}
JS
printf '[deploy] rendered %s from deploy/helm/podium\n' "${out#"$root"/}" >&2
