// An application's received instant as the day it arrived in the UK (25 Nov 2026): the UTC date
// alone would put an application received at 00:30 BST on the previous day.
import { formatDate } from '../../../shared/domain/dates';

const londonParts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

export function formatReceivedDate(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const parts = londonParts.formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return formatDate(`${part('year')}-${part('month')}-${part('day')}`);
}
