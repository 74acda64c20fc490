/** zcpark-trend/1 as JSON (schemas/trend.schema.json): the trend object itself, two-space indented. */
import type { Trend } from './types.js';
import { jsonText } from '../escape.js';
import type { TrendFormat } from './common.js';

export const name = 'json';
export const extensions = ['.json'] as const;
export const render = (trend: Trend): string => `${jsonText(JSON.stringify(trend, null, 2))}\n`;
export const format: TrendFormat = { name, extensions, render };
