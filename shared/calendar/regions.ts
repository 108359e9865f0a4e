// Sales regions of the chain. Festival effects are regional (Onam in Kerala, Durga Puja
// in Bengal, Chhath in Bihar…), so the calendar is keyed by these codes. Unknown region
// codes are accepted everywhere and get only the nationwide festivals.
export const REGION_CODES = ['NORTH', 'SOUTH', 'EAST', 'WEST', 'CENTRAL', 'NORTHEAST'] as const;
export type RegionCode = (typeof REGION_CODES)[number];

export function isRegionCode(value: string): value is RegionCode {
  return (REGION_CODES as readonly string[]).includes(value);
}
