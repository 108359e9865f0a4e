// Renders the app icons (a saffron tile with three rising bars) as PNG files in public/,
// without an image library: a few lines of zlib + CRC are enough for flat shapes.
// Run: npx tsx scripts/make-icons.ts (outputs are committed).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

type Rgb = readonly [number, number, number];
const SAFFRON: Rgb = [0xe8, 0x6a, 0x10];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const GREEN: Rgb = [0x13, 0x88, 0x08];

/** `maskable` keeps the bars inside the 80% safe zone and fills the whole square. */
function pixel(x: number, y: number, size: number, maskable: boolean): Rgb {
  const u = x / size;
  const v = y / size;
  const inset = maskable ? 0.2 : 0.12;
  const r = maskable ? 0 : 0.18;
  const dx = Math.max(r - u, 0, u - (1 - r));
  const dy = Math.max(r - v, 0, v - (1 - r));
  if (!maskable && dx * dx + dy * dy > r * r) return WHITE;
  const span = 1 - 2 * inset;
  const bars = [0.35, 0.55, 0.8];
  for (let i = 0; i < bars.length; i++) {
    const left = inset + span * (0.08 + i * 0.31);
    const right = left + span * 0.22;
    const top = inset + span * (1 - (bars[i] ?? 0));
    if (u >= left && u <= right && v >= top && v <= 1 - inset) return WHITE;
  }
  if (v > 1 - inset && v < 1 - inset + span * 0.05 && u > inset && u < 1 - inset) return GREEN;
  return SAFFRON;
}

function png(size: number, maskable: boolean): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x + 0.5, y + 0.5, size, maskable);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [name, size, maskable] of [
  ['pwa-192x192.png', 192, false],
  ['pwa-512x512.png', 512, false],
  ['maskable-512x512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['favicon-32x32.png', 32, false],
] as const) {
  writeFileSync(new URL(`../public/${name}`, import.meta.url), png(size, maskable));
}
