import { OverviewView } from '@/components/views/overview-view';

export default async function OverviewPage({ params }: { params: Promise<{ namespace: string }> }) {
  const { namespace } = await params;
  return <OverviewView namespace={namespace} />;
}
