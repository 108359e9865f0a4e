// Go duration strings ("30m", "1h30m", "876000h", "90s") as GoTrue accepts for
// `ban_duration`, to seconds. Returns undefined for anything else, so callers can say why.

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

export function parseGoDuration(value: string): number | undefined {
  if (value === '0') return 0;
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(value);
  if (!m) return undefined;
  let total = 0;
  for (const part of value.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (UNIT_SECONDS[part[2] ?? ''] ?? 0);
  }
  return m[1] === '-' ? -total : total;
}
