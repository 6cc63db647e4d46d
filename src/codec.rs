//! The compact binary dataset format (`data/crime-compare.bin`).
//!
//! Layout: an 14-byte header, then a payload of tagged sections.
//!
//! ```text
//! header  : magic "CCDS" | version u16 LE | payload length u32 LE | CRC-32 (IEEE) of payload u32 LE
//! section : tag u8 | body length varint | body
//! ```
//!
//! Sections, in order: meta (source note, population years), areas, offences, periods,
//! population, presence (which cells have figures, as runs), values (per source offence, its
//! byte length and its range-coded stream, so one offence decodes without the others), geometry
//! (the force area boundaries: none, inline, or the length and CRC-32 of a file of their own,
//! `g-<crc>.ccd`, fetched only by a map; see [`encode_geometry`]).
//!
//! Only base figures are stored (see `model`); aggregates are re-derived on decode.
//!
//! The values are the bulk, so they get a real model rather than leaning on gzip: each figure is
//! predicted and only the residual is written. The series are rolling 12-month totals, so the
//! base prediction (the best cheap one found among plain delta, second difference, per-force
//! trend and national ratio, measured on the real file) is last period's figure scaled by how
//! much the forces *already decoded for this period* moved (sum now / sum then). Forces are
//! visited in code order, which puts the Metropolitan Police, the largest, first; it falls back
//! to its own trend. A fixed linear correction from the series' residuals of the last 8 quarters
//! is added (`LAG_WEIGHTS`). The residual goes through an adaptive binary range coder: its bit
//! length in unary, with probabilities per context of how large the series' recent residuals
//! were, then the top mantissa bit and the sign modelled, the rest as plain bits. The output is
//! entropy-coded, so gzip does not shrink it further.
//!
//! Measured on the bundled file (46,469 figures): version 1 (per-series Rice codes) took 8.89
//! bits per figure; version 2 (one stream) 8.28; version 3 (a stream per offence, each starting
//! from typical probabilities, see `fresh_probs`) 8.36. A per-cell floor from Poisson noise alone is about
//! 6.2, and what is left above it (cross-offence and cross-force residual correlation, other
//! q-space models, coding first figures from other forces) tested at under 0.2% each.
//!
//! Decoding never trusts a count: every length is checked against the bytes left, and the total
//! number of cells is capped, so hostile input cannot make it allocate much or panic.

use crate::geo::topology::{ring_from_arcs, ArcRef, RingArcs, Topology};
use crate::geo::{Geometry, Polygon, Shape};
use crate::model::{Area, AreaKind, BaseData, BreakReason, DecodeError, Offence, StoredBreak, MAX_ABS_COUNT, MAX_POPULATION};
use crate::period::YearMonth;

pub const MAGIC: &[u8; 4] = b"CCDS";
/// 5: a geometry section (the force area boundaries, inline or in a file of their own).
pub const VERSION: u16 = 5;
const HEADER_LEN: usize = 14;
/// Upper bound on areas x offences x periods, far above any real dataset (about 10^5 for the
/// bundled one, about 10^6 with every CSP), so a crafted header cannot demand gigabytes.
pub const MAX_CELLS: usize = 1 << 23;

const TAG_META: u8 = 1;
const TAG_AREAS: u8 = 2;
const TAG_OFFENCES: u8 = 3;
const TAG_PERIODS: u8 = 4;
const TAG_POPULATION: u8 = 5;
const TAG_BREAKS: u8 = 6;
const TAG_VALUES: u8 = 7;
const TAG_GEOMETRY: u8 = 8;

const SECTION_NAMES: [(u8, &str); 8] = [
    (TAG_META, "meta"),
    (TAG_AREAS, "areas"),
    (TAG_OFFENCES, "offences"),
    (TAG_PERIODS, "periods"),
    (TAG_POPULATION, "population"),
    (TAG_BREAKS, "breaks"),
    (TAG_VALUES, "values"),
    (TAG_GEOMETRY, "geometry"),
];

// ---------------------------------------------------------------- checksum

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE 802.3, as in gzip and zip).
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

// ---------------------------------------------------------------- byte helpers

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_str_bytes(out, s.as_bytes());
}

fn put_str_bytes(out: &mut Vec<u8>, s: &[u8]) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    section: &'static str,
}

impl<'a> Reader<'a> {
    fn new(buf: &'a [u8], section: &'static str) -> Self {
        Reader { buf, pos: 0, section }
    }

    fn err(&self, what: &str) -> DecodeError {
        DecodeError::Invalid(format!("{} section, byte {}: {what}", self.section, self.pos))
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        let b = *self.buf.get(self.pos).ok_or_else(|| self.err("unexpected end"))?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let bits = (b & 0x7F) as u64;
            if shift == 63 && bits > 1 {
                return Err(self.err("varint overflows 64 bits"));
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint too long"))
    }

    /// A count of items that each take at least `min_bytes`: bounded by what is left.
    fn count(&mut self, min_bytes: usize, what: &str) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        if n > (self.remaining() / min_bytes.max(1)) as u64 {
            return Err(self.err(&format!("{what} count {n} exceeds the bytes left")));
        }
        Ok(n as usize)
    }

