// The demo is a pure function of its seed and options: same seed, same data; another
// seed, other data. Also sanity checks of its shape (regions, tiers, categories, loyalty share).
import { describe, expect, it } from 'vitest';
import { emitBaskets, historyHours, UNITS_PER_BASKET, type Basket } from '../../shared/demo/baskets.ts';
import { emitCompetitorPrices } from '../../shared/demo/competitors.ts';
import { buildDemoWorld, DEMO_DEFAULTS, type DemoOptions } from '../../shared/demo/demo-world.ts';
import { emitHistory, type SkuDayRow } from '../../shared/demo/history.ts';
import { emitStockPlans } from '../../shared/demo/inventory.ts';
import { demoLogins } from '../../shared/demo/logins.ts';
import { mulberry32 } from '../../shared/forecasting/rng.ts';
import { checkPasswordStrength } from '../../shared/auth/password-policy.ts';

// config.toml's policy: ≥ 12 characters with lower, upper, digit and symbol.
const POLICY = {
  minLength: 12,
  requiredCharacterSets: [
    'abcdefghijklmnopqrstuvwxyz',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '0123456789',
    '!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~',
  ],
};

const SMALL: DemoOptions = { stores: 8, skus: 200, days: 60, rawDays: 7, today: '2026-11-30', hourNow: 24 };

function digest(seed: number, options = SMALL): string {
  const world = buildDemoWorld(mulberry32(seed), options);
  let h = 0;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  };
  mix(JSON.stringify(world.products.slice(0, 50)));
  mix(JSON.stringify(world.stores.map((s) => [s.id, s.regionId, s.tier, s.city, [...s.assortment]])));
  emitHistory(world, (r) => mix(`${r.storeId}${r.sku}${r.day}${r.units}${r.revenue}`));
  emitBaskets(world, (b) => mix(`${b.id}${b.occurredAt}${b.loyaltyId}${b.total}${b.lines.length}`));
  emitStockPlans(world, (p) => mix(`${p.storeId}${p.sku}${p.opening}${p.receipts.join()}`));
  emitCompetitorPrices(world, 20, (o) => mix(`${o.competitorId}${o.sku}${o.regionId}${o.day}${o.price}`));
  return `${h}`;
}

describe('demo data', { timeout: 30_000 }, () => {
  it('is deterministic: same seed, same data', () => {
    expect(digest(42)).toBe(digest(42));
  });

  it('depends on the seed', () => {
    expect(digest(42)).not.toBe(digest(43));
  });

  it('has six regions, all tiers, ~1,200 SKUs in 15 categories at full size', () => {
    const world = buildDemoWorld(mulberry32(1), { ...DEMO_DEFAULTS, today: '2026-11-30', hourNow: 24 });
    expect(world.regions.map((r) => r.name)).toEqual([
      'North',
      'South',
      'East',
      'West',
      'Central',
      'North-East',
    ]);
    expect(world.stores).toHaveLength(60);
    expect(new Set(world.stores.map((s) => s.tier))).toEqual(new Set(['TIER_1', 'TIER_2', 'RURAL']));
    expect(new Set(world.stores.map((s) => s.regionId)).size).toBe(6);
    expect(world.products.length).toBeGreaterThanOrEqual(1150);
    expect(world.products.length).toBeLessThanOrEqual(1250);
    expect(new Set(world.products.map((p) => p.category)).size).toBe(15);
    expect(new Set(world.products.map((p) => p.sku)).size).toBe(world.products.length);
    for (const s of world.stores) expect(s.assortment.length).toBeLessThan(world.products.length);
  });

  it('keeps history before the raw window and baskets inside it, ~40% with a loyalty id', () => {
    const world = buildDemoWorld(mulberry32(7), SMALL);
    const history: SkuDayRow[] = [];
    const baskets: Basket[] = [];
    emitHistory(world, (r) => history.push(r));
    emitBaskets(world, (b) => baskets.push(b));
    expect(history.length).toBeGreaterThan(0);
    expect(Math.max(...history.map((r) => r.day))).toBeLessThan(world.firstRawDay);
    expect(Math.min(...baskets.map((b) => b.day))).toBe(world.firstRawDay);
    const share = baskets.filter((b) => b.loyaltyId !== null).length / baskets.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    for (const b of baskets.slice(0, 500)) expect(b.total).toBe(b.lines.reduce((t, l) => t + l.lineTotal, 0));
  });

  it('prefers rice in the south and atta in the north', () => {
    const world = buildDemoWorld(mulberry32(3), { ...SMALL, skus: 1200, stores: 12 });
    const units = new Map<string, number>();
    const products = new Map(world.products.map((p) => [p.sku, p]));
    const regions = new Map(world.stores.map((s) => [s.id, s.regionId]));
    emitHistory(world, (r) => {
      const p = products.get(r.sku);
      const region = regions.get(r.storeId);
      if (p && (p.subcategory === 'Atta' || p.subcategory === 'Sona Masoori Rice')) {
        const key = `${region}:${p.subcategory}`;
        units.set(key, (units.get(key) ?? 0) + r.units);
      }
    });
    expect(units.get('NORTH:Atta') ?? 0).toBeGreaterThan(units.get('SOUTH:Atta') ?? 0);
    expect(units.get('SOUTH:Sona Masoori Rice') ?? 0).toBeGreaterThan(
      units.get('NORTH:Sona Masoori Rice') ?? 0,
    );
  });

  it('has a login for every role with a password meeting the policy', () => {
    const world = buildDemoWorld(mulberry32(1), SMALL);
    const logins = demoLogins(world);
    expect(new Set(logins.map((l) => l.role))).toEqual(
      new Set([
        'ADMIN',
        'REGIONAL_MANAGER',
        'STORE_MANAGER',
        'SUPPLY_CHAIN_USER',
        'BUSINESS_ANALYST',
        'EXECUTIVE',
      ]),
    );
    for (const l of logins) expect(checkPasswordStrength(l.password, POLICY), l.email).toEqual({ ok: true });
  });
});

