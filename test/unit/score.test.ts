/**
 * Scoring (README § How the numbers are made, rule packs and scoring): points per status, the score's denominator, grades, the verdict, exemptions,
 * the zero-carbon-park bands, and rule-pack compile errors. Scores are hand-derived:
 * score = 100 × Σ points / Σ weights of the indicators that are not `not_applicable`.
 */
import { describe, expect, it } from 'vitest';
import { compileProfileText } from '../../src/data/load.js';
import { testData } from '../helpers/data.js';
import { evalYaml, header } from '../helpers/engine.js';

interface Ind {
  id: string;
  formula: string;
  op?: string;
  value?: number | boolean;
  weight: number;
  core?: boolean;
  when?: string;
}
/** A rule pack of the given indicators (one threshold each). */
const pack = (...inds: Ind[]) => `format: zcpark-profile/1
id: score-test
title: Score test
source: unit test
indicators:
${inds
  .map(
    (i) => `  - id: ${i.id}
    name: { en: ${i.id}, zh: ${i.id} }
    formula: "${i.formula}"
    weight: ${i.weight}
    core: ${i.core === true}
    thresholds: [ { ${i.when ? `when: "${i.when}", ` : ''}op: "${i.op ?? '>='}", value: ${i.value ?? 0.8} } ]
`,
  )
  .join('')}`;
/** Evaluates `metrics` (a YAML mapping body) against a custom pack. */
const score = (p: string, metrics: string, extra = '') => {
  const out = evalYaml(header(`metrics:\n${metrics}${extra}`), { profileText: p });
  if (!out.report) throw new Error(JSON.stringify(out.diagnostics, null, 1));
  return out.report;
};
const ind = (r: { indicators: { id: string }[] }, id: string) => r.indicators.find((i) => i.id === id)! as ReturnType<typeof score>['indicators'][number];
const codes = (ds: { code: string }[]) => ds.map((d) => d.code);

describe('points per indicator', () => {
  it('gives a passing indicator its full weight', () => {
    const r = score(pack({ id: 'a', formula: 'metric.a', op: '>=', value: 0.8, weight: 30 }), '  a: 0.9\n');
    expect(ind(r, 'a').status).toBe('pass');
    // 0.9 ≥ 0.8 → weight 30
    expect(ind(r, 'a').points).toBe(30);
    // 100 × 30 / 30 = 100
    expect(r.score).toBe(100);
  });

  it('gives a failed >= indicator weight × value / threshold', () => {
    const r = score(pack({ id: 'a', formula: 'metric.a', op: '>=', value: 0.8, weight: 40 }), '  a: 0.6\n');
    expect(ind(r, 'a').status).toBe('fail');
    // 40 × 0.6 / 0.8 = 30
    expect(ind(r, 'a').points).toBe(30);
    // 100 × 30 / 40 = 75
    expect(r.score).toBe(75);
  });

  it('gives a failed <= indicator weight × threshold / value', () => {
    const r = score(pack({ id: 'b', formula: 'metric.b', op: '<=', value: 0.2, weight: 50 }), '  b: 0.25\n');
    expect(ind(r, 'b').status).toBe('fail');
    // 50 × 0.2 / 0.25 = 40
    expect(ind(r, 'b').points).toBe(40);
  });

  it('gives 0 points to a failed indicator whose threshold is 0 (<= 0)', () => {
    const r = score(pack({ id: 'b', formula: 'metric.b', op: '<=', value: 0, weight: 50 }), '  b: 5\n');
    expect(ind(r, 'b').status).toBe('fail');
    // threshold 0 → 0 points
    expect(ind(r, 'b').points).toBe(0);
  });

  it('gives 0 points to a failed indicator whose threshold is 0 (>= 0), instead of dividing by zero', () => {
    const r = score(pack({ id: 'a', formula: 'metric.a - 1', op: '>=', value: 0, weight: 50 }), '  a: 0.5\n');
    // 0.5 − 1 = −0.5 < 0 → fail
    expect(ind(r, 'a').value).toBe(-0.5);
    expect(ind(r, 'a').status).toBe('fail');
    // threshold 0 → 0 points, not weight × −0.5 / 0
    expect(ind(r, 'a').points).toBe(0);
  });

  it('passes a value exactly equal to the threshold', () => {
    const r = score(pack({ id: 'a', formula: 'metric.a', op: '>=', value: 0.8, weight: 10 }), '  a: 0.8\n');
    // 0.8 ≥ 0.8 → pass, weight 10
    expect(ind(r, 'a').status).toBe('pass');
    expect(ind(r, 'a').points).toBe(10);
  });

  it('scores a boolean task indicator with ==', () => {
    const r = score(pack({ id: 't', formula: 'metric.platform', op: '==', value: true, weight: 5 }), '  platform: true\n');
    expect(ind(r, 't').status).toBe('pass');
    // true == true → weight 5
    expect(ind(r, 't').points).toBe(5);
  });
});

