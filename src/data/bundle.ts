/** Build step (`npm run build`): parses every data file once into dist/data/bundle.json, so a run starts without YAML parsing. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUNDLE, parseDataFiles } from './load.js';

mkdirSync(dirname(BUNDLE), { recursive: true });
writeFileSync(BUNDLE, JSON.stringify(parseDataFiles()));
