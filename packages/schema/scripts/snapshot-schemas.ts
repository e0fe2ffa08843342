import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collections } from '../src/index';

/**
 * Records the RxDB schema of each collection's current version in snapshots/, once. A snapshot is
 * never rewritten: changing a collection means a new version, a migration and a new snapshot, and
 * the snapshot test fails until then. The old snapshots feed the migration tests.
 */
const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'snapshots');
for (const definition of Object.values(collections)) {
  const file = join(folder, `${definition.name}.v${definition.version}.json`);
  if (existsSync(file)) {
    continue;
  }
  writeFileSync(file, `${JSON.stringify(definition.jsonSchema, null, 2)}\n`);
  process.stdout.write(`instantané écrit : ${file}\n`);
}
