// Who may call each contract method: one rule per method, checked by the core before the handler
// runs (a forbidden call answers FORBIDDEN and writes nothing) and read by the renderer to hide
// what a person cannot do. A method without a rule does not compile.
import type { Capability } from '../domain/people';
import type { MethodName } from './index';

/**
 * `anyone`: answers with nobody signed in (signing in itself); `signed-in`: any person signed in,
 * even one who must first choose a new passphrase; otherwise the capability a person's roles must grant.
 */
export type MethodRule = 'anyone' | 'signed-in' | Capability;

export const METHOD_RULES: Record<MethodName, MethodRule> = {
  'session.current': 'anyone',
  'session.choices': 'anyone',
  'session.setUp': 'anyone',
  'session.setUpDemo': 'anyone',
  'session.claim': 'anyone',
  'session.checkJoin': 'anyone',
  'session.join': 'anyone',
  'session.signIn': 'anyone',
  'session.unlock': 'anyone',
  'session.lock': 'anyone',
  'session.signOut': 'anyone',
  'session.changePassphrase': 'signed-in',
  'session.touch': 'signed-in',
  'session.setIdleLock': 'manage-people',
  'people.list': 'read-register',
  'people.add': 'manage-people',
  'people.change': 'manage-people',
  'people.resetPassphrase': 'manage-people',
  'people.publicKey': 'read-register',
  'demo.load': 'manage-register',
  'catalogue.funds': 'read-register',
  'catalogue.areas': 'read-register',
  'catalogue.plans': 'read-register',
  'catalogue.priorityUse': 'read-register',
  'catalogue.saveFund': 'manage-catalogue',
  'catalogue.saveArea': 'manage-catalogue',
  'catalogue.savePlan': 'manage-catalogue',
  'rounds.list': 'read-register',
  'rounds.create': 'manage-catalogue',
  'rounds.update': 'manage-catalogue',
  // Contact details are left out for people who may not read them (the handler's check).
  'applications.get': 'read-register',
  'applications.list': 'read-register',
  'applications.history': 'read-register',
  'applications.create': 'manage-register',
  'applications.update': 'manage-register',
  'applications.withdraw': 'manage-register',
  'applications.reinstate': 'manage-register',
  'imports.template': 'read-register',
  'imports.preview': 'manage-register',
  'imports.commit': 'manage-register',
  'imports.start': 'manage-register',
  'imports.progress': 'manage-register',
  'imports.cancel': 'manage-register',
  'bundles.export': 'exchange-bundles',
  'bundles.verify': 'exchange-bundles',
  'bundles.import': 'exchange-bundles',
  'bundles.progress': 'exchange-bundles',
  'bundles.folder': 'exchange-bundles',
  'bundles.officeKey': 'exchange-bundles',
  'sync.status': 'exchange-bundles',
  'devices.list': 'exchange-bundles',
  'devices.trust': 'exchange-bundles',
  'devices.revoke': 'exchange-bundles',
  'devices.chooseVersion': 'exchange-bundles',
  'roster.export': 'exchange-bundles',
  'roster.verify': 'exchange-bundles',
  'roster.import': 'exchange-bundles',
  // Resolving also needs the capability that writes the kind in conflict (the handler's check).
  'conflicts.list': 'read-register',
  'conflicts.resolve': 'read-register',
  'rubrics.get': 'read-register',
  'rubrics.save': 'manage-panels',
  'panels.list': 'read-register',
  'panels.get': 'read-register',
  'panels.save': 'manage-panels',
  'panels.ofApplication': 'read-register',
  'panels.assign': 'manage-panels',
  // Whether the reader sits on the application's panel, has declared, has submitted: the handlers' checks.
  'scoring.sheet': 'read-register',
  'scoring.declare': 'score',
  'scoring.enter': 'score',
  'scoring.submit': 'score',
  'scoring.fromPaper': 'manage-panels',
  // Paper sheets typed into a spreadsheet: as scoring.fromPaper, a whole file at a time.
  'scores.template': 'read-register',
  'scores.preview': 'manage-panels',
  'scores.commit': 'manage-panels',
  // The chair of the panel, or anyone who reads every panel's scores: the handler's check.
  'moderation.view': 'read-register',
  'moderation.open': 'moderate',
  'moderation.record': 'moderate',
  'decisions.sign': 'sign-decisions',
  'documents.decisionNotice': 'read-scores',
  'decisions.approveRest': 'sign-decisions',
  'audit.verify': 'read-audit',
  // Contact details are left out of what changed for people who may not read them (the handler's check).
  'audit.list': 'read-audit',
  'letters.write': 'read-personal-data',
  'letters.batch': 'read-personal-data',
  'letters.batchProgress': 'read-personal-data',
  'letters.batchCancel': 'read-personal-data',
  'letterTemplates.get': 'read-register',
  'letterTemplates.save': 'manage-catalogue',
  'letterTemplates.preview': 'read-register',
  'offers.get': 'read-register',
  'offers.recordSent': 'record-offers',
  'offers.recordAccepted': 'record-offers',
  'decisions.list': 'read-scores',
  'decisions.pack': 'read-scores',
  'decisions.files': 'read-scores',
  'documents.scoreSheet': 'manage-panels',
  'documents.panelPack': 'manage-panels',
  // The chair of the panel, or anyone who reads every panel's scores: the handler's check.
  'documents.panelReport': 'read-register',
  'panels.interests': 'read-register',
  'documents.interestsCsv': 'read-register',
  'screening.round': 'read-register',
  'screening.disputed': 'read-register',
  'screening.record': 'manage-register',
  // The panels' rankings with amounts: those who read every panel's scores.
  'allocation.workspace': 'read-scores',
  'allocation.suggest': 'allocate',
  'allocation.set': 'allocate',
  'allocation.overspent': 'read-register',
  'files.create': 'signed-in',
  'files.forget': 'signed-in',
};

/** Whether a person with these capabilities may call the method (signed in: the caller's job). */
export function mayCall(method: MethodName, capabilities: readonly Capability[]): boolean {
  const rule = METHOD_RULES[method];
  return rule === 'anyone' || rule === 'signed-in' || capabilities.includes(rule);
}
