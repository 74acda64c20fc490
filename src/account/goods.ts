/**
 * Specific embedded emissions of goods (EU CBAM; README § EU CBAM), attributed per production process as in
 * Commission Implementing Regulation (EU) 2023/1773, Annex III. Pure: reads the boundary accounting's per-entity
 * figures (each good's process is an entity) and returns exact figures, with a trace line for each.
 *
 *   DirEm_P        = CO2 of P's fuel rows used as fuel + P's process rows
 *   Em_H,imp       = P's heat/purchased GJ × the heat factor (rows with their own factor at it; non-fossil heat 0)
 *   Em_H,exp       = P's heat/export GJ × the heat factor
 *   AttrEm_dir,P   = DirEm_P + Em_H,imp − Em_H,exp
 *   AttrEm_ind,P   = grid MWh × grid factor (rows with their own at it) + onsite_fossil MWh × its row factor;
 *                    green_trade (PPA), direct_green and onsite_renewable (direct technical link) 0;
 *                    certificates not credited
 *   SEE_dir,g      = (AttrEm_dir,P + Σ M_i × SEE_dir,i) / AL_g;  SEE_ind,g likewise;  SEE_g = SEE_dir,g + SEE_ind,g
 *   embedded_t     = SEE_g × AL_g;  chargeable_see = SEE_dir,g (Annex II goods) or SEE_g
 *   communicated_share = the part of embedded_t resting on values communicated by other producers
 */
import { diag } from '../diagnostics/codes.js';
import { CbamGoods } from '../model/cbam.js';
import { Rational } from '../model/rational.js';
import type { Diagnostic, Good } from '../model/types.js';
import type { AccountResult } from './result.js';

const R0 = Rational.ZERO;
const show = (x: Rational): string => x.toString();

export interface PrecursorFigures {
  good?: string;
  name: string;
  quantityT: Rational;
  seeDirect?: Rational;
  seeIndirect?: Rational;
  directT?: Rational;
  indirectT?: Rational;
  origin: 'made_here' | 'communicated';
  source: string;
}

export interface GoodFigures {
  good: Good;
  /** Category as reports write it ("iron and steel"). */
  category: string;
  directEmissionsT: Rational;
  heatImportedT: Rational;
  heatExportedT: Rational;
  attributedDirectT: Rational;
  attributedIndirectT: Rational;
  precursors: PrecursorFigures[];
  seeDirect?: Rational;
  seeIndirect?: Rational;
  seeTotal?: Rational;
  chargeableSee?: Rational;
  embeddedT?: Rational;
  /** Tonnes of embedded_t resting on communicated values (through made-here precursors too). */
  communicatedT?: Rational;
  communicatedShare?: Rational;
  /** How each figure was made (--explain). */
  trace: string[];
}

