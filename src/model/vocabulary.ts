/** The activity vocabulary (data in src/data/vocabulary.yaml): categories, items, Chinese aliases, flags. */
import type { Category } from './types.js';

export interface ItemDef {
  id: string;
  zh: string[];
  clean: boolean;
  gas: boolean;
  green: boolean;
}

export interface CategoryDef {
  id: Category;
  zh: string[];
  dimensions: string[];
  items: Map<string, ItemDef>;
}

interface RawItem {
  zh?: string[];
  clean?: boolean;
  gas?: boolean;
  green?: boolean;
}
export interface VocabularyData {
  columns: Record<string, string[]>;
  entity_types: Record<string, string[]>;
  categories: Record<string, { zh?: string[]; dimensions: string[]; items?: Record<string, RawItem>; items_from?: string; steam?: SteamDefault }>;
  uses: Record<string, string[]>;
}

/** The default enthalpy of steam metered in tonnes, applied only when a heat row's item is a steam word. */
export interface SteamDefault {
  words: string[];
  enthalpy: { value: string; unit: string };
  source: string;
  confidence: 'C' | 'S' | 'R';
}

export const CATEGORIES: readonly Category[] = ['fuel', 'transport', 'electricity', 'heat', 'process', 'waste', 'sink', 'offset', 'avoided', 'water'];

const withZh = (id: string, zh: readonly string[] | undefined): string => (zh?.[0] ? `${id}（${zh[0]}）` : id);

/** Resolves category and item words (English ids or Chinese aliases) to canonical ids. */
export class Vocabulary {
  readonly categories = new Map<Category, CategoryDef>();
  private readonly categoryAlias = new Map<string, Category>();
  private readonly itemAlias = new Map<Category, Map<string, string>>();
  /** CSV header spelling → canonical column name (entity, category, item, quantity, unit, …). */
  readonly columnAliases = new Map<string, string>();
  /** Entity type word (English or Chinese) → park | city | county | district. */
  readonly entityTypes = new Map<string, string>();
  /** `use` word (English or Chinese) → fuel | feedstock. */
  readonly uses = new Map<string, 'fuel' | 'feedstock'>();
  /** Steam in tonnes: the words that name it and their default enthalpy (heat rows only). */
  readonly steam: SteamDefault | undefined;

  constructor(data: VocabularyData) {
    for (const [type, aliases] of Object.entries(data.entity_types)) {
      for (const a of [type, ...aliases]) this.entityTypes.set(a, type);
    }
    this.steam = data.categories.heat?.steam;
    for (const [use, aliases] of Object.entries(data.uses)) {
      if (use !== 'fuel' && use !== 'feedstock') throw new Error(`vocabulary.yaml: unknown use ${use}`);
      for (const a of [use, ...aliases]) this.uses.set(a, use);
    }
    for (const [column, aliases] of Object.entries(data.columns)) {
      for (const a of [column, ...aliases]) this.columnAliases.set(a, column);
    }
    for (const [id, raw] of Object.entries(data.categories)) {
      if (!CATEGORIES.includes(id as Category)) throw new Error(`vocabulary.yaml: unknown category ${id}`);
      const source = raw.items_from ? data.categories[raw.items_from]?.items : raw.items;
      const items = new Map<string, ItemDef>();
      const aliases = new Map<string, string>();
      for (const [itemId, it] of Object.entries(source ?? {})) {
        items.set(itemId, { id: itemId, zh: it.zh ?? [], clean: !!it.clean, gas: !!it.gas, green: !!it.green });
        for (const a of [itemId, ...(it.zh ?? [])]) aliases.set(a, itemId);
      }
      const cat = id as Category;
      this.categories.set(cat, { id: cat, zh: raw.zh ?? [], dimensions: raw.dimensions, items });
      this.itemAlias.set(cat, aliases);
      for (const a of [id, ...(raw.zh ?? [])]) this.categoryAlias.set(a, cat);
    }
  }

  /** Canonical category for an id or alias (trimmed, case-insensitive for ASCII). */
  category(word: string): Category | undefined {
    const w = word.normalize('NFKC').trim();
    return this.categoryAlias.get(w) ?? this.categoryAlias.get(w.toLowerCase());
  }

  /** Canonical item id within a category, or undefined. */
  item(category: Category, word: string): string | undefined {
    const w = word.normalize('NFKC').trim();
    const m = this.itemAlias.get(category);
    return m?.get(w) ?? m?.get(w.toLowerCase());
  }

  /** All spellings of a category's items (for suggestions). */
  itemSpellings(category: Category): string[] {
    return [...(this.itemAlias.get(category)?.keys() ?? [])];
  }

  categorySpellings(): string[] {
    return [...this.categoryAlias.keys()];
  }

  /** fuel | feedstock for a `use` word, or undefined. */
  use(word: string): 'fuel' | 'feedstock' | undefined {
    const w = word.normalize('NFKC').trim();
    return this.uses.get(w) ?? this.uses.get(w.toLowerCase());
  }

  /**
   * Entity type words as a Chinese message lists them (park（园区、产业园区）、…), when `values` are all entity type
   * words; undefined otherwise.
   */
  entityTypesZh(values: readonly string[]): string | undefined {
    if (values.length === 0 || !values.every((v) => this.entityTypes.has(v))) return undefined;
    const types = [...new Set(values.map((v) => this.entityTypes.get(v)!))];
    return types.map((t) => `${t}（${values.filter((v) => v !== t && this.entityTypes.get(v) === t).join('、')}）`).join('、');
  }

  /** A category id with its first Chinese alias, for Chinese messages: fuel（化石能源）. */
  categoryZh(category: Category): string {
    return withZh(category, this.categories.get(category)?.zh);
  }

  /** The categories as a Chinese message lists them: each id with its Chinese alias. */
  categoriesZh(): string {
    return [...this.categories.keys()].map((c) => this.categoryZh(c)).join('、');
  }

  /** A category's items as a Chinese message lists them: diesel（柴油）、… */
  itemsZh(category: Category): string {
    return [...(this.categories.get(category)?.items.values() ?? [])].map((it) => withZh(it.id, it.zh)).join('、');
  }

  itemDef(category: Category, item: string): ItemDef | undefined {
    return this.categories.get(category)?.items.get(item);
  }
}
