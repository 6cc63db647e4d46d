//! The data model: areas, offences, rolling periods, counts and populations.
//!
//! A [`Dataset`] holds only *base* figures as published (force counts, force populations) plus
//! everything derived from them. Derivation happens in one place, [`Dataset::from_base`], which
//! both the CSV ingest and the binary decoder call, so a bundled dataset and a freshly built one
//! cannot disagree about how a total is made.
//!
//! Derivation rules (also in `data/PROVENANCE.md`):
//!
//! * **Offence groups** (`Offence::derived == true`) are sums of their child offences, computed
//!   bottom-up (Burglary before Theft offences before Victim-based crime ...). A part that the
//!   source does not publish *at all* in a period (no area has a figure, e.g. Residential
//!   burglary before December 2014) contributes nothing. A part that is published for some areas
//!   but missing for this one makes the group total missing: we never fill a gap.
//! * **Area totals** (regions, England, Wales, England and Wales) are sums of their child areas
//!   (forces, then regions/countries). If any child is missing, the sum is missing. Only the 43
//!   territorial forces are children of a region or Wales, so British Transport Police and the
//!   fraud bodies are in no total.
//! * **Populations** of areas with children of the aggregate kinds are sums of the children;
//!   missing if any child is missing.

use crate::geo::Geometry;
use crate::i18n::Lang;
use crate::period::YearMonth;
use std::fmt;
use std::sync::OnceLock;

pub type AreaId = usize;
pub type OffenceId = usize;

/// What sort of area a row is. The order of variants is also the order aggregates are derived in
/// reverse: regions before countries before the national total.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum AreaKind {
    /// England and Wales.
    National,
    /// England, Wales.
    Country,
    /// The nine English regions.
    Region,
    /// The 43 territorial police forces.
    Force,
    /// British Transport Police: a real force, but not territorial, so in no total.
    OtherForce,
    /// Action Fraud, CIFAS, UK Finance: national fraud reporting bodies, in no total.
    FraudBody,
    /// Community safety partnership, from Home Office open data; parent is its force.
    Csp,
}

impl AreaKind {
    /// Aggregate kinds get their figures by summing their children; the rest hold source figures.
    pub fn is_aggregate(self) -> bool {
        matches!(self, AreaKind::National | AreaKind::Country | AreaKind::Region)
    }

    /// Derivation order for aggregates: children (lower rank) first.
    fn aggregate_rank(self) -> u8 {
        match self {
            AreaKind::Region => 0,
            AreaKind::Country => 1,
            AreaKind::National => 2,
            _ => 3,
        }
    }

    pub(crate) fn to_u8(self) -> u8 {
        match self {
            AreaKind::National => 0,
            AreaKind::Country => 1,
            AreaKind::Region => 2,
            AreaKind::Force => 3,
            AreaKind::OtherForce => 4,
            AreaKind::FraudBody => 5,
            AreaKind::Csp => 6,
        }
    }

