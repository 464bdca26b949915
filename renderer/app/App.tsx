import { lazy, Suspense, type ReactNode } from 'react';
import { createHashRouter, Navigate, NavLink, Outlet, RouterProvider } from 'react-router';
import { useSession } from './queries';
import { Notifications } from './Notifications';
import { NotFoundPage } from './NotFoundPage';
import { ApplicationsPage } from '../features/applications/ApplicationsPage';
import { useOpenConflicts } from '../features/conflicts/queries';
import { Allowed } from '../features/session/Allowed';
import { SessionGate, lockNow, switchPerson } from '../features/session/SessionGate';
import { useMayCall, whenSomeoneElseSignsIn } from '../features/session/session-cache';
import { rolesText, type Capability } from '../../shared/domain/people';
import type { MethodName } from '../../shared/contract';

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
const LetterTemplatePage = lazy(() => import('../features/letters/LetterTemplatePage').then((m) => ({ default: m.LetterTemplatePage })));
const ImportPage = lazy(() => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const SyncPage = lazy(() => import('../features/sync/SyncPage').then((m) => ({ default: m.SyncPage })));
const PeoplePage = lazy(() => import('../features/people/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const RubricPage = lazy(() => import('../features/panels/RubricPage').then((m) => ({ default: m.RubricPage })));
const PanelsPage = lazy(() => import('../features/panels/PanelsPage').then((m) => ({ default: m.PanelsPage })));
const PanelFormPage = lazy(() => import('../features/panels/PanelFormPage').then((m) => ({ default: m.PanelFormPage })));
const PaperSheetPage = lazy(() => import('../features/panels/PaperSheetPage').then((m) => ({ default: m.PaperSheetPage })));
const ScreeningPage = lazy(() => import('../features/screening/ScreeningPage').then((m) => ({ default: m.ScreeningPage })));
const AllocationPage = lazy(() => import('../features/allocation/AllocationPage').then((m) => ({ default: m.AllocationPage })));
const SignOffPage = lazy(() => import('../features/decisions/SignOffPage').then((m) => ({ default: m.SignOffPage })));
const PanelPage = lazy(() => import('../features/scoring/PanelPage').then((m) => ({ default: m.PanelPage })));
const ScoringPage = lazy(() => import('../features/scoring/ScoringPage').then((m) => ({ default: m.ScoringPage })));
const ModerationPage = lazy(() => import('../features/moderation/ModerationPage').then((m) => ({ default: m.ModerationPage })));
const InterestsPage = lazy(() => import('../features/moderation/InterestsPage').then((m) => ({ default: m.InterestsPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const ConflictsPage = lazy(() => import('../features/conflicts/ConflictsPage').then((m) => ({ default: m.ConflictsPage })));

/**
 * Each link with the call its page needs, or the capabilities (any one) that make it worth a place:
 * a link the person could not use is not shown.
 */
const NAV: readonly (readonly [string, string, MethodName | readonly MethodName[] | readonly Capability[]])[] = [
  ['/applications', 'Applications', 'applications.list'],
  ['/rounds', 'Rounds', 'rounds.list'],
  // Everyone may read panels, but only those who score, set them up or read scores have work there.
  ['/panels', 'Panels', ['score', 'manage-panels', 'read-scores']],
  ['/catalogue', 'Catalogue', 'catalogue.funds'],
  // Applications, or paper score sheets (renderer/features/import).
  ['/import', 'Import', ['imports.commit', 'scores.commit']],
  ['/sync', 'Sync', 'sync.status'],
  ['/conflicts', 'Conflicts', 'conflicts.list'],
  ['/people', 'People', 'people.add'],
  ['/audit', 'Audit', 'audit.list'],
  ['/settings', 'Settings', 'session.current'],
];

function Frame() {
  const session = useSession();
  const may = useMayCall();
  const capabilities = session?.person?.capabilities ?? [];
  // A name with a dot is a contract method ('scores.commit'), else a capability ('manage-panels').
  const shown = (need: MethodName | readonly MethodName[] | readonly Capability[]) =>
    typeof need === 'string'
      ? may(need)
      : need.some((c) => (c.includes('.') ? may(c as MethodName) : capabilities.includes(c as Capability)));
  const openConflicts = useOpenConflicts();
  return (
    <div className="frame">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to main content
      </a>
      <header className="topbar">
        <span className="brand">GrantPanel</span>
        {session?.readOnly ? <span className="tag draft">Read-only</span> : null}
        {session?.person ? (
          <div className="who">
            <span>
              Signed in as <strong>{session.person.name}</strong>
              <span className="who-role"> ({rolesText(session.person.roles)})</span>
            </span>
            <button type="button" className="button secondary small" onClick={() => void switchPerson()}>
              Switch person
            </button>
            <button type="button" className="button secondary small" onClick={() => void lockNow()}>
              Lock
            </button>
          </div>
        ) : null}
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {NAV.filter(([, , need]) => shown(need)).map(([to, label]) => (
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

const allowed = (method: MethodName | readonly MethodName[], page: ReactNode) => <Allowed method={method}>{page}</Allowed>;

const router = createHashRouter([
  {
    path: '/',
    element: <Frame />,
    children: [
      { index: true, element: <Navigate to="/applications" replace /> },
      { path: 'applications', element: <ApplicationsPage /> },
      { path: 'applications/new', element: allowed('applications.create', <NewApplicationPage />) },
      { path: 'applications/:id', element: <ApplicationDetailPage /> },
      { path: 'applications/:id/edit', element: allowed('applications.update', <EditApplicationPage />) },
      { path: 'rounds', element: <RoundsPage /> },
      { path: 'rounds/new', element: allowed('rounds.create', <RoundFormPage />) },
      { path: 'rounds/:id/edit', element: allowed('rounds.update', <RoundFormPage />) },
      { path: 'rounds/:id/rubric', element: allowed('rubrics.get', <RubricPage />) },
      { path: 'panels', element: allowed('panels.list', <PanelsPage />) },
      { path: 'panels/new', element: allowed('panels.save', <PanelFormPage />) },
      { path: 'panels/:id/edit', element: allowed('panels.save', <PanelFormPage />) },
      { path: 'applications/:id/paper-sheet', element: allowed('scoring.fromPaper', <PaperSheetPage />) },
      { path: 'rounds/:id/screening', element: <ScreeningPage /> },
      { path: 'rounds/:id/allocation', element: allowed('allocation.workspace', <AllocationPage />) },
      { path: 'rounds/:id/sign-off', element: allowed('decisions.list', <SignOffPage />) },
      { path: 'catalogue', element: <CataloguePage /> },
      { path: 'catalogue/funds/:fundId/letters', element: allowed('letterTemplates.get', <LetterTemplatePage />) },
      { path: 'import', element: allowed(['imports.commit', 'scores.commit'], <ImportPage />) },
      { path: 'sync', element: allowed('sync.status', <SyncPage />) },
      { path: 'conflicts', element: <ConflictsPage /> },
      { path: 'panels/:id', element: <PanelPage /> },
      { path: 'score/:applicationId', element: <ScoringPage /> },
      // The chair's moderation and the register of interests (renderer/features/moderation).
      { path: 'panels/:id/moderation', element: allowed('moderation.view', <ModerationPage />) },
      { path: 'panels/:id/interests', element: allowed('panels.interests', <InterestsPage />) },
      { path: 'people', element: allowed('people.add', <PeoplePage />) },
      { path: 'audit', element: allowed('audit.list', <AuditPage />) },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

whenSomeoneElseSignsIn(() => void router.navigate('/applications', { replace: true }));

export function App() {
  return (
    <SessionGate>
      <RouterProvider router={router} />
    </SessionGate>
  );
}
