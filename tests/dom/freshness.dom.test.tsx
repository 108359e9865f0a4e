// The freshness line tells the truth at each stage of a start: before the device's data is
// opened it does not guess, then it says "never synced" or the age, stale past the limit,
// offline and pending changes in words.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useSyncStatus } from '../../web/data/sync-status.store.ts';
import { Freshness } from '../../web/ui/Freshness.tsx';

const NOW = Date.parse('2026-12-03T06:30:00Z');
const now = (): number => NOW;
const line = (): string => screen.getByTestId('freshness').textContent ?? '';

afterEach(() => {
  cleanup();
  useSyncStatus.getState().reset();
});

describe('Freshness', () => {
  it('waits for the saved times before saying "never synced", then gives the age of the oldest collection', () => {
    render(<Freshness collections={['sales_series', 'catalog']} now={now} />);
    expect(line()).toContain('Opening the data saved on this device');
    act(() => useSyncStatus.getState().hydrateSynced({}));
    expect(line()).toContain('Updated never synced');
    act(() => useSyncStatus.getState().hydrateSynced({ sales_series: NOW - 5 * 60_000, catalog: NOW }));
    expect(line()).toContain('Updated 5 min ago');
    expect(line()).not.toContain('stale');
    act(() => useSyncStatus.getState().setPending('sales_series', 2));
    expect(line()).toContain('2 changes waiting to send');
  });

  it('flags stale data', () => {
    useSyncStatus.getState().hydrateSynced({ alerts: NOW - 3 * 3_600_000 });
    render(<Freshness collections={['alerts']} now={now} />);
    expect(line()).toContain('stale');
  });
});
