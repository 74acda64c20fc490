/** Loads the bundled data once for in-process tests (the same files the CLI reads). */
import { loadData, type LoadedData } from '../../src/data/load.js';

export const testData = (): LoadedData => loadData('0.0.0-test');
