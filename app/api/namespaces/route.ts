import { NextResponse } from 'next/server';
import { K8sError } from '@/lib/k8s/errors';
import { listNamespaces } from '@/lib/k8s/namespaces';
import { jsonError } from '@/lib/routes/responses';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return NextResponse.json({ namespaces: await listNamespaces() });
  } catch (err) {
    const e = err instanceof K8sError ? err : new K8sError(500, 'InternalError', String(err));
    return jsonError(e.status, e.reason, e.message);
  }
}