    fn str(&mut self) -> Result<String, DecodeError> {
        let n = self.count(1, "string length")?;
        let bytes = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.err("string is not UTF-8"))
    }

    fn finish(&self) -> Result<(), DecodeError> {
        if self.pos != self.buf.len() {
            return Err(self.err(&format!("{} unexpected trailing bytes", self.remaining())));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- range coder

/// Adaptive binary range coder in the LZMA style: 11-bit probabilities, adaptation shift up to 5,
/// integer-only so every platform agrees. A decision with probability `p` (of a 0) costs about
/// -log2(p) bits.
const PROB_ONE: u32 = 1 << 11;
const TOP: u32 = 1 << 24;

/// Residual magnitudes are below 2^MAG_BITS (counts are bounded by `MAX_ABS_COUNT` = 2^48).
const MAG_BITS: usize = 51;
/// Magnitude contexts: 0..SCALES-3 from the series' recent residual size, then "no history yet"
/// and "first figure of a series".
const SCALES: usize = 26;
const NO_HISTORY: usize = SCALES - 2;
const FIRST: usize = SCALES - 1;
// Layout of the probability table: per context, the length's unary bits and a "shorter than
// usual" flag; sign per context; then the top mantissa bits per length.
const LEN_STRIDE: usize = MAG_BITS + 1;
const P_SIGN: usize = SCALES * LEN_STRIDE;
const P_MANT: usize = P_SIGN + SCALES;
/// Mantissa bits right below the leading one that get a probability; the rest are near-uniform
/// and coded as plain halvings of the range (cheaper to decode).
const MANT_CTX: usize = 1;
const P_LEN: usize = P_MANT + MANT_CTX * (MAG_BITS + 1);

/// Correction from the residuals of the last 8 quarters of the same series, in 64ths. Fitted on
/// the bundled data: a force's own deviation persists for a few quarters and, since a rolling
/// year drops the quarter it gained 4 steps earlier, partly reverses at lags 4 and 8.
const LAG_WEIGHTS: [i64; 8] = [29, 10, 4, -27, 10, 3, 3, -8];

/// Where the unary length code starts for a context, a little below the usual length, so a
/// typical figure needs a few length decisions rather than a dozen. Shorter lengths are flagged.
fn len_start(ctx: usize) -> usize {
    if ctx < NO_HISTORY { ctx.saturating_sub(LEN_BELOW) } else { 0 }
}
const LEN_BELOW: usize = 3;

/// Starting probabilities. Each offence's stream starts afresh (so it decodes on its own), so the
/// length decisions start from their usual shape, measured on the bundled data, rather than even
/// odds: a length 3 or more below the context goes on, from 2 below it usually stops. They start
/// as if used twice, settled enough not to swing on the first figure.
fn fresh_probs() -> Vec<u16> {
    let mut probs = vec![(PROB_ONE / 2) as u16; P_LEN];
    for c in 0..NO_HISTORY {
        for i in 0..MAG_BITS {
            // P(stop here), in 2048ths.
            let p0: u16 = match c as isize - i as isize {
                4.. => 300,
                3 => 700,
                2 => 1300,
                _ => 1750,
            };
            probs[c * LEN_STRIDE + i] = p0 | 2 << 11;
        }
    }
    probs
}

/// A probability is 11 bits of P(0) plus, above them, how many times it has been used (up to
/// 15): a young probability adapts fast, a settled one slowly.
const RATE: [u32; 16] = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5];

#[inline(always)]
fn adapt(v: &mut u16, bit: bool) {
    let (p, n) = (*v as u32 & (PROB_ONE - 1), *v as u32 >> 11);
    let p = if bit { p - (p >> RATE[n as usize]) } else { p + ((PROB_ONE - p) >> RATE[n as usize]) };
    *v = (p | (n + 1).min(15) << 11) as u16;
}

struct RangeEncoder {
    low: u64,
    range: u32,
    cache: u8,
    pending: u64,
    out: Vec<u8>,
}

impl RangeEncoder {
    fn new() -> Self {
        RangeEncoder { low: 0, range: u32::MAX, cache: 0, pending: 1, out: Vec::new() }
    }

    fn shift_low(&mut self) {
        if self.low < 0xFF00_0000 || self.low >= 1 << 32 {
            let carry = (self.low >> 32) as u8;
            let mut b = self.cache;
            while self.pending > 0 {
                self.out.push(b.wrapping_add(carry));
                b = 0xFF;
                self.pending -= 1;
            }
            self.cache = (self.low >> 24) as u8;
        }
        self.pending += 1;
        self.low = (self.low & 0x00FF_FFFF) << 8;
    }

    fn bit(&mut self, p: &mut u16, bit: bool) {
        let bound = (self.range >> 11) * (*p as u32 & (PROB_ONE - 1));
        if bit {
            self.low += bound as u64;
            self.range -= bound;
        } else {
            self.range = bound;
        }
        adapt(p, bit);
        while self.range < TOP {
            self.range <<= 8;
            self.shift_low();
        }
    }

    /// Signed integer: length of |v| in unary (context `ctx`), the bits below its leading one,
    /// then the sign.
    fn int(&mut self, probs: &mut [u16], ctx: usize, v: i64) {
        let m = v.unsigned_abs();
        let n = (64 - m.leading_zeros()) as usize;
        let (c, lo) = (ctx * LEN_STRIDE, len_start(ctx));
        if lo > 0 {
            self.bit(&mut probs[c + MAG_BITS], n < lo);
        }
        let (from, to) = if n < lo { (0, lo - 1) } else { (lo, MAG_BITS) };
        for i in from..to {
            self.bit(&mut probs[c + i], i < n);
            if i >= n {
                break;
            }
        }
        for j in (0..n.saturating_sub(1)).rev() {
            let pos = n - 2 - j;
            if pos < MANT_CTX {
                self.bit(&mut probs[P_MANT + MANT_CTX * n + pos], (m >> j) & 1 == 1);
            } else {
                self.range >>= 1;
                if (m >> j) & 1 == 1 {
                    self.low += self.range as u64;
                }
                while self.range < TOP {
                    self.range <<= 8;
                    self.shift_low();
                }
            }
        }
        if m != 0 {
            self.bit(&mut probs[P_SIGN + ctx], v < 0);
        }
    }

    /// The coded bytes, without the first, which is always 0.
    fn finish(mut self) -> Vec<u8> {
        for _ in 0..5 {
            self.shift_low();
        }
        self.out.remove(0);
        self.out
    }
}

struct RangeDecoder<'a> {
    buf: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
}

impl<'a> RangeDecoder<'a> {
    fn err(&self, what: &str) -> DecodeError {
        DecodeError::Invalid(format!("values section, byte {}: {what}", self.pos))
    }

    fn new(buf: &'a [u8]) -> Result<Self, DecodeError> {
        let mut d = RangeDecoder { buf, pos: 0, range: u32::MAX, code: 0 };
        for _ in 0..4 {
            d.code = (d.code << 8) | d.byte()? as u32;
        }
        Ok(d)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.buf.get(self.pos).ok_or_else(|| self.err("unexpected end"))?;
        self.pos += 1;
        Ok(b)
    }

