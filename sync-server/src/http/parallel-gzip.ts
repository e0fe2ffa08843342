import { promisify } from 'node:util';
import { constants, crc32, deflateRaw as deflateRawCallback } from 'node:zlib';

const deflateRaw = promisify(deflateRawCallback);

/** Deflate's window: each piece is compressed with the 32 KiB before it as its dictionary, as pigz does. */
const windowBytes = 32 * 1024;

/** Large enough that the per-piece cost (a sync marker, a thread-pool hop) stays small. */
export const gzipPieceBytes = 256 * 1024;

/** RFC 1952 header: deflate, no name or time, unknown OS. */
const header = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255);

/**
 * One gzip member made of pieces deflated side by side on libuv's thread pool (the other core(s)),
 * as pigz does: every piece but the last ends on a sync flush (byte-aligned, no final bit) and
 * starts from the previous piece's last 32 KiB as dictionary, so the raw streams simply follow one
 * another and any gunzip reads them as one, at nearly the size of a one-piece deflate. A pull page of
 * 2 000 missions (0.9 MB) deflates in four pieces instead of one after the other.
 */
export async function gzipInPieces(body: Uint8Array, level: number): Promise<Uint8Array<ArrayBuffer>> {
  const pieces: Promise<Buffer>[] = [];
  for (let start = 0; start < body.length || start === 0; start += gzipPieceBytes) {
    const end = Math.min(body.length, start + gzipPieceBytes);
    const last = end === body.length;
    pieces.push(
      deflateRaw(body.subarray(start, end), {
        level,
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
        ...(start > 0 ? { dictionary: body.subarray(Math.max(0, start - windowBytes), start) } : {}),
      }),
    );
    if (last) {
      break;
    }
  }
  const deflated = await Promise.all(pieces);
  const trailer = new DataView(new ArrayBuffer(8));
  trailer.setUint32(0, crc32(body), true);
  trailer.setUint32(4, body.length % 2 ** 32, true);
  const parts = [header, ...deflated, new Uint8Array(trailer.buffer)];
  const member = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    member.set(part, at);
    at += part.length;
  }
  return member;
}
