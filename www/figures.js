// "Your figures": what a newsroom pastes from a spreadsheet, read into the long rows the widget
// takes inline (area, period as YYYY-MM, offence, count, source), with every problem named by
// row and column. No DOM, so it is tested by itself (tests/e2e/builder-paste.spec.js).
//
// Why JS in the builder and not Rust in the widget: the same reader (wide tables, newsroom
// periods, errors by column) was first written in src/publisher.rs, so that hand-written embeds
// would get the same forgiveness; measured with `make pkg`'s build, it added 4,244 bytes to the
// gzipped wasm every reader downloads (156,129 → 160,373; 6,862 with the builder's export
// around it), over the 3 KB this project allows for a builder-only convenience. So the reader
// keeps its strict long format and the builder normalises to it; the snippet carries the
// normalised long CSV, which the widget's own parser reads back (tested).
//
// Layouts (a header row is always required), comma- or tab-separated (a tab in the first line
// that is not blank means tabs, as a spreadsheet puts a table on the clipboard):
// - long: columns area, period, offence, count (offence may be left out: the builder's
//   Offence control gives it), population and source optional;
// - wide: periods down the first column and a column per area, the header naming the areas;
// - the transpose: areas down the first column, the header giving the periods.
// The rule that tells them apart: if every non-empty header cell after the first is a period,
// the periods run across; otherwise, if the header has a "count" column, or both "area" and
// "period", the table is long; otherwise the periods run down.
//
// Periods (parsePeriod): 2022-03, 2022-3, Mar 2022, March 2022, Sept 2021, Mar-22 (as Excel
// shows a month; a two-digit year only in that form), "Year ending March 2022", "Year to March
// 2022", "12 months to/ending March 2022", "YE Mar 2022", Welsh month names and "Blwyddyn yn
// gorffen …", and financial years 2021/22, 2021-22, 2021–22, 2021/2022 (the year ending March
// 2022). YYYY-NN is a financial year when NN is the next year's last two digits and a month
// otherwise; where both readings are possible (2011-12: December 2011 or 2011/12) the cell is
// reported, never guessed.
//
// Figures: whole numbers, thousands separators allowed ("1,234": quoted in CSV, plain in a
// tab-separated paste); an empty cell is a gap (count null, never 0); anything else (n/a, "..",
// a decimal, a negative) is reported with its row and column and left out, and the good cells
// are kept. Rows are counted from the first row after the header (row 1), as the widget counts
// them; columns by letter, as a spreadsheet shows them, with their header: "Row 3, column C
// (Wrexham): 'n/a' is not a whole number".

export const MAX_FIGURES = 5000;
const MAX_NAME = 200;

const MONTHS = [
  ['january', 'ionawr'], ['february', 'chwefror'], ['march', 'mawrth'], ['april', 'ebrill'],
  ['may', 'mai'], ['june', 'mehefin'], ['july', 'gorffennaf'], ['august', 'awst'],
  ['september', 'medi'], ['october', 'hydref'], ['november', 'tachwedd'], ['december', 'rhagfyr'],
];
const MONTH_TITLES = MONTHS.map(([en]) => en[0].toUpperCase() + en.slice(1));
/** Words before the month that say the period is the 12 months ending then. */
const PREFIXES = ['year ending', 'year to', '12 months to', '12 months ending', 'twelve months to', 'ye', 'blwyddyn yn gorffen', 'blwyddyn hyd at'];

const pad = (n) => String(n).padStart(2, '0');
const clip = (text) => Array.from(text).slice(0, 40).join('');
const digits = (s) => /^[0-9]+$/.test(s);

/** A month by its English or Welsh name, or the English name's first letters (three or more). */
function monthNumber(word) {
  const w = word.replace(/\.$/, '').toLowerCase();
  const i = MONTHS.findIndex(([en, cy]) => en === w || cy === w || (w.length >= 3 && en.startsWith(w)));
  return i < 0 ? null : i + 1;
}

function yearMonth(year, month) {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 ? `${year}-${pad(month)}` : null;
}

/**
 * A period as the month its 12 months end in, `{ok: "YYYY-MM"}`, or `{error}` saying what was
 * wrong, for the newsroom to fix.
 */
