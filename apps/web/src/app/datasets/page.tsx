import { DatasetsView } from '../../views/datasets/datasets-view';

export const metadata = { title: 'Datasets' };

export default function Page() {
  return <DatasetsView />;
}
