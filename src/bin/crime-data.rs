//! `crime-data`: build, query and inspect crime-compare datasets.
//!
//! ```text
//! crime-data build --pfa <csv> --population <csv> --lookup <csv> [--open-data <csv>]... -o <file>
//! crime-data query --area <name|code> --offence <name> --period <YYYY-MM> [--measure count|rate] [--data <file>]
//! crime-data inspect <file>
//! crime-data render --area <a>[,<b>...] --offence <name> [--kind trend|ranking|change]
//!     [--measure count|rate|change] [--lang en|cy] [--theme light|dark] [--from YYYY-MM] [--to YYYY-MM]
//!     --width <px> --height <px> [--data <file>] -o chart.svg
//! ```
//!
//! Exit codes: 0 success, 1 failure (bad input file, no figure), 2 usage error or unknown name.
//! Argument parsing is hand-written to keep the dependency list short.

use crime_compare::codec;
use crime_compare::ingest::{self, Source, Sources};
use crime_compare::model::Dataset;
use crime_compare::period::YearMonth;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  crime-data build --pfa <csv> --population <csv> --lookup <csv> [--open-data <csv>]... -o <file>
  crime-data query --area <name|code> --offence <name> --period <YYYY-MM> [--measure count|rate] [--data <file>]
  crime-data inspect <file>
  crime-data render --area <a>[,<b>...] --offence <name> [--kind trend|ranking|change] [--measure count|rate|change]
                    [--lang en|cy] [--theme light|dark] [--from YYYY-MM] [--to YYYY-MM] --width <px> --height <px>
                    [--data <file>] -o <file.svg>";

/// A failure with its exit code: 2 for usage and unknown names, 1 for everything else.
struct Failure {
    code: u8,
    message: String,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { code: 2, message: format!("{}\n{USAGE}", message.into()) }
}

fn fail(message: impl Into<String>) -> Failure {
    Failure { code: 1, message: message.into() }
}

/// Parsed `--flag value` pairs; flags may repeat (`--open-data`).
struct Args {
    pairs: Vec<(String, String)>,
    positional: Vec<String>,
}

impl Args {
    fn parse(args: &[String], flags: &[&str]) -> Result<Args, Failure> {
        let mut pairs = Vec::new();
        let mut positional = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a.starts_with('-') && a.len() > 1 {
                if !flags.contains(&a.as_str()) {
                    return Err(usage(format!("unknown option {a}")));
                }
                let v = it.next().ok_or_else(|| usage(format!("{a} needs a value")))?;
                pairs.push((a.clone(), v.clone()));
            } else {
                positional.push(a.clone());
            }
        }
        Ok(Args { pairs, positional })
    }

    fn one(&self, flag: &str) -> Result<Option<&str>, Failure> {
        let mut found = self.pairs.iter().filter(|(f, _)| f == flag).map(|(_, v)| v.as_str());
        let first = found.next();
        if found.next().is_some() {
            return Err(usage(format!("{flag} given more than once")));
        }
        Ok(first)
    }

    fn required(&self, flag: &str) -> Result<&str, Failure> {
        self.one(flag)?.ok_or_else(|| usage(format!("missing {flag}")))
    }

    fn all(&self, flag: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(f, _)| f == flag).map(|(_, v)| v.as_str()).collect()
    }
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read {path}: {e}")))
}

fn build(args: &[String]) -> Result<(), Failure> {
    let a = Args::parse(args, &["--pfa", "--population", "--lookup", "--open-data", "-o", "--output", "--split-dir"])?;
    if !a.positional.is_empty() {
        return Err(usage(format!("unexpected argument {}", a.positional[0])));
    }
    let out = match (a.one("-o")?, a.one("--output")?) {
        (Some(o), None) | (None, Some(o)) => o,
        _ => return Err(usage("give the output file once, with -o")),
    };
    let (pfa, pop, lookup) = (a.required("--pfa")?, a.required("--population")?, a.required("--lookup")?);
    let texts = (read(pfa)?, read(pop)?, read(lookup)?);
    let open_paths = a.all("--open-data");
    let mut open_texts = Vec::new();
    for p in &open_paths {
        open_texts.push(read(p)?);
    }
    let sources = Sources {
        pfa: Source { name: pfa, text: &texts.0 },
        population: Source { name: pop, text: &texts.1 },
        lookup: Source { name: lookup, text: &texts.2 },
        open_data: open_paths.iter().zip(&open_texts).map(|(n, t)| Source { name: n, text: t }).collect(),
    };
    let ds = ingest::build(&sources).map_err(|e| fail(format!("build failed: {e}")))?;
    let bytes = ds.encode();
    if let Some(dir) = a.one("--split-dir")? {
        let n = write_split(Path::new(dir), &ds).map_err(|e| fail(format!("cannot write {dir}: {e}")))?;
        eprintln!("wrote {dir}: an index and {n} figures files");
    }
    write_atomically(Path::new(out), &bytes).map_err(|e| fail(format!("cannot write {out}: {e}")))?;
    eprintln!(
        "wrote {out}: {} bytes, {} areas, {} offences, {} periods",
        bytes.len(),
        ds.areas().len(),
        ds.offences().len(),
        ds.periods().len()
    );
    Ok(())
}

