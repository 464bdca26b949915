// Saving a template the core makes (applications or paper scores), through the browser's own download.
import { call } from '../../app/api';
import { downloadText } from '../../app/files';

/** Asks the core for the template and saves it; true when the download started. */
export async function downloadTemplate(method: 'imports.template' | 'scores.template' = 'imports.template'): Promise<boolean> {
  const result = await call(method, {});
  if (!result.ok) return false;
  downloadText(result.value.fileName, result.value.csv, 'text/csv;charset=utf-8');
  return true;
}
