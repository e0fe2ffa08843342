import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipInPieces, gzipPieceBytes } from './parallel-gzip';

/** JSON of missions, repetitive as a pull page is, over several pieces; one emoji straddles piece edges. */
function pageOf(bytes: number): Buffer {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index += 1) {
    const doc = JSON.stringify({ id: `m-${index}`, destination: index % 3 === 0 ? 'Port d’Anvers (BE) 🚚' : 'Rungis (94)', nb_palettes: index % 33 });
    parts.push(doc);
    size += Buffer.byteLength(doc) + 1;
  }
  return Buffer.from(`{"documents":[${parts.join(',')}]}`);
}

describe('gzip in pieces', () => {
  it('writes one gzip member that any gunzip reads back whole, as small as a one-piece deflate within 1 %', async () => {
    for (const bytes of [0, 10, gzipPieceBytes, 3.5 * gzipPieceBytes]) {
      const body = pageOf(bytes);
      const packed = await gzipInPieces(body, constants.Z_BEST_SPEED);
      expect(gunzipSync(packed).equals(body), `${bytes} octets`).toBe(true);
      expect(packed.length, `${bytes} octets`).toBeLessThanOrEqual(gzipSync(body, { level: constants.Z_BEST_SPEED }).length * 1.01 + 16);
    }
  });
});