    #[inline(always)]
    fn bit(&mut self, p: &mut u16) -> Result<bool, DecodeError> {
        let bound = (self.range >> 11) * (*p as u32 & (PROB_ONE - 1));
        let bit = self.code >= bound;
        if bit {
            self.code -= bound;
            self.range -= bound;
        } else {
            self.range = bound;
        }
        adapt(p, bit);
        self.norm()?;
        Ok(bit)
    }

    #[inline(always)]
    fn norm(&mut self) -> Result<(), DecodeError> {
        while self.range < TOP {
            self.range <<= 8;
            self.code = (self.code << 8) | self.byte()? as u32;
        }
        Ok(())
    }

    fn int(&mut self, probs: &mut [u16], ctx: usize) -> Result<i64, DecodeError> {
        let (c, lo) = (ctx * LEN_STRIDE, len_start(ctx));
        let short = lo > 0 && self.bit(&mut probs[c + MAG_BITS])?;
        let (mut n, to) = if short { (0, lo - 1) } else { (lo, MAG_BITS) };
        while n < to && self.bit(&mut probs[c + n])? {
            n += 1;
        }
        if n == MAG_BITS {
            return Err(self.err("residual too long"));
        }
        let mut m = 1u64.checked_shl(n as u32).map_or(0, |x| x >> 1);
        for j in (0..n.saturating_sub(1)).rev() {
            let bit = if n - 2 - j < MANT_CTX {
                self.bit(&mut probs[P_MANT + MANT_CTX * n + n - 2 - j])?
            } else {
                // Branch-free halving: the bit is whether the code lies in the upper half.
                self.range >>= 1;
                let (c, borrow) = self.code.overflowing_sub(self.range);
                self.code = if borrow { self.code } else { c };
                self.norm()?;
                !borrow
            };
            m |= (bit as u64) << j;
        }
        let neg = m != 0 && self.bit(&mut probs[P_SIGN + ctx])?;
        Ok(if neg { -(m as i64) } else { m as i64 })
    }
}

// ---------------------------------------------------------------- prediction

fn clamp_count(v: i128) -> i64 {
    v.clamp(-(MAX_ABS_COUNT as i128), MAX_ABS_COUNT as i128) as i64
}

/// Walks one offence's base cells in coding order and calls `f(cell, magnitude context,
/// prediction)` for each present cell, which returns the cell's actual value. `present` and
/// `values` are the offence's `[area][period]` cells. Shared by the encoder (which returns the
/// known value) and the decoder (which reads it), so their predictions cannot differ.
fn walk<E>(
    areas: &[Area],
    periods: &[YearMonth],
    present: &[bool],
    values: &mut [Option<i64>],
    mut f: impl FnMut(usize, usize, i64) -> Result<i64, E>,
) -> Result<(), E> {
    let (na, np) = (areas.len(), periods.len());
    let mut w = Walk {
        np,
        quarterly: (0..np).map(|p| p > 0 && periods[p].ordinal() - periods[p - 1].ordinal() == 3).collect(),
        base_areas: (0..na).filter(|&a| !areas[a].kind.is_aggregate()).map(|a| (a, areas[a].kind == AreaKind::Force)).collect(),
        last: vec![None; na],
        scale: vec![None; na],
        resid: vec![0; na * np],
        present,
        values,
    };
    for p in 0..np {
        w.row(p, &mut f)?;
    }
    Ok(())
}

struct Walk<'a> {
    np: usize,
    quarterly: Vec<bool>,
    /// Base areas in coding order, and whether each is a territorial force.
    base_areas: Vec<(usize, bool)>,
    /// Last present period per area, to predict from across gaps.
    last: Vec<Option<usize>>,
    /// Recent residual size per area (x16, moving average), for the magnitude context.
    scale: Vec<Option<i64>>,
    /// Residual of each cell against the base prediction, [area][period] (0 where there is none).
    resid: Vec<i64>,
    present: &'a [bool],
    values: &'a mut [Option<i64>],
}

