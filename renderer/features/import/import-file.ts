// The CSV file chosen in the browser's file picker: its size against the limit, before it is sent.
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
  if (file.size === 0) return 'The file is empty — choose a CSV file with a header row and the rows to import below it';
  return null;
}
