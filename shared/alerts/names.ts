// Names for codes, from the synced catalog (regions, stores and products in one
// collection; `kind` says which, `code` is the id or SKU).

export interface CatalogDoc {
  readonly kind: string;
  readonly code: string;
  readonly name: string;
}

export interface CatalogNames {
  readonly stores: ReadonlyMap<string, string>;
  readonly products: ReadonlyMap<string, string>;
  readonly regions: ReadonlyMap<string, string>;
}

export function catalogNames(docs: readonly CatalogDoc[]): CatalogNames {
  const stores = new Map<string, string>();
  const products = new Map<string, string>();
  const regions = new Map<string, string>();
  for (const d of docs) {
    const into =
      d.kind === 'store'
        ? stores
        : d.kind === 'product'
          ? products
          : d.kind === 'region'
            ? regions
            : undefined;
    into?.set(d.code, d.name);
  }
  return { stores, products, regions };
}
