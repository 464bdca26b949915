import { createHashRouter, Navigate, NavLink, Outlet, RouterProvider } from 'react-router';
import { useSession } from './queries';
import { Notifications } from './Notifications';
import { ApplicationsPage } from '../features/applications/ApplicationsPage';
import { ApplicationDetailPage } from '../features/applications/ApplicationDetailPage';
import { NewApplicationPage } from '../features/applications/NewApplicationPage';
import { EditApplicationPage } from '../features/applications/EditApplicationPage';
import { RoundsPage } from '../features/rounds/RoundsPage';
import { RoundFormPage } from '../features/rounds/RoundFormPage';
import { CataloguePage } from '../features/catalogue/CataloguePage';
import { ImportPage } from '../features/import/ImportPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { ConflictsPage } from '../features/conflicts/ConflictsPage';
import { useOpenConflicts } from '../features/conflicts/queries';

const NAV = [
  ['/applications', 'Applications'],
  ['/rounds', 'Rounds'],
  ['/catalogue', 'Catalogue'],
  ['/import', 'Import'],
  ['/sync', 'Sync'],
  ['/conflicts', 'Conflicts'],
  ['/settings', 'Settings'],
] as const;

function Frame() {
  const session = useSession();
  const openConflicts = useOpenConflicts();
  return (
    <div className="frame">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to main content
      </a>
      <header className="topbar">
        <span className="brand">GrantPanel</span>
        {session?.readOnly ? <span className="tag draft">Read-only</span> : null}
        <span className="who">
          {session ? (
            <>
              Signed in as <strong>{session.person.name}</strong> on this laptop
            </>
          ) : null}
        </span>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {NAV.map(([to, label]) => (
            <li key={to}>
              <NavLink to={to}>
                {label}
                {to === '/conflicts' && openConflicts ? (
                  <span className="nav-count">
                    {openConflicts}
                    <span className="visually-hidden"> to resolve</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {session?.readOnly ? (
          <div className="panel warning" role="status">
            {session.readOnly}
          </div>
        ) : null}
        <Outlet />
      </main>
      <Notifications />
    </div>
  );
}

const router = createHashRouter([
  {
    path: '/',
    element: <Frame />,
    children: [
      { index: true, element: <Navigate to="/applications" replace /> },
      { path: 'applications', element: <ApplicationsPage /> },
      { path: 'applications/new', element: <NewApplicationPage /> },
      { path: 'applications/:id', element: <ApplicationDetailPage /> },
      { path: 'applications/:id/edit', element: <EditApplicationPage /> },
      { path: 'rounds', element: <RoundsPage /> },
      { path: 'rounds/new', element: <RoundFormPage /> },
      { path: 'rounds/:id/edit', element: <RoundFormPage /> },
      { path: 'catalogue', element: <CataloguePage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'sync', element: <SyncPage /> },
      { path: 'conflicts', element: <ConflictsPage /> },
      { path: 'settings', element: <SettingsPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