export function parsePeriod(text) {
  const t = String(text).trim();
  const not = { error: `'${clip(t)}' is not a period: write the month the 12 months end in, such as 2022-03, March 2022 or Year ending March 2022, or a financial year such as 2021/22` };
  // Financial years and YYYY-MM: two numbers around '/', '-' or an en dash.
  const pair = t.match(/^([0-9]{4})\s*([/\-\u2013])\s*([0-9]{1,2}|[0-9]{4})$/);
  if (pair) {
    const [, a, sep, b] = pair;
    const year = Number(a);
    const next = Number(b);
    const follows = b.length === 2 ? next === (year + 1) % 100 : b.length === 4 && next === year + 1;
    const month = sep === '-' && b.length <= 2 ? yearMonth(year, next) : null;
    if (follows && month) {
      return { error: `'${t}' could be ${MONTH_TITLES[next - 1]} ${year} or the financial year ${year}/${pad(next)}: write ${MONTH_TITLES[next - 1].slice(0, 3)} ${year} or ${year}/${pad(next)}` };
    }
    if (follows) return yearMonth(year + 1, 3) ? { ok: yearMonth(year + 1, 3) } : not;
    if (month) return { ok: month };
    if (b.length === 4 || sep !== '-') {
      return { error: `'${t}' is not a financial year: the second year must follow the first, as in ${year}/${pad((year + 1) % 100)}` };
    }
    return not;
  }
  // Month names, after any "Year ending" words: "Mar 2022", "Year to March 2022", "Mar-22".
  let rest = t.toLowerCase().replace(/\s+/g, ' ');
  if (rest.startsWith('the ')) rest = rest.slice(4);
  for (const p of PREFIXES) {
    if (rest.startsWith(p + ' ')) {
      rest = rest.slice(p.length + 1);
      break;
    }
  }
  const named = rest.match(/^([a-z.]+)( |-)([0-9]+)$/);
  if (!named) return not;
  const [, word, sep, y] = named;
  const month = monthNumber(word);
  let year = null;
  if (y.length === 4) year = Number(y);
  // Excel shows a month as "Mar-22": a two-digit year only in that form.
  else if (y.length === 2 && sep === '-') year = 2000 + Number(y);
  const ok = month && year ? yearMonth(year, month) : null;
  return ok ? { ok } : not;
}

/** A whole number, allowing thousands separators ("194,683"); null if it is not one. */
export function parseWhole(text) {
  const t = String(text).trim();
  const m = t.match(/^([-\u2212]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)$/);
  if (!m) return null;
  const plain = m[2].replace(/,/g, '');
  if (plain.length > 15) return null;
  const value = Number(plain);
  return m[1] ? -value : value;
}

/** A tab if the first line that is not blank has one (a paste from a spreadsheet), else a comma. */
export function delimiter(text) {
  const first = text.split('\n').find((line) => line.trim() !== '') || '';
  return first.includes('\t') ? '\t' : ',';
}

/** Splits delimited text into records, quotes as in RFC 4180 (a stray quote is read as text). */
export function parseRecords(text, sep) {
  const records = [];
  let record = [];
  let field = '';
  let inQuotes = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else field += c;
      continue;
    }
    if (c === '"' && (atStart || field.trim() === '')) {
      field = '';
      inQuotes = true;
      atStart = false;
    } else if (c === sep) {
      record.push(field);
      field = '';
      atStart = true;
    } else if (c === '\r') {
      // CRLF: the \n ends the record.
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atStart = true;
      if (records.length > MAX_FIGURES + 1) return records;
    } else {
      field += c;
      atStart = false;
    }
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A column as a spreadsheet names it ("A", "B", …, "AA"), with its header if it has one. */
export function columnName(index, header = '') {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  const h = String(header).trim();
  return h ? `${letters} (${clip(h)})` : letters;
}

const sameName = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A problem, worded as the widget words its own: "Row 3, column C (Wrexham): …". */
function problem(row, column, reason) {
  const where = row === 0 ? 'Header' : `Row ${row}`;
  return column ? `${where}, column ${column}: ${reason}` : `${where}: ${reason}`;
}

/**
 * Reads pasted text. `offence` is what a wide table's figures count (and a long one's without
 * an offence column); `source` is given to rows without one. Returns `{layout, rows, errors,
 * areaCells, csv}`: "long", "periods-down" or "areas-down"; the rows as `{area, period,
 * offence, count, population, source}` (count null for a gap); the problems, worded; each
 * area with where its name is ("Header, column B"), for checking names; and the rows as the
 * long CSV the snippet carries.
 */