    pub(crate) fn from_u8(v: u8) -> Option<AreaKind> {
        Some(match v {
            0 => AreaKind::National,
            1 => AreaKind::Country,
            2 => AreaKind::Region,
            3 => AreaKind::Force,
            4 => AreaKind::OtherForce,
            5 => AreaKind::FraudBody,
            6 => AreaKind::Csp,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    /// ONS GSS code (E23000001 ...), or a project-local code starting `CC-` where none exists.
    pub code: String,
    /// English name, as in the crime source.
    pub name: String,
    /// Welsh name from `crate::i18n::area_name_cy`; filled in by `Dataset::from_base`.
    pub name_cy: Option<String>,
    pub kind: AreaKind,
    pub parent: Option<AreaId>,
}

impl Area {
    /// The name in `lang`, falling back to English where no Welsh name is recorded.
    pub fn display_name(&self, lang: Lang) -> &str {
        match (lang, &self.name_cy) {
            (Lang::Cy, Some(cy)) => cy,
            _ => &self.name,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offence {
    /// Stable slug of the English name, e.g. "sexual-offences"; see [`slug`].
    pub key: String,
    /// English name, as in the source (group totals use the ONS group names).
    pub name: String,
    pub parent: Option<OffenceId>,
    /// True for totals (groups and subgroups) summed from their parts by the ingest.
    pub derived: bool,
    /// The Home Office offence code ("8L") for an offence that is one code.
    pub code: Option<String>,
}

impl Offence {
    pub fn new(name: &str, parent: Option<OffenceId>, derived: bool) -> Offence {
        Offence { key: slug(name), name: name.to_string(), parent, derived, code: None }
    }

    pub fn with_code(mut self, code: Option<String>) -> Offence {
        self.code = code;
        self
    }
}

/// One published release that figures come from ("Home Office police recorded crime open
/// data tables, police force area, 19 October 2023").
pub type Release = String;

/// Lower-case ASCII words joined by '-': "Criminal damage and arson" -> "criminal-damage-and-arson".
/// Keys are derived from names rather than stored, so they cannot drift apart.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Why a dataset could not be decoded or assembled. Every variant says what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a crime-compare dataset at all.
    BadMagic,
    UnsupportedVersion(u16),
    /// The header's payload length does not match the bytes present.
    Truncated { expected: u64, found: u64 },
    ChecksumMismatch { stored: u32, computed: u32 },
    /// A structural problem, naming the section and field.
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadMagic => write!(f, "not a crime-compare dataset (bad magic bytes)"),
            DecodeError::UnsupportedVersion(v) => write!(f, "dataset format version {v} is not supported by this build"),
            DecodeError::Truncated { expected, found } => {
                write!(f, "dataset is truncated or padded: header says {expected} payload bytes, found {found}")
            }
            DecodeError::ChecksumMismatch { stored, computed } => {
                write!(f, "dataset is corrupt: checksum {computed:08x} does not match stored {stored:08x}")
            }
            DecodeError::Invalid(msg) => write!(f, "dataset is invalid: {msg}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A name that matched nothing, with the nearest names to offer instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFound {
    pub query: String,
    /// Nearest names, best first, at most 3, by edit distance over normalised names.
    pub suggestions: Vec<String>,
    /// "area" or "offence", for the message.
    pub what: &'static str,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "No {} called '{}'.", self.what, self.query)?;
        match self.suggestions.as_slice() {
            [] => Ok(()),
            [one] => write!(f, " Did you mean {one}?"),
            [init @ .., last] => write!(f, " Did you mean {} or {last}?", init.join(", ")),
        }
    }
}

impl std::error::Error for NotFound {}

/// Why figures on either side of a point in a series cannot be compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BreakReason {
    /// What the offence counts changed: offence codes were added, removed or moved between
    /// categories (e.g. the 2017 burglary reclassification).
    Reclassified,
    /// The figures on either side come from different releases that disagree where they meet
    /// (the join of the 2003-2018 rolling file and the Home Office quarterly tables).
    NewRelease,
    /// The body recording the offence changed (fraud moving from forces to Action Fraud).
    RecordingBody,
}

impl BreakReason {
    pub(crate) fn to_u8(self) -> u8 {
        match self {
            BreakReason::Reclassified => 0,
            BreakReason::NewRelease => 1,
            BreakReason::RecordingBody => 2,
        }
    }

    pub(crate) fn from_u8(v: u8) -> Option<BreakReason> {
        Some(match v {
            0 => BreakReason::Reclassified,
            1 => BreakReason::NewRelease,
            2 => BreakReason::RecordingBody,
            _ => return None,
        })
    }
}

/// A break in one area's series of one offence: the figure at `period` (an index into
/// `Dataset::periods`) and every later one are not comparable with figures before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeriesBreak {
    pub period: usize,
    pub reason: BreakReason,
}

/// A break as stored: for `area` = `None` it holds for every area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredBreak {
    pub offence: OffenceId,
    pub area: Option<AreaId>,
    pub period: usize,
    pub reason: BreakReason,
}

/// Everything a dataset is made from: what the ingest produces and what the codec stores.
/// Cells of aggregate areas and derived offences are ignored here; `from_base` computes them.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseData {
    pub areas: Vec<Area>,
    pub offences: Vec<Offence>,
    pub periods: Vec<YearMonth>,
    /// `[area][offence][period]`, row-major. Only base cells are read.
    pub values: Vec<Option<i64>>,
    /// First mid-year of the population table (e.g. 2011).
    pub population_first_year: u16,
    pub population_years: usize,
    /// `[area][year]`. Only non-aggregate areas are read.
    pub population: Vec<Option<u64>>,
    pub source_note: String,
    /// The releases figures come from.
    pub releases: Vec<Release>,
    /// Per period, a bit per release (bit i = `releases[i]`) that its figures come from.
    pub period_releases: Vec<u32>,
    /// Series breaks, sorted by (offence, period). Breaks of a base area hold for every
    /// aggregate that sums it.
    pub breaks: Vec<StoredBreak>,
    /// The force area boundaries, if the dataset has them (see `geo`).
    pub geometry: Option<Geometry>,
}

/// The sum of some counts; missing if any is missing (or on overflow).
fn sum(parts: impl Iterator<Item = i64>) -> i64 {
    let mut s = Some(0i64);
    for v in parts {
        s = if v == MISSING { None } else { s.and_then(|s| s.checked_add(v)) };
    }
    s.unwrap_or(MISSING)
}

/// Largest magnitude a count may have: keeps sums of a few hundred cells far from overflow and
/// leaves `i64::MIN` free as the in-memory "missing" marker.
pub const MAX_ABS_COUNT: i64 = 1 << 48;
const MISSING: i64 = i64::MIN;
const MISSING_POP: u64 = u64::MAX;
/// Populations above this are rejected (the world has about 2^33 people).
pub const MAX_POPULATION: u64 = 1 << 40;

#[derive(Clone, Debug)]
pub struct Dataset {
    areas: Vec<Area>,
    offences: Vec<Offence>,
    periods: Vec<YearMonth>,
    /// Per offence, `[area][period]`, `MISSING` for no figure (i64 rather than `Option<i64>`
    /// halves the memory in the wasm build). Made on first use: an offence's figures are
    /// decoded, and its area sums derived, only when something asks for them.
    tables: Vec<OnceLock<Vec<i64>>>,
    /// Where each offence's figures come from until its table is made.
    sources: Vec<FigureSource>,
    pop_first_year: u16,
    pop_years: usize,
    population: Vec<u64>,
    source_note: String,
    releases: Vec<Release>,
    period_releases: Vec<u32>,
    breaks: Vec<StoredBreak>,
    /// The force area boundaries: set when the dataset was made with them (inline), or when
    /// [`Dataset::supply_geometry`] gives the file `geometry_file` names.
    geometry: OnceLock<Geometry>,
    /// A split dataset's geometry file: name, length, CRC-32.
    geometry_file: Option<(String, usize, u32)>,
}

/// Where an offence's figures come from until they are decoded.
#[derive(Clone, Debug)]
enum FigureSource {
    /// Filled in when the dataset was made (built from sources, or decoded whole).
    Made,
    /// Coded figures in memory, decoded on first use.
    Coded(Vec<u8>),
    /// A file beside the index, to be fetched and given to [`Dataset::supply`].
    File { name: String, len: usize, crc: u32 },
}

/// The dataset the native tools and tests use by default: `data/crime-compare.bin`, the same
/// figures as the split files under `pkg/data/` that the widget fetches. The wasm embeds none.
#[cfg(not(target_arch = "wasm32"))]
static BUNDLED: &[u8] = include_bytes!("../data/crime-compare.bin");

impl Dataset {
    /// The dataset built into the native library (`data/crime-compare.bin`).
    /// Its structure is checked now; each offence's figures are decoded when first asked for
    /// (the tests decode every one against the sources).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Result<Dataset, DecodeError> {
        Dataset::from_index(BUNDLED)
    }

