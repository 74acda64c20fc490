/** `zcpark schema <name>`: prints one of the JSON Schemas in schemas/. */
import { SCHEMA_NAMES, schemaText, type SchemaName } from '../../data/load.js';
import { UsageError } from '../../diagnostics/errors.js';
import { didYouMean, suggest } from '../../diagnostics/suggest.js';
import { EXIT } from '../exit-codes.js';

export function runSchema(name: string | undefined): number {
  if (name === undefined) throw new UsageError(`name the schema to print: ${SCHEMA_NAMES.join(', ')} (e.g. zcpark schema submission > submission.schema.json)`);
  if (!(SCHEMA_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown schema "${name}"${didYouMean(suggest(name, SCHEMA_NAMES))}; allowed: ${SCHEMA_NAMES.join(', ')}`);
  }
  process.stdout.write(schemaText(name as SchemaName));
  return EXIT.ok;
}
