import { Suspense } from 'react';
import { PipelineBuilderView } from '../../../views/runs/pipeline-builder-view';

export const metadata = { title: 'Build a pipeline' };

export default function Page() {
  return (
    <Suspense>
      <PipelineBuilderView />
    </Suspense>
  );
}
