/**
 * What every human format shows of the goods (EU CBAM: one row per good) and of the avoided-emissions memo
 * ledger, so the table, Markdown, HTML and CSV renderers cannot disagree. Cells are plain text; each renderer
 * escapes them for its own format.
 */
import type { Report } from '../types.js';
import { num } from './display.js';

export const goodsHead = (zh: boolean): string[] =>
  zh
    ? ['货物', '名称', 'CN 编码', '类别', '产量 t', 'SEE 直接', 'SEE 间接', 'SEE 合计', '应税 SEE', '隐含排放 tCO2e', '他方数据占比']
    : [
        'good',
        'name',
        'CN code',
        'category',
        'produced t',
        'SEE direct',
        'SEE indirect',
        'SEE total',
        'chargeable SEE',
        'embedded tCO2e',
        'communicated share',
      ];

const see = (x: number | null): string => (x === null ? '—' : num(x, 6));

/** One row per good: SEE in tCO2e per tonne. */
export function goodsRows(r: Report): string[][] {
  return (r.goods ?? []).map((g) => [
    g.id,
    g.name,
    g.cn_code,
    g.category,
    num(g.produced_t),
    see(g.see_direct),
    see(g.see_indirect),
    see(g.see_total),
    see(g.chargeable_see),
    g.embedded_t === null ? '—' : num(g.embedded_t),
    g.communicated_share === null ? '—' : `${num(g.communicated_share * 100, 2)} %`,
  ]);
}

export const goodsTitle = (zh: boolean): string => (zh ? '货物隐含排放（欧盟 CBAM，tCO2e/t）' : 'Embedded emissions of goods (EU CBAM, tCO2e per tonne)');
export const goodsNote = (zh: boolean): string =>
  zh
    ? '应税 SEE：钢铁、铝、氢仅计直接排放（欧盟 2023/956 号条例附件二），水泥、化肥计直接与间接排放；绿证不计入（CBAM 不承认）。'
    : 'Chargeable SEE: direct only for iron and steel, aluminium and hydrogen (Annex II of Regulation (EU) 2023/956), direct and indirect for cement and fertilisers; certificates are not credited (CBAM does not recognise them).';

/** The memo row of avoided emissions and its note, when any are reported. */
export function avoidedMemo(r: Report, zh: boolean): { label: string; tonnes: string; note: string } | undefined {
  const e = r.emissions;
  if (!e.avoided_t) return undefined;
  return {
    label: zh ? '避免排放（备忘项，不抵扣）' : 'avoided elsewhere (memo, not netted)',
    tonnes: num(e.avoided_t),
    note: zh ? '避免排放为备忘账：不从总排放或净排放中扣除（温室气体核算体系不将避免排放计入清单）。' : (e.avoided_note ?? ''),
  };
}