describe('missing and not applicable', () => {
  it('marks a missing metric as missing, earning 0 but keeping its weight in the denominator', () => {
    const r = score(pack({ id: 'a', formula: 'metric.a', weight: 75 }, { id: 'x', formula: 'metric.x', weight: 25 }), '  a: 0.9\n');
    const x = ind(r, 'x');
    expect(x.status).toBe('missing');
    expect(x.missing).toEqual(['metric.x']);
    expect(x.value).toBeNull();
    expect(x.points).toBe(0);
    // 100 × 75 / (75 + 25) = 75
    expect(r.score).toBe(75);
  });

  it('makes the verdict incomplete when a core indicator is missing', () => {
    const r = score(pack({ id: 'a', formula: 'metric.a', weight: 50 }, { id: 'x', formula: 'metric.x', weight: 50, core: true }), '  a: 0.9\n');
    expect(ind(r, 'x').status).toBe('missing');
    expect(r.verdict).toBe('incomplete');
  });

  it('marks a division by zero as missing with its reason, never as 0', () => {
    const r = score(pack({ id: 'q', formula: 'metric.a / metric.b', op: '<=', value: 1, weight: 10 }), '  a: 5\n  b: 0\n');
    const q = ind(r, 'q');
    expect(q.status).toBe('missing');
    expect(q.reason).toBe('division by zero: metric.b is 0');
    expect(q.value).toBeNull();
  });

  it('leaves an indicator with no applicable band out of the denominator', () => {
    const r = score(
      pack({ id: 'a', formula: 'metric.a', weight: 50 }, { id: 'big', formula: 'metric.a', weight: 50, when: 'metric.size > 100' }),
      '  a: 0.9\n  size: 50\n',
    );
    const big = ind(r, 'big');
    expect(big.status).toBe('not_applicable');
    expect(big.reason).toBe('no threshold band applies');
    expect(big.threshold).toBeNull();
    // 100 × 50 / 50 = 100 (the not-applicable 50 is out of the denominator)
    expect(r.score).toBe(100);
  });

  it('gives no score and no grade when nothing weighted applies', () => {
    const r = score(pack({ id: 'a', formula: 'metric.a', weight: 10 }), '  a: 0.9\n', 'exemptions:\n  a: "not relevant here"\n');
    expect(ind(r, 'a').status).toBe('not_applicable');
    // denominator 0 → no score
    expect(r.score).toBeNull();
    expect(r.grade).toBeNull();
  });
});

describe('verdict and grades', () => {
  it('fails the verdict on a failed core indicator even with a grade-A score', () => {
    const r = score(
      pack({ id: 'core', formula: 'metric.c', op: '<=', value: 0.2, weight: 1, core: true }, { id: 'a', formula: 'metric.a', weight: 99 }),
      '  c: 0.25\n  a: 0.9\n',
    );
    // core: 1 × 0.2 / 0.25 = 0.8 points
    expect(ind(r, 'core').points).toBe(0.8);
    // 100 × (0.8 + 99) / 100 = 99.8
    expect(r.score).toBe(99.8);
    expect(r.grade).toBe('A');
    expect(r.verdict).toBe('fail');
  });

  it('passes the verdict when every core indicator passes, whatever the guiding ones do', () => {
    const r = score(
      pack({ id: 'core', formula: 'metric.c', op: '<=', value: 0.2, weight: 40, core: true }, { id: 'a', formula: 'metric.a', weight: 60 }),
      '  c: 0.1\n  a: 0.2\n',
    );
    expect(ind(r, 'a').status).toBe('fail');
    // 100 × (40 + 60 × 0.2/0.8 = 15) / 100 = 55 → D
    expect(r.score).toBe(55);
    expect(r.grade).toBe('D');
    expect(r.verdict).toBe('pass');
  });

  it.each([
    // [passing weight, missing weight, score = 100 × pass / (pass + missing), grade]
    [9, 1, 90, 'A'],
    [8999, 1001, 89.99, 'B'],
    [3, 1, 75, 'B'],
    [7499, 2501, 74.99, 'C'],
    [3, 2, 60, 'C'],
    [5999, 4001, 59.99, 'D'],
  ])('with %i passing of %i missing weight scores %d and grades %s', (pass, missing, expected, grade) => {
    const r = score(pack({ id: 'a', formula: 'metric.a', weight: pass }, { id: 'x', formula: 'metric.x', weight: missing }), '  a: 0.9\n');
    expect(r.score).toBe(expected);
    expect(r.grade).toBe(grade);
  });
});

