import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What a browser downloads and compresses well; source maps and images are left as they are. */
const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this, the encoding costs more than it saves. */
const minBytes = 1024;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Writes `file.br` (brotli, best quality) and `file.gz` (gzip -9) beside each compressible file of
 * the build, once and for all, so the server sends them as they are to a browser that accepts them
 * (`serveStatic({ precompressed: true })`) without compressing on each request. Runs after every
 * other plugin's last step, so the service worker that vite-plugin-pwa writes then is included.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'relais-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = filesUnder(outDir).filter((path) => compressible.test(path) && statSync(path).size >= minBytes);
        await Promise.all(
          files.map(async (path) => {
            const content = readFileSync(path);
            const [br, gz] = await Promise.all([
              brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
              gzipAsync(content, { level: 9 }),
            ]);
            writeFileSync(`${path}.br`, br);
            writeFileSync(`${path}.gz`, gz);
          }),
        );
      },
    },
  };
}
