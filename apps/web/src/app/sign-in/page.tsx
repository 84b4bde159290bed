import { Suspense } from 'react';
import { SignInView } from '../../views/sign-in-view';

export const metadata = { title: 'Sign in' };

export default function Page() {
  return (
    <Suspense>
      <SignInView />
    </Suspense>
  );
}
