import { useNotifications } from './notifications';

/** Every failed call and every completed long task ends up here, announced to screen readers. */
export function Notifications() {
  const { notices, dismiss } = useNotifications();
  return (
    <div className="notices" aria-live="polite" aria-relevant="additions">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span style={{ flex: 1 }}>
            <strong>{n.kind === 'error' ? 'Problem: ' : n.kind === 'success' ? 'Done: ' : ''}</strong>
            {n.message}
          </span>
          <button type="button" className="link-button" onClick={() => dismiss(n.id)}>
            Dismiss<span className="visually-hidden"> message</span>
          </button>
        </div>
      ))}
    </div>
  );
}
