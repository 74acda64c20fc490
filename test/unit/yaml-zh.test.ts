/**
 * The Chinese of the YAML parser's errors (src/parse/yaml.ts, yamlReasonZh) for the mistakes users make, from the
 * messages the installed `yaml` really gives (its wording changes between versions: "Flow map" was "Flow mapping").
 */
import { describe, expect, it } from 'vitest';
import { localize } from '../../src/diagnostics/codes.js';
import { parseYaml } from '../../src/parse/yaml.js';

const zh = (text: string) => parseYaml('park.yaml', text).diagnostics.map((d) => localize(d, 'zh'));

describe('YAML syntax errors in Chinese', () => {
  it('says a brace or bracket is not closed (not that the indentation is wrong)', () => {
    for (const open of ['entity: { id: P1, name: P\n', 'activity_files: [a.csv\n'])
      expect(zh(`format: zcpark/1\n${open}year: 2024\n`).join('\n')).toContain('方括号或花括号未闭合');
  });
  it('says a quote is not closed', () => {
    expect(zh('format: zcpark/1\nentity: { id: "P1, name: P }\nyear: 2024\n').join('\n')).toMatch(/引号/);
  });
});
