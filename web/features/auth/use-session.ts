import { currentSession, onSessionChange, type Session } from '../../data/auth.ts';
import { useEffect, useState } from 'react';

/** undefined while the stored session is being read; null when signed out. */
export function useSession(): Session | null | undefined {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void currentSession().then((s) => live && setSession(s));
    const stop = onSessionChange((s) => setSession(s));
    return () => {
      live = false;
      stop();
    };
  }, []);
  return session;
}
