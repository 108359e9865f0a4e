// Service worker registration through workbox-window. With registerType 'prompt' the new
// worker waits until the user accepts the update (web/app/UpdatePrompt.tsx).
import { Workbox } from 'workbox-window';

type Listener = (update: () => Promise<void>) => void;
const listeners = new Set<Listener>();

export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    const update = async (): Promise<void> => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    };
    for (const l of listeners) l(update);
  });
  void wb.register();
}
