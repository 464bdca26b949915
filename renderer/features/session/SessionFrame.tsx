// The frame of the screens shown while nobody is signed in: the name, and the one task; no
// navigation and no register data.
import type { ReactNode } from 'react';
import { Page } from '../../components/Page';

export function SessionFrame({ title, lede, children }: { title: string; lede?: ReactNode; children: ReactNode }) {
  return (
    <div className="frame session-frame">
      <header className="topbar">
        <span className="brand">GrantPanel</span>
      </header>
      <main id="main" tabIndex={-1} className="session-main">
        <Page title={title} lede={lede}>
          {children}
        </Page>
      </main>
    </div>
  );
}
