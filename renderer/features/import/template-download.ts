// Saving the applications template the core makes, through the browser's own download.
import { call } from '../../app/api';

/** Asks the core for the template and saves it; true when the download started. */
export async function downloadTemplate(): Promise<boolean> {
  const result = await call('imports.template', {});
  if (!result.ok) return false;
  const blob = new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = result.value.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