impl Walk<'_> {
    /// One period, across the base areas.
    fn row<E>(&mut self, p: usize, f: &mut impl FnMut(usize, usize, i64) -> Result<i64, E>) -> Result<(), E> {
        let np = self.np;
        let idx = |a: usize, p: usize| a * np + p;
        // Running sums over territorial forces already decoded in this period.
        let (mut num, mut den) = (0i128, 0i128);
        for &(a, force) in &self.base_areas {
            let cell = idx(a, p);
            if !self.present[cell] {
                continue;
            }
            let values = &*self.values;
            let prev = self.last[a].and_then(|q| values[idx(a, q)].map(|v| (q, v)));
            let base = prev.map(|(q, v)| {
                if q + 1 == p && den > 0 && force {
                    clamp_count((2 * v as i128 * num + den).div_euclid(2 * den))
                } else {
                    // Own trend: half the last step, where the step before is known.
                    let before = q.checked_sub(1).and_then(|q2| values[idx(a, q2)]);
                    match before {
                        Some(b) if q + 1 == p => clamp_count(v as i128 + (v as i128 - b as i128).div_euclid(2)),
                        _ => v,
                    }
                }
            });
            let x = match base {
                None => f(cell, FIRST, 0)?,
                Some(base) => {
                    // |resid| <= 2^49 and the weights are small, so this cannot overflow.
                    let mut acc = 0i64;
                    if self.quarterly[p] {
                        for (k, w) in LAG_WEIGHTS.iter().enumerate().filter(|&(k, _)| k < p && self.quarterly[p - k - 1]) {
                            acc += w * self.resid[a * np + p - k - 1];
                        }
                    }
                    let pred = (base + (acc >> 6)).clamp(-MAX_ABS_COUNT, MAX_ABS_COUNT);
                    let scale = &mut self.scale[a];
                    let ctx = scale.map_or(NO_HISTORY, |s| ((64 - (s >> 2).leading_zeros()) as usize).min(NO_HISTORY - 1));
                    let x = f(cell, ctx, pred)?;
                    self.resid[a * np + p] = x - base;
                    let e = (x - pred).abs() * 16;
                    *scale = Some(scale.map_or(e, |s| s + ((e - s) >> 2)));
                    x
                }
            };
            self.values[cell] = Some(x);
            if force && p > 0 {
                if let Some(before) = self.values[idx(a, p - 1)] {
                    num += x as i128;
                    den += before as i128;
                }
            }
            self.last[a] = Some(p);
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- encode

fn section(out: &mut Vec<u8>, tag: u8, body: &[u8]) {
    out.push(tag);
    put_varint(out, body.len() as u64);
    out.extend_from_slice(body);
}

/// Where an offence's figures are: in the index itself, or in a file of their own beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One self-contained file (the native tools and tests).
    Inline,
    /// An index plus one file per offence, fetched by a chart only for what it shows.
    Split,
}

/// A file of a split dataset: its name beside the index and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The name of a split dataset's index; every other file is named in it.
pub const INDEX_NAME: &str = "index.ccd";

/// The name of offence `o`'s figures file: content-addressed by its CRC-32, so a host can cache
/// it for ever (a rebuild with other figures gives another name).
pub fn chunk_name(o: usize, crc: u32) -> String {
    format!("o{o}-{crc:08x}.ccd")
}

/// One offence's figures: which base cells have a figure (runs per base area), then the
/// range-coded stream of those cells in the order `walk` visits them.
fn encode_chunk(base: &BaseData, o: usize) -> Vec<u8> {
    let (na, no, np) = (base.areas.len(), base.offences.len(), base.periods.len());
    let mut out = Vec::new();
    let mut present = vec![false; na * np];
    for a in (0..na).filter(|&a| !base.areas[a].kind.is_aggregate()) {
        let cells = &base.values[(a * no + o) * np..(a * no + o + 1) * np];
        let mut runs = Vec::new();
        let mut p = 0;
        while p < np {
            if cells[p].is_some() {
                let start = p;
                while p < np && cells[p].is_some() {
                    present[a * np + p] = true;
                    p += 1;
                }
                runs.push((start, p - start));
            } else {
                p += 1;
            }
        }
        put_varint(&mut out, runs.len() as u64);
        let mut end = 0;
        for (start, len) in runs {
            put_varint(&mut out, (start - end) as u64);
            put_varint(&mut out, len as u64);
            end = start + len;
        }
    }
    if !present.iter().any(|&p| p) {
        return out;
    }
    let mut rc = RangeEncoder::new();
    let mut probs = fresh_probs();
    let mut scratch = vec![None; na * np];
    let _ = walk::<()>(&base.areas, &base.periods, &present, &mut scratch, |cell, ctx, pred| {
        // The walk only visits present cells, so the value is there.
        let x = base.values[((cell / np) * no + o) * np + cell % np].unwrap_or(0);
        rc.int(&mut probs, ctx, x - pred);
        Ok(x)
    });
    out.extend_from_slice(&rc.finish());
    out
}

/// Encodes base data as one file (`Layout::Inline`), or as an index plus a file per offence
/// (`Layout::Split`, index first). Aggregate areas' cells are not written: they are derived on
/// decode.
pub fn encode_files(base: &BaseData, layout: Layout) -> Vec<DataFile> {
    let (na, no, np) = (base.areas.len(), base.offences.len(), base.periods.len());
    let mut payload = Vec::new();
    let mut files = Vec::new();

    let mut meta = Vec::new();
    put_str(&mut meta, &base.source_note);
    put_varint(&mut meta, base.population_first_year as u64);
    put_varint(&mut meta, base.population_years as u64);
    put_varint(&mut meta, base.releases.len() as u64);
    for r in &base.releases {
        put_str(&mut meta, r);
    }
    section(&mut payload, TAG_META, &meta);

    let mut areas = Vec::new();
    put_varint(&mut areas, na as u64);
    for a in &base.areas {
        areas.push(a.kind.to_u8());
        put_varint(&mut areas, a.parent.map_or(0, |p| p as u64 + 1));
        put_str(&mut areas, &a.code);
        put_str(&mut areas, &a.name);
    }
    section(&mut payload, TAG_AREAS, &areas);

    let mut offs = Vec::new();
    put_varint(&mut offs, no as u64);
    for o in &base.offences {
        offs.push(o.derived as u8);
        put_varint(&mut offs, o.parent.map_or(0, |p| p as u64 + 1));
        put_str(&mut offs, &o.name);
        put_str(&mut offs, o.code.as_deref().unwrap_or(""));
    }
    section(&mut payload, TAG_OFFENCES, &offs);

    let mut pers = Vec::new();
    put_varint(&mut pers, np as u64);
    let mut prev = 0i64;
    for (i, p) in base.periods.iter().enumerate() {
        // First as an ordinal, then month gaps (3 for quarterly data, 12 for annual).
        put_varint(&mut pers, (p.ordinal() as i64 - prev) as u64);
        prev = p.ordinal() as i64;
        put_varint(&mut pers, base.period_releases.get(i).copied().unwrap_or(0) as u64);
    }
    section(&mut payload, TAG_PERIODS, &pers);

    // Population: per base area, per year, varint of 0 (missing) or zigzag(change)+1.
    let mut pop = Vec::new();
    for a in (0..na).filter(|&a| !base.areas[a].kind.is_aggregate()) {
        let mut prev = 0i64;
        for y in 0..base.population_years {
            match base.population[a * base.population_years + y] {
                None => put_varint(&mut pop, 0),
                Some(v) => {
                    put_varint(&mut pop, zigzag(v as i64 - prev) + 1);
                    prev = v as i64;
                }
            }
        }
    }
    section(&mut payload, TAG_POPULATION, &pop);

    let mut brk = Vec::new();
    put_varint(&mut brk, base.breaks.len() as u64);
    for b in &base.breaks {
        put_varint(&mut brk, b.offence as u64);
        put_varint(&mut brk, b.area.map_or(0, |a| a as u64 + 1));
        put_varint(&mut brk, b.period as u64);
        brk.push(b.reason.to_u8());
    }
    section(&mut payload, TAG_BREAKS, &brk);

    // Figures: per offence, in the index or in a file of its own.
    let mut vals = Vec::new();
    for o in 0..no {
        let chunk = encode_chunk(base, o);
        match layout {
            Layout::Inline => {
                vals.push(CHUNK_INLINE);
                put_str_bytes(&mut vals, &chunk);
            }
            Layout::Split => {
                let crc = crc32(&chunk);
                vals.push(CHUNK_FILE);
                put_varint(&mut vals, chunk.len() as u64);
                vals.extend_from_slice(&crc.to_le_bytes());
                files.push(DataFile { name: chunk_name(o, crc), bytes: chunk });
            }
        }
    }
    section(&mut payload, TAG_VALUES, &vals);

    let mut geo = Vec::new();
    match &base.geometry {
        None => geo.push(GEOMETRY_NONE),
        Some(g) => {
            let blob = encode_geometry(g);
            match layout {
                Layout::Inline => {
                    geo.push(CHUNK_INLINE);
                    put_str_bytes(&mut geo, &blob);
                }
                Layout::Split => {
                    let crc = crc32(&blob);
                    geo.push(CHUNK_FILE);
                    put_varint(&mut geo, blob.len() as u64);
                    geo.extend_from_slice(&crc.to_le_bytes());
                    files.push(DataFile { name: geometry_name(crc), bytes: blob });
                }
            }
        }
    }
    section(&mut payload, TAG_GEOMETRY, &geo);

    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    files.insert(0, DataFile { name: INDEX_NAME.to_string(), bytes: out });
    files
}

/// Encodes base data as one self-contained file.
pub fn encode(base: &BaseData) -> Vec<u8> {
    encode_files(base, Layout::Inline).swap_remove(0).bytes
}

const CHUNK_INLINE: u8 = 1;
const CHUNK_FILE: u8 = 2;
const GEOMETRY_NONE: u8 = 0;

/// The name of the geometry file of a split dataset, content-addressed like the figures files.
pub fn geometry_name(crc: u32) -> String {
    format!("g-{crc:08x}.ccd")
}

// ---------------------------------------------------------------- decode

/// Checks the header and splits the payload into its sections, in order.
fn split(bytes: &[u8]) -> Result<Vec<(u8, &[u8])>, DecodeError> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DecodeError::BadMagic);
    }
    if bytes.len() < HEADER_LEN {
        return Err(DecodeError::Truncated { expected: HEADER_LEN as u64, found: bytes.len() as u64 });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(DecodeError::UnsupportedVersion(version));
    }
    let len = u32::from_le_bytes([bytes[6], bytes[7], bytes[8], bytes[9]]) as u64;
    let stored = u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]);
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != len {
        return Err(DecodeError::Truncated { expected: len, found: payload.len() as u64 });
    }
    let computed = crc32(payload);
    if computed != stored {
        return Err(DecodeError::ChecksumMismatch { stored, computed });
    }
    let mut r = Reader::new(payload, "section table");
    let mut out = Vec::new();
    for &(tag, name) in &SECTION_NAMES {
        let t = r.u8()?;
        if t != tag {
            return Err(r.err(&format!("expected the {name} section (tag {tag}), found tag {t}")));
        }
        let n = r.count(1, name)?;
        out.push((tag, &payload[r.pos..r.pos + n]));
        r.pos += n;
    }
    r.finish()?;
    Ok(out)
}

