import { lazy, Suspense } from 'react';
import { createHashRouter, Navigate, NavLink, Outlet, RouterProvider } from 'react-router';
import { useSession } from './queries';
import { Notifications } from './Notifications';
import { ApplicationsPage } from '../features/applications/ApplicationsPage';
import { useOpenConflicts } from '../features/conflicts/queries';

// Only the register, the usual first screen, is in the first script; the other screens load when
// first opened (a few milliseconds from disk), so the app starts with less to evaluate.
const ApplicationDetailPage = lazy(() =>
  import('../features/applications/ApplicationDetailPage').then((m) => ({ default: m.ApplicationDetailPage })),
);
const NewApplicationPage = lazy(() =>
  import('../features/applications/NewApplicationPage').then((m) => ({ default: m.NewApplicationPage })),
);
const EditApplicationPage = lazy(() =>
  import('../features/applications/EditApplicationPage').then((m) => ({ default: m.EditApplicationPage })),
);
const RoundsPage = lazy(() => import('../features/rounds/RoundsPage').then((m) => ({ default: m.RoundsPage })));
const RoundFormPage = lazy(() => import('../features/rounds/RoundFormPage').then((m) => ({ default: m.RoundFormPage })));
const CataloguePage = lazy(() => import('../features/catalogue/CataloguePage').then((m) => ({ default: m.CataloguePage })));
const ImportPage = lazy(() => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const SyncPage = lazy(() => import('../features/sync/SyncPage').then((m) => ({ default: m.SyncPage })));
const ConflictsPage = lazy(() => import('../features/conflicts/ConflictsPage').then((m) => ({ default: m.ConflictsPage })));

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
              Signed in as <strong>{session.person?.name}</strong> on this laptop
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
        <Suspense fallback={null}>
          <Outlet />
        </Suspense>
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
