// Money is integer pence everywhere; only display and input parsing deal in pounds.

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** £1,250.00 */
export function formatPence(pence: number): string {
  return gbp.format(pence / 100);
}

/**
 * Understands what a grants officer types or a spreadsheet exports: "£1,200.50", "1200.5",
 * "1,200", "GBP 300". Returns null when the text is not an amount of money.
 */
export function parseMoney(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^(gbp|£)\s*/i, '')
    .replace(/\s*(gbp)$/i, '')
    .trim();
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.replace(/,/g, '').split('.');
  const negative = whole.startsWith('-');
  const pounds = Number(whole.replace('-', ''));
  const pence = pounds * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(pence)) return null;
  return negative ? -pence : pence;
}
