import { defineConfig } from 'tsup';

/** One bundle per entry; workspace packages are bundled in, npm dependencies stay external. */
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: [/^@relais\//],
  banner: { js: '#!/usr/bin/env node' },
});
