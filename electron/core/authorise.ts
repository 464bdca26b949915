// Who may do what. Checked in the core on every call; the UI only hides what it cannot do.
import { DomainError } from '../../shared/contract/result';
import type { CoreContext, Person } from './context';

import type { Capability } from '../../shared/domain/kinds';

export type { Capability };

const GRANTS: Record<Person['role'], Capability[]> = {
  officer: ['read-register', 'read-personal-data', 'manage-register', 'manage-catalogue', 'exchange-bundles'],
};

export function can(person: Person, capability: Capability): boolean {
  return GRANTS[person.role].includes(capability);
}

export function authorise(ctx: CoreContext, capability: Capability): void {
  if (!can(ctx.person, capability)) throw new DomainError('FORBIDDEN', `${ctx.person.name} is not allowed to do that (${capability}).`);
}
