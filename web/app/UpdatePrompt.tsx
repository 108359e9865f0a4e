import { useEffect, useState } from 'react';
import { onUpdateReady } from './pwa.ts';

export function UpdatePrompt() {
  const [update, setUpdate] = useState<(() => Promise<void>) | null>(null);
  useEffect(() => onUpdateReady((u) => setUpdate(() => u)), []);
  if (!update) return null;
  return (
    <div role="alert" className="update-prompt">
      <span>A new version is ready.</span>
      <button type="button" onClick={() => void update()}>
        Update now
      </button>
    </div>
  );
}
