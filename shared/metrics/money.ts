// Money is carried as integer paise so sums are exact (Property 1); rupees appear only
// at the edges (display, wire formats with two decimals).

/** Rupees with up to two decimals → integer paise; non-finite → 0. */
export function toPaise(rupees: number): number {
  return Number.isFinite(rupees) ? Math.round(rupees * 100) : 0;
}

export function toRupees(paise: number): number {
  return Number.isFinite(paise) ? paise / 100 : 0;
}

/** Indian digit grouping: the last three digits, then groups of two (12,34,56,789). */
export function groupIndian(integerDigits: string): string {
  if (integerDigits.length <= 3) return integerDigits;
  const last3 = integerDigits.slice(-3);
  const rest = integerDigits.slice(0, -3);
  const pairs: string[] = [];
  for (let end = rest.length; end > 0; end -= 2) pairs.unshift(rest.slice(Math.max(0, end - 2), end));
  return `${pairs.join(',')},${last3}`;
}

/** ₹ with Indian grouping and paise, e.g. formatInr(123456789) → "₹12,34,567.89". */
export function formatInr(paise: number, options: { readonly decimals?: 0 | 2 } = {}): string {
  if (!Number.isFinite(paise)) return '—';
  const decimals = options.decimals ?? 2;
  const sign = paise < 0 ? '−' : '';
  const abs = Math.abs(Math.round(paise));
  const rupees = decimals === 0 ? Math.round(abs / 100) : Math.floor(abs / 100);
  const fraction = decimals === 0 ? '' : `.${String(abs % 100).padStart(2, '0')}`;
  return `${sign}₹${groupIndian(String(rupees))}${fraction}`;
}

/** Three significant figures at most: 456, 12.3, 4.56. */
const threeFigures = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** A count from a lakh up in lakhs or crores ("4.56 L", "1.23 Cr"); undefined below a lakh. */
export function lakhCrore(abs: number): string | undefined {
  if (abs >= 1e7) return `${threeFigures(abs / 1e7)} Cr`;
  if (abs >= 1e5) return `${threeFigures(abs / 1e5)} L`;
  return undefined;
}

/** Compact form for tiles: ₹950, ₹12.3K, ₹4.56 L (lakh = 1e5), ₹1.23 Cr (crore = 1e7). */
export function formatInrCompact(paise: number): string {
  if (!Number.isFinite(paise)) return '—';
  const rupees = Math.abs(paise) / 100;
  const sign = paise < 0 ? '−' : '';
  const big = lakhCrore(rupees);
  if (big !== undefined) return `${sign}₹${big}`;
  if (rupees >= 1e3) return `${sign}₹${threeFigures(rupees / 1e3)}K`;
  return `${sign}₹${Math.round(rupees)}`;
}
