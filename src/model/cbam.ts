/**
 * The CBAM goods table (data in src/data/cbam-goods.yaml): which CN codes are CBAM goods, in which aggregated
 * category, and whether only their direct emissions are charged (Regulation (EU) 2023/956 Annexes I and II).
 */
import type { Confidence } from './types.js';

export interface CbamPrefix {
  cn: string;
  name: string;
  confidence: Confidence;
}

export interface CbamCategory {
  id: string;
  zh: string;
  /** Annex II: only direct emissions count (chargeable SEE = direct SEE). */
  directOnly: boolean;
  /** False: a CBAM good zcpark computes no SEE for (electricity, in v1). */
  computed: boolean;
  prefixes: CbamPrefix[];
  except: CbamPrefix[];
}

export interface CbamGoodsData {
  source: string;
  categories: Record<string, { zh: string; direct_only: boolean; computed?: boolean; prefixes: CbamPrefix[]; except?: CbamPrefix[] }>;
}

export type CnLookup =
  { in: true; category: CbamCategory; prefix: CbamPrefix } | { in: false; nearest?: { category: CbamCategory; prefix: CbamPrefix }; excluded?: CbamPrefix };

export class CbamGoods {
  readonly categories: CbamCategory[];
  readonly source: string;

  constructor(data: CbamGoodsData) {
    this.source = data.source;
    this.categories = Object.entries(data.categories).map(([id, c]) => ({
      id,
      zh: c.zh,
      directOnly: c.direct_only,
      computed: c.computed !== false,
      prefixes: c.prefixes,
      except: c.except ?? [],
    }));
  }

  /** The category's name as written in reports ("iron and steel"). */
  static label(id: string): string {
    return id.replace(/_/g, ' ');
  }

  /** Looks a CN code up (digits only): the longest matching prefix wins; an outside code gets the nearest entry. */
  lookup(cn: string): CnLookup {
    let best: { category: CbamCategory; prefix: CbamPrefix } | undefined;
    for (const category of this.categories) {
      for (const prefix of category.prefixes) {
        if (cn.startsWith(prefix.cn) && (!best || prefix.cn.length > best.prefix.cn.length)) best = { category, prefix };
      }
    }
    if (best) {
      const excluded = best.category.except.find((e) => cn.startsWith(e.cn));
      if (!excluded) return { in: true, ...best };
      return { in: false, excluded, nearest: best };
    }
    // nearest: the entry sharing the longest leading digits with the code (at least the chapter, 2 digits)
    let nearest: { category: CbamCategory; prefix: CbamPrefix; common: number } | undefined;
    for (const category of this.categories) {
      for (const prefix of category.prefixes) {
        let k = 0;
        while (k < prefix.cn.length && k < cn.length && prefix.cn[k] === cn[k]) k++;
        if (k >= 2 && (!nearest || k > nearest.common)) nearest = { category, prefix, common: k };
      }
    }
    return nearest ? { in: false, nearest: { category: nearest.category, prefix: nearest.prefix } } : { in: false };
  }
}

/** A CN code as written ("7207 11 14") → its digits ("72071114"). */
export const cnDigits = (text: string): string => text.replace(/\s+/g, '');