/// Writes to a temporary file beside the target, then renames it over the target, so a reader
/// never sees half a file and a failed write leaves the old file as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "dataset".into());
    let tmp: PathBuf = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes a split dataset into `dir`: the figures files first (content-addressed, so new names
/// never overwrite what an old index names), then the index atomically, then removes figures
/// files the new index does not name. A reader never sees an index naming a missing file.
fn write_split(dir: &Path, ds: &Dataset) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let files = ds.encode_split();
    for f in &files[1..] {
        write_atomically(&dir.join(&f.name), &f.bytes)?;
    }
    write_atomically(&dir.join(&files[0].name), &files[0].bytes)?;
    let keep: std::collections::HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
    for e in std::fs::read_dir(dir)? {
        let name = e?.file_name().to_string_lossy().into_owned();
        if name.starts_with('o') && name.ends_with(".ccd") && !keep.contains(name.as_str()) {
            std::fs::remove_file(dir.join(&name))?;
        }
    }
    Ok(files.len() - 1)
}

fn load(data: Option<&str>) -> Result<Dataset, Failure> {
    if let Some(dir) = data.filter(|d| Path::new(d).is_dir()) {
        let index = std::fs::read(Path::new(dir).join(crime_compare::codec::INDEX_NAME)).map_err(|e| fail(format!("cannot read {dir}/{}: {e}", crime_compare::codec::INDEX_NAME)))?;
        return Dataset::decode_with(&index, |name| {
            std::fs::read(Path::new(dir).join(name)).map_err(|e| crime_compare::model::DecodeError::Invalid(format!("cannot read {dir}/{name}: {e}")))
        })
        .map_err(|e| fail(format!("{dir}: dataset is invalid: {e}")));
    }
    match data {
        None => Dataset::bundled().map_err(|e| fail(format!("the bundled dataset is unreadable: {e}"))),
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| fail(format!("cannot read {p}: {e}")))?;
            Dataset::decode(&bytes).map_err(|e| fail(format!("{p}: {e}")))
        }
    }
}

fn query(args: &[String]) -> Result<(), Failure> {
    let a = Args::parse(args, &["--area", "--offence", "--period", "--measure", "--data"])?;
    if !a.positional.is_empty() {
        return Err(usage(format!("unexpected argument {}", a.positional[0])));
    }
    let measure = a.one("--measure")?.unwrap_or("count");
    if measure != "count" && measure != "rate" {
        return Err(usage(format!("--measure must be count or rate, not '{measure}'")));
    }
    let period = YearMonth::parse(a.required("--period")?).map_err(|e| usage(e.to_string()))?;
    let (area_q, off_q) = (a.required("--area")?, a.required("--offence")?);
    let ds = load(a.one("--data")?)?;
    let area = ds.find_area(area_q).map_err(|e| Failure { code: 2, message: e.to_string() })?;
    let offence = ds.find_offence(off_q).map_err(|e| Failure { code: 2, message: e.to_string() })?;
    let p = ds.period_index(period).ok_or_else(|| {
        let range = match (ds.periods().first(), ds.periods().last()) {
            (Some(f), Some(l)) => format!("the dataset covers {f} to {l}"),
            _ => "the dataset has no periods".to_string(),
        };
        Failure { code: 2, message: format!("No figures for the 12 months ending {period}: {range}.") }
    })?;
    let name = &ds.areas()[area].name;
    let oname = &ds.offences()[offence].name;
    let figure = match measure {
        "count" => ds.count(area, offence, p).map(|c| c.to_string()),
        _ => ds.rate_per_1000(area, offence, p).map(|r| format!("{r:.2}")),
    };
    match figure {
        Some(f) => {
            println!("{f}");
            Ok(())
        }
        None => {
            println!("unavailable");
            let why = if measure == "rate" && ds.count(area, offence, p).is_some() {
                format!("no population for {name} at mid-{}", period.population_mid_year())
            } else {
                format!("the source has no figure for {oname} in {name} for the 12 months ending {period}")
            };
            Err(fail(why))
        }
    }
}

