// One button for every document the core makes (score sheets, panel packs, the panel report, the
// register as CSV): save it through the Save dialog or as a download, say where it went, and say
// "Making…" meanwhile, since a whole panel pack takes a moment.
import { useState } from 'react';
import type { Result } from '../../shared/contract';
import type { SavedDocument } from '../../shared/contract/documents';
import type { FilePurpose } from '../../shared/contract/files';
import { saveFile } from '../app/files';
import { useNotifications } from '../app/notifications';

export function SaveDocumentButton({
  purpose,
  fileName,
  write,
  label,
  busyLabel,
  saved,
  primary = false,
}: {
  purpose: FilePurpose;
  fileName: string;
  write: (file: string) => Promise<Result<SavedDocument>>;
  label: string;
  busyLabel: string;
  /** What was saved, for the notification: "the panel pack". */
  saved: string;
  primary?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    const result = await saveFile(purpose, fileName, write);
    setBusy(false);
    if (result.ok && result.value) useNotifications.getState().push('success', `Saved ${saved} (${result.value.name})`);
  }
  return (
    <button type="button" className={primary ? 'button' : 'button secondary'} disabled={busy} onClick={() => void save()}>
      {busy ? busyLabel : label}
    </button>
  );
}
