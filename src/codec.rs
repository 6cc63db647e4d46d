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
//! population, presence (which cells have figures, as runs), values (bit stream).
//!
//! Only base figures are stored (see `model`); aggregates are re-derived on decode.
//!
//! The values are the bulk, so they get a real model rather than leaning on gzip: each figure is
//! predicted and only the residual is written, Rice-coded with one parameter per series. The
//! series are rolling 12-month totals, so the best cheap prediction found (of plain delta, second
//! difference, per-force trend and national ratio, measured on the real file) is: last period's
//! figure scaled by how much the forces *already decoded for this period* moved
//! (sum now / sum then). Forces are visited in code order, which puts the Metropolitan Police,
//! the largest, first; it falls back to its own trend. The output is already entropy-coded, so
//! gzip barely shrinks it further.
//!
//! Decoding never trusts a count: every length is checked against the bytes left, and the total
//! number of cells is capped, so hostile input cannot make it allocate much or panic.

use crate::model::{Area, AreaKind, BaseData, DecodeError, Offence, MAX_ABS_COUNT, MAX_POPULATION};
use crate::period::YearMonth;

pub const MAGIC: &[u8; 4] = b"CCDS";
pub const VERSION: u16 = 1;
const HEADER_LEN: usize = 14;
/// Upper bound on areas x offences x periods, far above any real dataset (about 10^5 for the
/// bundled one, about 10^6 with every CSP), so a crafted header cannot demand gigabytes.
pub const MAX_CELLS: usize = 1 << 23;

const TAG_META: u8 = 1;
const TAG_AREAS: u8 = 2;
const TAG_OFFENCES: u8 = 3;
const TAG_PERIODS: u8 = 4;
const TAG_POPULATION: u8 = 5;
const TAG_PRESENCE: u8 = 6;
const TAG_VALUES: u8 = 7;

const SECTION_NAMES: [(u8, &str); 7] = [
    (TAG_META, "meta"),
    (TAG_AREAS, "areas"),
    (TAG_OFFENCES, "offences"),
    (TAG_PERIODS, "periods"),
    (TAG_POPULATION, "population"),
    (TAG_PRESENCE, "presence"),
    (TAG_VALUES, "values"),
];

/// Rice quotients at or above this are escaped to an explicit length + raw bits, which bounds
/// the unary run a decoder will read.
const RICE_ESCAPE: u64 = 24;
/// Exp-Golomb order for the first figure of each series (nothing to predict it from).
const FIRST_ORDER: u32 = 8;

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
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
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

// ---------------------------------------------------------------- bit helpers

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    fn new() -> Self {
        BitWriter { out: Vec::new(), acc: 0, n: 0 }
    }

    /// Writes the low `bits` bits of `v`, most significant first. `bits` <= 32.
    fn put(&mut self, v: u64, bits: u32) {
        debug_assert!(bits <= 32);
        if bits == 0 {
            return;
        }
        self.acc = (self.acc << bits) | (v & ((1u64 << bits) - 1));
        self.n += bits;
        while self.n >= 8 {
            self.n -= 8;
            self.out.push((self.acc >> self.n) as u8);
        }
        self.acc &= (1u64 << self.n) - 1;
    }

    fn put_wide(&mut self, v: u64, bits: u32) {
        if bits > 32 {
            self.put(v >> 32, bits - 32);
            self.put(v & 0xFFFF_FFFF, 32);
        } else {
            self.put(v, bits);
        }
    }

    fn rice(&mut self, v: u64, k: u32) {
        let q = v >> k;
        if q < RICE_ESCAPE {
            for _ in 0..q {
                self.put(1, 1);
            }
            self.put(0, 1);
            self.put_wide(v, k);
        } else {
            for _ in 0..RICE_ESCAPE {
                self.put(1, 1);
            }
            let len = 64 - v.leading_zeros();
            self.put(len as u64, 7);
            self.put_wide(v, len);
        }
    }

    fn exp_golomb(&mut self, v: u64, k: u32) {
        // Values here are < 2^51 (bounded counts), so v + 2^k cannot overflow.
        let w = v + (1u64 << k);
        let len = 64 - w.leading_zeros();
        let mut zeros = len - k - 1;
        while zeros > 0 {
            let n = zeros.min(32);
            self.put(0, n);
            zeros -= n;
        }
        self.put_wide(w, len);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            let pad = 8 - self.n;
            self.put(0, pad);
        }
        self.out
    }
}

