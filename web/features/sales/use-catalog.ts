// Names and categories from the synced catalog (regions, stores, products), as lookups the
// dashboards use to label keys and to group SKUs by category. Works offline.
import { useMemo } from 'react';
import { useDocs } from '../../data/local-docs.ts';

interface CatalogDoc {
  readonly id: string;
  readonly kind: string;
  readonly code: string;
  readonly name: string;
  readonly region_id?: string | null;
  readonly category?: string | null;
  readonly unit_price?: number | null;
}

export interface Catalog {
  readonly ready: boolean;
  /** Display name of a region, store or SKU code (the code itself when unknown). */
  readonly regionName: (id: string) => string;
  readonly storeName: (id: string) => string;
  readonly productName: (sku: string) => string;
  /** SKU → category, for grouping series and levels. */
  readonly categoryOf: Readonly<Record<string, string>>;
  /** SKU → unit price in paise (stock value). */
  readonly pricePaiseOf: Readonly<Record<string, number>>;
  readonly storeIds: readonly string[];
  /** Store → its region (the chain roles' region → store drill). */
  readonly regionOfStore: Readonly<Record<string, string>>;
}

export function useCatalog(): Catalog {
  const { docs, ready } = useDocs<CatalogDoc>('catalog');
  return useMemo(() => {
    const names = new Map<string, string>();
    const categoryOf: Record<string, string> = {};
    const pricePaiseOf: Record<string, number> = {};
    const storeIds: string[] = [];
    const regionOfStore: Record<string, string> = {};
    for (const d of docs) {
      names.set(d.id, d.name);
      if (d.kind === 'product') {
        categoryOf[d.code] = d.category ?? 'Uncategorised';
        pricePaiseOf[d.code] = Math.round((d.unit_price ?? 0) * 100);
      } else if (d.kind === 'store') {
        storeIds.push(d.code);
        if (d.region_id != null) regionOfStore[d.code] = d.region_id;
      }
    }
    const lookup = (kind: string) => (code: string) => names.get(`${kind}:${code}`) ?? code;
    return {
      ready,
      regionName: lookup('region'),
      storeName: lookup('store'),
      productName: lookup('product'),
      categoryOf,
      pricePaiseOf,
      storeIds: storeIds.sort(),
      regionOfStore,
    };
  }, [docs, ready]);
}
