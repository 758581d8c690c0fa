import { describe, expect, it } from 'vitest';
import { auditCsvFilename, csvCell } from './csv';

describe('audit CSV cells', () => {
  it('quotes a cell holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
    expect(csvCell('one\r\ntwo')).toBe('"one\r\ntwo"');
  });

  it('keeps a formula-looking text cell as text, but writes numbers as numbers', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('names the export by its UTC time, safely for every file system', () => {
    expect(auditCsvFilename(Date.UTC(2024, 2, 1, 14, 5, 9, 123))).toBe('audit-2024-03-01T14-05-09Z.csv');
  });
});