struct BitReader<'a> {
    buf: &'a [u8],
    bit: usize,
}

impl<'a> BitReader<'a> {
    fn err(&self, what: &str) -> DecodeError {
        DecodeError::Invalid(format!("values section, bit {}: {what}", self.bit))
    }

    fn get(&mut self, bits: u32) -> Result<u64, DecodeError> {
        if bits > 64 || self.bit + bits as usize > self.buf.len() * 8 {
            return Err(self.err("unexpected end of bit stream"));
        }
        let mut v = 0u64;
        for _ in 0..bits {
            let b = (self.buf[self.bit / 8] >> (7 - self.bit % 8)) & 1;
            v = (v << 1) | b as u64;
            self.bit += 1;
        }
        Ok(v)
    }

    fn rice(&mut self, k: u32) -> Result<u64, DecodeError> {
        let mut q = 0u64;
        while q < RICE_ESCAPE && self.get(1)? == 1 {
            q += 1;
        }
        if q < RICE_ESCAPE {
            let low = self.get(k)?;
            q.checked_shl(k)
                .filter(|s| s >> k == q)
                .map(|s| s | low)
                .ok_or_else(|| self.err("Rice value overflows"))
        } else {
            let len = self.get(7)? as u32;
            if len > 64 {
                return Err(self.err("escaped value longer than 64 bits"));
            }
            self.get(len)
        }
    }

    fn exp_golomb(&mut self, k: u32) -> Result<u64, DecodeError> {
        let mut zeros = 0u32;
        while self.get(1)? == 0 {
            zeros += 1;
            if zeros > 63 - k {
                return Err(self.err("exp-Golomb prefix too long"));
            }
        }
        let len = zeros + k + 1;
        let rest = self.get(len - 1)?;
        Ok(((1u64 << (len - 1)) | rest) - (1u64 << k))
    }
}

// ---------------------------------------------------------------- prediction

fn clamp_count(v: i128) -> i64 {
    v.clamp(-(MAX_ABS_COUNT as i128), MAX_ABS_COUNT as i128) as i64
}

