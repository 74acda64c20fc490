/** CSV files (src/report/escape.ts csvFile): the exact bytes of the cells users' values can reach. */
import { describe, expect, it } from 'vitest';
import { csvFile } from '../../src/report/escape.js';

describe('csvFile', () => {
  it('writes a BOM, CRLF after each row, and defuses formulas in text but not numbers', () => {
    const rows = [
      ['a', 'b', 'c'],
      ['=SUM(A1:A9)', '+1', '-x'],
      ['@cmd', -5, 0.25],
      [true, false, null],
      [undefined, '', '园区'],
      ['a,b', 'say "hi"', 'line\nbreak'],
      ['\tlead', '==', 'x=1'],
    ];
    // by hand: BOM; text starting with = + - @ gets a leading ' (a number -5 stays); booleans as true/false; null and
    // undefined empty; a comma or a quote quotes the cell with quotes doubled; a line break and a tab are shown as \n
    // and \t by termText (so the tab no longer leads and the cell holds no line break to quote)
    expect(csvFile(rows)).toBe(
      '\ufeffa,b,c\r\n' +
        "'=SUM(A1:A9),'+1,'-x\r\n" +
        "'@cmd,-5,0.25\r\n" +
        'true,false,\r\n' +
        ',,园区\r\n' +
        '"a,b","say ""hi""",line\\nbreak\r\n' +
        "\\tlead,'==,x=1\r\n",
    );
  });

  it('writes the strings `verbatim` names as they are, in their column only', () => {
    // column 1's "==" is an operator (kept), column 0's is user text (defused)
    expect(csvFile([['==', '==']], (t, j) => j === 1 && t === '==')).toBe("\ufeff'==,==\r\n");
  });

  it('quotes a defused cell that holds a comma', () => {
    // ' is added first, then the cell is quoted as a whole
    expect(csvFile([['=1,2']])).toBe('\ufeff"\'=1,2"\r\n');
  });
});
