import { Suspense } from 'react';
import { RunCompareView } from '../../../views/runs/run-compare-view';

export const metadata = { title: 'Compare runs' };

export default function Page() {
  return (
    <Suspense>
      <RunCompareView />
    </Suspense>
  );
}
