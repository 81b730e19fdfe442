// Promoting a canary made of two plain Deployments (story 003): the stable Deployment takes the
// canary's pod template, so its pods roll to the canary's version, and keeps its own identity: the
// template labels its selector needs (track=stable, say) stay, or the API server would refuse a
// template its selector does not match. Then the canary goes to 0.
import type { RawDeployment } from './deployment';

type Template = NonNullable<NonNullable<RawDeployment['spec']>['template']>;

/** The template the stable Deployment gets; throws when the stable's selector cannot be kept. */
export function promotedTemplate(stable: RawDeployment, canary: RawDeployment): Template {
  const from = canary.spec?.template;
  if (!from?.spec) throw new Error(`deployment ${canary.metadata?.name ?? '?'} has no pod template`);
  const selector = stable.spec?.selector ?? {};
  const stableLabels = stable.spec?.template?.metadata?.labels ?? {};
  // keys the stable's selector looks at keep the stable's values
  const keep = new Set([
    ...Object.keys(selector.matchLabels ?? {}),
    ...(selector.matchExpressions ?? []).map((e) => e.key ?? ''),
  ]);
  const labels: Record<string, string> = { ...from.metadata?.labels };
  for (const k of keep) {
    const v = stableLabels[k];
    if (v === undefined) delete labels[k];
    else labels[k] = v;
  }
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v)
      throw new Error(`the stable's selector needs ${k}=${v}, which its own template does not carry`);
  }
  return { ...from, metadata: { ...from.metadata, labels } };
}

/** What a promotion changes, in words for the confirmation and the audit line. */
export function describePromotion(
  stable: string,
  canary: string,
  canaryVersion: string | null,
  images: readonly string[],
): string {
  const what = canaryVersion ? `version ${canaryVersion}` : images.join(', ') || 'its pod template';
  return `${stable} takes ${canary}'s pod template (${what}) and rolls its pods; ${canary} goes to 0 replicas`;
}
