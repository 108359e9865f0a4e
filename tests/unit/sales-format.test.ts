// How the Sales tiles write units: Indian grouping, one decimal for loose goods, and big
// counts compact like rupees so they fit a 360-px phone's tile.
import { describe, expect, it } from 'vitest';
import { formatUnits, formatUnitsCompact, growthText } from '../../web/features/sales/format.ts';

describe('units on the Sales tiles', () => {
  it('groups in lakhs and keeps one decimal for loose goods', () => {
    expect(formatUnits(1_040_954.5)).toBe('10,40,954.5');
    expect(formatUnits(12)).toBe('12');
    expect(formatUnits(-3.25)).toBe('−3.3');
    expect(formatUnits(Number.NaN)).toBe('—');
  });

  it('writes lakhs and crores compactly, smaller counts in full', () => {
    expect(formatUnitsCompact(1_040_954.5)).toBe('10.4 L');
    expect(formatUnitsCompact(125_000_000)).toBe('12.5 Cr');
    expect(formatUnitsCompact(99_999.5)).toBe('99,999.5');
    expect(formatUnitsCompact(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('says growth with a symbol and a word, never colour alone', () => {
    expect(growthText(12.34)).toMatchObject({ symbol: '▲', text: 'up 12.3%' });
    expect(growthText(-4)).toMatchObject({ symbol: '▼', text: 'down 4.0%' });
    expect(growthText(0.01)).toMatchObject({ symbol: '■', text: 'no change' });
    expect(growthText(null)).toMatchObject({ symbol: '–' });
  });
});