/// Section names and their byte sizes (tag and length prefix included), plus the header.
pub fn section_sizes(bytes: &[u8]) -> Result<Vec<(&'static str, usize)>, DecodeError> {
    let secs = split(bytes)?;
    let mut out = vec![("header", HEADER_LEN)];
    for (i, (_, body)) in secs.iter().enumerate() {
        let mut prefix = Vec::new();
        put_varint(&mut prefix, body.len() as u64);
        out.push((SECTION_NAMES[i].1, 1 + prefix.len() + body.len()));
    }
    Ok(out)
}

/// Decodes every figure of a self-contained file.
pub fn decode(bytes: &[u8]) -> Result<BaseData, DecodeError> {
    decode_with(bytes, |name| Err(DecodeError::Invalid(format!("the figures are in a separate file, {name}, which was not given"))))
}

/// Decodes every figure, asking `file` for the bytes of each figures file a split index names.
pub fn decode_with(bytes: &[u8], mut file: impl FnMut(&str) -> Result<Vec<u8>, DecodeError>) -> Result<BaseData, DecodeError> {
    let (mut base, chunks, geometry) = decode_index(bytes)?;
    if let Some(c @ Chunk::File { name, .. }) = &geometry {
        let owned = file(name)?;
        c.check(&owned)?;
        base.geometry = Some(decode_geometry(&owned)?);
    }
    let (na, no, np) = (base.areas.len(), base.offences.len(), base.periods.len());
    base.values = vec![None; na * no * np];
    for (o, c) in chunks.iter().enumerate() {
        let owned;
        let bytes: &[u8] = match c {
            Chunk::Inline(b) => b,
            Chunk::File { name, .. } => {
                owned = file(name)?;
                c.check(&owned)?;
                &owned
            }
        };
        let t = decode_chunk(&base.areas, &base.periods, bytes)?;
        for (i, v) in t.into_iter().enumerate() {
            base.values[((i / np) * no + o) * np + i % np] = v;
        }
    }
    Ok(base)
}

/// Where one offence's coded figures are.
#[derive(Clone, Debug)]
pub enum Chunk<'a> {
    Inline(&'a [u8]),
    File { name: String, len: usize, crc: u32 },
}

impl Chunk<'_> {
    /// Checks that `bytes` are the file the index names (length and CRC-32).
    pub fn check(&self, bytes: &[u8]) -> Result<(), DecodeError> {
        if let Chunk::File { name, len, crc } = self {
            if bytes.len() != *len {
                return Err(DecodeError::Invalid(format!("{name}: {} bytes, the index says {len}", bytes.len())));
            }
            let got = crc32(bytes);
            if got != *crc {
                return Err(DecodeError::Invalid(format!("{name}: checksum {got:08x}, the index says {crc:08x}")));
            }
        }
        Ok(())
    }
}

