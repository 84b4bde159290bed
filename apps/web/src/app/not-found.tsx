import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="state">
      <h1>Page not found</h1>
      <p>This address is not a page of the console. Start from the overview, or pick a section in the menu.</p>
      <Link className="button primary" href="/">
        Go to the overview
      </Link>
    </div>
  );
}
