/** The JSON report contract (schemas/report.schema.json): what every renderer reads. */
import type { Trace } from '../account/trace.js';

export interface ReportWarning {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

export interface ReportIndicator {
  id: string;
  name: string;
  name_zh: string;
  value: number | boolean | null;
  unit: string | null;
  /** basis: the pack's own value, the submission's target, or the pack's reference used because no target was given. */
  threshold: { op: string; value: number | boolean; basis: 'pack' | 'target' | 'reference'; label?: string } | null;
  status: 'pass' | 'fail' | 'missing' | 'not_applicable';
  core: boolean;
  weight: number;
  points: number;
  reason?: string;
  missing?: string[];
  source?: string;
}

export interface EntityReport {
  energy_tce: number;
  clean_tce: number;
  feedstock_tce: number;
  fuel_t: number;
  transport_t: number;
  electricity_t: number;
  heat_t: number;
  process_t: number;
  waste_t: number;
  gross_t: number;
  sinks_t: number;
  offsets_t: number;
  net_t: number;
}

export interface ReportGood {
  id: string;
  name: string;
  cn_code: string;
  category: string;
  produced_t: number;
  attributed_direct_t: number;
  attributed_indirect_t: number;
  precursors: {
    good: string | null;
    name: string;
    quantity_t: number;
    see_direct: number | null;
    see_indirect: number | null;
    direct_t: number | null;
    indirect_t: number | null;
    origin: 'made_here' | 'communicated';
    source: string;
  }[];
  see_direct: number | null;
  see_indirect: number | null;
  see_total: number | null;
  chargeable_see: number | null;
  embedded_t: number | null;
  communicated_share: number | null;
}

export interface FactorUsed {
  id: string;
  kind: 'co2' | 'energy';
  category: string;
  item: string;
  series?: string;
  region?: string;
  year?: number;
  value: number;
  unit: string;
  source: string;
  confidence?: string;
  origin: string;
  derivation?: string;
}

export interface Report {
  format: 'zcpark-report/1';
  tool: { name: 'zcpark'; version: string };
  submission: {
    id: string;
    name: string;
    file: string;
    profile: string;
    profile_title: string;
    /** The pack's Chinese title, where it has one (the human formats show it under --lang zh). */
    profile_title_zh?: string;
    year: number;
    type: string;
    region: string | null;
  };
  energy: {
    total_tce: number;
    clean_tce: number;
    clean_share: number | null;
    nonfossil_tce: number;
    nonfossil_share: number | null;
    feedstock_tce: number;
    by_category: Record<string, number>;
    by_item: Record<string, number>;
    electricity: Record<string, number>;
    heat: Record<string, number>;
  };
  emissions: {
    fuel_t: number;
    electricity_t: number;
    heat_t: number;
    process_t: number;
    transport_t: number;
    waste_t: number;
    energy_t: number;
    gross_t: number;
    sinks_t: number;
    offsets_t: number;
    net_t: number;
    avoided_t: number;
    by_entity: Record<string, EntityReport>;
    by_category: Record<string, number>;
    sinks_by_item: Record<string, number>;
    offsets_by_item: Record<string, number>;
    /** Emissions avoided elsewhere, by item: a memo ledger, never netted. */
    avoided_by_item: Record<string, number>;
    /** Present when avoided emissions are reported: they are not netted. */
    avoided_note?: string;
    /** Tonnes entered in CO2e units inside each base figure (waste_t, process_t, …). */
    co2e_t: Record<string, number>;
    /** The figures (base and aggregates) that hold CO2e: they are tCO2e, not tCO2. */
    includes_co2e: string[];
  };
  indicators: ReportIndicator[];
  score: number | null;
  grade: string | null;
  verdict: 'pass' | 'fail' | 'incomplete';
  budget: {
    total_t: number | null;
    used_t: number;
    remaining_t: number | null;
    by_category: Record<string, { budget_t: number; used_t: number; remaining_t: number }>;
  } | null;
  /** GPC-style view for city inventories (packs with `sector_view: gpc`), else null. */
  sectors: {
    I_stationary_energy: { total_t: number; scope1_t: number; scope2_t: number };
    II_transportation: { total_t: number };
    III_waste: { total_t: number };
    IV_ippu: { total_t: number };
    V_afolu: { removals_t: number };
    basic_t: number;
    basic_plus_t: number;
  } | null;
  /** Present when the submission declares goods: their specific embedded emissions (EU CBAM). */
  goods?: ReportGood[];
  exemptions: Record<string, string>;
  factors_used: FactorUsed[];
  warnings: ReportWarning[];
  trace?: Trace;
}