/// One offence's base cells from its coded figures, `[area][period]`; `None` elsewhere.
pub fn decode_chunk(areas: &[Area], periods: &[YearMonth], buf: &[u8]) -> Result<Vec<Option<i64>>, DecodeError> {
    let (na, np) = (areas.len(), periods.len());
    let cells = na.checked_mul(np).filter(|&c| c <= MAX_CELLS).ok_or_else(|| DecodeError::Invalid("too many cells".into()))?;
    let mut r = Reader::new(buf, "figures");
    let mut present = vec![false; cells];
    for a in (0..na).filter(|&a| !areas[a].kind.is_aggregate()) {
        let runs = r.varint()?;
        if runs > np as u64 {
            return Err(r.err(&format!("area {a}: {runs} runs for {np} periods")));
        }
        let mut end = 0u64;
        for _ in 0..runs {
            let start = end.checked_add(r.varint()?);
            let len = r.varint()?;
            let stop = start.and_then(|s| s.checked_add(len)).filter(|&s| s <= np as u64 && len > 0);
            let (start, stop) = match (start, stop) {
                (Some(s), Some(e)) => (s, e),
                _ => return Err(r.err(&format!("area {a}: run outside the periods"))),
            };
            for p in start..stop {
                present[a * np + p as usize] = true;
            }
            end = stop;
        }
    }
    let mut values = vec![None; cells];
    if !present.iter().any(|&p| p) {
        r.finish()?;
        return Ok(values);
    }
    let stream = &buf[r.pos..];
    // A stream needs at least its 4 start bytes, and each cell takes at least a few decisions,
    // so the walk is bounded by the cells.
    let mut rd = RangeDecoder::new(stream)?;
    let mut probs = fresh_probs();
    walk(areas, periods, &present, &mut values, |_cell, ctx, pred| {
        let x = pred + rd.int(&mut probs, ctx)?;
        if x.unsigned_abs() > MAX_ABS_COUNT as u64 {
            return Err(rd.err(&format!("value {x} out of range")));
        }
        Ok(x)
    })?;
    if rd.pos != rd.buf.len() {
        return Err(rd.err("unexpected trailing bytes"));
    }
    Ok(values)
}

/// Decodes and checks everything but the figures (`values` is left empty), and says where each
/// offence's coded figures are.
pub fn decode_lazy(bytes: &[u8]) -> Result<(BaseData, Vec<Chunk<'_>>), DecodeError> {
    decode_index(bytes).map(|(base, chunks, _)| (base, chunks))
}

