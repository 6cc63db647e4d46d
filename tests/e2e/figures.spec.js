// The builder's "Your figures" reader (www/figures.js), by itself: wide tables in either
// orientation, comma- or tab-separated, periods as newsrooms write them, thousands separators,
// gaps, and errors by row and column while the good cells are kept. Pure JS, run in Node.
// The figures are the Flintshire and Wrexham story's (www/examples/flintshire-wrexham.html).

import { test, expect } from '@playwright/test';
import { readFigures, parsePeriod, toCsv, columnName, MAX_FIGURES } from '../../www/figures.js';

const OFFENCE = 'Sexual offences';
const triples = (data) => data.rows.map((r) => [r.area, r.period, r.count]);
const STORY = [
  ['Flintshire', '2019-03', 517], ['Wrexham', '2019-03', null],
  ['Flintshire', '2020-03', null], ['Wrexham', '2020-03', 509],
  ['Flintshire', '2021-03', 433], ['Wrexham', '2021-03', 424],
  ['Flintshire', '2022-03', 469], ['Wrexham', '2022-03', 507],
];
const byKey = (a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`);
const table = (periods) => `Period\tFlintshire\tWrexham\n${periods[0]}\t517\t\n${periods[1]}\t\t509\n${periods[2]}\t433\t424\n${periods[3]}\t469\t507\n`;

test('a tab-separated paste with periods down and a gap', () => {
  const data = readFigures(table(['2019-03', '2020-03', '2021-03', '2022-03']), OFFENCE);
  expect(data.errors).toEqual([]);
  expect(data.layout).toBe('periods-down');
  expect(triples(data)).toEqual(STORY);
  expect(data.rows.every((r) => r.offence === OFFENCE)).toBe(true);
  expect(data.rows.some((r) => r.count === 0), 'an empty cell is a gap, not a zero').toBe(false);
  expect(data.areaCells).toEqual([['Flintshire', 'Header, column B'], ['Wrexham', 'Header, column C']]);
});

test('the transpose: areas down, newsroom periods across, comma-separated', () => {
  const data = readFigures('Area,Year ending March 2019,Year ending March 2020,Year ending March 2021,Year ending March 2022\n'
    + 'Flintshire,517,,433,469\nWrexham,,509,424,507\n', OFFENCE);
  expect(data.errors).toEqual([]);
  expect(data.layout).toBe('areas-down');
  expect(triples(data).sort(byKey)).toEqual([...STORY].sort(byKey));
});

test('financial years and month names down the first column', () => {
  for (const periods of [
    ['2018/19', '2019/20', '2020/21', '2021/22'], ['2018-19', '2019-20', '2020-21', '2021-22'],
    ['2018/2019', '2019/2020', '2020/2021', '2021/2022'], ['Mar 2019', 'Mar 2020', 'Mar 2021', 'Mar 2022'],
    ['March 2019', 'March 2020', 'March 2021', 'March 2022'], ['Mar-19', 'Mar-20', 'Mar-21', 'Mar-22'],
    ['Year to March 2019', 'Year to March 2020', 'Year to March 2021', 'Year to March 2022'],
  ]) {
    const data = readFigures(table(periods), OFFENCE);
    expect(data.errors, periods[0]).toEqual([]);
    expect(triples(data), periods[0]).toEqual(STORY);
  }
});

test('every period form', () => {
  for (const text of ['2022-03', '2022-3', ' 2022-03 ', 'Mar 2022', 'mar 2022', 'MAR 2022', 'Mar. 2022', 'March 2022', 'Mar-22',
    'Year ending March 2022', 'year ending Mar 2022', 'Year to March 2022', '12 months to March 2022', '12 months ending March 2022',
    'YE Mar 2022', 'The year ending March 2022', '2021/22', '2021-22', '2021–22', '2021/2022', '2021-2022', '2021 / 22',
    'Mawrth 2022', 'Blwyddyn yn gorffen Mawrth 2022']) {
    expect(parsePeriod(text), text).toEqual({ ok: '2022-03' });
  }
  for (const [text, month] of [['Sept 2021', '2021-09'], ['September 2021', '2021-09'], ['Dec 2012', '2012-12'], ['2022-12', '2022-12'],
    ['Year ending June 2023', '2023-06'], ['May 2020', '2020-05'], ['Mai 2020', '2020-05'], ['2022-23', '2023-03']]) {
    expect(parsePeriod(text), text).toEqual({ ok: month });
  }
});

test('ambiguous and unreadable periods are reported, not guessed', () => {
  // 2011-12: December 2011, or the financial year 2011/12? Both are possible: neither is taken.
  expect(parsePeriod('2011-12')).toEqual({ error: "'2011-12' could be December 2011 or the financial year 2011/12: write Dec 2011 or 2011/12" });
  expect(parsePeriod('2010-11').error).toContain('could be November 2010');
  expect(parsePeriod('2021/23')).toEqual({ error: "'2021/23' is not a financial year: the second year must follow the first, as in 2021/22" });
  for (const text of ['2022-13', 'Spring 2022', 'Mar 22', '22 Mar', '2022', '', 'Marchy 2022', '2022-03-31', 'Ma 2022', 'Year ending 2022', '31/03/2022']) {
    expect(parsePeriod(text).error, `${text} is not a period`).toBeTruthy();
  }
});

test('thousands separators: quoted in CSV, plain in a tab-separated paste', () => {
  for (const text of ['Year,England and Wales\n2022-03,"194,683"\n', 'Year\tEngland and Wales\n2022-03\t194,683\n']) {
    const data = readFigures(text, OFFENCE);
    expect(data.errors).toEqual([]);
    expect(data.rows[0].count).toBe(194683);
  }
  // Unquoted in CSV, the comma splits the cell: the stray "683" has no area above it.
  const data = readFigures('Year,England and Wales\n2022-03,194,683\n', OFFENCE);
  expect(data.errors).toEqual(['Row 1, column C: a figure with no area above it']);
  expect(data.rows[0].count).toBe(194);
  const bad = readFigures('Year\tX\n2022-03\t12,34\n2021-03\t1.5\n', OFFENCE);
  expect(bad.errors).toEqual(["Row 1, column B (X): '12,34' is not a whole number", "Row 2, column B (X): '1.5' is not a whole number"]);
});

test('bad cells are reported by row and column, and the good cells kept', () => {
  const data = readFigures('Year\tFlintshire\tWrexham\n2019-03\t517\tn/a\nSpring 2020\t\t509\n2021-03\t433\t-4\n2022-03\t4 69\t507\n', OFFENCE);
  expect(data.errors).toEqual([
    "Row 1, column C (Wrexham): 'n/a' is not a whole number",
    "Row 2, column A (Year): 'Spring 2020' is not a period: write the month the 12 months end in, such as 2022-03, March 2022 or Year ending March 2022, or a financial year such as 2021/22",
    'Row 3, column C (Wrexham): -4 is negative',
    "Row 4, column B (Flintshire): '4 69' is not a whole number",
  ]);
  expect(triples(data)).toEqual([['Flintshire', '2019-03', 517], ['Flintshire', '2021-03', 433], ['Wrexham', '2022-03', 507]]);
});

test('a header is required, and the columns it names', () => {
  let data = readFigures('2019-03\t517\t\n2020-03\t\t509\n', OFFENCE);
  expect(data.rows).toEqual([]);
  expect(data.errors).toEqual(["Header: the first row must be a header: the areas' names above their figures (or the periods across, with the areas down the first column)"]);
  data = readFigures('Year\tFlintshire\t\n2019-03\t517\t12\n', OFFENCE);
  expect(data.errors).toEqual(['Header, column C: no area name above these figures']);
  expect(triples(data)).toEqual([['Flintshire', '2019-03', 517]]);
  data = readFigures('Year\tFlintshire\tflintshire\n2019-03\t517\t12\n', OFFENCE);
  expect(data.errors).toEqual(['Header, column C (flintshire): flintshire has a column already; the first is kept']);
  data = readFigures('Area\t2019-03\tSpring\nFlintshire\t517\t1\n', OFFENCE);
  expect(data.layout, 'not every header cell is a period, so the periods run down').toBe('periods-down');
  data = readFigures('Year,Flintshire\n2019-03,517\n', '');
  expect(data.errors).toEqual(['Header: a table of areas and periods needs the offence it counts: choose it under Offence']);
  expect(readFigures('  \n\t\n', OFFENCE).errors[0]).toMatch(/^Header: no header row/);
});

test('a period given twice is reported with its cell', () => {
  const data = readFigures('Year\tWrexham\n2021-03\t424\n2020/21\t999\n', OFFENCE);
  expect(data.errors).toEqual(['Row 2, column B (Wrexham): Wrexham, Sexual offences, 2021-03 is given twice; the first figure is kept']);
  expect(triples(data)).toEqual([['Wrexham', '2021-03', 424]]);
});

test('the long format reads too, with newsroom periods, tabs, and the offence from the control', () => {
  let data = readFigures('area\tperiod\toffence\tcount\nFlintshire\tYear ending March 2019\tSexual offences\t517\nWrexham\t2019/20\tSexual offences\t509\n', '');
  expect(data.errors).toEqual([]);
  expect(data.layout).toBe('long');
  expect(triples(data)).toEqual([['Flintshire', '2019-03', 517], ['Wrexham', '2020-03', 509]]);
  data = readFigures('area,period,count\nWrexham,2022-03,507\n', OFFENCE);
  expect(data.errors).toEqual([]);
  expect(data.rows[0].offence).toBe(OFFENCE);
  expect(readFigures('area,period,count\nWrexham,2022-03,507\n', '').errors).toEqual(['Header: missing column offence: expected area,period,offence,count']);
  data = readFigures('area,period,offence,count\nWrexham,2022-03,Sexual offences,abc\n,2022-03,Sexual offences,5\n', '');
  expect(data.errors).toEqual(["Row 1, column D (count): 'abc' is not a whole number", 'Row 2, column A (area): area is empty']);
});

test('blank lines and indentation are ignored; the source goes on every row without one', () => {
  const data = readFigures('\n    Year\tFlintshire\tWrexham\n\n    2019-03\t517\t\n\t\t\n    2020-03\t\t509\n', OFFENCE, 'Home Office police recorded crime by CSP');
  expect(data.errors).toEqual([]);
  expect(data.rows).toHaveLength(4);
  expect(data.rows.every((r) => r.source === 'Home Office police recorded crime by CSP')).toBe(true);
});

test('the normalised CSV reads back to the same rows', () => {
  const data = readFigures('Year\tFlintshire\t"Wrexham, ""county"""\n2018/19\t517\t\n2019/20\t\t509\n', 'Sexual offences, "all"', 'A, "source"');
  expect(data.errors).toEqual([]);
  expect(data.csv).toBe('area,period,offence,count,source\n'
    + 'Flintshire,2019-03,"Sexual offences, ""all""",517,"A, ""source"""\n'
    + '"Wrexham, ""county""",2019-03,"Sexual offences, ""all""",,"A, ""source"""\n'
    + 'Flintshire,2020-03,"Sexual offences, ""all""",,"A, ""source"""\n'
    + '"Wrexham, ""county""",2020-03,"Sexual offences, ""all""",509,"A, ""source"""\n');
  const back = readFigures(data.csv, '');
  expect(back.errors).toEqual([]);
  expect(back.rows).toEqual(data.rows);
  const withPopulation = data.rows.map((r) => ({ ...r, population: 155000 }));
  expect(readFigures(toCsv(withPopulation), '').rows).toEqual(withPopulation);
});

test('columns are named as a spreadsheet names them; size is bounded', () => {
  expect([0, 1, 25, 26, 27, 701, 702].map((i) => columnName(i))).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  let text = 'Year' + Array.from({ length: 100 }, (_, i) => `\tArea ${i}`).join('') + '\n';
  for (let y = 0; y < 60; y++) text += `${1950 + y}-03` + '\t1'.repeat(100) + '\n';
  const data = readFigures(text, OFFENCE);
  expect(data.rows).toHaveLength(MAX_FIGURES);
  expect(data.errors.at(-1)).toBe('Row 51: only the first 5000 figures are read');
});