describe('exemptions', () => {
  it('makes an exempted guiding indicator not_applicable with its reason', () => {
    const out = evalYaml(header('exemptions:\n  waste_heat_utilization: "no process produces recoverable waste heat"\n'));
    const r = out.report!;
    const w = ind(r, 'waste_heat_utilization');
    expect(w.status).toBe('not_applicable');
    expect(w.reason).toBe('exempted: no process produces recoverable waste heat');
    expect(r.exemptions).toEqual({ waste_heat_utilization: 'no process produces recoverable waste heat' });
  });

  it('rejects exempting a core indicator with ZC-E-EXEMPT-CORE', () => {
    const out = evalYaml(header('exemptions:\n  carbon_per_energy: "we would rather not"\n'));
    expect(out.report).toBeUndefined();
    expect(codes(out.diagnostics.filter((d) => d.severity === 'error'))).toEqual(['ZC-E-EXEMPT-CORE']);
  });

  it('rejects exempting an unknown indicator with ZC-E-EXEMPT-UNKNOWN and a suggestion', () => {
    const out = evalYaml(header('exemptions:\n  waste_heat_utilisation: "no waste heat"\n'));
    expect(out.report).toBeUndefined();
    const errs = out.diagnostics.filter((d) => d.severity === 'error');
    expect(codes(errs)).toEqual(['ZC-E-EXEMPT-UNKNOWN']);
    expect(errs[0]!.suggestion).toBe('waste_heat_utilization');
  });
});

