/** A user the e2e setup creates; the password meets the platform policy. */
export const E2E_USER = { email: 'e2e.user@bharat-retail.test', password: 'E2e-Passw0rd!2026' } as const;
