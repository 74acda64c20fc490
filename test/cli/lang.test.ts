/** --lang zh (issue #6): labels, indicator names, status words and messages in Chinese; codes unchanged. */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';
import { golden, unversioned } from '../helpers/golden.js';

const DEMO = 'fixtures/demo/park.yaml';

describe('--lang zh', () => {
  it('matches the Chinese golden Markdown and HTML of the demo park', () => {
    expect(unversioned(runCli(['evaluate', DEMO, '-f', 'markdown', '--lang', 'zh']).stdout)).toBe(golden('demo.zh.md'));
    expect(unversioned(runCli(['evaluate', DEMO, '-f', 'html', '--lang', 'zh']).stdout)).toBe(golden('demo.zh.html'));
  });

  it('writes Chinese labels, names and status words in the table', () => {
    const out = runCli(['evaluate', DEMO, '-f', 'table', '--lang', 'zh']).stdout;
    expect(out).toContain('结论 未通过   得分 96.6/100   等级 A');
    expect(out).toContain('★ 单位能耗碳排放');
    expect(out).toContain('未达标');
  });

  it('puts Chinese indicator names and warning messages in the JSON report, codes unchanged', () => {
    const r = JSON.parse(runCli(['evaluate', 'fixtures/valid/hand-checked/park.yaml', '-f', 'json', '--lang', 'zh']).stdout) as Report;
    expect(r.indicators[0]!.name).toBe('单位能耗碳排放');
    const band = r.warnings.find((w) => w.code === 'ZC-W-BAND-BELOW-MIN')!;
    expect(band.message).toBe('carbon_per_energy：附件3未规定年综合能耗 20万吨标准煤以下园区的档位；按 20万–100万吨标准煤档的 0.2 tCO2/tce 执行');
    expect(r.warnings.find((w) => w.code === 'ZC-W-EXPORT-SOURCE')!.message).toBe(
      '非可再生上网电量（30 MWh）超过自备电厂发电量（0 MWh），而园区内有 100 MWh 可再生发电：若部分上网电量为可再生电力，请填为 export_renewable',
    );
  });

  it('localises diagnostics in every validate format, with the same codes and positions', () => {
    const pretty = runCli(['validate', 'fixtures/invalid/several-mistakes', '--lang', 'zh']).stdout;
    expect(pretty).toContain(
      'fixtures/invalid/several-mistakes/park.yaml:13:29  错误  activity[0].item：未知的fuel（化石能源）品种“diesle”（您是否想写“diesel”？）',
    );
    const gh = runCli(['validate', 'fixtures/invalid/several-mistakes', '-f', 'github', '--lang', 'zh']).stdout;
    expect(gh).toContain(
      '::error file=fixtures/invalid/several-mistakes/rows.csv,line=2,title=ZC-E-NUMBER-NEGATIVE::第 2 行，quantity 列：数量 -3 为负数；数量必须 ≥ 0（流出的量请用 export/offset 品种填报）',
    );
  });

  it('counts in Chinese too: the closing lines of validate (every text format), evaluate and trend', () => {
    // fixtures/batch: 4 files, the broken park and the roster with a bad row 7 invalid, 3 warnings in all
    expect(runCli(['validate', 'fixtures/batch', '--lang', 'zh']).stdout.split('\n').at(-2)).toBe('已检查 4 个文件：2 个无效；2 个错误，3 条提示');
    expect(runCli(['validate', 'fixtures/batch', '--lang', 'zh', '-f', 'github']).stdout.split('\n').at(-2)).toBe(
      '已检查 4 个文件：2 个无效，2 个错误，3 条提示',
    );
    const over = runCli(['validate', 'fixtures/valid/hand-checked/park.yaml', '--lang', 'zh', '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/\n3 条提示，超过 --max-warnings 0 允许的数量：检查不通过\n$/);
    const ev = runCli(['evaluate', 'fixtures/batch/parks/c-broken/park.yaml', '--lang', 'zh']);
    expect(ev.stderr.split('\n').at(-2)).toBe('1 个错误，0 条提示，1 份申报无效');
    const tr = runCli(['trend', 'fixtures/batch/parks/c-broken/park.yaml', 'fixtures/trend/city/city-2020.yaml', '--lang', 'zh']);
    expect(tr.stderr.split('\n').at(-2)).toBe('1 个错误，0 条提示；未生成趋势');
  });

  it('follows LANG when --lang is not given', () => {
    const out = runCli(['evaluate', DEMO, '-f', 'table'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout;
    expect(out).toContain('结论 未通过');
    expect(runCli(['evaluate', DEMO, '-f', 'table'], { env: { LANG: 'zh_CN.UTF-8' } }).code).toBe(0);
    expect(runCli(['evaluate', DEMO, '-f', 'table', '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toContain('Verdict FAIL');
  });

  it('writes the batch summary in Chinese too', () => {
    const md = runCli(['batch', 'fixtures/batch', '-f', 'markdown', '--lang', 'zh']).stdout;
    expect(md).toContain('# zcpark 批量评价：9 份申报');
    expect(md).toContain('| 1 | NM-A-GREEN | 绿源零碳园区 Lüyuan green park | 100 | A | 达标 | fixtures/batch/parks/a-green/park.yaml |');
    expect(md).toContain('## 无效输入');
  });
});
