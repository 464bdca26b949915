// Every file a person opens or saves goes through here, one way for every screen (bundles, rosters,
// CSV files; later PDFs and exports). The desktop app asks the system's Open and Save dialogs
// (window.grantpanel.chooseFile); browser mode uploads from the file picker and downloads what the
// core wrote. Either way the page holds only the id the core gave, never a path.
import type { Result } from '../../shared/contract';
import type { ChosenFileInfo, FilePurpose } from '../../shared/contract/files';
import { browserFetch, call } from './api';

/** True in the desktop app, where files are chosen in the system's dialogs. */
export function hasFileDialogs(): boolean {
  return typeof window.grantpanel?.chooseFile === 'function';
}

const notAnswering: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'GrantPanel’s core is not answering — is it still running?' },
};

/** Desktop: the Open dialog. Answers null when the person cancels. */
export async function openWithDialog(purpose: FilePurpose): Promise<Result<ChosenFileInfo | null>> {
  const choose = window.grantpanel?.chooseFile;
  if (!choose)
    return { ok: false, error: { code: 'INTERNAL', message: 'This window has no Open dialog: choose the file with the file picker' } };
  return choose({ purpose, mode: 'read' });
}

/** Browser mode: sends a file from the file picker to the core, which keeps it in its data folder. */
export async function upload(purpose: FilePurpose, file: File, signal?: AbortSignal): Promise<Result<ChosenFileInfo>> {
  try {
    const response = await browserFetch(`./files?purpose=${purpose}&name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
      ...(signal ? { signal } : {}),
    });
    return (await response.json()) as Result<ChosenFileInfo>;
  } catch (error) {
    if (signal?.aborted) throw error;
    return notAnswering;
  }
}

/** Browser mode: fetches a file the core wrote for download and hands it to the browser to save. */
export async function download(saved: ChosenFileInfo): Promise<Result<null>> {
  try {
    const response = await browserFetch(`./files/${encodeURIComponent(saved.file)}`);
    if (!response.ok) return (await response.json()) as Result<never>;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = saved.name;
    document.body.append(link);
    link.click();
    link.remove();
    // Long enough for the browser to start saving it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { ok: true, value: null, changed: [] };
  } catch {
    return notAnswering;
  }
}

/**
 * Saves a file: the desktop asks where first (the Save dialog, offering `suggestedName`), then
 * `write` makes it there; browser mode has the core write it in its data folder, then downloads it.
 * Answers null when the person cancels the dialog.
 */
export async function saveFile<T>(
  purpose: FilePurpose,
  suggestedName: string,
  write: (file: string) => Promise<Result<T>>,
): Promise<Result<T | null>> {
  const choose = window.grantpanel?.chooseFile;
  if (choose) {
    const chosen = await choose({ purpose, mode: 'write', suggestedName });
    if (!chosen.ok || chosen.value === null) return chosen.ok ? { ok: true, value: null, changed: [] } : chosen;
    return write(chosen.value.file);
  }
  const made = await call('files.create', { purpose, name: suggestedName }, { quiet: true });
  if (!made.ok) return made;
  const written = await write(made.value.file);
  if (!written.ok) {
    void call('files.forget', { file: made.value.file }, { quiet: true });
    return written;
  }
  const downloaded = await download(made.value);
  return downloaded.ok ? written : downloaded;
}

/** Saves text the core answered (a template, a public key) through the browser's own download. */
export function downloadText(fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
