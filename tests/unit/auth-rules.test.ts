// Pure auth rules in shared/auth: GoTrue's exact wording, durations, refresh reuse.
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../shared/auth/go-duration.ts';
import { checkPasswordStrength } from '../../shared/auth/password-policy.ts';
import { refreshAction } from '../../shared/auth/refresh-reuse.ts';
import { sessionExpiredMessage } from '../../shared/auth/session-validity.ts';
import { requiredCharacterSets } from '../../supabase/local/config.ts';

const POLICY = {
  minLength: 12,
  requiredCharacterSets: requiredCharacterSets('lower_upper_letters_digits_symbols'),
};

describe('checkPasswordStrength', () => {
  it('words its reasons as GoTrue does', () => {
    expect(checkPasswordStrength('abc', POLICY)).toEqual({
      ok: false,
      tooLong: false,
      reasons: ['length', 'characters'],
      message:
        'Password should be at least 12 characters. Password should contain at least one character of each: ' +
        'abcdefghijklmnopqrstuvwxyz, ABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789, !@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~.',
    });
  });

  it('accepts a password with every class at the minimum length', () => {
    expect(checkPasswordStrength('Abcdefgh12!x', POLICY)).toEqual({ ok: true });
    expect(checkPasswordStrength('Abcdefgh12!', POLICY)).toMatchObject({ ok: false, reasons: ['length'] });
  });

  it('clamps a configured minimum below 6 to 6, as GoTrue does', () => {
    expect(checkPasswordStrength('abcde', { minLength: 1, requiredCharacterSets: [] })).toMatchObject({
      reasons: ['length'],
    });
    expect(checkPasswordStrength('abcdef', { minLength: 1, requiredCharacterSets: [] })).toEqual({
      ok: true,
    });
  });

  it('counts bytes, like Go, for the 72-byte limit', () => {
    expect(checkPasswordStrength('ह'.repeat(24), POLICY)).toMatchObject({ ok: false, tooLong: false });
    expect(checkPasswordStrength('ह'.repeat(25), POLICY)).toMatchObject({ ok: false, tooLong: true });
  });
});

describe('parseGoDuration', () => {
  it('reads Go durations', () => {
    expect(parseGoDuration('30m')).toBe(1800);
    expect(parseGoDuration('1h30m')).toBe(5400);
    expect(parseGoDuration('876000h')).toBe(876000 * 3600);
    expect(parseGoDuration('1.5h')).toBe(5400);
    expect(parseGoDuration('500ms')).toBe(0.5);
    expect(parseGoDuration('0')).toBe(0);
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'forever', '10', 'h', '1d', '1h 30m', '30 m'])
      expect(parseGoDuration(bad)).toBeUndefined();
  });
});

describe('refreshAction', () => {
  const live = { revoked: false, updatedAt: 100, token: 'aaaaaaaaaaaa' };
  const revoked = { revoked: true, updatedAt: 100, token: 'bbbbbbbbbbbb' };

  it('rotates a live token', () => {
    expect(refreshAction(live, undefined, 10, 5000)).toBe('rotate');
  });

  it('returns the active child when its revoked parent is replayed', () => {
    expect(refreshAction(revoked, 'bbbbbbbbbbbb', 10, 5000)).toBe('return_active');
  });

  it('allows other revoked tokens only within the reuse interval', () => {
    expect(refreshAction(revoked, 'cccccccccccc', 10, 110)).toBe('rotate');
    expect(refreshAction(revoked, 'cccccccccccc', 10, 111)).toBe('reuse_detected');
    expect(refreshAction(revoked, undefined, 0, 101)).toBe('reuse_detected');
  });
});

describe('sessionExpiredMessage', () => {
  it('tells inactivity apart from the hard limits', () => {
    expect(sessionExpiredMessage('timed_out')).toBe('Invalid Refresh Token: Session Expired (Inactivity)');
    expect(sessionExpiredMessage('past_timebox')).toBe('Invalid Refresh Token: Session Expired');
  });
});
