// Every kind of record with what the core does with it: shared/domain/kinds.ts declares each one
// (merge rule, tables, event types, who may write it, its page); here each brings its projectors,
// and a kind whose changes merge field by field how to edit one. A kind missing here, or a
// declared event type without a projector, does not compile.
import type { CoreKinds } from './events/project';
import { areaKind, fundKind, planKind } from './services/catalogue';
import { credentialKind, personKind } from './people/records';
import { signInKind } from './people/vouching';
import { roundKind } from './services/rounds';
import { applicationKind } from './services/applications';
import { importMappingKind } from './services/imports';
import { trustKind } from './bundles/trust';
import { versionChoiceKind } from './bundles/equivocation';
import { conflictResolutionKind } from './merge/conflicts';
import { rubricKind } from './panels/rubrics';
import { panelAssignmentKind, panelKind } from './panels/panels';
import { declarationKind } from './panels/declarations';
import { scoreKind } from './panels/scores';
import { moderationKind, moderationOpeningKind } from './panels/moderation';
import { screeningKind } from './services/screening';
import { decisionKind } from './decisions/decisions';
import { allocationKind } from './allocation/allocations';
import { letterTemplateKind } from './services/letter-templates';
import { offerKind } from './decisions/offers';

export const CORE_KINDS: CoreKinds = {
  fund: fundKind,
  letterTemplate: letterTemplateKind,
  area: areaKind,
  plan: planKind,
  round: roundKind,
  application: applicationKind,
  person: personKind,
  credential: credentialKind,
  signIn: signInKind,
  rubric: rubricKind,
  panel: panelKind,
  panelAssignment: panelAssignmentKind,
  declaration: declarationKind,
  score: scoreKind,
  moderation: moderationKind,
  moderationOpening: moderationOpeningKind,
  decision: decisionKind,
  trust: trustKind,
  versionChoice: versionChoiceKind,
  conflictResolution: conflictResolutionKind,
  importMapping: importMappingKind,
  screening: screeningKind,
  allocation: allocationKind,
  offer: offerKind,
};
