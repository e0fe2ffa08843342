// Generates the PWA icons into web/public/ (PNG via zlib, no image library). Run: node scripts/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const navy = [23, 66, 107];
const white = [255, 255, 255];
const amber = [242, 163, 58];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a 100×100 design space.
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function inRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 100 - radius);
  const cy = Math.min(Math.max(y, radius), 100 - radius);
  return inRect(x, y, 0, 0, 100, 100) && inCircle(x, y, cx, cy, radius);
}

function nearSegment(x, y, ax, ay, bx, by, halfWidth) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= halfWidth * halfWidth;
}

/** The letter R over an amber bar, the relay baton. */
function glyph(x, y) {
  const stem = inRect(x, y, 31, 18, 43, 72);
  const bowlOuter = inRect(x, y, 31, 18, 52, 50) || (x >= 52 && inCircle(x, y, 52, 34, 16));
  const bowlInner = inRect(x, y, 43, 29, 52, 39) || (x >= 52 && inCircle(x, y, 52, 34, 5));
  const leg = y <= 72 && nearSegment(x, y, 50, 48, 66, 72, 6.5);
  if (stem || (bowlOuter && !bowlInner) || leg) {
    return white;
  }
  if (inRect(x, y, 31, 79, 70, 85)) {
    return amber;
  }
  return null;
}

function render(size, maskable) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = ((px + (sx + 0.5) / samples) / size) * 100;
          const y = ((py + (sy + 0.5) / samples) / size) * 100;
          const inside = maskable || inRoundedSquare(x, y, 20);
          if (!inside) {
            continue;
          }
          // Maskable icons keep the glyph inside the central safe zone (radius 40%).
          const scale = maskable ? 0.78 : 1;
          const colour = glyph(50 + (x - 50) / scale, 50 + (y - 50) / scale) ?? navy;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        rgba[offset] = Math.round(r / a);
        rgba[offset + 1] = Math.round(g / a);
        rgba[offset + 2] = Math.round(b / a);
      }
      rgba[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return encodePng(size, rgba);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="20" fill="rgb(${navy.join(',')})"/>
  <path fill="#fff" fill-rule="evenodd" d="M31 18h21a16 16 0 0 1 0 32h-9v22h-12z M43 29v10h9a5 5 0 0 0 0-10z"/>
  <path fill="#fff" d="M44.6 51.6 55.4 44.4 71.4 68.4 71.4 72 59 72z"/>
  <rect x="31" y="79" width="39" height="6" fill="rgb(${amber.join(',')})"/>
</svg>
`;

mkdirSync(publicDir, { recursive: true });
const outputs = [
  ['icon-192.png', render(192, false)],
  ['icon-512.png', render(512, false)],
  ['icon-maskable-192.png', render(192, true)],
  ['icon-maskable-512.png', render(512, true)],
  ['apple-touch-icon.png', render(180, true)],
  ['favicon.svg', Buffer.from(svg)],
];
for (const [name, data] of outputs) {
  writeFileSync(join(publicDir, name), data);
}
process.stdout.write(`${outputs.length} icônes écrites dans ${publicDir}\n`);
