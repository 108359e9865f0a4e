import { describe, expect, it } from 'vitest';
import { formatInr, formatInrCompact, groupIndian, toPaise } from '../../shared/metrics/money.ts';

describe('Indian money formatting', () => {
  it('groups digits in lakhs and crores', () => {
    expect(groupIndian('1')).toBe('1');
    expect(groupIndian('123')).toBe('123');
    expect(groupIndian('1234')).toBe('1,234');
    expect(groupIndian('123456')).toBe('1,23,456');
    expect(groupIndian('1234567')).toBe('12,34,567');
    expect(groupIndian('123456789')).toBe('12,34,56,789');
  });

  it('formats paise as rupees with ₹ and two decimals', () => {
    expect(formatInr(123456789)).toBe('₹12,34,567.89');
    expect(formatInr(5)).toBe('₹0.05');
    expect(formatInr(-150000)).toBe('−₹1,500.00');
    expect(formatInr(123456789, { decimals: 0 })).toBe('₹12,34,568');
    expect(formatInr(Number.NaN)).toBe('—');
  });

  it('abbreviates with K, lakh and crore', () => {
    expect(formatInrCompact(95_000)).toBe('₹950');
    expect(formatInrCompact(1_234_500)).toBe('₹12.3K');
    expect(formatInrCompact(45_600_000)).toBe('₹4.56 L');
    expect(formatInrCompact(1_230_000_000)).toBe('₹1.23 Cr');
  });

  it('converts rupees to integer paise without float drift', () => {
    expect(toPaise(19.99)).toBe(1999);
    expect(toPaise(0.1 + 0.2)).toBe(30);
    expect(toPaise(Number.POSITIVE_INFINITY)).toBe(0);
  });
});
