// Bundled by test/core/pdf.test.ts as the build bundles the CLI: writes a score sheet to argv[2].
import { writeFileSync } from 'node:fs';
import { scoreSheetPdf } from '../../electron/core/pdf';
import { sheetInput } from './pdf-fixtures';

const out = process.argv[2];
if (!out) throw new Error('Usage: node bundle.cjs OUT.pdf');
void scoreSheetPdf(sheetInput()).then((bytes) => writeFileSync(out, bytes));