    /// The wasm build embeds no figures: the widget fetches them (see `web::data`).
    #[cfg(target_arch = "wasm32")]
    pub fn bundled() -> Result<Dataset, DecodeError> {
        Err(DecodeError::Invalid("the wasm build has no bundled dataset: load one with Dataset::from_index".into()))
    }

    /// A dataset from its index (or a self-contained file): structure checked now, figures
    /// decoded on first use. Figures in files of their own are missing until [`Dataset::supply`]
    /// gives them; [`Dataset::figures_file`] names the file an offence needs.
    pub fn from_index(bytes: &[u8]) -> Result<Dataset, DecodeError> {
        let (base, chunks, geometry) = crate::codec::decode_index(bytes)?;
        let mut ds = Dataset::from_base_unfilled(base)?;
        if let Some(crate::codec::Chunk::File { name, len, crc }) = geometry {
            ds.geometry_file = Some((name, len, crc));
        }
        ds.sources = chunks
            .into_iter()
            .map(|c| match c {
                crate::codec::Chunk::Inline(b) => FigureSource::Coded(b.to_vec()),
                crate::codec::Chunk::File { name, len, crc } => FigureSource::File { name, len, crc },
            })
            .collect();
        Ok(ds)
    }

    /// The file offence `o`'s figures are in, while they have not been supplied.
    pub fn figures_file(&self, o: OffenceId) -> Option<&str> {
        match self.sources.get(o)? {
            FigureSource::File { name, .. } if self.tables[o].get().is_none() => Some(name),
            _ => None,
        }
    }

