/**
 * Draws resources/icon.png (512×512): five candlesticks rising on the desk's dark background.
 * Plain zlib and a hand-rolled PNG encoder, so the icon needs no image library.
 * electron-builder derives the .ico and .icns from this PNG.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 512;
const pixels = Buffer.alloc(size * size * 4);

function fill(x0, y0, x1, y1, [r, g, b], inside = () => true) {
  for (let y = Math.max(0, y0); y < Math.min(size, y1); y += 1) {
    for (let x = Math.max(0, x0); x < Math.min(size, x1); x += 1) {
      if (!inside(x, y)) continue;
      const at = (y * size + x) * 4;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
      pixels[at + 3] = 255;
    }
  }
}

// Rounded square background.
const radius = 96;
const inRoundedSquare = (x, y) => {
  const cx = Math.min(Math.max(x, radius), size - 1 - radius);
  const cy = Math.min(Math.max(y, radius), size - 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
fill(0, 0, size, size, [17, 20, 24], inRoundedSquare);

// Candles: [wick top, body top, body bottom, wick bottom, rising?]
const green = [43, 182, 115];
const red = [229, 72, 77];
const candles = [
  [300, 330, 400, 430, true],
  [250, 280, 350, 380, false],
  [200, 230, 320, 350, true],
  [150, 170, 260, 300, true],
  [80, 100, 210, 240, true],
];
candles.forEach(([wickTop, bodyTop, bodyBottom, wickBottom, rising], index) => {
  const center = 96 + index * 80;
  const color = rising ? green : red;
  fill(center - 4, wickTop, center + 4, wickBottom, color);
  fill(center - 24, bodyTop, center + 24, bodyBottom, color);
});
fill(64, 448, 448, 456, [90, 99, 112]); // the baseline

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const rows = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y += 1) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icon.png');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${path.relative(process.cwd(), out)} (${png.length} bytes)`);
