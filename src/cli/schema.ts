/** `sre-agent schema NAME`: print a contract's JSON Schema. */
import { CONTRACT_NAMES, jsonSchemaOf, type ContractName } from '../../schemas/json-schemas.js';
import { UserError } from '../errors.js';

/** Print the JSON Schema of qa-handoff, report, sre-handoff or config. */
export function schemaCommand(name: string): void {
  if (!(CONTRACT_NAMES as string[]).includes(name)) throw new UserError(`schema ${name}: expected one of ${CONTRACT_NAMES.join(', ')}`, { field: 'name' });
  process.stdout.write(`${JSON.stringify(jsonSchemaOf(name as ContractName), null, 2)}\n`);
}
