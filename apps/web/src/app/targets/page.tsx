import { Suspense } from 'react';
import { TargetsView } from '../../views/targets/targets-view';

export const metadata = { title: 'Targets' };

export default function Page() {
  return (
    <Suspense>
      <TargetsView />
    </Suspense>
  );
}
