import { RunsView } from '../../views/runs/runs-view';

export const metadata = { title: 'Runs' };

export default function Page() {
  return <RunsView />;
}
