import { ModelDetailView } from '../../../views/models/model-detail-view';

export const metadata = { title: 'Model' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <ModelDetailView id={(await params).id} />;
}
