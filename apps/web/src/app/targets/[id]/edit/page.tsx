import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TargetEditorView } from '../../../../views/targets/target-editor-view';

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit ${decodeURIComponent((await params).id)}` };
}

export default async function Page({ params }: Props) {
  return (
    <Suspense>
      <TargetEditorView id={decodeURIComponent((await params).id)} />
    </Suspense>
  );
}
