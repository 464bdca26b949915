// Small formatting shared by the moderation screens: names for files, clocks as UK times.
import { decodeHlc } from '../../../shared/events/hlc';
import { formatInstant } from '../../../shared/domain/dates';
import { RECOMMENDATIONS } from '../../../shared/domain/panels';
import { formatPence } from '../../../shared/domain/money';
import type { ModeratedModeration } from '../../../shared/contract/moderation';

/** "coventry-npu-panel-demo": safe in any file name. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'panel'
  );
}

/** A moderation's clock as the UK time it was recorded: 25 Nov 2026, 14:05. */
export function recordedWhen(hlc: string): string {
  try {
    return formatInstant(new Date(decodeHlc(hlc).millis).toISOString());
  } catch {
    return hlc;
  }
}

/** "Fund a lower amount: £900.00" */
export function recommendationText(m: Pick<ModeratedModeration, 'recommendation' | 'amountPence'>): string {
  const words = RECOMMENDATIONS[m.recommendation];
  return m.recommendation === 'fund-lower' && m.amountPence !== null ? `${words}: ${formatPence(m.amountPence)}` : words;
}
