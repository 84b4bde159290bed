import { ModelsView } from '../../views/models/models-view';

export const metadata = { title: 'Models' };

export default function Page() {
  return <ModelsView />;
}
