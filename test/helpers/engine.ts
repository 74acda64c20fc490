/** In-process evaluation for unit tests: a YAML text, optional CSV files by name, the real bundled data. */
import { builtinProfile, compileProfileText } from '../../src/data/load.js';
import type { Lang } from '../../src/diagnostics/codes.js';
import { evaluate, type EvaluateOutput } from '../../src/engine.js';
import type { CompiledProfile } from '../../src/score/profile.js';
import { testData } from './data.js';

export interface EvalOptions {
  /** Extra files the submission may reference, by relative name (CSV text or bytes). */
  files?: Record<string, string | Uint8Array>;
  /** A rule-pack YAML text used instead of the submission's profile. */
  profileText?: string;
  explain?: boolean;
  /** Language of the report's names and warning messages (default English). */
  lang?: Lang;
}

/** Compiles a pack text (throws on errors: for tests that need a valid pack). */
export function packFrom(text: string): CompiledProfile {
  const r = compileProfileText('test-pack.yaml', text, testData());
  if (!('profile' in r)) throw new Error(JSON.stringify(r.diagnostics));
  return r.profile;
}

/** Evaluates `yaml` as the file "test.yaml" with the built-in packs and factor library. */
export function evalYaml(yaml: string, opts: EvalOptions = {}): EvaluateOutput {
  const data = testData();
  return evaluate(
    {
      file: 'test.yaml',
      text: yaml,
      readFile: (rel) => {
        // own names only: a submission may name its file "__proto__" or "constructor"
        const f = opts.files && Object.hasOwn(opts.files, rel) ? opts.files[rel] : undefined;
        if (f === undefined) return { file: rel, error: 'not-found' };
        return { file: rel, bytes: typeof f === 'string' ? new TextEncoder().encode(f) : f };
      },
      loadProfile: (id) => builtinProfile(id, data) ?? { unknown: true },
      ...(opts.profileText ? { profileOverride: packFrom(opts.profileText) } : {}),
      explain: opts.explain === true,
      ...(opts.lang ? { lang: opts.lang } : {}),
    },
    data,
  );
}

/** A pack with the given `accounting` block and one indicator (gross_t ≥ 0), so that it compiles. */
export const accountingPack = (id: string, accounting: string) => `format: zcpark-profile/1
id: ${id}
title: ${id}
source: unit test
accounting: ${accounting}
indicators:
  - id: gross
    name: { en: Gross emissions, zh: 总排放 }
    formula: gross_t
    weight: 1
    thresholds: [ { op: ">=", value: 0 } ]
`;

/** A minimal valid park submission header; append `activity:` rows or other sections. */
export const header = (extra = '', year = 2024, region = 'CN-NM') => `format: zcpark/1
profile: zero-carbon-park
entity: { id: T-1, name: Test park, type: park, region: ${region} }
year: ${year}
${extra}`;
