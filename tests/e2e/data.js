// Expected figures, computed in Node straight from the source tables, so the tests check the
// widget against the published numbers, not against itself: the rolling file
// (data/rec-crime-pfa.csv) before the year ending March 2013, and from then on sums of four
// quarters of the Home Office quarterly table (data/prc-pfa-mar2013-onwards-191023.csv.gz),
// by offence group, subgroup or code.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const QUARTERLY_GZ = fileURLToPath(new URL('../../data/prc-pfa-mar2013-onwards-191023.csv.gz', import.meta.url));
/** The first rolling year taken from the quarterly table. */
export const JOIN = '2013-03';

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

let quarterlyCache = null;
/** The quarterly table's rows: { quarter: "2013-06", force, group, subgroup, code, count }. */
export function quarterlyRows() {
  if (!quarterlyCache) {
    const text = gunzipSync(readFileSync(QUARTERLY_GZ)).toString('utf8');
    const lines = text.split(/\r?\n/).filter(Boolean);
    quarterlyCache = lines.slice(1).map((line) => {
      const [fy, q, force, , group, subgroup, code, count] = splitLine(line);
      const start = Number(fy.slice(0, 4));
      const quarter = { 1: `${start}-06`, 2: `${start}-09`, 3: `${start}-12`, 4: `${start + 1}-03` }[q];
      return { quarter, force: FORCE_NAMES[force] || force, group, subgroup, code, count: Number(count) };
    });
  }
  return quarterlyCache;
}

/** The quarterly table's spellings, in the rolling file's. */
const FORCE_NAMES = { 'Devon & Cornwall': 'Devon and Cornwall', 'London, City of': 'City of London' };
const NOT_TERRITORIAL = new Set(['British Transport Police', 'Action Fraud', 'CIFAS', 'UK Finance']);

function includes(area, force, variant) {
  if (area === 'England and Wales') return variant === 'all' || !NOT_TERRITORIAL.has(force);
  if (area === 'Wales') return WELSH_FORCES.includes(force);
  return force === area;
}

/** "2013-06" plus or minus months. */
function addMonths(period, months) {
  const [y, m] = period.split('-').map(Number);
  const n = y * 12 + (m - 1) + months;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/**
 * The series for an area and offence as a Map period -> count.
 * "Wales" sums the four Welsh forces. "England and Wales" is ambiguous in the rolling file (it
 * has no total rows): `variant: 'all'` sums every row, `'territorial'` leaves out British
 * Transport Police and the fraud bodies. From the join, `offence` is an offence group or
 * subgroup as the quarterly table names it, or a code.
 */
export function series(area, offence, { variant = 'all' } = {}) {
  const out = new Map();
  for (const row of rows()) {
    if (row.offence !== offence || row.period >= JOIN) continue;
    let include;
    if (area === 'England and Wales') {
      include = variant === 'all' || (row.region !== 'British Transport Police' && !row.region.startsWith('Fraud'));
    } else if (area === 'Wales') include = WELSH_FORCES.includes(row.pfa);
    else include = row.pfa === area;
    if (include) out.set(row.period, (out.get(row.period) || 0) + row.count);
  }
  const quarters = new Map();
  for (const r of quarterlyRows()) {
    if (r.group !== offence && r.subgroup !== offence && r.code !== offence) continue;
    if (!includes(area, r.force, variant)) continue;
    quarters.set(r.quarter, (quarters.get(r.quarter) || 0) + r.count);
  }
  for (const end of [...quarters.keys()].sort()) {
    const four = [0, 3, 6, 9].map((k) => quarters.get(addMonths(end, -k)));
    if (four.every((v) => v !== undefined)) out.set(end, four.reduce((a, b) => a + b, 0));
  }
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Both readings of England and Wales, for tests that accept either. */
export function englandAndWalesVariants(offence) {
  return [series('England and Wales', offence, { variant: 'all' }), series('England and Wales', offence, { variant: 'territorial' })];
}

/** All periods of the dataset, sorted: the rolling file's before the join, then the quarterly table's. */
export function periods() {
  const before = rows().map((r) => r.period).filter((p) => p < JOIN);
  const after = [...series('England and Wales', 'Sexual offences').keys()].filter((p) => p >= JOIN);
  return [...new Set([...before, ...after])].sort();
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
