// Who may do what. Checked in the core on every call (dispatch reads shared/contract/rules.ts);
// handlers check further where the answer depends on the data. The UI only hides what a person cannot do.
import { DomainError } from '../../shared/contract/result';
import { capabilitiesOf, type Capability } from '../../shared/domain/people';
import type { CoreContext, Person } from './context';

export type { Capability };

export function can(person: Person, capability: Capability): boolean {
  return capabilitiesOf(person.roles).includes(capability);
}

export function authorise(ctx: CoreContext, capability: Capability): void {
  if (!can(ctx.person, capability)) throw forbidden(ctx.person);
}

export function forbidden(person: Person): DomainError {
  return new DomainError('FORBIDDEN', `${person.name} is not allowed to do that: their role does not include it.`);
}
