/** The app-metrics route of one Deployment, for SWR. */
export const appMetricsUrl = (namespace: string, name: string, key: string, range: number) =>
  `/api/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}/app-metrics?key=${encodeURIComponent(key)}&range=${range}`;

/** The observed-split route: requests each Deployment served over the last minute. */
export const observedSplitUrl = (namespace: string, deployments: readonly string[]) =>
  `/api/namespaces/${encodeURIComponent(namespace)}/observed-split?deployments=${deployments.map(encodeURIComponent).join(',')}`;