describe('zero-carbon-park pack', () => {
  /** 50 MWh grid + 1000 MWh green trade, and the guiding metrics at or above their thresholds; waste heat not reported. */
  const PARK = `metrics:
  solid_waste_utilization_rate: 0.85
  water_reuse_rate: 0.8
  products_meeting_energy_limit_share: 1
activity:
  - { category: electricity, item: grid, quantity: 50, unit: MWh }
  - { category: electricity, item: green_trade, quantity: 1000, unit: MWh }
`;

  it('scores a good park at exactly 90 (grade A) when the waste-heat metric is missing', () => {
    const r = evalYaml(header(PARK)).report!;
    // (50 MWh × 0.8325 tCO2/MWh pinned = 41.625) / (1050 MWh × 0.3024 tce/MWh coal_equivalent 2024 = 317.52) = 41625/317520
    expect(ind(r, 'carbon_per_energy').value).toBe(41625 / 317520);
    expect(ind(r, 'carbon_per_energy').status).toBe('pass');
    // clean: 1000 MWh × 0.3024 = 302.4 / 317.52 = 302400/317520 ≥ 0.9
    expect(ind(r, 'clean_energy_share').value).toBe(302400 / 317520);
    expect(ind(r, 'clean_energy_share').status).toBe('pass');
    expect(ind(r, 'waste_heat_utilization').status).toBe('missing');
    // 40 + 20 + 10 (solid waste) + 10 (water, 0.8 = threshold) + 10 (products, 1 = threshold) = 90 of 100
    expect(r.score).toBe(90);
    expect(r.grade).toBe('A');
    expect(r.verdict).toBe('pass');
  });

  it('takes an exempted indicator out of the denominator', () => {
    const r = evalYaml(header(`exemptions:\n  waste_heat_utilization: "no recoverable waste heat"\n${PARK}`)).report!;
    // 90 points of 100 − 10 (exempted) = 90 → 100
    expect(r.score).toBe(100);
  });

  it('passes water_reuse at exactly 80% and at 0.8, and at water_reused / water_total = 0.8', () => {
    for (const m of [
      '  water_reuse_rate: "80%"\n',
      '  water_reuse_rate: 0.8\n',
      '  water_reused: { value: 80, unit: m3 }\n  water_total: { value: 100, unit: m3 }\n',
    ]) {
      const r = evalYaml(header(`metrics:\n${m}`)).report!;
      // 80 % = 0.8 = 80 / 100 ≥ 0.8 → pass, weight 10
      expect(ind(r, 'water_reuse').value).toBe(0.8);
      expect(ind(r, 'water_reuse').status).toBe('pass');
      expect(ind(r, 'water_reuse').points).toBe(10);
    }
  });

  it('gives a failed core indicator weight × threshold / value', () => {
    const r = evalYaml(header('activity:\n  - { category: fuel, item: diesel, quantity: 10, unit: t }\n')).report!;
    const c = ind(r, 'carbon_per_energy');
    // 10 t × 3.1451 tCO2/t = 31.451 over 10 t × 1.4571 tce/t = 14.571 → 31451/14571 (fuels-co2.yaml, energy.yaml)
    expect(c.value).toBe(31451 / 14571);
    expect(c.status).toBe('fail');
    // 40 × 0.2 / (31451/14571) = 8 × 14571 / 31451 = 116568/31451
    expect(c.points).toBe(116568 / 31451);
    expect(r.verdict).toBe('fail');
  });

  it('counts process emissions in the core indicator', () => {
    const r = evalYaml(
      header(`activity:
  - { category: fuel, item: diesel, quantity: 10, unit: t }
  - { category: process, item: other, quantity: 10, unit: tCO2 }
`),
    ).report!;
    // (31.451 + 10) / 14.571 = 41451/14571 (diesel, fuels-co2.yaml and energy.yaml)
    expect(ind(r, 'carbon_per_energy').value).toBe(41451 / 14571);
  });

  it('keeps sinks and offsets out of the core indicator', () => {
    const r = evalYaml(
      header(`activity:
  - { category: fuel, item: diesel, quantity: 10, unit: t }
  - { category: sink, item: forest, quantity: 30, unit: tCO2 }
  - { category: offset, item: ccer, quantity: 20, unit: tCO2 }
`),
    ).report!;
    // still 31.451 / 14.571 = 31451/14571, although net_t = 31.451 − 30 − 20 = −18.549
    expect(ind(r, 'carbon_per_energy').value).toBe(31451 / 14571);
    expect(r.emissions.net_t).toBe(-18.549);
  });

  it('makes the verdict incomplete when there is no energy (division by zero in the core indicator)', () => {
    const r = evalYaml(header('metrics:\n  water_reuse_rate: 0.9\n')).report!;
    const c = ind(r, 'carbon_per_energy');
    expect(c.status).toBe('missing');
    expect(c.reason).toBe('division by zero: energy_total_tce is 0');
    expect(r.verdict).toBe('incomplete');
  });

  it('applies 0.2 below 200,000 tce and warns ZC-W-BAND-BELOW-MIN', () => {
    const r = evalYaml(header('activity:\n  - { category: fuel, item: diesel, quantity: 10, unit: t }\n')).report!;
    // 14.571 tce < 200,000
    expect(ind(r, 'carbon_per_energy').threshold).toEqual({ op: '<=', value: 0.2, basis: 'pack', label: 'below 20万 tce: no official band, 0.2 applied' });
    expect(codes(r.warnings)).toContain('ZC-W-BAND-BELOW-MIN');
  });

  it('applies the 20万–100万 band at exactly 200,000 tce, without the below-minimum warning', () => {
    const r = evalYaml(
      header(`activity:
  - { category: fuel, item: biomass, quantity: 199985.429, unit: tce }
  - { category: fuel, item: diesel, quantity: 10, unit: t }
`),
    ).report!;
    // 199,985.429 tce + 10 t × 1.4571 tce/t (diesel, energy.yaml) = 200,000 tce
    expect(r.energy.total_tce).toBe(200000);
    expect(ind(r, 'carbon_per_energy').threshold).toEqual({ op: '<=', value: 0.2, basis: 'pack', label: '20万–100万 tce band' });
    // 31.451 tCO2 (diesel) / 200,000 tce = 0.000157255 (biomass 0 tCO2/tce)
    expect(ind(r, 'carbon_per_energy').value).toBe(0.000157255);
    expect(codes(r.warnings)).not.toContain('ZC-W-BAND-BELOW-MIN');
  });

  it('applies 0.3 at exactly 1,000,000 tce', () => {
    const r = evalYaml(
      header(`activity:
  - { category: fuel, item: biomass, quantity: 999985.429, unit: tce }
  - { category: fuel, item: diesel, quantity: 10, unit: t }
`),
    ).report!;
    // 999,985.429 + 14.571 = 1,000,000 tce
    expect(r.energy.total_tce).toBe(1000000);
    expect(ind(r, 'carbon_per_energy').threshold).toEqual({ op: '<=', value: 0.3, basis: 'pack', label: '≥100万 tce band' });
  });

  it('passes 0.29 tCO2/tce under the ≥100万 tce band, which would fail the 0.2 band', () => {
    const r = evalYaml(
      header(`activity:
  - { category: fuel, item: biomass, quantity: 900000, unit: tce }
  - { category: fuel, item: raw_coal, quantity: 140000, unit: t }
`),
    ).report!;
    // 900,000 + 140,000 t × 0.7143 tce/t (raw coal, GB/T 2589-2020, energy.yaml) = 900,000 + 100,002 = 1,000,002 tce
    expect(r.energy.total_tce).toBe(1000002);
    // 140,000 t × 2.0715 tCO2/t (raw coal = bituminous default, fuels-co2.yaml) = 290,010
    expect(r.emissions.fuel_t).toBe(290010);
    const c = ind(r, 'carbon_per_energy');
    // 290,010 / 1,000,002 ≈ 0.29 ≤ 0.3
    expect(c.value).toBe(290010 / 1000002);
    expect(c.threshold?.value).toBe(0.3);
    expect(c.status).toBe('pass');
    // full weight 40
    expect(c.points).toBe(40);
  });
});

