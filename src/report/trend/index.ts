/** The trend renderer registry: each format module exports its name, extensions and render function. */
import type { TrendFormat } from './common.js';
import { format as csv } from './csv.js';
import { format as html } from './html.js';
import { format as json } from './json.js';
import { format as markdown } from './markdown.js';
import { format as table } from './table.js';

export type { TrendFormat, TrendRenderOptions } from './common.js';

export const TREND_FORMATS: readonly TrendFormat[] = [table, json, csv, markdown, html];

export const trendFormat = (name: string): TrendFormat | undefined => TREND_FORMATS.find((f) => f.name === name);

/** -o extension → format name. */
export const trendExtensions = (): Record<string, string> => Object.fromEntries(TREND_FORMATS.flatMap((f) => f.extensions.map((e) => [e, f.name])));
