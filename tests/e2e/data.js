// Expected figures, computed in Node straight from the source CSV (data/rec-crime-pfa.csv), so
// the tests check the widget against the published numbers, not against itself.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_CSV = fileURLToPath(new URL('../../data/rec-crime-pfa.csv', import.meta.url));
// Before the data is committed to the repository, the read-only shared copy stands in.
const SHARED_CSV = '/work/shared/data/ons-rec-crime-pfa-2003-2018/rec-crime-pfa.csv';

export const CSV_PATH = existsSync(REPO_CSV) ? REPO_CSV : SHARED_CSV;

const WELSH_FORCES = ['North Wales', 'Gwent', 'South Wales', 'Dyfed-Powys'];

/** Splits one CSV line, honouring double quotes. */
function splitLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** "31-03-2018" (and the source's quirky "30-12-2017") to the period "2018-03". */
export function periodOf(date) {
  const [, month, year] = date.trim().split(/[-/]/);
  return `${year}-${month.padStart(2, '0')}`;
}

let rowsCache = null;
export function rows() {
  if (!rowsCache) {
    const lines = readFileSync(CSV_PATH, 'utf8').split(/\r?\n/).filter(Boolean);
    rowsCache = lines.slice(1).map((line) => {
      const [date, pfa, region, offence, count] = splitLine(line);
      return { period: periodOf(date), pfa, region, offence, count: Number(count) };
    });
  }
  return rowsCache;
}

/**
 * The series for an area and offence as a Map period -> count.
 * "Wales" sums the four Welsh forces. "England and Wales" is ambiguous in the source (the file
 * has no total rows): `variant: 'all'` sums every row, `'territorial'` leaves out British
 * Transport Police and the fraud bodies.
 */
export function series(area, offence, { variant = 'all' } = {}) {
  const out = new Map();
  for (const row of rows()) {
    if (row.offence !== offence) continue;
    let include;
    if (area === 'England and Wales') {
      include = variant === 'all' || (row.region !== 'British Transport Police' && !row.region.startsWith('Fraud'));
    } else if (area === 'Wales') include = WELSH_FORCES.includes(row.pfa);
    else include = row.pfa === area;
    if (include) out.set(row.period, (out.get(row.period) || 0) + row.count);
  }
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Both readings of England and Wales, for tests that accept either. */
export function englandAndWalesVariants(offence) {
  return [series('England and Wales', offence, { variant: 'all' }), series('England and Wales', offence, { variant: 'territorial' })];
}

/** All periods in the source, sorted. */
export function periods() {
  return [...new Set(rows().map((r) => r.period))].sort();
}

/** Periods from..to inclusive (YYYY-MM strings). */
export function periodsBetween(from, to) {
  return periods().filter((p) => p >= from && p <= to);
}

/** Every number written in a text, with or without thousands separators ("3,091" or "3091"). */
export function numbersIn(text) {
  const matches = String(text).match(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g) || [];
  return matches.map((m) => Number(m.replace(/,/g, '')));
}
