// A page the person's roles do not reach (a link typed or kept from another person): a polite page
// rather than a refused call.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { MethodName } from '../../../shared/contract';
import { Page } from '../../components/Page';
import { useSession } from '../../app/queries';
import { useMayCall } from './session-cache';

/** `method`: the call the page needs, or several of which any one makes the page useful. */
export function Allowed({ method, children }: { method: MethodName | readonly MethodName[]; children: ReactNode }) {
  const may = useMayCall();
  const session = useSession();
  if (!session?.person || (typeof method === 'string' ? may(method) : method.some(may))) return <>{children}</>;
  return (
    <Page title="You don’t have access to this page">
      <p>This page is for people with another role. Ask a grants officer if you need it.</p>
      <p>
        <Link to="/applications">Go to the applications</Link>
      </p>
    </Page>
  );
}
