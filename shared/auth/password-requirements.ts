// config.toml's `password_requirements` → GoTrue `required_characters` sets (the password
// needs one character from each). Shared so the server stand-in and the PWA's live
// checklist apply the same rule.

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
export const SYMBOLS = '!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~';

export type PasswordRequirement =
  '' | 'letters_digits' | 'lower_upper_letters_digits' | 'lower_upper_letters_digits_symbols';

/** Undefined for a value the Supabase CLI does not know. */
export function requiredCharacterSets(requirement: string): readonly string[] | undefined {
  switch (requirement) {
    case '':
      return [];
    case 'letters_digits':
      return [LOWER + UPPER, DIGITS];
    case 'lower_upper_letters_digits':
      return [LOWER, UPPER, DIGITS];
    case 'lower_upper_letters_digits_symbols':
      return [LOWER, UPPER, DIGITS, SYMBOLS];
    default:
      return undefined;
  }
}

/** The platform's policy (config.toml): ≥ 12 characters with lower, upper, digit and symbol. */
export const PLATFORM_PASSWORD_POLICY = {
  minLength: 12,
  requiredCharacterSets: requiredCharacterSets('lower_upper_letters_digits_symbols') ?? [],
} as const;

export interface ChecklistItem {
  readonly label: string;
  readonly met: boolean;
}

/** A live checklist for a password field, one line per rule. */
export function passwordChecklist(
  password: string,
  policy: { readonly minLength: number; readonly requiredCharacterSets: readonly string[] },
): ChecklistItem[] {
  const has = (set: string): boolean => [...password].some((ch) => set.includes(ch));
  const label = (set: string): string =>
    set === LOWER
      ? 'a lowercase letter'
      : set === UPPER
        ? 'an uppercase letter'
        : set === DIGITS
          ? 'a digit'
          : set === SYMBOLS
            ? 'a symbol such as ! @ # $ %'
            : `one of ${set}`;
  return [
    { label: `at least ${policy.minLength} characters`, met: [...password].length >= policy.minLength },
    ...policy.requiredCharacterSets.map((set) => ({ label: label(set), met: has(set) })),
  ];
}