/// Walks the base cells in coding order and calls `f(series, period, prediction or None for a
/// first figure)` for each present cell, which returns the cell's actual value. Shared by the encoder
/// (which returns the known value) and the decoder (which reads it), so their predictions
/// cannot differ.
fn walk<E>(
    areas: &[Area],
    offences: &[Offence],
    np: usize,
    present: &[bool],
    values: &mut [Option<i64>],
    mut f: impl FnMut(usize, usize, Option<i64>) -> Result<i64, E>,
) -> Result<(), E> {
    let no = offences.len();
    let idx = |a: usize, o: usize, p: usize| (a * no + o) * np + p;
    let base_areas: Vec<usize> = (0..areas.len()).filter(|&a| !areas[a].kind.is_aggregate()).collect();
    // Last present period per series, to predict from across gaps.
    let mut last: Vec<Option<usize>> = vec![None; areas.len() * no];
    for o in (0..no).filter(|&o| !offences[o].derived) {
        for p in 0..np {
            // Running sums over territorial forces already decoded in this period.
            let (mut num, mut den) = (0i128, 0i128);
            for &a in &base_areas {
                let series = a * no + o;
                if !present[idx(a, o, p)] {
                    continue;
                }
                let prev = last[series].and_then(|q| values[idx(a, o, q)].map(|v| (q, v)));
                let pred = prev.map(|(q, v)| {
                    if q + 1 == p && den > 0 && areas[a].kind == AreaKind::Force {
                        clamp_count((2 * v as i128 * num + den).div_euclid(2 * den))
                    } else {
                        // Own trend: half the last step, where the step before is known.
                        let before = q.checked_sub(1).and_then(|q2| values[idx(a, o, q2)]);
                        match before {
                            Some(b) if q + 1 == p => clamp_count(v as i128 + (v as i128 - b as i128).div_euclid(2)),
                            _ => v,
                        }
                    }
                });
                let x = f(series, p, pred)?;
                values[idx(a, o, p)] = Some(x);
                if areas[a].kind == AreaKind::Force && p > 0 {
                    if let Some(before) = values[idx(a, o, p - 1)] {
                        num += x as i128;
                        den += before as i128;
                    }
                }
                last[series] = Some(p);
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- encode

fn section(out: &mut Vec<u8>, tag: u8, body: &[u8]) {
    out.push(tag);
    put_varint(out, body.len() as u64);
    out.extend_from_slice(body);
}

fn is_base(base: &BaseData, a: usize, o: usize) -> bool {
    !base.areas[a].kind.is_aggregate() && !base.offences[o].derived
}

/// Encodes base data. Aggregate cells are not written (they are derived on decode).
pub fn encode(base: &BaseData) -> Vec<u8> {
    let (na, no, np) = (base.areas.len(), base.offences.len(), base.periods.len());
    let mut payload = Vec::new();

    let mut meta = Vec::new();
    put_str(&mut meta, &base.source_note);
    put_varint(&mut meta, base.population_first_year as u64);
    put_varint(&mut meta, base.population_years as u64);
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
    }
    section(&mut payload, TAG_OFFENCES, &offs);

    let mut pers = Vec::new();
    put_varint(&mut pers, np as u64);
    let mut prev = 0i64;
    for p in &base.periods {
        // First as an ordinal, then month gaps (3 for quarterly data, 12 for annual).
        put_varint(&mut pers, (p.ordinal() as i64 - prev) as u64);
        prev = p.ordinal() as i64;
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

    // Presence: per base series, runs of present periods as (gap, length) pairs.
    let mut pres = Vec::new();
    let mut present = vec![false; base.values.len()];
    for a in 0..na {
        for o in 0..no {
            if !is_base(base, a, o) {
                continue;
            }
            let cells = &base.values[(a * no + o) * np..(a * no + o + 1) * np];
            let mut runs = Vec::new();
            let mut p = 0;
            while p < np {
                if cells[p].is_some() {
                    let start = p;
                    while p < np && cells[p].is_some() {
                        present[(a * no + o) * np + p] = true;
                        p += 1;
                    }
                    runs.push((start, p - start));
                } else {
                    p += 1;
                }
            }
            put_varint(&mut pres, runs.len() as u64);
            let mut end = 0;
            for (start, len) in runs {
                put_varint(&mut pres, (start - end) as u64);
                put_varint(&mut pres, len as u64);
                end = start + len;
            }
        }
    }
    section(&mut payload, TAG_PRESENCE, &pres);

    // Values: first pass collects residuals per series to choose each series' Rice parameter.
    let mut residuals: Vec<(usize, bool, u64)> = Vec::new(); // (series, is first, coded value)
    let mut scratch = vec![None; base.values.len()];
    let _ = walk::<()>(&base.areas, &base.offences, np, &present, &mut scratch, |series, p, pred| {
        // The walk only visits present cells, so the value is there.
        let x = base.values[series * np + p].unwrap_or(0);
        match pred {
            None => residuals.push((series, true, zigzag(x))),
            Some(pr) => residuals.push((series, false, zigzag(x.wrapping_sub(pr)))),
        }
        Ok(x)
    });
    let mut ks = vec![0u32; na * no];
    {
        // cost[series][k] in bits
        let mut cost = vec![[0u64; 32]; na * no];
        for &(s, first, v) in &residuals {
            if !first {
                for (k, c) in cost[s].iter_mut().enumerate() {
                    *c += rice_len(v, k as u32);
                }
            }
        }
        for s in 0..na * no {
            let best = (0..32).min_by_key(|&k| cost[s][k]).unwrap_or(0);
            ks[s] = best as u32;
        }
    }
    let mut bw = BitWriter::new();
    for a in 0..na {
        for o in 0..no {
            if is_base(base, a, o) && present[(a * no + o) * np..(a * no + o + 1) * np].iter().any(|&b| b) {
                bw.put(ks[a * no + o] as u64, 5);
            }
        }
    }
    for &(s, first, v) in &residuals {
        if first {
            bw.exp_golomb(v, FIRST_ORDER);
        } else {
            bw.rice(v, ks[s]);
        }
    }
    section(&mut payload, TAG_VALUES, &bw.finish());

    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

fn rice_len(v: u64, k: u32) -> u64 {
    let q = v >> k;
    if q < RICE_ESCAPE {
        q + 1 + k as u64
    } else {
        RICE_ESCAPE + 7 + (64 - v.leading_zeros()) as u64
    }
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

pub fn decode(bytes: &[u8]) -> Result<BaseData, DecodeError> {
    let secs = split(bytes)?;
    let body = |i: usize| secs[i].1;

    let mut r = Reader::new(body(0), "meta");
    let source_note = r.str()?;
    let pop_first = r.varint()?;
    let pop_years = r.varint()?;
    if pop_first > u16::MAX as u64 || pop_years > 1000 || pop_first + pop_years > u16::MAX as u64 {
        return Err(r.err("population year range out of bounds"));
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
    let no = r.count(3, "offence")?;
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
        offences.push(Offence::new(&name, parent, derived));
    }
    r.finish()?;

    let mut r = Reader::new(body(3), "periods");
    let np = r.count(1, "period")?;
    let mut periods = Vec::with_capacity(np);
    let mut ord = 0i64;
    for i in 0..np {
        let step = r.varint()?;
        if i > 0 && step == 0 {
            return Err(r.err(&format!("period {i} is not after the one before")));
        }
        ord = ord.checked_add(step as i64).filter(|o| *o <= i32::MAX as i64).ok_or_else(|| r.err("period overflows"))?;
        let ym = YearMonth::from_ordinal(ord as i32).ok_or_else(|| r.err(&format!("period {i} is out of range")))?;
        periods.push(ym);
    }
    r.finish()?;

    let cells = na.checked_mul(no).and_then(|x| x.checked_mul(np)).filter(|&c| c <= MAX_CELLS);
    let cells = cells.ok_or_else(|| DecodeError::Invalid(format!("{na} areas x {no} offences x {np} periods is too many cells")))?;
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

    let mut r = Reader::new(body(5), "presence");
    let mut present = vec![false; cells];
    let mut nseries = 0usize;
    for a in 0..na {
        for o in 0..no {
            if areas[a].kind.is_aggregate() || offences[o].derived {
                continue;
            }
            let runs = r.varint()?;
            if runs > np as u64 {
                return Err(r.err(&format!("area {a} offence {o}: {runs} runs for {np} periods")));
            }
            let mut end = 0u64;
            for _ in 0..runs {
                let start = end.checked_add(r.varint()?);
                let len = r.varint()?;
                let stop = start.and_then(|s| s.checked_add(len)).filter(|&s| s <= np as u64 && len > 0);
                let (start, stop) = match (start, stop) {
                    (Some(s), Some(e)) => (s, e),
                    _ => return Err(r.err(&format!("area {a} offence {o}: run outside the periods"))),
                };
                for p in start..stop {
                    present[(a * no + o) * np + p as usize] = true;
                }
                end = stop;
            }
            if runs > 0 {
                nseries += 1;
            }
        }
    }
    r.finish()?;

    let vbody = body(6);
    let mut br = BitReader { buf: vbody, bit: 0 };
    if nseries * 5 > vbody.len() * 8 {
        return Err(br.err("too short for the series parameters"));
    }
    let mut ks = vec![0u32; na * no];
    for a in 0..na {
        for o in 0..no {
            if !areas[a].kind.is_aggregate()
                && !offences[o].derived
                && present[(a * no + o) * np..(a * no + o + 1) * np].iter().any(|&b| b)
            {
                ks[a * no + o] = br.get(5)? as u32;
            }
        }
    }
    let mut values = vec![None; cells];
    walk(&areas, &offences, np, &present, &mut values, |series, _p, pred| {
        let x = match pred {
            None => unzigzag(br.exp_golomb(FIRST_ORDER)?),
            Some(p) => p.wrapping_add(unzigzag(br.rice(ks[series])?)),
        };
        if x.unsigned_abs() > MAX_ABS_COUNT as u64 {
            return Err(br.err(&format!("value {x} out of range")));
        }
        Ok(x)
    })?;
    // Padding only: at most 7 bits may be left.
    if vbody.len() * 8 - br.bit >= 8 {
        return Err(br.err("unexpected trailing bytes"));
    }

    Ok(BaseData {
        areas,
        offences,
        periods,
        values,
        population_first_year: pop_first as u16,
        population_years: pop_years,
        population,
        source_note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn bit_codes_round_trip() {
        let vals = [0u64, 1, 2, 7, 100, 1 << 20, (1 << 50) + 3];
        for k in [0u32, 3, 9, 20] {
            let mut w = BitWriter::new();
            for &v in &vals {
                w.rice(v, k);
                w.exp_golomb(v, FIRST_ORDER);
            }
            let buf = w.finish();
            let mut r = BitReader { buf: &buf, bit: 0 };
            for &v in &vals {
                assert_eq!(r.rice(k).unwrap(), v);
                assert_eq!(r.exp_golomb(FIRST_ORDER).unwrap(), v);
            }
        }
        for v in [0i64, -1, 1, i64::MAX, i64::MIN + 1] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }
}
