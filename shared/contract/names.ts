// The contract's method names alone, for the preload: it must not carry the schemas (zod) into
// the sandboxed page. A test checks this list equals the contract's keys.
export const METHOD_NAMES = [
  'applications.create',
  'applications.get',
  'applications.list',
  'applications.withdraw',
  'catalogue.areas',
  'catalogue.funds',
  'catalogue.plans',
  'catalogue.saveArea',
  'catalogue.saveFund',
  'demo.load',
  'imports.cancel',
  'imports.commit',
  'imports.preview',
  'imports.progress',
  'imports.start',
  'imports.template',
  'rounds.create',
  'rounds.list',
  'rounds.update',
  'session.current',
] as const;
