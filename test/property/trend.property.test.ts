/**
 * zcpark trend does not depend on the order of its inputs (src/trend/trend.ts sorts them): any permutation of a
 * random set of years of one city gives the same trend object. Each year is evaluated once, in-process; a run
 * rebuilds the trend from a shuffled list (about 1 ms), 2,000 runs at the default scale.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../src/data/load.js';
import { evaluate } from '../../src/engine.js';
import { buildTrend, type TrendInput } from '../../src/trend/trend.js';
import { testData } from '../helpers/data.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(2_000);

/** One year of a city: coal burnt, GDP (at 2020 prices unless told), a target with a year. */
function year(y: number, coal: number, gdp: number, priceYear = 2020): TrendInput {
  const data = testData();
  const text = `format: zcpark/1
profile: carbon-peaking-city
entity: { id: PROP-CITY, name: Property city, type: city, region: CN-ZJ }
year: ${y}
economy: { gdp: { value: ${gdp}, unit: 万元, price_year: ${priceYear} } }
baseline: { year: 2015, emissions: { value: 2000, unit: tCO2 }, energy: { value: 500, unit: tce }, gdp: { value: 1000, unit: 万元, price_year: 2020 } }
targets: { carbon_intensity_reduction: { value: 18%, year: 2030 } }
factors: [ { category: fuel, item: raw_coal, co2: 2, co2_unit: tCO2/t, energy: 0.5, energy_unit: tce/t, source: test } ]
activity:
  - { entity: city, category: fuel, item: raw_coal, quantity: ${coal}, unit: t }
  - { entity: city, category: process, item: other, quantity: 300, unit: tCO2 }
`;
  const out = evaluate(
    { file: `y${y}.yaml`, text, readFile: (rel) => ({ file: rel, error: 'not-found' }), loadProfile: (id) => builtinProfile(id, data) ?? { unknown: true } },
    data,
  );
  if (!out.report || !out.submission || !out.profile || !out.lookup) throw new Error(JSON.stringify(out.diagnostics));
  return { file: `y${y}.yaml`, report: out.report, submission: out.submission, profile: out.profile, lookup: out.lookup };
}

describe('trend: the order of the inputs never matters', () => {
  // eight years with varied figures (one GDP at other prices, so missing changes are in the mix too), evaluated once
  const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022].map((y, i) => year(y, 1000 + ((i * 37) % 90) - 40, 1000 + i * 53, y === 2019 ? 2019 : 2020));

  it(
    'gives the same trend for any permutation of any subset of two or more years',
    () => {
      fc.assert(
        fc.property(fc.shuffledSubarray(years, { minLength: 2 }), fc.nat(), (subset, seed) => {
          const sorted = [...subset].sort((a, b) => a.submission.year - b.submission.year);
          const reference = JSON.stringify(buildTrend(sorted, { version: 't' }).trend);
          // a Fisher–Yates shuffle driven by the seed
          const shuffled = [...subset];
          let s = seed;
          for (let i = shuffled.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          expect(JSON.stringify(buildTrend(shuffled, { version: 't' }).trend)).toBe(reference);
        }),
        { numRuns: N },
      );
    },
    timeoutFor(N, 2),
  );
});
