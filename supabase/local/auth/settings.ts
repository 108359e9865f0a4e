// GET /settings: what auth-js (and a login screen) may ask about this instance.
import type { AuthContext } from './context.ts';

export function settings(_ctx: AuthContext): Record<string, unknown> {
  return {
    external: { email: true, phone: true, anonymous_users: false },
    disable_signup: true,
    mailer_autoconfirm: true,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  };
}
