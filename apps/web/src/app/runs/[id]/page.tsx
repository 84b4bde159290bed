import { RunDetailView } from '../../../views/runs/run-detail-view';

export const metadata = { title: 'Run' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <RunDetailView id={(await params).id} />;
}
