import { UploadModelView } from '../../../views/models/upload-model-view';

export const metadata = { title: 'Upload a model' };

export default function Page() {
  return <UploadModelView />;
}