/// As [`decode_lazy`], and where the geometry is: an inline geometry is decoded into
/// `BaseData::geometry`; a geometry file is returned as its `Chunk::File` (to be checked and
/// given to [`decode_geometry`]); `None` when the dataset has no geometry or it is inline.
pub fn decode_index(bytes: &[u8]) -> Result<(BaseData, Vec<Chunk<'_>>, Option<Chunk<'_>>), DecodeError> {
    let secs = split(bytes)?;
    let body = |i: usize| secs[i].1;

    let mut r = Reader::new(body(0), "meta");
    let source_note = r.str()?;
    let pop_first = r.varint()?;
    let pop_years = r.varint()?;
    if pop_first > u16::MAX as u64 || pop_years > 1000 || pop_first + pop_years > u16::MAX as u64 {
        return Err(r.err("population year range out of bounds"));
    }
    let nr = r.count(1, "release")?;
    if nr > 32 {
        return Err(r.err("more than 32 releases"));
    }
    let mut releases = Vec::with_capacity(nr);
    for _ in 0..nr {
        releases.push(r.str()?);
    }
    r.finish()?;

    let mut r = Reader::new(body(1), "areas");
    // Each area takes at least 4 bytes: kind, parent, two string lengths.
    let na = r.count(4, "area")?;
    let mut areas = Vec::with_capacity(na);
    for i in 0..na {
        let kind = AreaKind::from_u8(r.u8()?).ok_or_else(|| r.err(&format!("area {i}: unknown kind")))?;
        let parent = match r.varint()? {
            0 => None,
            p if p as usize <= na => Some(p as usize - 1),
            p => return Err(r.err(&format!("area {i}: parent {} out of range", p - 1))),
        };
        let code = r.str()?;
        let name = r.str()?;
        areas.push(Area { code, name, name_cy: None, kind, parent });
    }
    r.finish()?;

    let mut r = Reader::new(body(2), "offences");
    let no = r.count(4, "offence")?;
    let mut offences = Vec::with_capacity(no);
    for i in 0..no {
        let derived = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(r.err(&format!("offence {i}: bad flag"))),
        };
        let parent = match r.varint()? {
            0 => None,
            p if p as usize <= no => Some(p as usize - 1),
            p => return Err(r.err(&format!("offence {i}: parent {} out of range", p - 1))),
        };
        let name = r.str()?;
        let code = r.str()?;
        offences.push(Offence::new(&name, parent, derived).with_code((!code.is_empty()).then_some(code)));
    }
    r.finish()?;

    let mut r = Reader::new(body(3), "periods");
    let np = r.count(2, "period")?;
    let mut periods = Vec::with_capacity(np);
    let mut period_releases = Vec::with_capacity(np);
    let mut ord = 0i64;
    for i in 0..np {
        let step = r.varint()?;
        if i > 0 && step == 0 {
            return Err(r.err(&format!("period {i} is not after the one before")));
        }
        ord = ord.checked_add(step as i64).filter(|o| *o <= i32::MAX as i64).ok_or_else(|| r.err("period overflows"))?;
        let ym = YearMonth::from_ordinal(ord as i32).ok_or_else(|| r.err(&format!("period {i} is out of range")))?;
        periods.push(ym);
        let mask = r.varint()?;
        if mask >> nr != 0 {
            return Err(r.err(&format!("period {i} names a release that does not exist")));
        }
        period_releases.push(mask as u32);
    }
    r.finish()?;

    let cells = na.checked_mul(no).and_then(|x| x.checked_mul(np)).filter(|&c| c <= MAX_CELLS);
    if cells.is_none() {
        return Err(DecodeError::Invalid(format!("{na} areas x {no} offences x {np} periods is too many cells")));
    }
    let pop_years = pop_years as usize;
    if na * pop_years > MAX_CELLS {
        return Err(DecodeError::Invalid("population table too large".into()));
    }

    let mut r = Reader::new(body(4), "population");
    let mut population = vec![None; na * pop_years];
    for a in (0..na).filter(|&a| !areas[a].kind.is_aggregate()) {
        let mut prev = 0i64;
        for y in 0..pop_years {
            let v = r.varint()?;
            if v > 0 {
                let x = prev.checked_add(unzigzag(v - 1)).filter(|x| (0..=MAX_POPULATION as i64).contains(x));
                let x = x.ok_or_else(|| r.err(&format!("area {a} year {y}: population out of range")))?;
                population[a * pop_years + y] = Some(x as u64);
                prev = x;
            }
        }
    }
    r.finish()?;

    let mut r = Reader::new(body(5), "breaks");
    let nb = r.count(4, "break")?;
    let mut breaks = Vec::with_capacity(nb);
    for i in 0..nb {
        let offence = r.varint()? as usize;
        let area = match r.varint()? {
            0 => None,
            a if a as usize <= na => Some(a as usize - 1),
            _ => return Err(r.err(&format!("break {i}: area out of range"))),
        };
        let period = r.varint()? as usize;
        let reason = BreakReason::from_u8(r.u8()?).ok_or_else(|| r.err(&format!("break {i}: unknown reason")))?;
        if offence >= no || period >= np {
            return Err(r.err(&format!("break {i}: offence or period out of range")));
        }
        breaks.push(StoredBreak { offence, area, period, reason });
    }
    r.finish()?;

    let mut r = Reader::new(body(6), "values");
    let mut chunks = Vec::with_capacity(no);
    for o in 0..no {
        match r.u8()? {
            CHUNK_INLINE => {
                let n = r.count(1, "figures length")?;
                chunks.push(Chunk::Inline(&r.buf[r.pos..r.pos + n]));
                r.pos += n;
            }
            CHUNK_FILE => {
                let len = r.varint()?;
                if len > (MAX_CELLS as u64) * 16 {
                    return Err(r.err(&format!("offence {o}: figures file too large")));
                }
                let mut crc = [0u8; 4];
                for b in &mut crc {
                    *b = r.u8()?;
                }
                let crc = u32::from_le_bytes(crc);
                chunks.push(Chunk::File { name: chunk_name(o, crc), len: len as usize, crc });
            }
            t => return Err(r.err(&format!("offence {o}: unknown figures kind {t}"))),
        }
    }
    r.finish()?;

    let base = BaseData {
        areas,
        offences,
        periods,
        values: Vec::new(),
        population_first_year: pop_first as u16,
        population_years: pop_years,
        population,
        source_note,
        releases,
        period_releases,
        breaks,
        geometry: None,
    };
    let mut base = base;
    let mut r = Reader::new(body(7), "geometry");
    let geometry = match r.u8()? {
        GEOMETRY_NONE => None,
        CHUNK_INLINE => {
            let n = r.count(1, "geometry length")?;
            base.geometry = Some(decode_geometry(&r.buf[r.pos..r.pos + n])?);
            r.pos += n;
            None
        }
        CHUNK_FILE => {
            let len = r.varint()?;
            if len > MAX_GEOMETRY_BYTES {
                return Err(r.err("geometry file too large"));
            }
            let mut crc = [0u8; 4];
            for b in &mut crc {
                *b = r.u8()?;
            }
            let crc = u32::from_le_bytes(crc);
            Some(Chunk::File { name: geometry_name(crc), len: len as usize, crc })
        }
        t => return Err(r.err(&format!("unknown geometry kind {t}"))),
    };
    r.finish()?;
    Ok((base, chunks, geometry))
}

// ---------------------------------------------------------------- geometry

/// Caps on a geometry, far above the 43 force areas (about 5,000 arc points), so crafted bytes
/// cannot make the decoder allocate much: the arcs' points are bounded by the bytes, but rings
/// can reuse an arc, so the rings' points are capped separately.
const MAX_GEOMETRY_BYTES: u64 = 1 << 24;
const MAX_RING_POINTS: usize = 1 << 21;

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The geometry's bytes: its rings as shared arcs ([`Topology::build`]), each point a multiple
/// of the grid (the largest step that divides every coordinate, so nothing is lost).
///
/// ```text
/// grid varint (metres) | arcs varint | per arc: points-2 varint, then per point zigzag(dx),
///   zigzag(dy) in grid steps (the first from the previous arc's first point, then from the
///   point before)
/// shapes varint | per shape: code str, name str, label zigzag(dx), zigzag(dy) in metres from
///   the previous label, polygons varint | per polygon: rings varint (outer first) | per ring:
///   arcs varint, per arc varint(index * 2 + reversed), start varint
/// ```
///
/// Decoding gives back exactly these shapes, for any geometry whose rings have at least three
/// points and no point repeated consecutively (what `geo::simplify` makes).
pub fn encode_geometry(g: &Geometry) -> Vec<u8> {
    let topo = Topology::build(&g.shapes);
    let grid = topo.arcs.iter().flatten().fold(0u64, |acc, &(x, y)| gcd(gcd(acc, x.unsigned_abs() as u64), y.unsigned_abs() as u64)).max(1);
    let mut out = Vec::new();
    put_varint(&mut out, grid);
    put_varint(&mut out, topo.arcs.len() as u64);
    let mut first = (0i64, 0i64);
    for arc in &topo.arcs {
        put_varint(&mut out, arc.len().saturating_sub(2) as u64);
        let mut prev = first;
        for (i, &(x, y)) in arc.iter().enumerate() {
            let (qx, qy) = (x as i64 / grid as i64, y as i64 / grid as i64);
            put_varint(&mut out, zigzag(qx - prev.0));
            put_varint(&mut out, zigzag(qy - prev.1));
            prev = (qx, qy);
            if i == 0 {
                first = prev;
            }
        }
    }
    put_varint(&mut out, g.shapes.len() as u64);
    let mut label = (0i64, 0i64);
    for (shape, polys) in g.shapes.iter().zip(&topo.shapes) {
        put_str(&mut out, &shape.code);
        put_str(&mut out, &shape.name);
        put_varint(&mut out, zigzag(shape.label.0 as i64 - label.0));
        put_varint(&mut out, zigzag(shape.label.1 as i64 - label.1));
        label = (shape.label.0 as i64, shape.label.1 as i64);
        put_varint(&mut out, polys.len() as u64);
        for rings in polys {
            put_varint(&mut out, rings.len() as u64);
            for r in rings {
                put_varint(&mut out, r.arcs.len() as u64);
                for a in &r.arcs {
                    put_varint(&mut out, (a.arc as u64) << 1 | a.reversed as u64);
                }
                put_varint(&mut out, r.start as u64);
            }
        }
    }
    out
}

