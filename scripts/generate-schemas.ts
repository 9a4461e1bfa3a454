/** Write schemas/json/<name>.json from the zod contracts (run: npm run schemas). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_NAMES, jsonSchemaOf } from '../schemas/json-schemas.js';
import { packagePath } from '../src/paths.js';

for (const name of CONTRACT_NAMES) {
  const file = join(packagePath('schemas', 'json'), `${name}.json`);
  writeFileSync(file, `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
}
