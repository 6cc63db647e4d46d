//! `crime-data`: build, query, inspect and render crime-compare datasets.
//!
//! ```text
//! crime-data build --pfa <csv> --population <csv> --lookup <csv> [--open-data <ods|xlsx|csv>]... [--boundaries <shp>] [--split-dir <dir>] -o <file>
//! crime-data query --area <name|code> --offence <name|code> --period <YYYY-MM> [--measure count|rate] [--data <path>]
//! crime-data inspect [<file>] [--data <path>]
//! crime-data render --area <a>[,<b>...] --offence <name|code> [--kind trend|ranking|change|map]
//!     [--measure count|rate|change] [--lang en|cy] [--theme light|dark] [--from YYYY-MM] [--to YYYY-MM]
//!     [--period YYYY-MM] [--extent england-wales|wales|<English region>]
//!     --width <px> --height <px> [--data <path>] -o chart.svg
//! ```
//!
//! Arguments are parsed by clap: `--help` on every subcommand, `--version`, and clap's error
//! shape (`error: ...`, a usage line, exit code 2) for usage errors. Exit codes: 0 success,
//! 1 failure (a bad input file, no figure), 2 usage error or a name that matches nothing.
//!
//! The tool is native only. The wasm tests build every binary of the package for wasm32 too;
//! there it is an empty program, so neither clap nor the spreadsheet reader reaches that build.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Args, Parser, Subcommand, ValueEnum};
    use crime_compare::codec;
    use crime_compare::ingest::open_data::ReadProgress;
    use crime_compare::ingest::{self, BuildProgress, Source};
    use crime_compare::model::Dataset;
    use crime_compare::period::YearMonth;
    use std::io::{IsTerminal, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use std::time::Instant;

    #[derive(Parser)]
    #[command(
        name = "crime-data",
        version,
        about = "Build, query, inspect and render crime-compare datasets",
        long_about = "Build, query, inspect and render crime-compare datasets.\n\n\
            Exit codes: 0 success; 1 a bad input file or no figure; 2 a usage error or a name that matches nothing.",
        propagate_version = true,
        arg_required_else_help = true
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Build a dataset from the published tables (written atomically: on error the old file stays)
        Build(BuildArgs),
        /// Print one figure (a count or a rate per 1,000 people), or with no --period the whole
        /// series as period,value lines (value empty where there is no figure)
        Query(QueryArgs),
        /// Print the sentences the widget would show under the chart, one a line
        Narrate(NarrateArgs),
        /// Describe a dataset file: areas, offences, periods, bytes by section
        Inspect(InspectArgs),
        /// Draw the chart the widget would draw, as SVG
        Render(RenderArgs),
    }

    #[derive(Args)]
    struct BuildArgs {
        /// Police force area rolling 12-month totals (rec-crime-pfa.csv)
        #[arg(long, value_name = "CSV")]
        pfa: PathBuf,
        /// ONS mid-year population estimates, long form
        #[arg(long, value_name = "CSV")]
        population: PathBuf,
        /// ONS local authority -> community safety partnership -> police force area lookup
        #[arg(long, value_name = "CSV")]
        lookup: PathBuf,
        /// A Home Office police recorded crime open data table (quarterly, force or CSP level); repeatable
        #[arg(long = "open-data", value_name = "FILE")]
        open_data: Vec<PathBuf>,
        /// The dataset file to write
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// The police force area boundaries: an ONS shapefile (the .shp; its .shx and .dbf
        /// beside it), simplified and stored as the dataset's geometry
        #[arg(long, value_name = "SHP")]
        boundaries: Option<PathBuf>,
        /// Also write the dataset split for the widget into this folder: an index and one
        /// content-addressed figures file per offence (e.g. pkg/data)
        #[arg(long = "split-dir", value_name = "DIR")]
        split_dir: Option<PathBuf>,
    }

    /// Where the dataset comes from: `--data`, or the dataset built into the tool.
    #[derive(Args)]
    struct DataArg {
        /// The dataset to read: a .bin file written by `build`, or a folder written by
        /// `build --split-dir`; default: the bundled dataset
        #[arg(long, value_name = "PATH")]
        data: Option<PathBuf>,
    }

    #[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
    enum QueryMeasure {
        Count,
        Rate,
    }

    #[derive(Args)]
    struct QueryArgs {
        /// Area name or GSS code (e.g. "North Wales", W15000001, Wrexham)
        #[arg(long, value_name = "NAME|CODE")]
        area: String,
        /// Offence name or Home Office offence code (e.g. "Sexual offences", 8L)
        #[arg(long, value_name = "NAME|CODE")]
        offence: String,
        /// The 12 months ending in this month; without it, every period
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        period: Option<YearMonth>,
        /// A count, or a rate per 1,000 people (mid-year population)
        #[arg(long, value_enum, default_value_t = QueryMeasure::Count)]
        measure: QueryMeasure,
        #[command(flatten)]
        data: DataArg,
    }

    #[derive(Args)]
    struct NarrateArgs {
        /// The area, then any to compare with it: comma-separated, or --area repeated
        #[arg(long, value_name = "NAME", required = true)]
        area: Vec<String>,
        /// Offence name or Home Office offence code
        #[arg(long, value_name = "NAME|CODE")]
        offence: String,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        #[arg(long, value_enum)]
        measure: Option<RenderMeasure>,
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// First period shown
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        from: Option<YearMonth>,
        /// Last period shown
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        to: Option<YearMonth>,
        #[command(flatten)]
        data: DataArg,
    }

    #[derive(Args)]
    struct InspectArgs {
        /// The dataset file or split-dataset folder (or give it with --data)
        #[arg(value_name = "FILE", required_unless_present = "data", conflicts_with = "data")]
        file: Option<PathBuf>,
        /// The dataset file or split-dataset folder to inspect
        #[arg(long, value_name = "PATH")]
        data: Option<PathBuf>,
    }

    #[derive(Copy, Clone, ValueEnum)]
    enum Kind {
        Trend,
        Ranking,
        Change,
        /// Every police force area, shaded by rate or % change (choose the frame with --extent)
        Map,
    }

    #[derive(Copy, Clone, ValueEnum)]
    enum RenderMeasure {
        Count,
        Rate,
        Change,
    }

    #[derive(Copy, Clone, ValueEnum)]
    enum Lang {
        En,
        Cy,
    }

    #[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
    enum Theme {
        Light,
        Dark,
    }

    #[derive(Args)]
    struct RenderArgs {
        /// The area, then any to compare with it: comma-separated, or --area repeated
        #[arg(long, value_name = "NAME", required = true)]
        area: Vec<String>,
        /// Offence name or Home Office offence code
        #[arg(long, value_name = "NAME|CODE")]
        offence: String,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        #[arg(long, value_enum)]
        measure: Option<RenderMeasure>,
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        #[arg(long, value_enum)]
        theme: Option<Theme>,
        /// First period shown
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        from: Option<YearMonth>,
        /// Last period shown (a map's period)
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        to: Option<YearMonth>,
        /// A map's period, the 12 months ending in this month (the same as --to)
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period, conflicts_with = "to")]
        period: Option<YearMonth>,
        /// A map's frame: england-wales (default), wales, england, or an English region ("North West")
        #[arg(long, value_name = "EXTENT")]
        extent: Option<String>,
        /// Width in pixels, 120 to 8192
        #[arg(long, value_name = "PX", value_parser = parse_pixels)]
        width: f64,
        /// Height in pixels, 120 to 8192
        #[arg(long, value_name = "PX", value_parser = parse_pixels)]
        height: f64,
        #[command(flatten)]
        data: DataArg,
        /// The SVG file to write
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    }

    /// The name clap shows for a value (`ranking`), which is also the widget attribute's value.
    fn value_name<T: ValueEnum>(v: T) -> String {
        v.to_possible_value().map(|p| p.get_name().to_string()).unwrap_or_default()
    }

    fn parse_period(text: &str) -> Result<YearMonth, String> {
        YearMonth::parse(text).map_err(|e| e.to_string())
    }

    fn parse_pixels(text: &str) -> Result<f64, String> {
        match text.trim().parse::<f64>() {
            Ok(n) if n.is_finite() && (120.0..=8192.0).contains(&n) => Ok(n),
            _ => Err(format!("'{text}' is not a number of pixels from 120 to 8192")),
        }
    }

    /// A failure with its exit code: 2 for a name that matches nothing, 1 for everything else.
    /// (clap reports usage errors itself, also with exit code 2.)
    struct Failure {
        code: u8,
        message: String,
    }

    fn fail(message: impl Into<String>) -> Failure {
        Failure { code: 1, message: message.into() }
    }

    fn not_found(message: impl Into<String>) -> Failure {
        Failure { code: 2, message: message.into() }
    }

    fn shown(p: &Path) -> String {
        p.display().to_string()
    }

    /// A file's name for the progress line: no directories, and at most 40 characters
    /// (`prc-pfa-mar2013-onw…-191023.ods`), so the line fits a terminal.
    fn short_name(p: &Path) -> String {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| shown(p));
        let chars: Vec<char> = name.chars().collect();
        if chars.len() <= 40 {
            return name;
        }
        let head: String = chars[..24].iter().collect();
        let tail: String = chars[chars.len() - 15..].iter().collect();
        format!("{head}…{tail}")
    }

    fn read_text(path: &Path) -> Result<String, Failure> {
        std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read {}: {e}", shown(path))))
    }

    /// The one place a command gets its dataset: `--data` (a file written by `build`) or the
    /// dataset bundled into the tool.
    pub(crate) fn load_dataset(path: Option<&Path>) -> Result<Dataset, String> {
        match path {
            None => Dataset::bundled().map_err(|e| format!("the bundled dataset is unreadable: {e}")),
            Some(dir) if dir.is_dir() => {
                let index = dir.join(codec::INDEX_NAME);
                let bytes = std::fs::read(&index).map_err(|e| format!("cannot read {}: {e}", shown(&index)))?;
                Dataset::decode_with(&bytes, |name| {
                    std::fs::read(dir.join(name))
                        .map_err(|e| crime_compare::model::DecodeError::Invalid(format!("cannot read {}: {e}", shown(&dir.join(name)))))
                })
                .map_err(|e| format!("{}: dataset is invalid: {e}", shown(dir)))
            }
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", shown(p)))?;
                Dataset::decode(&bytes).map_err(|e| format!("{}: {e}", shown(p)))
            }
        }
    }

    /// Progress on stderr while the build reads its inputs. On a terminal, one line rewritten in
    /// place and cleared when done; otherwise (a log, CI) nothing until each file is read, then
    /// one line for it, so logs stay short.
    struct Progress {
        tty: bool,
        shown: bool,
    }

    impl Progress {
        fn new() -> Progress {
            Progress { tty: std::io::stderr().is_terminal(), shown: false }
        }

        fn update(&mut self, text: &str) {
            if self.tty {
                let mut e = std::io::stderr().lock();
                // \r and erase-line: the line is replaced, never scrolled.
                let _ = write!(e, "\r\x1b[2K{text}");
                let _ = e.flush();
                self.shown = true;
            }
        }

        fn clear(&mut self) {
            if self.tty && self.shown {
                eprint!("\r\x1b[2K");
                self.shown = false;
            }
        }

        /// A line that stays (on a terminal too).
        fn line(&mut self, text: &str) {
            self.clear();
            eprintln!("{text}");
        }
    }

    impl Drop for Progress {
        /// Whatever way the build ends, the next line (an error, the prompt) starts clean.
        fn drop(&mut self) {
            self.clear();
        }
    }

    fn build(a: BuildArgs) -> Result<(), Failure> {
        let mut progress = Progress::new();
        let mut read = |p: &Path| -> Result<String, Failure> {
            progress.update(&format!("reading {}", shown(p)));
            read_text(p)
        };
        let texts = (read(&a.pfa)?, read(&a.population)?, read(&a.lookup)?);
        let names = (shown(&a.pfa), shown(&a.population), shown(&a.lookup));
        let mut open_bytes = Vec::new();
        for p in &a.open_data {
            progress.update(&format!("reading {}", short_name(p)));
            open_bytes.push(std::fs::read(p).map_err(|e| fail(format!("cannot read {}: {e}", shown(p))))?);
        }
        let open_names: Vec<String> = a.open_data.iter().map(|p| shown(p)).collect();
        let files: Vec<ingest::OpenDataFile> =
            open_names.iter().zip(&open_bytes).map(|(name, bytes)| ingest::OpenDataFile { name, bytes }).collect();
        // The same function as the embed builder's module: the tables are read, then assembled.
        let mut started = Instant::now();
        let mut ds = ingest::build_with_open_data(
            Source { name: &names.0, text: &texts.0 },
            Source { name: &names.1, text: &texts.1 },
            Source { name: &names.2, text: &texts.2 },
            &files,
            &mut |step| match step {
                BuildProgress::Reading { index, step, .. } => {
                    let short = short_name(&a.open_data[index - 1]);
                    match step {
                        ReadProgress::Opening => {
                            started = Instant::now();
                            progress.update(&format!("reading {short}: unpacking the workbook"));
                        }
                        ReadProgress::Sheet { name: sheet, index, count } => progress.update(&format!("reading {short}: sheet {sheet} ({index}/{count})")),
                        ReadProgress::SheetRead { .. } => {}
                    }
                }
                BuildProgress::Read { file, rows, sheets, .. } => {
                    let from = if sheets > 0 { format!(" from {sheets} year sheets") } else { String::new() };
                    progress.line(&format!("read {file}: {rows} rows{from} in {:.1} s", started.elapsed().as_secs_f64()));
                    started = Instant::now();
                }
                BuildProgress::Assembling => progress.update("building the dataset"),
            },
        )
        .map_err(|e| fail(format!("build failed: {e}")))?;
        if let Some(shp) = &a.boundaries {
            progress.update(&format!("reading {}", short_name(shp)));
            let name = shown(shp);
            let read = |p: &Path| std::fs::read(p).map_err(|e| fail(format!("cannot read {}: {e}", shown(p))));
            let shp_bytes = read(shp)?;
            let shx_path = shp.with_extension("shx");
            let shx = if shx_path.exists() { Some(read(&shx_path)?) } else { None };
            let dbf = read(&shp.with_extension("dbf"))?;
            let (g, r) = ingest::boundaries::build(&name, &shp_bytes, shx.as_deref(), &dbf, &ds).map_err(|e| fail(format!("build failed: {e}")))?;
            let blob = codec::encode_geometry(&g);
            let dropped = if r.dropped.is_empty() { String::new() } else { format!(", {} polygons under half a hectare left out", r.dropped.len()) };
            let moved = if r.moved_labels.is_empty() { String::new() } else { format!(", label points computed for {}", r.moved_labels.join(" ")) };
            progress.line(&format!(
                "read {name}: {} shapes, {} points simplified to {} ({} arcs, {} arc points), geometry {} bytes{dropped}{moved}",
                g.shapes.len(),
                r.points_before,
                r.points_after,
                r.arcs,
                r.arc_points_after,
                blob.len()
            ));
            ds = ds.with_geometry(g);
        }
        let bytes = ds.encode();
        if let Some(dir) = &a.split_dir {
            let n = write_split(dir, &ds).map_err(|e| fail(format!("cannot write {}: {e}", shown(dir))))?;
            let geometry = if ds.geometry().is_some() { " and a geometry file" } else { "" };
            progress.line(&format!("wrote {}: an index, {} figures files{geometry}", shown(dir), n - ds.geometry().is_some() as usize));
        }
        let out = shown(&a.output);
        write_atomically(&a.output, &bytes).map_err(|e| fail(format!("cannot write {out}: {e}")))?;
        progress.line(&format!(
            "wrote {out}: {} bytes, {} areas, {} offences, {} periods",
            bytes.len(),
            ds.areas().len(),
            ds.offences().len(),
            ds.periods().len()
        ));
        Ok(())
    }

    /// Writes to a temporary file beside the target, then renames it over the target, so a reader
    /// never sees half a file and a failed write leaves the old file as it was.
    fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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

    /// Writes a split dataset into `dir`: the figures (and geometry) files first (content-addressed, so new names
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
            if (name.starts_with('o') || name.starts_with("g-")) && name.ends_with(".ccd") && !keep.contains(name.as_str()) {
                std::fs::remove_file(dir.join(&name))?;
            }
        }
        Ok(files.len() - 1)
    }

    fn query(a: QueryArgs) -> Result<(), Failure> {
        let ds = load_dataset(a.data.data.as_deref()).map_err(fail)?;
        let area = ds.find_area(&a.area).map_err(|e| not_found(e.to_string()))?;
        let offence = ds.find_offence(&a.offence).map_err(|e| not_found(e.to_string()))?;
        let Some(period) = a.period else {
            // The whole series, as the widget's CSV has it: period,value, empty where missing.
            let mut out = String::from("period,value\n");
            for line in crime_compare::view::series_lines(&ds, area, offence, a.measure == QueryMeasure::Rate) {
                out.push_str(&line);
                out.push('\n');
            }
            let _ = std::io::stdout().write_all(out.as_bytes());
            return Ok(());
        };
        let p = ds.period_index(period).ok_or_else(|| {
            let range = match (ds.periods().first(), ds.periods().last()) {
                (Some(f), Some(l)) => format!("the dataset covers {f} to {l}"),
                _ => "the dataset has no periods".to_string(),
            };
            not_found(format!("No figures for the 12 months ending {period}: {range}."))
        })?;
        let name = &ds.areas()[area].name;
        let oname = &ds.offences()[offence].name;
        let figure = match a.measure {
            QueryMeasure::Count => ds.count(area, offence, p).map(|c| c.to_string()),
            QueryMeasure::Rate => ds.rate_per_1000(area, offence, p).map(|r| format!("{r:.2}")),
        };
        match figure {
            Some(f) => {
                println!("{f}");
                Ok(())
            }
            None => {
                println!("unavailable");
                let why = if a.measure == QueryMeasure::Rate && ds.count(area, offence, p).is_some() {
                    format!("no population for {name} at mid-{}", period.population_mid_year())
                } else {
                    format!("the source has no figure for {oname} in {name} for the 12 months ending {period}")
                };
                Err(fail(why))
            }
        }
    }

    fn inspect(a: InspectArgs) -> Result<(), Failure> {
        let path = a.file.or(a.data).expect("clap requires a file or --data");
        let shown_path = shown(&path);
        // A split dataset's sections are those of its index.
        let index_path = if path.is_dir() { path.join(codec::INDEX_NAME) } else { path.clone() };
        let bytes = std::fs::read(&index_path).map_err(|e| fail(format!("cannot read {}: {e}", shown(&index_path))))?;
        let start = Instant::now();
        let ds = load_dataset(Some(&path)).map_err(fail)?;
        let elapsed = start.elapsed();
        let sizes = codec::section_sizes(&bytes).map_err(|e| fail(format!("{shown_path}: {e}")))?;
        // Collected and written once, ignoring a closed pipe (`crime-data inspect f | head`).
        let mut out = String::new();
        macro_rules! o {
            ($($t:tt)*) => {{
                out.push_str(&format!($($t)*));
                out.push('\n');
            }};
        }
        o!("{shown_path}: {} bytes, read, decoded and derived in {:.2} ms", bytes.len(), elapsed.as_secs_f64() * 1000.0);
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
        match ds.geometry() {
            Some(g) => {
                let topo = crime_compare::geo::topology::Topology::build(&g.shapes);
                let arc_points: usize = topo.arcs.iter().map(|a| a.len().saturating_sub(1)).sum();
                let polygons: usize = g.shapes.iter().map(|s| s.polygons.len()).sum();
                o!(
                    "geometry: {} shapes, {polygons} polygons, {} ring points, {} arcs with {arc_points} points, {} bytes",
                    g.shapes.len(),
                    g.points(),
                    topo.arcs.len(),
                    codec::encode_geometry(g).len()
                );
            }
            None => o!("geometry: none"),
        }
        o!("bytes by section:");
        for (name, n) in &sizes {
            o!("  {name:<11} {n:>7}");
        }
        let _ = std::io::stdout().write_all(out.as_bytes());
        Ok(())
    }

    /// The widget's state for an embed given on the command line: `--area "North Wales,Wales"`
    /// or `--area "North Wales" --area Wales` (the first is charted, the rest compared with it),
    /// the offence, then any of the other attributes given.
    fn embed_state(area: &[String], offence: &str, settings: [(&str, Option<String>); 6]) -> Result<crime_compare::view::WidgetState, Failure> {
        let mut state = crime_compare::view::WidgetState::default();
        let areas = area.join(",");
        let (first, rest) = areas.split_once(',').unwrap_or((&areas, ""));
        let usage = |e: String| not_found(e);
        state.set("area", first).map_err(usage)?;
        state.set("compare", rest).map_err(usage)?;
        state.set("offence", offence).map_err(usage)?;
        for (flag, value) in settings {
            if let Some(v) = value {
                state.set(flag, &v).map_err(usage)?;
            }
        }
        Ok(state)
    }

    /// The widget's sentences for an embed, one a line: the same state and view code.
    fn narrate(a: NarrateArgs) -> Result<(), Failure> {
        use crime_compare::view;
        let state = embed_state(&a.area, &a.offence, [
            ("kind", a.kind.map(value_name)),
            ("measure", a.measure.map(value_name)),
            ("lang", a.lang.map(value_name)),
            ("theme", None),
            ("from", a.from.map(|p| p.to_string())),
            ("to", a.to.map(|p| p.to_string())),
        ])?;
        let ds = load_dataset(a.data.data.as_deref()).map_err(fail)?;
        let sentences = view::narrate(&ds, &state).map_err(not_found)?;
        let mut out = String::new();
        for s in sentences {
            out.push_str(&s);
            out.push('\n');
        }
        let _ = std::io::stdout().write_all(out.as_bytes());
        Ok(())
    }

    /// Draws the chart the widget would draw, to SVG: the same state, view, layout and drawing code.
    fn render(a: RenderArgs) -> Result<(), Failure> {
        use crime_compare::view;
        let state = embed_state(&a.area, &a.offence, [
            ("kind", a.kind.map(value_name)),
            ("measure", a.measure.map(value_name)),
            ("lang", a.lang.map(value_name)),
            ("theme", a.theme.map(value_name)),
            ("from", a.from.map(|p| p.to_string())),
            ("to", a.to.or(a.period).map(|p| p.to_string())),
        ])?;
        let mut state = state;
        if let Some(e) = &a.extent {
            state.set("extent", e).map_err(not_found)?;
        }
        let dark = a.theme == Some(Theme::Dark);
        let ds = load_dataset(a.data.data.as_deref()).map_err(fail)?;
        let v = view::build(&ds, None, &state, a.width, a.height, dark);
        if !v.messages.is_empty() {
            return Err(not_found(v.messages.join("\n")));
        }
        let mut input = v.input;
        input.titles = true;
        let svg = crime_compare::chart::render_svg(&input).map_err(|e| fail(e.to_string()))?;
        let out = shown(&a.output);
        write_atomically(&a.output, svg.as_bytes()).map_err(|e| fail(format!("cannot write {out}: {e}")))?;
        Ok(())
    }

    pub fn main() -> ExitCode {
        // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
        let cli = Cli::parse();
        let result = match cli.command {
            Command::Build(a) => build(a),
            Command::Query(a) => query(a),
            Command::Narrate(a) => narrate(a),
            Command::Inspect(a) => inspect(a),
            Command::Render(a) => render(a),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(f) => {
                eprintln!("error: {}", f.message);
                ExitCode::from(f.code)
            }
        }
    }
}
