/** The CBAM goods table (src/data/cbam-goods.yaml): CN codes → aggregated categories, with the nearest one for a code outside. */
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';

const cbam = loadData('test').cbam;

describe('CBAM goods table', () => {
  it('maps CN codes to their category by the longest prefix', () => {
    const cat = (cn: string) => {
      const r = cbam.lookup(cn);
      return r.in ? [r.category.id, r.category.directOnly] : ['outside'];
    };
    expect(cat('72011011')).toEqual(['iron_and_steel', true]);
    expect(cat('72071114')).toEqual(['iron_and_steel', true]);
    expect(cat('76011000')).toEqual(['aluminium', true]);
    expect(cat('25231000')).toEqual(['cement', false]);
    expect(cat('31021010')).toEqual(['fertilisers', false]);
    expect(cat('28141000')).toEqual(['fertilisers', false]);
    expect(cat('28041000')).toEqual(['hydrogen', true]);
  });

  it('names the nearest category of a code outside, and an exclusion', () => {
    const chain = cbam.lookup('73151110');
    expect(chain.in).toBe(false);
    expect(!chain.in && chain.nearest?.category.id).toBe('iron_and_steel');
    const scrap = cbam.lookup('72041000');
    expect(!scrap.in && scrap.excluded?.cn).toBe('7204');
    const pk = cbam.lookup('31056000');
    expect(!pk.in && pk.excluded?.cn).toBe('31056000');
    expect(cbam.lookup('01012100')).toEqual({ in: false });
  });

  it('gives every prefix a name and a mark', () => {
    for (const c of cbam.categories)
      for (const p of [...c.prefixes, ...c.except]) {
        expect(p.name.length).toBeGreaterThan(0);
        expect(['C', 'S', 'R']).toContain(p.confidence);
      }
  });
});