    /// Gives offence `o` the bytes of its figures file: checked against the index (length and
    /// CRC-32), decoded, and its area sums derived. Nothing changes on error.
    pub fn supply(&self, o: OffenceId, bytes: &[u8]) -> Result<(), DecodeError> {
        let Some(FigureSource::File { name, len, crc }) = self.sources.get(o) else {
            return Err(DecodeError::Invalid(format!("offence {o} has no figures file")));
        };
        crate::codec::Chunk::File { name: name.clone(), len: *len, crc: *crc }.check(bytes)?;
        let t = self.raw_table(o, bytes)?;
        let _ = self.tables[o].set(self.make(o, t));
        Ok(())
    }

    /// The force area boundaries, when the dataset has them: built in, or supplied.
    pub fn geometry(&self) -> Option<&Geometry> {
        self.geometry.get()
    }

    /// A split dataset's geometry file, to fetch and give to [`Dataset::supply_geometry`], while
    /// it has not been supplied. `None` for a dataset with the geometry inline or without any.
    pub fn geometry_file(&self) -> Option<&str> {
        match &self.geometry_file {
            Some((name, _, _)) if self.geometry.get().is_none() => Some(name),
            _ => None,
        }
    }

    /// Gives the dataset the bytes of its geometry file: checked against the index (length and
    /// CRC-32) and decoded. Nothing changes on error; supplying it again is harmless.
    pub fn supply_geometry(&self, bytes: &[u8]) -> Result<(), DecodeError> {
        let Some((name, len, crc)) = &self.geometry_file else {
            return Err(DecodeError::Invalid("this dataset has no geometry file".into()));
        };
        crate::codec::Chunk::File { name: name.clone(), len: *len, crc: *crc }.check(bytes)?;
        let g = crate::codec::decode_geometry(bytes)?;
        let _ = self.geometry.set(g);
        Ok(())
    }

    /// The same dataset with these boundaries (replacing any it had).
    pub fn with_geometry(mut self, g: Geometry) -> Dataset {
        self.geometry = OnceLock::from(g);
        self.geometry_file = None;
        self
    }

    /// True when offence `o`'s figures are available (made, in memory, or supplied).
    pub fn has_figures(&self, o: OffenceId) -> bool {
        o < self.offences.len() && (self.tables[o].get().is_some() || !matches!(self.sources[o], FigureSource::File { .. }))
    }