fn inspect(args: &[String]) -> Result<(), Failure> {
    let a = Args::parse(args, &[])?;
    let path = match a.positional.as_slice() {
        [p] => p,
        _ => return Err(usage("inspect takes one file")),
    };
    let is_dir = Path::new(path).is_dir();
    let index_path = if is_dir { format!("{path}/{}", codec::INDEX_NAME) } else { path.to_string() };
    let bytes = std::fs::read(&index_path).map_err(|e| fail(format!("cannot read {index_path}: {e}")))?;
    let start = Instant::now();
    let ds = if is_dir { load(Some(path))? } else { Dataset::decode(&bytes).map_err(|e| fail(format!("{path}: {e}")))? };
    let elapsed = start.elapsed();
    let sizes = codec::section_sizes(&bytes).map_err(|e| fail(format!("{path}: {e}")))?;
    // Collected and written once, ignoring a closed pipe (`crime-data inspect f | head`).
    let mut out = String::new();
    macro_rules! o {
        ($($t:tt)*) => {{
            out.push_str(&format!($($t)*));
            out.push('\n');
        }};
    }
    o!("{path}: {} bytes, decoded and derived in {:.2} ms", bytes.len(), elapsed.as_secs_f64() * 1000.0);
    o!("source: {}", ds.source_note());
    for (i, r) in ds.releases().iter().enumerate() {
        o!("release {i}: {r}");
    }
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for area in ds.areas() {
        let k = format!("{:?}", area.kind);
        match kinds.iter_mut().find(|(n, _)| *n == k) {
            Some(e) => e.1 += 1,
            None => kinds.push((k, 1)),
        }
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    o!("areas: {} ({})", ds.areas().len(), kinds.join(", "));
    let derived = ds.offences().iter().filter(|o| o.derived).count();
    o!("offences: {} ({} from the source, {} derived group totals)", ds.offences().len(), ds.offences().len() - derived, derived);
    match (ds.periods().first(), ds.periods().last()) {
        (Some(f), Some(l)) => o!("periods: {} ({f} to {l})", ds.periods().len()),
        _ => o!("periods: 0"),
    }
    if let Some((f, l)) = ds.population_years() {
        o!("population: mid-{f} to mid-{l}");
    }
    let base = ds.to_base();
    let figures = base.values.iter().filter(|v| v.is_some()).count();
    o!("stored figures: {figures}");
    o!("bytes by section:");
    for (name, n) in &sizes {
        o!("  {name:<11} {n:>7}");
    }
    use std::io::Write;
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(())
}

/// Draws the chart the widget would draw, to SVG: the same state, view, layout and drawing code.
fn render(args: &[String]) -> Result<(), Failure> {
    use crime_compare::view::{self, WidgetState};
    let a = Args::parse(
        args,
        &["--area", "--offence", "--kind", "--measure", "--lang", "--theme", "--from", "--to", "--width", "--height", "--data", "-o", "--output"],
    )?;
    if !a.positional.is_empty() {
        return Err(usage(format!("unexpected argument {}", a.positional[0])));
    }
    let size = |flag: &str| -> Result<f64, Failure> {
        let v = a.required(flag)?;
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && (120.0..=8192.0).contains(&n) => Ok(n),
            _ => Err(usage(format!("{flag} must be a number of pixels from 120 to 8192, not '{v}'"))),
        }
    };
    let (width, height) = (size("--width")?, size("--height")?);
    let output = match (a.one("-o")?, a.one("--output")?) {
        (Some(o), None) | (None, Some(o)) => o,
        _ => return Err(usage("give the output file once, with -o")),
    };
    let mut state = WidgetState::default();
    let areas = a.required("--area")?;
    let mut names = areas.splitn(2, ',');
    state.set("area", names.next().unwrap_or_default()).map_err(usage)?;
    state.set("compare", names.next().unwrap_or_default()).map_err(usage)?;
    state.set("offence", a.required("--offence")?).map_err(usage)?;
    for flag in ["kind", "measure", "lang", "theme", "from", "to"] {
        if let Some(v) = a.one(&format!("--{flag}"))? {
            state.set(flag, v).map_err(usage)?;
        }
    }
    let dark = a.one("--theme")? == Some("dark");
    let ds = load(a.one("--data")?)?;
    let v = view::build(&ds, None, &state, width, height, dark);
    if !v.messages.is_empty() {
        return Err(Failure { code: 2, message: v.messages.join("\n") });
    }
    let mut input = v.input;
    input.titles = true;
    let svg = crime_compare::chart::render_svg(&input).map_err(|e| fail(e.to_string()))?;
    write_atomically(Path::new(output), svg.as_bytes()).map_err(|e| fail(format!("cannot write {output}: {e}")))?;
    Ok(())
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => return Err(usage("no command given")),
    };
    match cmd {
        "build" => build(rest),
        "query" => query(rest),
        "inspect" => inspect(rest),
        "render" => render(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(usage(format!("unknown command '{other}'"))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("crime-data: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}
