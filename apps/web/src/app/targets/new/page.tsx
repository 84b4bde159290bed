import { Suspense } from 'react';
import { TargetEditorView } from '../../../views/targets/target-editor-view';

export const metadata = { title: 'Define a target' };

export default function Page() {
  return (
    <Suspense>
      <TargetEditorView />
    </Suspense>
  );
}
