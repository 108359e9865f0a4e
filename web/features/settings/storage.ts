// Persistent storage: without it the browser may evict IndexedDB under pressure, losing
// offline work. Safari evicts storage of sites not added to the home screen after 7 days.
export interface StorageFacts {
  readonly persisted: boolean | undefined;
  readonly usageBytes: number | undefined;
  readonly quotaBytes: number | undefined;
}

export async function requestPersistence(): Promise<boolean | undefined> {
  if (!navigator.storage?.persist) return undefined;
  return (await navigator.storage.persisted()) || navigator.storage.persist();
}

export async function storageFacts(): Promise<StorageFacts> {
  const persisted = navigator.storage?.persisted ? await navigator.storage.persisted() : undefined;
  const est = navigator.storage?.estimate ? await navigator.storage.estimate() : undefined;
  return { persisted, usageBytes: est?.usage, quotaBytes: est?.quota };
}

export function isIosSafariNotInstalled(): boolean {
  const ios = /iphone|ipad|ipod/i.test(navigator.userAgent);
  const standalone =
    ('standalone' in navigator && (navigator as { standalone?: boolean }).standalone === true) ||
    window.matchMedia('(display-mode: standalone)').matches;
  return ios && !standalone;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return 'unknown';
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
}