describe('hourly rollup of a history day', () => {
  const day = 20_790; // 2026-12-03
  it('spreads the day over 08:00–22:00 IST with every total exact and baskets counted once', () => {
    const hours = historyHours(day, 1_234_567, 113);
    const sum = (k: 'paise' | 'units' | 'baskets') => hours.reduce((t, h) => t + h[k], 0);
    expect(sum('paise')).toBe(1_234_567);
    expect(sum('units')).toBe(113);
    expect(sum('baskets')).toBe(Math.round(113 / UNITS_PER_BASKET));
    for (const h of hours) {
      const istHour = new Date(h.hourStart + 330 * 60_000).getUTCHours();
      expect(istHour).toBeGreaterThanOrEqual(8);
      expect(istHour).toBeLessThan(22);
      expect(Number.isInteger(h.paise) && Number.isInteger(h.units) && h.baskets > 0).toBe(true);
    }
    // Evenings are busier than the first hour, as in the raw baskets.
    expect(hours.at(-3)!.baskets).toBeGreaterThan(hours[0]!.baskets);
  });
  it('gives a slow day one basket and a day without sales none', () => {
    expect(historyHours(day, 4_500, 2).map((h) => h.baskets)).toEqual([1]);
    expect(historyHours(day, 0, 0)).toEqual([]);
  });
});

describe('demo seasonality', () => {
  it('lifts sweets before Diwali, and the south more than the north at Onam', async () => {
    const { festivalIntensity, dayFactors } = await import('../../shared/demo/demand.ts');
    const { epochDay } = await import('../../shared/calendar/dates.ts');
    const { CATEGORIES } = await import('../../shared/demo/catalogue-data.ts');
    const diwali = epochDay('2026-11-08');
    expect(festivalIntensity('NORTH', diwali)).toBe(1);
    expect(festivalIntensity('NORTH', diwali - 28)).toBeLessThan(1);
    const onam = epochDay('2026-08-26');
    // Raksha Bandhan (two days later) lifts the north a little; Onam lifts the south more.
    expect(festivalIntensity('SOUTH', onam)).toBeGreaterThan(festivalIntensity('NORTH', onam));
    const sweets = CATEGORIES.findIndex((c) => c.name === 'Confectionery & Sweets');
    const C = CATEGORIES.length;
    const first = diwali - 28; // a Sunday four weeks earlier has the same weekday factor
    const f = dayFactors(first, 29);
    expect(f[(28 * 6 + 0) * C + sweets]).toBeGreaterThan(2 * (f[(0 * 6 + 0) * C + sweets] ?? 0));
  });
});
