import { PluginsView } from '../../views/plugins/plugins-view';

export const metadata = { title: 'Plugins' };

export default function Page() {
  return <PluginsView />;
}