export function readFigures(text, offence = '', source = '') {
  const out = { layout: 'long', rows: [], errors: [], areaCells: [], csv: '' };
  const clean = String(text).replace(/^\uFEFF/, '');
  // Inline scripts are indented, and spreadsheets paste empty rows as tabs: blank lines go.
  const records = parseRecords(clean, delimiter(clean)).filter((r) => !r.every((f) => f.trim() === ''));
  offence = String(offence).trim();
  source = String(source).trim();
  if (records.length === 0) {
    out.errors.push(problem(0, '', 'no header row: expected area,period,offence,count, or a table with the periods down the first column and a column for each area'));
    return finish(out, source);
  }
  const [header, ...rows] = records;
  const cells = header.slice(1);
  const across = cells.some((h) => h.trim() !== '') && cells.every((h) => h.trim() === '' || parsePeriod(h).ok);
  const names = header.map((h) => h.trim().toLowerCase());
  const has = (name) => names.includes(name);
  if (!across && (has('count') || (has('area') && has('period')))) long(out, names, rows, offence);
  else {
    out.layout = across ? 'areas-down' : 'periods-down';
    wide(out, header, rows, offence);
  }
  return finish(out, source);
}

function finish(out, source) {
  if (source) for (const r of out.rows) r.source ??= source;
  out.csv = toCsv(out.rows);
  return out;
}

/** Keeps `row` unless its area, offence and period are already given. */
function push(out, rowNumber, column, row) {
  if (out.rows.some((r) => r.period === row.period && sameName(r.area, row.area) && sameName(r.offence, row.offence))) {
    out.errors.push(problem(rowNumber, column, `${row.area}, ${row.offence}, ${row.period} is given twice; the first figure is kept`));
  } else out.rows.push(row);
}

function long(out, names, rows, offence) {
  const col = (name) => names.indexOf(name);
  const missing = ['area', 'period', 'offence', 'count'].filter((n) => col(n) < 0 && (n !== 'offence' || !offence));
  if (missing.length) {
    out.errors.push(problem(0, '', `missing column ${missing.join(', ')}: expected area,period,offence,count`));
    return;
  }
  const columnOf = (name) => columnName(col(name), name);
  rows.forEach((fields, i) => {
    const row = i + 1;
    if (row > MAX_FIGURES) {
      if (row === MAX_FIGURES + 1) out.errors.push(problem(row, '', `only the first ${MAX_FIGURES} rows are read`));
      return;
    }
    const field = (name) => (col(name) < 0 ? '' : (fields[col(name)] ?? '').trim());
    const bad = (name, reason) => out.errors.push(problem(row, columnOf(name), reason));
    const area = field('area');
    const rowOffence = col('offence') < 0 ? offence : field('offence');
    for (const [name, value] of [['area', area], ['offence', rowOffence]]) {
      if (value === '') return bad(name, `${name} is empty`);
      if (value.length > MAX_NAME) return bad(name, `${name} is longer than ${MAX_NAME} characters`);
    }
    const period = parsePeriod(field('period'));
    if (period.error) return bad('period', period.error);
    let count = null;
    if (field('count') !== '') {
      count = parseWhole(field('count'));
      if (count === null) return bad('count', `'${clip(field('count'))}' is not a whole number`);
      if (count < 0) return bad('count', `${count} is negative`);
    }
    let population = null;
    if (field('population') !== '') {
      population = parseWhole(field('population'));
      if (!(population > 0)) return bad('population', `'${clip(field('population'))}' is not a positive whole number`);
    }
    const rowSource = field('source');
    if (rowSource.length > MAX_NAME) return bad('source', `source is longer than ${MAX_NAME} characters`);
    push(out, row, '', { area, period: period.ok, offence: rowOffence, count, population, source: rowSource || null });
  });
}

