import type { Metadata } from 'next';
import { PluginDetailView } from '../../../views/plugins/plugin-detail-view';

interface Props {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Plugin ${decodeURIComponent((await params).name)}` };
}

export default async function Page({ params }: Props) {
  return <PluginDetailView name={decodeURIComponent((await params).name)} />;
}
