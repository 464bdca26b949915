// PDFs made by the core, in plain Node: the app, the CLI and the tests make the same file.
export { renderPdf, type Block, type Choice, type Column, type PdfMeta } from './document';
export { scoreSheetPdf, scoreSheetBlocks, type ScoreSheetInput, type SheetApplication, type SheetRubric } from './score-sheet';
export { panelPackPdf, type PanelPackInput } from './panel-pack';
