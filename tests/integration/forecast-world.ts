// A small forecasting world for the pipeline tests: 2 regions, 3 stores (S3 inactive),
// 5 products (TEA-1 discontinued) and a deterministic daily SKU×store sales history
// ending the day before RUN_DATE: 400 days at S1 (a model forecast), 100 days at S2
// (Property 10 fallback) where SOAP-1 never sold.
import type { TestStack } from '../support/stack.ts';

export const RUN_DATE = '2026-11-20';

export interface RunStatus {
  readonly runDate: string;
  readonly chunks: number;
  readonly pending: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
  readonly series: number;
}

const CATALOGUE = `
insert into public.regions (id, name) values ('NORTH', 'North'), ('SOUTH', 'South');
insert into public.stores (id, name, region_id, tier, city, state, status) values
  ('S1', 'Store 1', 'NORTH', 'TIER_1', 'Delhi', 'DL', 'ACTIVE'),
  ('S2', 'Store 2', 'SOUTH', 'TIER_2', 'Madurai', 'TN', 'ACTIVE'),
  ('S3', 'Store 3', 'SOUTH', 'RURAL', 'Salem', 'TN', 'INACTIVE');
insert into public.products (sku, name, category, subcategory, brand, unit_price, cost_price, status) values
  ('RICE-1', 'Basmati 1kg', 'Grocery', 'Rice', 'A', 120, 90, 'ACTIVE'),
  ('DAL-1', 'Toor dal 1kg', 'Grocery', 'Pulses', 'B', 150, 110, 'ACTIVE'),
  ('MILK-1', 'Milk 1l', 'Dairy', 'Milk', 'C', 60, 50, 'ACTIVE'),
  ('SOAP-1', 'Soap', 'Personal care', 'Soap', 'D', 40, 25, 'ACTIVE'),
  ('TEA-1', 'Tea 250g', 'Grocery', 'Tea', 'E', 140, 100, 'DISCONTINUED');
`;

// Weekly shape (weekends busier) plus a per-SKU level and a small deterministic wobble.
const HISTORY = `
insert into public.sales_sku_store_day (store_id, sku, business_date, units, revenue, transaction_count)
select st.id, p.sku, d::date, u.units, u.units * 10, u.units
  from (values ('S1', 400), ('S2', 100), ('S3', 400)) as st (id, days)
  cross join (values ('RICE-1', 1), ('DAL-1', 2), ('MILK-1', 3), ('SOAP-1', 4), ('TEA-1', 5)) as p (sku, k)
  cross join lateral generate_series($1::date - st.days, $1::date - 1, interval '1 day') as d
  cross join lateral (select (3 * p.k + case extract(isodow from d) when 6 then 4 when 7 then 6 else 0 end
                              + (extract(doy from d)::int * 7 + p.k) % 3)::numeric as units) as u
 where not (st.id = 'S2' and p.sku = 'SOAP-1')
`;

export async function seedForecastWorld(stack: Pick<TestStack, 'adminPool'>): Promise<void> {
  await stack.adminPool.query(CATALOGUE);
  await stack.adminPool.query(HISTORY, [RUN_DATE]);
}
