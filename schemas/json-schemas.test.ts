import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../src/paths.js';
import { CONTRACT_NAMES, jsonSchemaOf } from './json-schemas.js';

describe('generated JSON Schemas', () => {
  it.each(CONTRACT_NAMES)('schemas/json/%s.json matches the zod source (run `npm run schemas` after changing a contract)', (name) => {
    const committed = JSON.parse(readFileSync(join(packagePath('schemas', 'json'), `${name}.json`), 'utf8'));
    expect(committed).toEqual(jsonSchemaOf(name));
  });

  it.each(CONTRACT_NAMES)('%s compiles as a JSON Schema 2020-12 document', (name) => {
    const ajv = new Ajv2020.default({ strict: false, validateFormats: false });
    expect(() => ajv.compile(jsonSchemaOf(name))).not.toThrow();
  });
});
