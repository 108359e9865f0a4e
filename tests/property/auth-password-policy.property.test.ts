import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredCharacterSets } from '../../supabase/local/config.ts';
import { checkPasswordStrength, utf8Length } from '../../shared/auth/password-policy.ts';

// The product policy, as config.toml states it for GoTrue.
const POLICY = {
  minLength: 12,
  requiredCharacterSets: requiredCharacterSets('lower_upper_letters_digits_symbols'),
};
const SYMBOLS = '!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~';

// An independent oracle written with regular expressions rather than character sets.
function oracleAccepts(pw: string): boolean {
  return (
    utf8Length(pw) >= 12 &&
    /[a-z]/.test(pw) &&
    /[A-Z]/.test(pw) &&
    /[0-9]/.test(pw) &&
    [...pw].some((c) => SYMBOLS.includes(c))
  );
}

const char = fc.oneof(
  fc.constantFrom(...'abcxyz'),
  fc.constantFrom(...'ABCXYZ'),
  fc.constantFrom(...'0189'),
  fc.constantFrom(...SYMBOLS),
  fc.constantFrom(' ', 'é', 'ह', '😀'),
);
const password = fc.array(char, { maxLength: 30 }).map((cs) => cs.join(''));

describe('password policy', () => {
  it('Feature: bharat-retail-market-intelligence, Property 36: Password Complexity Validation — rejects exactly the passwords that miss length or a character class', () => {
    fc.assert(
      fc.property(password, (pw) => {
        const verdict = checkPasswordStrength(pw, POLICY);
        expect(verdict.ok).toBe(oracleAccepts(pw));
        if (!verdict.ok && !verdict.tooLong) {
          expect(verdict.reasons.includes('length')).toBe(utf8Length(pw) < 12);
          expect(verdict.reasons.includes('characters')).toBe(
            !(
              /[a-z]/.test(pw) &&
              /[A-Z]/.test(pw) &&
              /[0-9]/.test(pw) &&
              [...pw].some((c) => SYMBOLS.includes(c))
            ),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property 36: Password Complexity Validation — any password with every class and 12..72 bytes is accepted', () => {
    const parts = fc.tuple(
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      fc.constantFrom(...'0123456789'),
      fc.constantFrom(...SYMBOLS),
      fc.array(fc.constantFrom(...'aZ3!xQ9#'), { minLength: 8, maxLength: 68 }),
    );
    fc.assert(
      fc.property(parts, fc.integer({ min: 0, max: 1000 }), ([l, u, d, s, rest], seed) => {
        const chars = [l, u, d, s, ...rest];
        // A deterministic shuffle from the seed, so class positions vary.
        const shuffled = chars
          .map((c, i) => ({ c, k: (i * 7919 + seed) % 104729 }))
          .sort((a, b) => a.k - b.k);
        const pw = shuffled.map((x) => x.c).join('');
        expect(checkPasswordStrength(pw, POLICY)).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  it('Feature: bharat-retail-market-intelligence, Property 36: Password Complexity Validation — more than 72 bytes is refused as too long, never truncated', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 73, maxLength: 120 }), (pw) => {
        const verdict = checkPasswordStrength(pw, POLICY);
        expect(verdict.ok).toBe(false);
        expect(!verdict.ok && verdict.tooLong).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
