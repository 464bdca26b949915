import { DomainError } from '../../../shared/contract/result';

/** A bundle refused, with the reason a grants officer can act on. Nothing was changed. */
export function bundleRefused(reason: string): DomainError {
  return new DomainError('BUNDLE_INVALID', `This bundle cannot be used: ${reason}`);
}