describe('rule-pack compilation', () => {
  const compile = (formula: string) => compileProfileText('bad-pack.yaml', pack({ id: 'a', formula, weight: 10 }), testData());

  it('rejects an unknown name in a formula with ZC-E-EXPR-NAME and a suggestion', () => {
    const r = compile('energy_totl_tce / 2');
    expect('diagnostics' in r).toBe(true);
    const ds = 'diagnostics' in r ? r.diagnostics : [];
    expect(codes(ds)).toEqual(['ZC-E-EXPR-NAME']);
    expect(ds[0]!.found).toBe('energy_totl_tce');
    expect(ds[0]!.suggestion).toBe('energy_total_tce');
    expect(ds[0]!.file).toBe('bad-pack.yaml');
  });

  it('rejects a formula with a syntax error with ZC-E-EXPR-SYNTAX', () => {
    const r = compile('(energy_t + 1');
    const ds = 'diagnostics' in r ? r.diagnostics : [];
    expect(codes(ds)).toEqual(['ZC-E-EXPR-SYNTAX']);
    expect(ds[0]!.message).toContain('expected ")"');
  });

  it('accepts any metric.<id> name and every accounting output', () => {
    const r = compile('(energy_t + process_t) / energy_total_tce + metric.anything_at_all');
    expect('profile' in r).toBe(true);
  });
});

describe('a core indicator no threshold band applies to', () => {
  it('makes the verdict incomplete, never pass (regression)', () => {
    // the only band needs ≥ 200,000 tce; the park has none of it, so the core indicator is not_applicable
    const r = score(
      pack({ id: 'core_banded', formula: 'energy_total_tce', op: '<=', value: 0.2, weight: 10, core: true, when: 'energy_total_tce >= 200000' }),
      '  flag: true\n',
    );
    expect(ind(r, 'core_banded').status).toBe('not_applicable');
    expect(r.verdict).toBe('incomplete');
  });
});