    /// Decodes coded figures into a table of base cells, `MISSING` elsewhere.
    fn raw_table(&self, _o: usize, bytes: &[u8]) -> Result<Vec<i64>, DecodeError> {
        let cells = self.areas.len() * self.periods.len();
        let base = crate::codec::decode_chunk(&self.areas, &self.periods, bytes)?;
        let mut raw = vec![MISSING; cells];
        for (i, v) in base.into_iter().enumerate().take(cells) {
            if let Some(x) = v.filter(|_| !self.areas[i / self.periods.len()].kind.is_aggregate()) {
                if x.unsigned_abs() <= MAX_ABS_COUNT as u64 {
                    raw[i] = x;
                }
            }
        }
        Ok(raw)
    }

    /// Decodes and checks every figure.
    pub fn decode(bytes: &[u8]) -> Result<Dataset, DecodeError> {
        crate::codec::decode(bytes).and_then(Dataset::from_base)
    }

    /// Decodes and checks every figure of a split dataset: its index, and `file(name)` for each
    /// figures file the index names.
    pub fn decode_with(index: &[u8], file: impl FnMut(&str) -> Result<Vec<u8>, DecodeError>) -> Result<Dataset, DecodeError> {
        crate::codec::decode_with(index, file).and_then(Dataset::from_base)
    }

    /// The dataset as files: an index and a file of figures per offence (see `codec`).
    pub fn encode_split(&self) -> Vec<crate::codec::DataFile> {
        crate::codec::encode_files(&self.to_base(), crate::codec::Layout::Split)
    }

    /// The releases figures come from.
    pub fn releases(&self) -> &[Release] {
        &self.releases
    }