/// The geometry from its bytes (see [`encode_geometry`]). Every count is checked against the
/// bytes left, every coordinate against the grid's range, every ring for arcs that join up.
pub fn decode_geometry(bytes: &[u8]) -> Result<Geometry, DecodeError> {
    let mut r = Reader::new(bytes, "geometry");
    let grid = r.varint()?;
    if grid == 0 || grid > 1 << 20 {
        return Err(r.err(&format!("grid step {grid} out of range")));
    }
    let coord = |r: &Reader, v: i64| -> Result<i32, DecodeError> {
        v.checked_mul(grid as i64).and_then(|m| i32::try_from(m).ok()).ok_or_else(|| r.err("coordinate out of range"))
    };
    // Each arc takes at least 5 bytes (its length and two points).
    let na = r.count(5, "arc")?;
    let mut arcs: Vec<Vec<(i32, i32)>> = Vec::with_capacity(na);
    let mut first = (0i64, 0i64);
    for a in 0..na {
        let n = r.count(2, "arc points")?.checked_add(2).ok_or_else(|| r.err("arc too long"))?;
        if n > r.remaining() / 2 {
            return Err(r.err(&format!("arc {a}: {n} points exceed the bytes left")));
        }
        let mut pts = Vec::with_capacity(n);
        let mut prev = first;
        for i in 0..n {
            let dx = unzigzag(r.varint()?);
            let dy = unzigzag(r.varint()?);
            let q = (prev.0.checked_add(dx), prev.1.checked_add(dy));
            let (Some(qx), Some(qy)) = q else { return Err(r.err(&format!("arc {a}: coordinate overflows"))) };
            pts.push((coord(&r, qx)?, coord(&r, qy)?));
            prev = (qx, qy);
            if i == 0 {
                first = prev;
            }
        }
        arcs.push(pts);
    }
    // Each shape takes at least 5 bytes: two string lengths, a label and a polygon count.
    let ns = r.count(5, "shape")?;
    let mut shapes = Vec::with_capacity(ns);
    let mut label = (0i64, 0i64);
    let mut ring_points = 0usize;
    for s in 0..ns {
        let code = r.str()?;
        let name = r.str()?;
        let (dx, dy) = (unzigzag(r.varint()?), unzigzag(r.varint()?));
        let l = (label.0.checked_add(dx), label.1.checked_add(dy));
        let (Some(lx), Some(ly)) = l else { return Err(r.err(&format!("shape {s}: label overflows"))) };
        let (Ok(x), Ok(y)) = (i32::try_from(lx), i32::try_from(ly)) else { return Err(r.err(&format!("shape {s} ({code}): label out of range"))) };
        label = (lx, ly);
        let np = r.count(1, "polygon")?;
        let mut polygons = Vec::with_capacity(np);
        for p in 0..np {
            let nr = r.count(2, "ring")?;
            if nr == 0 {
                return Err(r.err(&format!("shape {s} ({code}) polygon {p}: no outer ring")));
            }
            let mut rings = Vec::with_capacity(nr);
            for k in 0..nr {
                let nrefs = r.count(1, "arc reference")?;
                let mut refs = Vec::with_capacity(nrefs);
                for _ in 0..nrefs {
                    let v = r.varint()?;
                    let arc = (v >> 1) as usize;
                    if arc >= arcs.len() {
                        return Err(r.err(&format!("shape {s} ({code}): arc {arc} does not exist")));
                    }
                    ring_points = ring_points.saturating_add(arcs[arc].len());
                    if ring_points > MAX_RING_POINTS {
                        return Err(r.err("too many ring points"));
                    }
                    refs.push(ArcRef { arc, reversed: v & 1 == 1 });
                }
                let start = usize::try_from(r.varint()?).unwrap_or(usize::MAX);
                let ring = ring_from_arcs(&arcs, &RingArcs { arcs: refs, start })
                    .ok_or_else(|| r.err(&format!("shape {s} ({code}) polygon {p} ring {k}: the arcs do not make a ring")))?;
                rings.push(ring);
            }
            let mut rings = rings.into_iter();
            let outer = rings.next().unwrap_or_default();
            polygons.push(Polygon { outer, holes: rings.collect() });
        }
        shapes.push(Shape { code, name, label: (x, y), polygons });
    }
    r.finish()?;
    Ok(Geometry::new(shapes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn range_coder_round_trips() {
        let vals = [0i64, 1, -1, 2, -7, 100, 1 << 20, -(1 << 48), (1 << 49) + 3, 5, 0, 0, -3];
        let mut e = RangeEncoder::new();
        let mut probs = fresh_probs();
        for (i, &v) in vals.iter().enumerate() {
            e.int(&mut probs, i % SCALES, v);
        }
        let buf = e.finish();
        let mut d = RangeDecoder::new(&buf).unwrap();
        let mut probs = fresh_probs();
        for (i, &v) in vals.iter().enumerate() {
            assert_eq!(d.int(&mut probs, i % SCALES).unwrap(), v);
        }
        assert_eq!(d.pos, buf.len());
        for v in [0i64, -1, 1, i64::MAX, i64::MIN + 1] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }
}