export function computeGoods(goods: readonly Good[], a: AccountResult): { goods: GoodFigures[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const done = new Map<string, GoodFigures>();
  const k = a.flowFactors;
  const ft = a.flowFactorText;
  for (const g of goods) {
    const fig = a.byEntity.get(g.process);
    const flows = a.entityFlows.get(g.process);
    const lines: string[] = [];
    const where = `goods ${g.id} process`;
    const where_zh = `货物 ${g.id} 的生产过程`;
    // direct: fuel burnt and process CO2 of the process's own rows
    const fuelT = fig?.co2.get('fuel') ?? R0;
    const processT = fig?.co2.get('process') ?? R0;
    const dirEm = fuelT.add(processT);
    lines.push(
      `DirEm = fuel rows used as fuel ${show(fuelT)} + process rows ${show(processT)} = ${show(dirEm)} t (process ${g.process}; transport rows are not part of a production process)`,
    );
    let heatImp = R0,
      heatExp = R0,
      ind = R0;
    if (flows) {
      const h = flows.heat,
        e = flows.elec;
      const heatAtFactor = h.purchased.sub(flows.heatRowGj);
      heatImp = flows.heatRowT.add(k.heat ? heatAtFactor.mul(k.heat) : R0);
      heatExp = k.heat ? h.export.mul(k.heat) : R0;
      const rowPart = flows.heatRowGj.isZero() ? '' : ` + rows with their own factor ${show(flows.heatRowT)} t`;
      lines.push(
        `Em_H,imp = heat/purchased ${show(heatAtFactor)} GJ × ${ft.heat ?? 'the heat factor'}${rowPart} = ${show(heatImp)} t (non-fossil heat counts 0)`,
      );
      lines.push(`Em_H,exp = heat/export ${show(h.export)} GJ × ${ft.heat ?? 'the heat factor'} = ${show(heatExp)} t`);
      if (!e.export.isZero() || !e.export_renewable.isZero()) {
        diagnostics.push(
          diag(
            'ZC-E-GOODS-UNSUPPORTED',
            {
              where,
              where_zh,
              reason: `process "${g.process}" sends electricity out (export ${show(e.export)} MWh, export_renewable ${show(e.export_renewable)} MWh); Annex III's Em_el,exp term needs the emission factor of the electricity the installation produced, which zcpark v1 does not derive: enter the plant as its own entity, or report the goods of a process that sends no power out`,
              reason_zh: `生产过程“${g.process}”向外送电（export ${show(e.export)} MWh，export_renewable ${show(e.export_renewable)} MWh）；附件三的 \`Em_el,exp\` 项需要该装置所发电力的排放因子，zcpark v1 不推算该因子：请把电厂作为单独的主体填报，或只报告不向外送电的生产过程的货物`,
            },
            g.processRef,
          ),
        );
      }
      if (!e.onsite_fossil.isZero() && !e.onsite_fossil.sub(flows.ownPowerRowMwh).isZero()) {
        diagnostics.push(
          diag(
            'ZC-E-FACTOR-MISSING',
            {
              where,
              where_zh,
              kind: 'CO2',
              category: 'electricity',
              item: 'onsite_fossil',
              kind_zh: ' CO2 ',
              hint: `; the installation's own plant has no default: give its onsite_fossil rows of "${g.process}" a factor and factor_unit (tCO2/MWh, its fuel's CO2 over its output)`,
              hint_zh: `；装置自备电厂没有默认值：请为“${g.process}”的 onsite_fossil 行填写 factor 和 factor_unit（tCO2/MWh，即其燃料的 CO2 除以发电量）`,
            },
            g.processRef,
          ),
        );
      }
      if (!e.green_certificate.isZero()) {
        diagnostics.push(diag('ZC-W-GOODS-CERTIFICATE', { where, where_zh, process: g.process, found: show(e.green_certificate) }, g.processRef));
      }
      const gridAtFactor = e.grid.sub(flows.gridRowMwh);
      const gridT = flows.gridRowT.add(k.grid ? gridAtFactor.mul(k.grid) : R0);
      ind = gridT.add(flows.ownPowerRowT);
      const gridRows = flows.gridRowMwh.isZero() ? '' : ` + grid rows with their own factor ${show(flows.gridRowT)} t`;
      lines.push(
        `AttrEm_ind = grid ${show(gridAtFactor)} MWh × ${ft.grid ?? 'the grid factor'}${gridRows} + onsite_fossil ${show(flows.ownPowerRowMwh)} MWh at its row factor ${show(flows.ownPowerRowT)} t` +
          ` + green_trade ${show(e.green_trade)} (power purchase agreement) + direct_green ${show(e.direct_green)} + onsite_renewable ${show(e.onsite_renewable)} (direct technical link) at 0 = ${show(ind)} t` +
          (e.green_certificate.isZero() ? '' : `; certificates ${show(e.green_certificate)} MWh not credited (CBAM does not recognise them)`),
      );
    } else {
      lines.push('Em_H,imp = Em_H,exp = AttrEm_ind = 0 (the process has no electricity or heat rows)');
    }
    const attrDir = dirEm.add(heatImp).sub(heatExp);
    lines.push(`AttrEm_dir = DirEm ${show(dirEm)} + Em_H,imp ${show(heatImp)} − Em_H,exp ${show(heatExp)} = ${show(attrDir)} t`);

    // precursors: made here (computed first) or bought (values as communicated)
    let sumDir: Rational | undefined = R0,
      sumInd: Rational | undefined = R0,
      communicated: Rational | undefined = R0;
    const precursors: PrecursorFigures[] = [];
    for (const p of g.precursors) {
      if (p.good) {
        const made = done.get(p.good);
        const sd = made?.seeDirect,
          si = made?.seeIndirect;
        const pf: PrecursorFigures = {
          good: p.good,
          name: made?.good.name ?? p.good,
          quantityT: p.quantity,
          origin: 'made_here',
          source: `made here (good ${p.good}, process ${made?.good.process ?? '?'})`,
        };
        if (sd && si && made) {
          pf.seeDirect = sd;
          pf.seeIndirect = si;
          pf.directT = p.quantity.mul(sd);
          pf.indirectT = p.quantity.mul(si);
          sumDir = sumDir?.add(pf.directT);
          sumInd = sumInd?.add(pf.indirectT);
          // the share of the precursor's SEE that rests on communicated values comes along with it
          communicated =
            made.communicatedT && !made.good.produced.isZero() ? communicated?.add(p.quantity.mul(made.communicatedT).div(made.good.produced)) : undefined;
          lines.push(
            `precursor ${p.good} (made here): ${show(p.quantity)} t × SEE_dir ${show(sd)} = ${show(pf.directT)} t direct; × SEE_ind ${show(si)} = ${show(pf.indirectT)} t indirect`,
          );
        } else {
          sumDir = sumInd = communicated = undefined;
          lines.push(`precursor ${p.good} (made here) has no SEE (its activity level is 0), so neither has ${g.id}`);
        }
        precursors.push(pf);
      } else {
        const sd = p.seeDirect!,
          si = p.seeIndirect!;
        const pf: PrecursorFigures = {
          name: p.name!,
          quantityT: p.quantity,
          seeDirect: sd,
          seeIndirect: si,
          directT: p.quantity.mul(sd),
          indirectT: p.quantity.mul(si),
          origin: 'communicated',
          source: p.source!,
        };
        sumDir = sumDir?.add(pf.directT!);
        sumInd = sumInd?.add(pf.indirectT!);
        communicated = communicated?.add(pf.directT!).add(pf.indirectT!);
        lines.push(
          `precursor ${p.name} (bought; ${p.source}): ${show(p.quantity)} t × SEE_dir ${show(sd)} = ${show(pf.directT!)} t direct; × SEE_ind ${show(si)} = ${show(pf.indirectT!)} t indirect (values as communicated)`,
        );
        precursors.push(pf);
      }
    }
    const out: GoodFigures = {
      good: g,
      category: CbamGoods.label(g.category),
      directEmissionsT: dirEm,
      heatImportedT: heatImp,
      heatExportedT: heatExp,
      attributedDirectT: attrDir,
      attributedIndirectT: ind,
      precursors,
      trace: lines,
    };
    const al = g.produced;
    if (al.isZero() || !sumDir || !sumInd) {
      if (al.isZero()) lines.push(`AL = 0 t: no SEE (a share of nothing)`);
    } else {
      out.seeDirect = attrDir.add(sumDir).div(al);
      out.seeIndirect = ind.add(sumInd).div(al);
      out.seeTotal = out.seeDirect.add(out.seeIndirect);
      out.embeddedT = out.seeTotal.mul(al);
      out.chargeableSee = g.directOnly ? out.seeDirect : out.seeTotal;
      lines.push(`SEE_dir = (AttrEm_dir ${show(attrDir)} + Σ M·SEE_dir ${show(sumDir)}) / AL ${show(al)} t = ${show(out.seeDirect)} tCO2e/t`);
      lines.push(`SEE_ind = (AttrEm_ind ${show(ind)} + Σ M·SEE_ind ${show(sumInd)}) / AL ${show(al)} t = ${show(out.seeIndirect)} tCO2e/t`);
      lines.push(`SEE = ${show(out.seeDirect)} + ${show(out.seeIndirect)} = ${show(out.seeTotal)} tCO2e/t; embedded = SEE × AL = ${show(out.embeddedT)} t`);
      lines.push(
        g.directOnly
          ? `chargeable SEE = SEE_dir ${show(out.seeDirect)} (${out.category} is in Annex II of Regulation (EU) 2023/956: only direct emissions count)`
          : `chargeable SEE = SEE ${show(out.seeTotal)} (${out.category}: direct and indirect emissions count)`,
      );
      if (communicated) {
        out.communicatedT = communicated;
        if (!out.embeddedT.isZero()) {
          out.communicatedShare = communicated.div(out.embeddedT);
          lines.push(
            `communicated share = ${show(communicated)} t resting on values communicated by other producers / embedded ${show(out.embeddedT)} t = ${show(out.communicatedShare)}`,
          );
        }
      }
    }
    done.set(g.id, out);
  }
  // reported in the submission's order of goods (they were computed precursors first)
  const at = (f: GoodFigures) => f.good.ref.line ?? 0;
  return { goods: [...done.values()].sort((x, y) => at(x) - at(y)), diagnostics };
}
