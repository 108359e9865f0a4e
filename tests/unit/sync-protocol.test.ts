// Parsing of the sync RPC answers and the collection/role mapping (shared/sync).
import { describe, expect, it } from 'vitest';
import { collectionsForRole, databaseName, isDeferred, scopeTopics } from '../../shared/sync/collections.ts';
import { classifyPushError } from '../../shared/sync/conflict.ts';
import { parseCheckpoint, parsePullResponse, parsePushResponse } from '../../shared/sync/protocol.ts';

describe('sync protocol parsing', () => {
  it('reads a pull page with documents, checkpoint and resync flag', () => {
    expect(
      parsePullResponse({
        documents: [
          { id: 'S1|A', quantity: 2, _deleted: false },
          { id: 'S1|B', _deleted: true },
        ],
        checkpoint: { xid: '812', seq: 40 },
        resync_required: false,
      }),
    ).toEqual({
      documents: [
        { id: 'S1|A', quantity: 2, _deleted: false },
        { id: 'S1|B', _deleted: true },
      ],
      checkpoint: { xid: '812', seq: 40 },
      resyncRequired: false,
    });
    expect(parsePullResponse({ documents: [], checkpoint: null, resync_required: true }).resyncRequired).toBe(
      true,
    );
  });

  it('refuses malformed answers with a specific error', () => {
    expect(() => parsePullResponse(null)).toThrow(/no documents array/);
    expect(() => parsePullResponse({ documents: [{ quantity: 1 }] })).toThrow(/without a string id/);
    expect(() => parseCheckpoint({ xid: 'abc', seq: 1 })).toThrow(/malformed checkpoint/);
    expect(() => parseCheckpoint({ xid: '1', seq: 1.5 })).toThrow(/malformed checkpoint/);
    expect(() => parsePushResponse({ conflicts: [] })).toThrow(/conflicts and rejected/);
  });

  it('reads push conflicts and rejections', () => {
    expect(
      parsePushResponse({
        conflicts: [{ id: 'x', rev: 3 }],
        rejected: [{ id: 'y', code: '42501', reason: 'no' }],
      }),
    ).toEqual({
      conflicts: [{ id: 'x', rev: 3, _deleted: false }],
      rejected: [{ id: 'y', code: '42501', reason: 'no' }],
    });
  });
});

describe('push error classes', () => {
  it('treats validation and permission refusals as fatal, the rest as transient', () => {
    expect(classifyPushError('23514', 400)).toBe('fatal');
    expect(classifyPushError('42501', 403)).toBe('fatal');
    expect(classifyPushError('22P02', 400)).toBe('fatal');
    expect(classifyPushError('P0001', 400)).toBe('fatal');
    expect(classifyPushError(undefined, 401)).toBe('transient');
    expect(classifyPushError('40001', 500)).toBe('transient');
    expect(classifyPushError(undefined, undefined)).toBe('transient');
    expect(classifyPushError(undefined, 503)).toBe('transient');
  });
});

describe('role slices', () => {
  it('defers what is not on a role’s opening screen: forecasts and prices, and store packs for chain roles', () => {
    const deferred = (r: Parameters<typeof collectionsForRole>[0]) =>
      collectionsForRole(r)
        .filter((d) => isDeferred(d, r))
        .map((d) => d.name);
    expect(deferred('STORE_MANAGER')).toEqual(['competitor_prices', 'forecasts']);
    expect(deferred('REGIONAL_MANAGER')).toEqual(['competitor_prices', 'forecasts']);
    expect(deferred('EXECUTIVE')).toEqual(['store_sales']);
    expect(deferred('SUPPLY_CHAIN_USER')).toEqual([]);
  });

  it('gives store roles SKU×store collections, chain roles aggregates only, and everyone master data', () => {
    const names = (r: Parameters<typeof collectionsForRole>[0]) => collectionsForRole(r).map((c) => c.name);
    expect(names('STORE_MANAGER')).toContain('sales_series');
    expect(names('STORE_MANAGER')).not.toContain('store_sales');
    expect(names('REGIONAL_MANAGER')).toContain('store_sales');
    expect(names('REGIONAL_MANAGER')).not.toContain('sales_series');
    expect(names('EXECUTIVE')).toEqual(['catalog', 'store_sales', 'region_sales']);
    expect(names('STORE_MANAGER')).toContain('competitor_prices');
    expect(names('REGIONAL_MANAGER')).toContain('competitor_prices');
    for (const role of ['STORE_MANAGER', 'SUPPLY_CHAIN_USER', 'ADMIN'] as const)
      expect(names(role)).toEqual(expect.arrayContaining(['catalog']));
    expect(names(undefined)).toEqual([]);
  });

  it('keeps every role slice under the 13 open collections that open-source RxDB allows per tab', () => {
    for (const role of [
      'ADMIN',
      'REGIONAL_MANAGER',
      'STORE_MANAGER',
      'SUPPLY_CHAIN_USER',
      'BUSINESS_ANALYST',
      'EXECUTIVE',
    ] as const)
      expect(collectionsForRole(role).length).toBeLessThanOrEqual(11);
  });

  it('subscribes to the scope topics the ingestion broadcasts on', () => {
    expect(scopeTopics({ role: 'STORE_MANAGER', storeId: 'S1', regionId: undefined })).toEqual([
      'scope:store:S1',
    ]);
    expect(scopeTopics({ role: 'REGIONAL_MANAGER', storeId: undefined, regionId: 'N' })).toEqual([
      'scope:region:N',
    ]);
    expect(scopeTopics({ role: 'EXECUTIVE', storeId: undefined, regionId: undefined })).toEqual([
      'scope:chain',
    ]);
    expect(scopeTopics({ role: undefined, storeId: undefined, regionId: undefined })).toEqual([]);
  });

  it('names one valid RxDB database per user', () => {
    expect(databaseName('0A1B-2c')).toBe('brmi_0a1b2c');
    expect(databaseName('00000000-0000-4000-8000-000000000001')).toMatch(/^[a-z][_$a-z0-9-]*$/);
  });
});
