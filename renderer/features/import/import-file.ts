// The chosen CSV file on this computer: its size against the limit, and its bytes as base64 for
// the core, read with progress so a large file never looks stuck.
import { MAX_IMPORT_BYTES } from '../../../shared/formats/applications-csv';

const MB = 1024 * 1024;

/** 12.3 MB, 840 KB, 312 bytes. */
export function formatFileSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024).toLocaleString('en-GB')} KB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** The problem with a file's size before anything is read, or null. */
export function fileSizeProblem(file: File): string | null {
  if (file.size > MAX_IMPORT_BYTES) {
    return `The file is ${(file.size / MB).toFixed(1)} MB — the largest file GrantPanel imports is ${MAX_IMPORT_BYTES / MB} MB. Split it into smaller files.`;
  }
  if (file.size === 0) return 'The file is empty — choose a CSV file with a header row and at least one application';
  return null;
}

export class FileReadCancelled extends Error {
  constructor() {
    super('Reading the file was cancelled');
    this.name = 'FileReadCancelled';
  }
}

/** Reads a file as base64, reporting the fraction read; abort() on the signal stops it. */
export function readFileAsBase64(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    const abort = () => reader.abort();
    signal.addEventListener('abort', abort, { once: true });
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onload = () => {
      signal.removeEventListener('abort', abort);
      onProgress(1);
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      resolve(comma < 0 ? '' : url.slice(comma + 1));
    };
    reader.onabort = () => reject(new FileReadCancelled());
    reader.onerror = () => {
      signal.removeEventListener('abort', abort);
      reject(new Error(`GrantPanel could not read ${file.name} — it may have changed or moved since you chose it. Choose the file again.`));
    };
    reader.readAsDataURL(file);
  });
}