    /// The releases period `p`'s figures come from.
    pub fn period_releases(&self, p: usize) -> Vec<&str> {
        let mask = self.period_releases.get(p).copied().unwrap_or(0);
        self.releases.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, r)| r.as_str()).collect()
    }

    /// The releases any of periods `from..=to` come from, in release order.
    pub fn releases_between(&self, from: usize, to: usize) -> Vec<&str> {
        let mut mask = 0u32;
        for p in from..=to.min(self.periods.len().saturating_sub(1)) {
            mask |= self.period_releases.get(p).copied().unwrap_or(0);
        }
        self.releases.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, r)| r.as_str()).collect()
    }

    pub fn encode(&self) -> Vec<u8> {
        crate::codec::encode(&self.to_base())
    }

    /// Validates the structure and derives every aggregate. The single derivation path.
    pub fn from_base(mut base: BaseData) -> Result<Dataset, DecodeError> {
        let (na, no, np) = (base.areas.len(), base.offences.len(), base.periods.len());
        let cells = na.checked_mul(no).and_then(|x| x.checked_mul(np));
        if cells != Some(base.values.len()) {
            return Err(DecodeError::Invalid(format!("values: expected {na}x{no}x{np} cells, found {}", base.values.len())));
        }
        let values = std::mem::take(&mut base.values);
        let mut raw = vec![Vec::new(); no];
        for (i, v) in values.iter().enumerate() {
            if let Some(x) = v {
                if x.unsigned_abs() > MAX_ABS_COUNT as u64 {
                    return Err(DecodeError::Invalid(format!("value at cell {i} ({x}) is out of range")));
                }
            }
        }
        let ds = Dataset::from_base_unfilled(base)?;
        // Base cells per offence, `[area][period]`.
        for (o, t) in raw.iter_mut().enumerate() {
            *t = (0..ds.areas.len() * np)
                .map(|i| match values[((i / np) * no + o) * np + i % np] {
                    Some(x) if ds.is_base_cell(i / np, o) => x,
                    _ => MISSING,
                })
                .collect();
        }
        for (o, t) in raw.into_iter().enumerate() {
            let t = ds.make(o, t);
            let _ = ds.tables[o].set(t);
        }
        Ok(ds)
    }

    /// Validates the structure and takes the populations; the tables are left to be made.
    fn from_base_unfilled(base: BaseData) -> Result<Dataset, DecodeError> {
        let bad = |m: String| Err(DecodeError::Invalid(m));
        let na = base.areas.len();
        if na.checked_mul(base.population_years) != Some(base.population.len()) {
            return bad(format!("population: expected {na}x{} cells, found {}", base.population_years, base.population.len()));
        }
        if base.population_years > 0 && base.population_first_year as usize + base.population_years > u16::MAX as usize {
            return bad("population: year range overflows".into());
        }
        for w in base.periods.windows(2) {
            if w[0] >= w[1] {
                return bad(format!("periods: {} is not after {}", w[1], w[0]));
            }
        }
        // Parent chains must end: a chain longer than the number of nodes is a cycle.
        let area_parents: Vec<Option<usize>> = base.areas.iter().map(|a| a.parent).collect();
        if let Some((i, problem)) = broken_parent_chain(&area_parents) {
            return bad(format!("area {i} ({}): {problem}", base.areas[i].code));
        }
        let offence_parents: Vec<Option<usize>> = base.offences.iter().map(|o| o.parent).collect();
        if let Some((i, problem)) = broken_parent_chain(&offence_parents) {
            return bad(format!("offence {i} ({}): {problem}", base.offences[i].name));
        }
        let mut population = Vec::with_capacity(base.population.len());
        for v in &base.population {
            match v {
                Some(x) if *x > MAX_POPULATION => return bad(format!("population {x} is out of range")),
                Some(x) => population.push(*x),
                None => population.push(MISSING_POP),
            }
        }
        let mut areas = base.areas;
        for a in &mut areas {
            a.name_cy = crate::i18n::area_name_cy(&a.code).map(str::to_string);
        }
        let mut offences = base.offences;
        for o in &mut offences {
            o.key = slug(&o.name);
        }
        let mut ds = Dataset {
            areas,
            tables: (0..offences.len()).map(|_| OnceLock::new()).collect(),
            sources: vec![FigureSource::Made; offences.len()],
            offences,
            periods: base.periods,
            pop_first_year: base.population_first_year,
            pop_years: base.population_years,
            population,
            source_note: base.source_note,
            releases: base.releases,
            period_releases: base.period_releases,
            breaks: base.breaks,
            geometry: base.geometry.map(OnceLock::from).unwrap_or_default(),
            geometry_file: None,
        };
        ds.derive();
        Ok(ds)
    }

    /// The base data this dataset was made from (aggregate cells blanked).
    pub fn to_base(&self) -> BaseData {
        let (na, no, np) = (self.areas.len(), self.offences.len(), self.periods.len());
        let mut values: Vec<Option<i64>> = (0..na * no * np).map(|i| self.count(i / (no * np), i / np % no, i % np)).collect();
        let mut population: Vec<Option<u64>> = self.population.iter().map(|&v| (v != MISSING_POP).then_some(v)).collect();
        for a in 0..na {
            for o in 0..no {
                if self.is_base_cell(a, o) {
                    continue;
                }
                for p in 0..np {
                    values[(a * no + o) * np + p] = None;
                }
            }
            if self.areas[a].kind.is_aggregate() {
                for y in 0..self.pop_years {
                    population[a * self.pop_years + y] = None;
                }
            }
        }
        let mut areas = self.areas.clone();
        for a in &mut areas {
            a.name_cy = None;
        }
        BaseData {
            areas,
            offences: self.offences.clone(),
            periods: self.periods.clone(),
            values,
            population_first_year: self.pop_first_year,
            population_years: self.pop_years,
            population,
            source_note: self.source_note.clone(),
            releases: self.releases.clone(),
            period_releases: self.period_releases.clone(),
            breaks: self.breaks.clone(),
            geometry: self.geometry.get().cloned(),
        }
    }

    /// True where the figure comes from the source rather than a sum.
    pub fn is_base_cell(&self, area: AreaId, _offence: OffenceId) -> bool {
        !self.areas[area].kind.is_aggregate()
    }

    /// One offence's table, made on first use; `None` while its figures file is not supplied.
    fn table(&self, o: usize) -> Option<&[i64]> {
        if let Some(t) = self.tables.get(o)?.get() {
            return Some(t);
        }
        match &self.sources[o] {
            FigureSource::Coded(bytes) => Some(self.tables[o].get_or_init(|| {
                // The bundled file is checked by the tests; should a stream fail, its figures are missing.
                let cells = self.areas.len() * self.periods.len();
                let raw = self.raw_table(o, bytes).unwrap_or_else(|_| vec![MISSING; cells]);
                self.make(o, raw)
            })),
            _ => None,
        }
    }

    /// Derives one offence's area sums from its base cells (`MISSING` elsewhere): regions
    /// before countries before the nation. See the module documentation for the rules.
    fn make(&self, _o: usize, mut t: Vec<i64>) -> Vec<i64> {
        let (na, np) = (self.areas.len(), self.periods.len());
        let mut aggs: Vec<usize> = (0..na).filter(|&a| self.areas[a].kind.is_aggregate()).collect();
        crate::util::sort_by_key(&mut aggs, |&a| self.areas[a].kind.aggregate_rank());
        for &g in &aggs {
            let kids = self.children(g);
            if kids.is_empty() {
                continue;
            }
            for p in 0..np {
                t[g * np + p] = sum(kids.iter().map(|&k| t[k * np + p]));
            }
        }
        t
    }

    /// Computes aggregate populations. See the module documentation for the rules.
    fn derive(&mut self) {
        let na = self.areas.len();
        let mut aggs: Vec<usize> = (0..na).filter(|&a| self.areas[a].kind.is_aggregate()).collect();
        crate::util::sort_by_key(&mut aggs, |&a| self.areas[a].kind.aggregate_rank());
        for &g in &aggs {
            let kids = self.children(g);
            if kids.is_empty() {
                continue;
            }
            for y in 0..self.pop_years {
                let mut sum = Some(0u64);
                for &k in &kids {
                    let v = self.population[k * self.pop_years + y];
                    sum = if v == MISSING_POP { None } else { sum.and_then(|s| s.checked_add(v)) };
                }
                self.population[g * self.pop_years + y] = sum.unwrap_or(MISSING_POP);
            }
        }
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    pub fn offences(&self) -> &[Offence] {
        &self.offences
    }

    pub fn periods(&self) -> &[YearMonth] {
        &self.periods
    }

    pub fn period_index(&self, p: YearMonth) -> Option<usize> {
        self.periods.binary_search(&p).ok()
    }

    /// The count for one cell; `None` where the source has no figure or a sum has a missing part.
    pub fn count(&self, area: AreaId, offence: OffenceId, period: usize) -> Option<i64> {
        if area >= self.areas.len() || offence >= self.offences.len() || period >= self.periods.len() {
            return None;
        }
        let v = *self.table(offence)?.get(area * self.periods.len() + period)?;
        (v != MISSING).then_some(v)
    }

    /// One entry per period.
    pub fn counts(&self, area: AreaId, offence: OffenceId) -> Vec<Option<i64>> {
        (0..self.periods.len()).map(|p| self.count(area, offence, p)).collect()
    }

    /// ONS mid-year estimate (30 June of `mid_year`), summed over local authorities.
    pub fn population(&self, area: AreaId, mid_year: u16) -> Option<u64> {
        if area >= self.areas.len() || mid_year < self.pop_first_year {
            return None;
        }
        let y = (mid_year - self.pop_first_year) as usize;
        if y >= self.pop_years {
            return None;
        }
        let v = self.population[area * self.pop_years + y];
        (v != MISSING_POP).then_some(v)
    }

    /// Population for the 30 June inside the period (see `YearMonth::population_mid_year`).
    pub fn population_for_period(&self, area: AreaId, period: usize) -> Option<u64> {
        let p = self.periods.get(period)?;
        self.population(area, p.population_mid_year())
    }

    /// The mid-years with population figures, first and last inclusive, if any.
    pub fn population_years(&self) -> Option<(u16, u16)> {
        (self.pop_years > 0).then(|| (self.pop_first_year, self.pop_first_year + self.pop_years as u16 - 1))
    }

    /// Offences per 1,000 residents; `None` if either figure is missing or the population is 0.
    pub fn rate_per_1000(&self, area: AreaId, offence: OffenceId, period: usize) -> Option<f64> {
        let c = self.count(area, offence, period)?;
        let pop = self.population_for_period(area, period)?;
        if pop == 0 {
            return None;
        }
        Some(c as f64 / pop as f64 * 1000.0)
    }

    /// The areas to compare against: the parent chain, nearest first
    /// (force -> region or Wales -> England -> England and Wales).
    pub fn benchmarks(&self, area: AreaId) -> Vec<AreaId> {
        let mut out = Vec::new();
        let mut p = self.areas.get(area).and_then(|a| a.parent);
        while let Some(q) = p {
            // from_base guarantees chains end, but never loop forever on a bug.
            if out.contains(&q) || out.len() > self.areas.len() {
                break;
            }
            out.push(q);
            p = self.areas[q].parent;
        }
        out
    }

    pub fn children(&self, area: AreaId) -> Vec<AreaId> {
        (0..self.areas.len()).filter(|&a| self.areas[a].parent == Some(area)).collect()
    }

    /// The breaks in `area`'s series of `offence`, in period order. An aggregate area has every
    /// break of the areas it sums; a break stored for all areas holds for each.
    pub fn breaks(&self, area: AreaId, offence: OffenceId) -> Vec<SeriesBreak> {
        let mut members = vec![area];
        let mut i = 0;
        while i < members.len() && members.len() <= self.areas.len() {
            for k in self.children(members[i]) {
                if !members.contains(&k) {
                    members.push(k);
                }
            }
            i += 1;
        }
        let mut out: Vec<SeriesBreak> = Vec::new();
        for b in self.breaks.iter().filter(|b| b.offence == offence) {
            if b.area.map_or(true, |a| members.contains(&a)) && !out.iter().any(|o| o.period == b.period && o.reason == b.reason) {
                out.push(SeriesBreak { period: b.period, reason: b.reason });
            }
        }
        crate::util::sort_by_key(&mut out, |b| (b.period, b.reason.to_u8()));
        out
    }

    /// The first break in `(earlier, later]`: figures at `earlier` and `later` are comparable
    /// only when this is `None`.
    pub fn break_between(&self, area: AreaId, offence: OffenceId, earlier: usize, later: usize) -> Option<SeriesBreak> {
        let (lo, hi) = if earlier <= later { (earlier, later) } else { (later, earlier) };
        self.breaks(area, offence).into_iter().find(|b| b.period > lo && b.period <= hi)
    }

    /// What the figures are and when they were published; stored in the dataset.
    pub fn source_note(&self) -> &str {
        &self.source_note
    }

    pub fn find_area(&self, query: &str) -> Result<AreaId, NotFound> {
        crate::search::find_area(self, query)
    }

    pub fn find_offence(&self, query: &str) -> Result<OffenceId, NotFound> {
        crate::search::find_offence(self, query)
    }

    pub fn search_areas(&self, query: &str, lang: Lang, limit: usize) -> Vec<AreaId> {
        crate::search::search_areas(self, query, lang, limit)
    }
}

/// The first node whose parent chain leaves the table or loops, with what is wrong.
fn broken_parent_chain(parents: &[Option<usize>]) -> Option<(usize, String)> {
    for (i, first) in parents.iter().enumerate() {
        let (mut p, mut steps) = (*first, 0);
        while let Some(q) = p {
            if q >= parents.len() {
                return Some((i, format!("parent index {q} out of range")));
            }
            steps += 1;
            if steps > parents.len() {
                return Some((i, "parent chain loops".to_string()));
            }
            p = parents[q];
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Criminal damage and arson"), "criminal-damage-and-arson");
        assert_eq!(slug("Total recorded crime (excluding fraud)"), "total-recorded-crime-excluding-fraud");
    }
}
