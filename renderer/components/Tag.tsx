const LABELS: Record<string, string> = {
  received: 'Received',
  withdrawn: 'Withdrawn',
  open: 'Open',
  closed: 'Closed',
  draft: 'Draft',
  eligible: 'Eligible',
  ineligible: 'Not eligible',
  unscreened: 'Not screened',
  disputed: 'Screened differently',
};

/** A status as a word first; colour only supports it. */
export function Tag({ status }: { status: string }) {
  return <span className={`tag ${status}`}>{LABELS[status] ?? status}</span>;
}
