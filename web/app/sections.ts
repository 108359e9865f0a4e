// The app's places. Sections whose features have not landed yet still have a place in
// navigation, so later issues fill them without reshuffling the shell.
export interface Section {
  readonly id: string;
  readonly label: string;
  readonly summary: string;
  readonly ready: boolean;
}

export const SECTIONS: readonly Section[] = [
  {
    id: 'sales',
    label: 'Sales',
    summary: 'Revenue, units, basket value and growth for your scope.',
    ready: true,
  },
  {
    id: 'inventory',
    label: 'Inventory',
    summary: 'Stock by SKU and store, low stock and overstock.',
    ready: true,
  },
  {
    id: 'alerts',
    label: 'Alerts',
    summary: 'Low stock, pricing, sales and integration alerts.',
    ready: true,
  },
  {
    id: 'forecasts',
    label: 'Forecasts',
    summary: '7- and 30-day demand forecasts with intervals.',
    ready: true,
  },
  { id: 'pricing', label: 'Pricing', summary: 'Competitor prices and differences by SKU.', ready: false },
  {
    id: 'insights',
    label: 'Insights',
    summary: 'Baskets, affinity, segments and regional preferences.',
    ready: false,
  },
  { id: 'reports', label: 'Reports', summary: 'Scheduled and custom reports, exports.', ready: false },
  {
    id: 'admin',
    label: 'Admin',
    summary: 'Users, roles, alert rules, integrations, audit log.',
    ready: false,
  },
  { id: 'settings', label: 'Settings', summary: 'Your account, password and offline storage.', ready: true },
];

export function sectionFromHash(hash: string): Section {
  const id = hash.replace(/^#\/?/, '');
  return SECTIONS.find((s) => s.id === id) ?? (SECTIONS[0] as Section);
}
