import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/diagnostics/excerpt.js';

describe('excerpt', () => {
  it('keeps a short text, escapes line breaks and control characters', () => {
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('a\nb\r\tc\u001b[31m\u202e')).toBe('a\\nb\\r\\tc\\u001b[31m\\u202e');
  });
  it('cuts at 40 characters, "…" included, escapes counted', () => {
    expect(excerpt('x'.repeat(40))).toBe('x'.repeat(40));
    expect(excerpt('x'.repeat(41))).toBe(`${'x'.repeat(39)}…`);
    expect(excerpt('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\nFINALSECRETLINE3=')).toBe('-----BEGIN OPENSSH PRIVATE KEY-----\\nb3…');
    expect(excerpt('\u001b'.repeat(100))).toBe(`${'\\u001b'.repeat(6)}…`);
    expect([...excerpt('长'.repeat(100), 10)].length).toBe(10);
  });
  it('reads no further than it needs on a huge text', () => {
    expect(excerpt('y'.repeat(10_000_000))).toBe(`${'y'.repeat(39)}…`);
  });
});
