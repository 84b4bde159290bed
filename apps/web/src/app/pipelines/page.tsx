import { PipelinesView } from '../../views/pipelines/pipelines-view';

export const metadata = { title: 'Pipelines' };

export default function Page() {
  return <PipelinesView />;
}