function wide(out, header, rows, offence) {
  const down = out.layout === 'periods-down';
  const corner = (header[0] || '').trim();
  const cells = header.slice(1);
  // Without a header, the first row would be read as area names: a period in the corner, or
  // figures across, are the sign of it.
  if (down && (parsePeriod(corner).ok || (cells.some((h) => h.trim() !== '') && cells.every((h) => h.trim() === '' || parseWhole(h) !== null)))) {
    out.errors.push(problem(0, '', "the first row must be a header: the areas' names above their figures (or the periods across, with the areas down the first column)"));
    return;
  }
  if (!offence) {
    out.errors.push(problem(0, '', 'a table of areas and periods needs the offence it counts: choose it under Offence'));
    return;
  }
  // The header: an area (periods down) or a period (areas down) per column, or null to skip.
  const heads = cells.map((h, j) => {
    const column = columnName(j + 1, h);
    const text = h.trim();
    if (text === '') {
      if (rows.some((r) => (r[j + 1] ?? '').trim() !== '')) {
        out.errors.push(problem(0, column, down ? 'no area name above these figures' : 'no period above these figures'));
      }
      return null;
    }
    if (!down) {
      const p = parsePeriod(text);
      if (p.error) out.errors.push(problem(0, column, p.error));
      return p.ok ? { period: p.ok } : null;
    }
    if (text.length > MAX_NAME) {
      out.errors.push(problem(0, column, `the area's name is longer than ${MAX_NAME} characters`));
      return null;
    }
    if (out.areaCells.some(([a]) => sameName(a, text))) {
      out.errors.push(problem(0, column, `${text} has a column already; the first is kept`));
      return null;
    }
    out.areaCells.push([text, `Header, column ${columnName(j + 1)}`]);
    return { area: text };
  });
  let read = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = i + 1;
    const fields = rows[i];
    const first = (fields[0] ?? '').trim();
    const firstColumn = columnName(0, corner);
    let rowPeriod = null;
    let rowArea = null;
    if (down) {
      const p = parsePeriod(first);
      if (p.error) { out.errors.push(problem(row, firstColumn, p.error)); continue; }
      rowPeriod = p.ok;
    } else if (first === '') {
      out.errors.push(problem(row, firstColumn, 'no area name before these figures'));
      continue;
    } else if (first.length > MAX_NAME) {
      out.errors.push(problem(row, firstColumn, `the area's name is longer than ${MAX_NAME} characters`));
      continue;
    } else {
      rowArea = first;
      if (!out.areaCells.some(([a]) => sameName(a, first))) out.areaCells.push([first, `Row ${row}, column A`]);
    }
    // Every cell under a header, and any past its end: an empty or absent cell is a gap.
    for (let j = 1; j < Math.max(fields.length, heads.length + 1); j++) {
      const text = (fields[j] ?? '').trim();
      const column = columnName(j, header[j] ?? '');
      const head = heads[j - 1];
      if (head === undefined) {
        if (text !== '') out.errors.push(problem(row, column, down ? 'a figure with no area above it' : 'a figure with no period above it'));
        continue;
      }
      if (head === null) continue; // a column reported in the header
      read += 1;
      if (read > MAX_FIGURES) {
        out.errors.push(problem(row, '', `only the first ${MAX_FIGURES} figures are read`));
        return;
      }
      let count = null;
      if (text !== '') {
        count = parseWhole(text);
        if (count === null) { out.errors.push(problem(row, column, `'${clip(text)}' is not a whole number`)); continue; }
        if (count < 0) { out.errors.push(problem(row, column, `${count} is negative`)); continue; }
      }
      const area = down ? head.area : rowArea;
      const period = down ? rowPeriod : head.period;
      push(out, row, column, { area, period, offence, count, population: null, source: null });
    }
  }
}

/** A CSV field, quoted when it must be (or when spaces at its ends would otherwise be lost). */
function csvField(text) {
  const t = String(text ?? '');
  return /[",\n\r\t]/.test(t) || t.trim() !== t ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * Rows as the long CSV the widget reads (area,period,offence,count[,population],source):
 * periods as YYYY-MM, gaps as empty counts.
 */
export function toCsv(rows) {
  const withPopulation = rows.some((r) => r.population !== null && r.population !== undefined);
  const head = withPopulation ? 'area,period,offence,count,population,source' : 'area,period,offence,count,source';
  const lines = rows.map((r) => [csvField(r.area), r.period, csvField(r.offence), r.count ?? '',
    ...(withPopulation ? [r.population ?? ''] : []), csvField(r.source ?? '')].join(','));
  return rows.length ? [head, ...lines].join('\n') + '\n' : '';
}
