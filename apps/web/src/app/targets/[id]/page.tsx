import type { Metadata } from 'next';
import { TargetDetailView } from '../../../views/targets/target-detail-view';

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Target ${decodeURIComponent((await params).id)}` };
}

export default async function Page({ params }: Props) {
  return <TargetDetailView id={decodeURIComponent((await params).id)} />;
}
