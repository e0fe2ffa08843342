import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collections } from './index';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'snapshots');

/**
 * Browsers keep documents of the schema they were written with. A collection whose schema changed
 * without a new version (and its migration) would fail to open on every PC that has data.
 */
describe('RxDB schema snapshots', () => {
  for (const definition of Object.values(collections)) {
    it(`${definition.name}: version ${definition.version} is the recorded schema of that version`, () => {
      const file = join(folder, `${definition.name}.v${definition.version}.json`);
      expect(existsSync(file), `${file} manque : lancez 'pnpm snapshot:schemas' après avoir monté la version`).toBe(true);
      const recorded: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(definition.jsonSchema, `${definition.name} a changé sans nouvelle version ni migration`).toEqual(recorded);
    });

    it(`${definition.name}: every version from 0 has a snapshot and a migration`, () => {
      for (let version = 0; version <= definition.version; version += 1) {
        expect(existsSync(join(folder, `${definition.name}.v${version}.json`)), `v${version}`).toBe(true);
        if (version > 0) {
          expect(definition.migrations?.[version], `migration v${version}`).toBeTypeOf('function');
        }
      }
    });
  }
});
