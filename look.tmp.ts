import { writeFileSync } from 'node:fs';
import { scoreSheetPdf, panelPackPdf } from './electron/core/pdf';
import { sheetInput, packInput } from './test/support/pdf-fixtures';
(async () => {
  writeFileSync('/tmp/pdfp/sheet.pdf', await scoreSheetPdf(sheetInput()));
  writeFileSync('/tmp/pdfp/pack.pdf', await panelPackPdf(packInput()));
  console.log('ok');
})();
