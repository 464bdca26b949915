// An address the app does not have (an old bookmark, a mistyped link): said plainly, inside the app.
import { Link } from 'react-router';
import { Page } from '../components/Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>GrantPanel has no page at this address. It may have been a link from an older version.</p>
      <p>
        <Link to="/applications">Go to the applications</Link>
      </p>
    </Page>
  );
}
