// Idle lock (design Property 33, ARCHITECTURE §10): 30 minutes without input locks the app.
// Activity is tracked per tab and shared across tabs through localStorage, so a user
// working in one tab does not get locked in another.
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
const KEY = 'brmi-last-activity';
const EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function isIdle(lastActivity: number, now: number, timeoutMs = IDLE_TIMEOUT_MS): boolean {
  return now - lastActivity >= timeoutMs;
}

function lastActivity(): number {
  const v = Number(localStorage.getItem(KEY));
  return Number.isFinite(v) && v > 0 ? v : Date.now();
}

/** Calls `onIdle` once the user has been idle for the timeout; returns a stop function. */
export function watchIdle(onIdle: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  let throttle = 0;
  const touch = (): void => {
    const now = Date.now();
    if (now - throttle < 1000) return;
    throttle = now;
    localStorage.setItem(KEY, String(now));
  };
  localStorage.setItem(KEY, String(Date.now()));
  for (const e of EVENTS) window.addEventListener(e, touch, { passive: true });
  // Checking every 15 s is cheap; a device that slept past the deadline locks on wake.
  const timer = window.setInterval(() => {
    if (isIdle(lastActivity(), Date.now(), timeoutMs)) onIdle();
  }, 15_000);
  const onVisible = (): void => {
    if (document.visibilityState === 'visible' && isIdle(lastActivity(), Date.now(), timeoutMs)) onIdle();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    for (const e of EVENTS) window.removeEventListener(e, touch);
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
