import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import { testData } from '../helpers/data.js';

const { units } = testData();
const convert = (value: string, from: string, to: string) =>
  Rational.parseDecimal(value)!
    .mul(units.ratio(units.lookup(from)!, units.lookup(to)!))
    .toString();

describe('unit registry (src/data/units.yaml)', () => {
  it('converts the Chinese multiplier units exactly', () => {
    expect(convert('1', '万kWh', 'MWh')).toBe('10'); // 10^4 kWh = 10 MWh
    expect(convert('1', '亿kWh', 'MWh')).toBe('100000'); // 10^8 kWh = 10^5 MWh
    expect(convert('1000', '度', 'MWh')).toBe('1'); // 度 = kWh
    expect(convert('1', '万m3', 'm3')).toBe('10000');
    expect(convert('1', '亿m3', '万m3')).toBe('10000');
    expect(convert('2.5', '万t', 't')).toBe('25000');
    expect(convert('2.5', '吨', 't')).toBe('2.5');
    expect(convert('1', '万tce', 'tce')).toBe('10000');
    expect(convert('1', '亿元', '万元')).toBe('10000');
    expect(convert('10000', '元', '万元')).toBe('1');
    expect(convert('1', '万tCO2', 'tCO2')).toBe('10000');
  });

  it('converts energy through GJ exactly (1 kWh = 0.0036 GJ)', () => {
    expect(convert('1', 'MWh', 'GJ')).toBe('3.6');
    expect(convert('1', 'kWh', 'GJ')).toBe('0.0036');
    // 1 GJ = 1/3.6 MWh = 0.2777… : exact as a fraction, not a rounded decimal
    expect(Rational.ONE.mul(units.ratio(units.lookup('GJ')!, units.lookup('MWh')!)).equals(Rational.of(5n, 18n))).toBe(true);
  });

  it('knows dimensions and refuses to convert across them', () => {
    expect(units.lookup('万kWh')!.dimension).toBe('energy');
    expect(units.lookup('吨标准煤')!.symbol).toBe('tce');
    // tCO2e has the size of tCO2 but is its own unit, so the report can say which figures hold CO2e
    expect(units.lookup('tCO2e')!.symbol).toBe('tCO2e');
    expect(units.lookup('tCO2e')!.co2e).toBe(true);
    expect(units.ratio(units.get('万tCO2e'), units.get('tCO2')).toString()).toBe('10000');
    expect(() => units.ratio(units.lookup('t')!, units.lookup('MWh')!)).toThrow(/dimension mismatch/);
  });

  it('parses compound factor units', () => {
    expect(units.parseFactorUnit('tCO2/万m3')).toEqual({ numerator: 'tCO2', denominator: '万m3' });
    expect(units.parseFactorUnit('kgCO2/kWh')).toEqual({ numerator: 'kgCO2', denominator: 'kWh' });
    expect(units.parseFactorUnit('tCO2/furlong')).toBeUndefined();
    expect(units.parseFactorUnit('tCO2')).toBeUndefined();
  });

  it('round-trips every unit through its base', () => {
    for (const s of units.spellings()) {
      const u = units.lookup(s)!;
      const base = units.lookup(units.dimensions.get(u.dimension)!)!;
      const x = Rational.parseDecimal('123.456')!;
      expect(x.mul(units.ratio(u, base)).mul(units.ratio(base, u)).equals(x)).toBe(true);
    }
  });
});
