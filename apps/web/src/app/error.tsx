'use client';

/** A rendering failure inside a page: the header and menu stay usable. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset(): void }) {
  return (
    <div className="state error" role="alert">
      <h1>This page failed to render</h1>
      <p>Try again; if it keeps failing, reload the page. {error.digest ? `(reference ${error.digest})` : ''}</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
