// Label selector matching, as the Service, Deployment and ReplicaSet controllers do it.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors

export type Labels = Readonly<Record<string, string>>;

export interface RawLabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface RawLabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: RawLabelSelectorRequirement[];
}

/**
 * Equality-based selector of a Service (spec.selector): every key present with the same value.
 * An empty selector selects nothing here, as for a Service: without a selector Kubernetes
 * manages no endpoints for it (https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors).
 */
export function matchesSelector(selector: Labels, labels: Labels | undefined): boolean {
  const entries = Object.entries(selector);
  if (entries.length === 0 || !labels) return false;
  return entries.every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
}

function matchesRequirement(req: RawLabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key] ?? '');
    case 'NotIn':
      return !has || !values.includes(labels[req.key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // an unknown operator is a validation error on the server; select nothing rather than guess
      return false;
  }
}

/**
 * A metav1.LabelSelector (Deployment/ReplicaSet spec.selector): matchLabels AND every
 * matchExpression. Unlike a Service selector, an empty LabelSelector matches everything
 * (metav1.LabelSelectorAsSelector); a missing one (null) matches nothing.
 */
export function matchesLabelSelector(
  selector: RawLabelSelector | null | undefined,
  labels: Labels | undefined,
): boolean {
  if (!selector) return false;
  const all = labels ?? {};
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => Object.hasOwn(all, key) && all[key] === value,
  );
  return byLabels && (selector.matchExpressions ?? []).every((req) => matchesRequirement(req, all));
}

/** "app=web,track=canary", keys sorted, as kubectl prints a selector. */
export function formatSelector(selector: Labels): string {
  return Object.keys(selector)
    .sort()
    .map((key) => `${key}=${selector[key]}`)
    .join(',');
}
