// How a lesson's rendered manifests become server-side apply requests: each YAML document, if its
// kind is one of the few a story may contain, goes to its own object path in the lesson namespace.
// Anything else (a Secret, a ClusterRole, a Namespace, a document naming another namespace) is
// refused before a single request is sent.
// https://kubernetes.io/docs/reference/using-api/server-side-apply/
import { parseAllDocuments } from 'yaml';
import { dnsLabel, dnsSubdomain } from '../validation';

export const FIELD_MANAGER = 'podium-lessons';
/** On the lesson namespace: which story it was set up for; clean-up deletes only namespaces with it. */
export const LESSON_LABEL = 'podium.dev/lesson';

type PathOf = (namespace: string, name: string) => string;

/** apiVersion/kind -> the object's REST path. The only kinds a lesson may create. */
export const APPLY_PATHS: Readonly<Record<string, PathOf>> = {
  'apps/v1/Deployment': (ns, n) => `/apis/apps/v1/namespaces/${ns}/deployments/${n}`,
  'v1/Service': (ns, n) => `/api/v1/namespaces/${ns}/services/${n}`,
  'autoscaling/v2/HorizontalPodAutoscaler': (ns, n) =>
    `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers/${n}`,
  'networking.k8s.io/v1/Ingress': (ns, n) => `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/${n}`,
  'v1/ConfigMap': (ns, n) => `/api/v1/namespaces/${ns}/configmaps/${n}`,
  'gateway.networking.k8s.io/v1/Gateway': (ns, n) =>
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/gateways/${n}`,
  'gateway.networking.k8s.io/v1/HTTPRoute': (ns, n) =>
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/${n}`,
};

export interface ApplyRequest {
  /** "Deployment echo" */
  what: string;
  path: string;
  body: Record<string, unknown>;
}

export class PlanError extends Error {
  override name = 'PlanError';
}

interface Doc {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown } & Record<string, unknown>;
}

/** The label the stories' pods select to run on the built-in cluster's real node. */
export const REAL_NODE_SELECTOR = 'podium.dev/node';

export interface PlanOptions {
  /**
   * The cluster has a node labelled podium.dev/node=real (the built-in cluster's real node): the
   * stories' pods stay pinned to it. Elsewhere the pin is dropped, so they run on any node.
   */
  realNode: boolean;
}

/** A Deployment's pod template without the real-node selector (an emptied nodeSelector goes too). */
function unpinned(obj: Doc): Doc {
  const template = (obj as { spec?: { template?: { spec?: { nodeSelector?: Record<string, string> } } } })
    .spec?.template;
  const selector = template?.spec?.nodeSelector;
  if (!template?.spec || !selector || !(REAL_NODE_SELECTOR in selector)) return obj;
  const rest = { ...selector };
  delete rest[REAL_NODE_SELECTOR];
  const podSpec: Record<string, unknown> = { ...template.spec };
  delete podSpec.nodeSelector;
  const spec = Object.keys(rest).length > 0 ? { ...podSpec, nodeSelector: rest } : podSpec;
  const outer = (obj as { spec: Record<string, unknown> }).spec;
  return { ...obj, spec: { ...outer, template: { ...template, spec } } } as Doc;
}

/**
 * A route's hosts made the lesson's own: `echo.local` becomes `<namespace>.echo.local`. Every
 * namespace running a story (the demo's, each lesson's) shares the cluster's one gateway, which
 * would otherwise serve all their routes for one host together and mix their pods in a sample.
 */
function ownHosts(obj: Doc, namespace: string): Doc {
  const own = (h: unknown) => (typeof h === 'string' && h !== '' ? `${namespace}.${h}` : h);
  const spec = (obj as { spec?: Record<string, unknown> }).spec;
  if (!spec) return obj;
  if (obj.kind === 'HTTPRoute' && Array.isArray(spec.hostnames))
    return { ...obj, spec: { ...spec, hostnames: spec.hostnames.map(own) } } as Doc;
  if (obj.kind === 'Ingress' && Array.isArray(spec.rules))
    return {
      ...obj,
      spec: {
        ...spec,
        rules: spec.rules.map((r: unknown) =>
          r && typeof r === 'object' && 'host' in r ? { ...r, host: own((r as { host: unknown }).host) } : r,
        ),
      },
    } as Doc;
  return obj;
}

/** Every document of a multi-document YAML text as an apply request into `namespace`. */
export function planApply(
  yamlText: string,
  namespace: string,
  options: PlanOptions = { realNode: true },
): ApplyRequest[] {
  if (!dnsLabel.safeParse(namespace).success)
    throw new PlanError(`namespace "${namespace}" is not a valid name`);
  const out: ApplyRequest[] = [];
  for (const [i, doc] of parseAllDocuments(yamlText).entries()) {
    if (doc.errors.length > 0) throw new PlanError(`document ${i + 1}: ${doc.errors[0]?.message}`);
    const parsed = doc.toJS() as Doc | null;
    if (parsed === null || parsed === undefined) continue; // an empty document (e.g. a trailing ---)
    const obj = options.realNode || parsed.kind !== 'Deployment' ? parsed : unpinned(parsed);
    if (typeof obj !== 'object' || Array.isArray(obj))
      throw new PlanError(`document ${i + 1} is not an object`);
    const key = `${String(obj.apiVersion)}/${String(obj.kind)}`;
    const pathOf = APPLY_PATHS[key];
    if (!pathOf) {
      throw new PlanError(
        `document ${i + 1}: ${key} is not a kind a lesson may create (allowed: ${Object.keys(APPLY_PATHS).join(', ')})`,
      );
    }
    const name = obj.metadata?.name;
    if (typeof name !== 'string' || !dnsSubdomain.safeParse(name).success) {
      throw new PlanError(`document ${i + 1}: ${String(obj.kind)} has no valid metadata.name`);
    }
    const ns = obj.metadata?.namespace;
    if (ns !== undefined && ns !== namespace) {
      throw new PlanError(
        `document ${i + 1}: ${String(obj.kind)} ${name} names namespace "${String(ns)}", not the lesson's`,
      );
    }
    out.push({
      what: `${String(obj.kind)} ${name}`,
      path: pathOf(namespace, name),
      body: { ...ownHosts(obj, namespace), metadata: { ...obj.metadata, namespace } },
    });
  }
  return out;
}

/** The lesson namespace as an apply body: created if missing, labelled with the story either way. */
export function namespaceBody(namespace: string, story: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, labels: { [LESSON_LABEL]: story } },
  };
}

/** `namespace` is a lesson namespace: it starts with the prefix and has something after it. */
export function hasLessonPrefix(namespace: string, prefix: string): boolean {
  return prefix.length > 0 && namespace.startsWith(prefix) && namespace.length > prefix.length;
}
