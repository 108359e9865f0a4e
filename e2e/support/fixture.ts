// A small deterministic world for the e2e tests (the full demo seed takes minutes): two
// regions, three stores, four products with opening stock and thresholds, one open
// low-stock alert per store, the role users' profiles, and one POS device per store whose
// API key the tests use to post sales. Sales facts go in through the real ingest function
// (so every rollup the dashboards read is derived as in production).
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

export const FIXTURE_SQL = `
insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
insert into public.stores (id, name, region_id, tier, city, state) values
  ('S1', 'Connaught Place', 'NORTH', 'TIER_1', 'Delhi', 'DL'),
  ('S2', 'Agra Cantt', 'NORTH', 'TIER_2', 'Agra', 'UP'),
  ('S3', 'T Nagar', 'SOUTH', 'TIER_1', 'Chennai', 'TN');
insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price) values
  ('RICE-1', 'Basmati rice 1 kg', 'Grocery', 'Rice', 'A', 120, 90),
  ('DAL-1', 'Toor dal 1 kg', 'Grocery', 'Pulses', 'B', 150, 110),
  ('MILK-1', 'Toned milk 1 l', 'Dairy', 'Milk', 'C', 60, 50),
  ('SOAP-1', 'Neem soap', 'Personal care', 'Soap', 'D', 40, 25);
insert into public.inventory_movements (store_id, sku, quantity, reason, source)
  select s.id, p.sku, case when p.sku = 'SOAP-1' then 14 else 500 end, 'OPENING', 'e2e'
    from public.stores s cross join public.products p;
insert into public.inventory_thresholds (store_id, sku, reorder_threshold, overstock_threshold)
  select s.id, p.sku, 10, 5000 from public.stores s cross join public.products p;
with raised as (
  insert into public.alerts (type, severity, store_id, region_id, sku, title, message, details)
  select 'LOW_STOCK', 'HIGH', s.id, s.region_id, 'DAL-1', 'Low stock: DAL-1 at ' || s.id,
         format('6 units left at %s (reorder at 10)', s.id), '{"quantity": 6, "reorderThreshold": 10}'::jsonb
    from public.stores s
  returning id)
insert into public.alert_history (alert_id, action, to_status) select id, 'CREATED', 'NEW' from raised;
`;

export interface PosDevice {
  readonly storeId: string;
  readonly source: string;
  readonly key: string;
}

export async function addPosDevices(pool: pg.Pool, storeIds: readonly string[]): Promise<PosDevice[]> {
  const devices: PosDevice[] = [];
  for (const storeId of storeIds) {
    const key = `brmi_${randomBytes(24).toString('hex')}`;
    const source = `pos.${storeId.toLowerCase()}`;
    await pool.query(
      `insert into public.devices (name, kind, store_id, source, key_prefix, key_hash)
       values ($1, 'POS', $2, $3, $4, $5)`,
      [`POS ${storeId}`, storeId, source, key.slice(0, 13), createHash('sha256').update(key).digest()],
    );
    devices.push({ storeId, source, key });
  }
  return devices;
}

/** A POS transaction of `lines` ([sku, quantity, unit price in rupees]) at `at` (epoch ms). */
export function posTransaction(
  id: string,
  device: PosDevice,
  at: number,
  lines: readonly (readonly [string, number, number])[],
) {
  const items = lines.map(([sku, quantity, unitPrice]) => ({
    sku,
    quantity,
    unitPrice,
    totalPrice: Math.round(quantity * unitPrice * 100) / 100,
  }));
  return {
    transactionId: id,
    storeId: device.storeId,
    timestamp: new Date(at).toISOString(),
    items,
    totalAmount: Math.round(items.reduce((s, i) => s + i.totalPrice * 100, 0)) / 100,
    source: device.source,
  };
}

/** Posts through the design's feed URL with the device's key; throws on anything but 200. */
export async function postSales(
  baseUrl: string,
  device: PosDevice,
  batch: readonly unknown[],
): Promise<void> {
  const res = await fetch(`${baseUrl}/functions/v1/ingest-transactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': device.key },
    body: JSON.stringify(batch),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`ingest-transactions answered ${res.status}: ${text}`);
}
