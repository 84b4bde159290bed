import { HomeView } from '../views/home-view';

export default function Page() {
  return <HomeView />;
}
