//! The `crime-data` binary, run as a user would.

use crime_compare::model::Dataset;
use crime_compare::period::YearMonth;
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crime-data")).args(args).current_dir(root()).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A fresh scratch directory per test, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("crime-data-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn path(&self, f: &str) -> String {
        self.0.join(f).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn query_prints_the_source_figure() {
    let o = run(&["query", "--area", "North Wales", "--offence", "Sexual offences", "--period", "2018-03"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The sum of the four 2017/18 quarters in the Home Office table (the 2019 rolling file,
    // superseded here, had 3,016).
    assert_eq!(stdout(&o), "2995");
    // Names are matched loosely, codes work too.
    let o = run(&["query", "--area", "w15000001", "--offence", "sexual-offences", "--period", "2018-03", "--measure", "count"]);
    assert_eq!(stdout(&o), "2995");
    let o = run(&["query", "--area", "North Wales", "--offence", "8L", "--period", "2023-06"]);
    assert_eq!(stdout(&o), "4777", "harassment (code 8L), summed from the quarterly table");
    let o = run(&["query", "--area", "North Wales", "--offence", "Stalking", "--period", "2023-06"]);
    assert_eq!(stdout(&o), "1860", "\"Stalking\" is code 8Q, not the subgroup");
}

#[test]
fn rate_is_count_over_mid_year_population_per_1000() {
    let d = Dataset::bundled().unwrap();
    let nw = d.find_area("North Wales").unwrap();
    let pop = d.population(nw, 2017).unwrap();
    let expected = format!("{:.2}", 2995.0 / pop as f64 * 1000.0);
    let o = run(&["query", "--area", "North Wales", "--offence", "Sexual offences", "--period", "2018-03", "--measure", "rate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), expected);
    assert_eq!(YearMonth::parse("2018-03").unwrap().population_mid_year(), 2017);
}

#[test]
fn unknown_names_exit_2_with_suggestions() {
    let o = run(&["query", "--area", "Nrth Wales", "--offence", "Sexual offences", "--period", "2018-03"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Did you mean North Wales"), "{}", stderr(&o));
    let o = run(&["query", "--area", "North Wales", "--offence", "Sexual ofences", "--period", "2018-03"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Sexual offences"), "{}", stderr(&o));
    let o = run(&["query", "--area", "North Wales", "--offence", "Sexual offences", "--period", "March 2018"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn missing_figure_prints_unavailable_and_exits_1() {
    // Residential burglary was first published for December 2014.
    let o = run(&["query", "--area", "Kent", "--offence", "Residential burglary", "--period", "2014-09"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "unavailable");
    // No population estimate before mid-2011, so no rate.
    let o = run(&["query", "--area", "Kent", "--offence", "Robbery", "--period", "2010-03", "--measure", "rate"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no population"), "{}", stderr(&o));
}

#[test]
fn malformed_input_fails_naming_file_line_field_and_keeps_the_old_output() {
    let s = Scratch::new("malformed");
    let out = s.path("out.bin");
    std::fs::write(&out, b"previous contents").unwrap();
    let o = run(&[
        "build", "--pfa", "tests/data/malformed-pfa.csv", "--population", "data/population.csv", "--lookup", "data/lookup.csv", "-o", &out,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("tests/data/malformed-pfa.csv"), "{e}");
    assert!(e.contains("line 7"), "{e}");
    assert!(e.contains("Rolling year total number of offences"), "{e}");
    assert!(e.contains("30x6"), "{e}");
    assert_eq!(std::fs::read(&out).unwrap(), b"previous contents");
    // No temporary file is left behind either.
    assert_eq!(std::fs::read_dir(&s.0).unwrap().count(), 1);
}

#[test]
fn build_then_query_and_inspect_with_synthetic_open_data() {
    let s = Scratch::new("open");
    let out = s.path("with-csp.bin");
    let o = run(&[
        "build",
        "--pfa", "data/rec-crime-pfa.csv",
        "--population", "data/population.csv",
        "--lookup", "data/lookup.csv",
        "--open-data", "tests/data/synthetic-open-data-csp.csv",
        "-o", &out,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Synthetic Wrexham sexual offences (Rape + Other sexual offences), April 2021 to March 2022:
    // (30+41) + (28+39) + (33+44) + (31+40) = 286; the next year drops Q1 and adds 29+38: 282.
    let q = |area: &str, period: &str, measure: &str| {
        run(&["query", "--data", &out, "--area", area, "--offence", "Sexual offences", "--period", period, "--measure", measure])
    };
    assert_eq!(stdout(&q("Wrexham", "2022-03", "count")), "286");
    assert_eq!(stdout(&q("Wrexham", "2022-06", "count")), "282");
    // Wrexham is one whole local authority, so it has a population (mid-2021: 135,152).
    assert_eq!(stdout(&q("Wrexham", "2022-03", "rate")), format!("{:.2}", 286.0 / 135_152.0 * 1000.0));
    // Only three quarters to December 2021: no rolling year, no figure.
    let d = Dataset::decode(&std::fs::read(&out).unwrap()).unwrap();
    let wx = d.find_area("Wrexham").unwrap();
    assert_eq!(d.areas()[wx].code, "W14000006");
    assert_eq!(d.areas()[d.areas()[wx].parent.unwrap()].name, "North Wales");
    assert_eq!(d.period_index(YearMonth::parse("2021-12").unwrap()), None);
    // The force's own figures are unchanged by a CSP-level file (it has no force rows): built
    // without the quarterly table, the 2018 figure is still the rolling file's.
    assert_eq!(stdout(&run(&["query", "--data", &out, "--area", "North Wales", "--offence", "Sexual offences", "--period", "2018-03"])), "3016");
    let o = run(&["inspect", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("2 Csp"), "{text}");
    assert!(text.contains("values"), "{text}");
}

#[test]
fn inspect_reports_sections_and_decode_time() {
    let o = run(&["inspect", "data/crime-compare.bin"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    for want in ["43 Force", "(2003-03 to 2023-06)", "decoded and derived in", "population", "breaks", "geometry: 43 shapes, 94 polygons, 7428 ring points"] {
        assert!(t.contains(want), "missing {want:?} in\n{t}");
    }
    // The geometry's bytes: the same in the split folder (its own file) as inline.
    let bytes = |t: &str| t.lines().find(|l| l.starts_with("geometry:")).map(str::to_string);
    let split = run(&["inspect", "pkg/data"]);
    assert_eq!(split.status.code(), Some(0), "{}", stderr(&split));
    assert!(bytes(&t).unwrap().ends_with(" bytes"), "{t}");
    assert_eq!(bytes(&t), bytes(&stdout(&split)));
    let o = run(&["inspect", "tests/data/malformed-pfa.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("magic"), "{}", stderr(&o));
}

#[test]
fn render_writes_the_widgets_chart_as_svg() {
    let s = Scratch::new("render");
    let out = s.path("chart.svg");
    let o = run(&["render", "--area", "North Wales,Wales", "--offence", "Sexual offences", "--to", "2018-03", "--width", "640", "--height", "380", "-o", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    assert!(svg.contains("North Wales") && svg.contains("Wales"));
    // The aria label names the last plotted figure: 2,995 in the year ending March 2018.
    assert!(svg.contains("2,995"), "the SVG's label names the source figure");
    assert!(svg.contains("Open Government Licence"), "downloads carry the source line");

    let cy = s.path("cy.svg");
    let o = run(&["render", "--area", "Gogledd Cymru", "--offence", "Sexual offences", "--lang", "cy", "--kind", "ranking", "--width", "400", "--height", "300", "-o", &cy]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&cy).unwrap();
    assert!(svg.contains("Gogledd Cymru") && svg.contains("xml:lang=\"cy\""));
}

#[test]
fn render_draws_a_map_framed_by_its_extent() {
    let s = Scratch::new("render-map");
    let out = s.path("map.svg");
    let o = run(&["render", "--kind", "map", "--area", "North Wales", "--offence", "Sexual offences", "--measure", "rate", "--period", "2023-06", "--width", "640", "--height", "800", "-o", &out]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("<title>North Wales: 3.62</title>"), "a titled path per force");
    assert_eq!(svg.matches("<path ").count(), 45, "43 forces and the two London areas again in the inset");
    assert!(svg.contains("Contains OS data"));
    let wales = s.path("wales.svg");
    let o = run(&["render", "--kind", "map", "--area", "Gwent", "--offence", "Sexual offences", "--measure", "change", "--extent", "wales", "--width", "400", "--height", "500", "-o", &wales]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&wales).unwrap().contains("<title>Gwent: "));
    let bad = s.path("bad.svg");
    let o = run(&["render", "--kind", "map", "--area", "Gwent", "--offence", "Sexual offences", "--extent", "Narnia", "--width", "400", "--height", "500", "-o", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("extent=\"Narnia\""), "{}", stderr(&o));
    assert!(!std::path::Path::new(&bad).exists());
}

#[test]
fn render_refuses_unknown_names_and_bad_sizes_without_writing() {
    let s = Scratch::new("render-bad");
    let out = s.path("chart.svg");
    let o = run(&["render", "--area", "Nrth Wales", "--offence", "Sexual offences", "--width", "640", "--height", "380", "-o", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Did you mean North Wales?"), "{}", stderr(&o));
    let o = run(&["render", "--area", "North Wales", "--offence", "Sexual offences", "--width", "ten", "--height", "380", "-o", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!std::path::Path::new(&out).exists());
}

#[test]
fn help_on_every_subcommand_and_version() {
    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("crime-data {}", env!("CARGO_PKG_VERSION")));
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    for sub in ["build", "query", "inspect", "render"] {
        assert!(stdout(&o).contains(sub), "{sub} missing from\n{}", stdout(&o));
    }
    let flags: &[(&str, &[&str])] = &[
        ("build", &["--pfa", "--population", "--lookup", "--open-data", "-o, --output"]),
        ("query", &["--area", "--offence", "--period", "--measure", "--data", "possible values: count, rate"]),
        ("inspect", &["[FILE]", "--data"]),
        ("render", &["--area", "--offence", "--kind", "--measure", "--lang", "--theme", "--from", "--to", "--width", "--height", "--data", "-o, --output"]),
    ];
    for (sub, want) in flags {
        for form in [vec![*sub, "--help"], vec!["help", *sub]] {
            let o = run(&form);
            assert_eq!(o.status.code(), Some(0), "{form:?}");
            let text = stdout(&o);
            assert!(text.contains(&format!("Usage: crime-data {sub}")), "{text}");
            for w in *want {
                assert!(text.contains(w), "{form:?}: {w} missing from\n{text}");
            }
        }
        // The version is on every subcommand too.
        let o = run(&[sub, "--version"]);
        assert_eq!(stdout(&o), format!("crime-data-{sub} {}", env!("CARGO_PKG_VERSION")));
    }
}

/// Usage errors: clap's shape (`error: ...`, a usage line where an argument is missing or
/// unknown, a pointer to --help) and exit code 2,
/// with nothing on stdout.
#[test]
fn usage_errors_have_the_usual_shape_and_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "Usage: crime-data <COMMAND>"),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (&["query", "--area", "Kent", "--offence", "Robbery", "--period", "2018-03", "--colour", "red"], "unexpected argument '--colour'"),
        (&["query", "--area", "Kent", "--offence", "Robbery", "--period", "March 2018"], "invalid value 'March 2018' for '--period <YYYY-MM>'"),
        (&["query", "--area", "Kent", "--offence", "Robbery", "--period", "2018-03", "--measure", "ratio"], "[possible values: count, rate]"),
        (&["query", "--area", "Kent", "--area", "Essex", "--offence", "Robbery", "--period", "2018-03"], "cannot be used multiple times"),
        (&["inspect"], "<FILE>"),
        (&["inspect", "data/crime-compare.bin", "--data", "data/crime-compare.bin"], "cannot be used with"),
        (&["render", "--area", "Kent", "--offence", "Robbery", "--width", "640", "--height", "380"], "--output <FILE>"),
        (&["render", "--area", "Kent", "--offence", "Robbery", "--width", "64", "--height", "380", "-o", "x.svg"], "from 120 to 8192"),
        (&["render", "--area", "Kent", "--offence", "Robbery", "--kind", "pie", "--width", "640", "--height", "380", "-o", "x.svg"], "[possible values: trend, ranking, change, map]"),
        (&["build", "--pfa", "data/rec-crime-pfa.csv", "-o", "x.bin"], "--population <CSV>"),
    ];
    for (args, want) in cases {
        let o = run(args);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        assert!(e.contains(want), "{args:?}: {want:?} missing from\n{e}");
        if !args.is_empty() {
            assert!(e.starts_with("error: "), "{args:?}: {e}");
            assert!(e.trim_end().ends_with("For more information, try '--help'."), "{args:?}: {e}");
        }
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    assert!(!root().join("x.svg").exists() && !root().join("x.bin").exists());
}

#[test]
fn data_flag_reads_a_dataset_file_and_names_a_bad_one() {
    let o = run(&["query", "--data", "data/crime-compare.bin", "--area", "North Wales", "--offence", "Sexual offences", "--period", "2018-03"]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), "2995".to_string()), "{}", stderr(&o));
    // The split dataset the widget fetches (an index and a file per offence) gives the same.
    let o = run(&["query", "--data", "pkg/data", "--area", "North Wales", "--offence", "8L", "--period", "2023-06"]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), "4777".to_string()), "{}", stderr(&o));
    let o = run(&["inspect", "--data", "pkg/data"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("(2003-03 to 2023-06)"), "{}", stdout(&o));
    // `inspect --data f` is `inspect f`, apart from the timing.
    let strip = |o: &Output| stdout(o).lines().skip(1).collect::<Vec<_>>().join("\n");
    let a = run(&["inspect", "data/crime-compare.bin"]);
    let b = run(&["inspect", "--data", "data/crime-compare.bin"]);
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    assert_eq!(strip(&a), strip(&b));
    let o = run(&["query", "--data", "no/such.bin", "--area", "Kent", "--offence", "Robbery", "--period", "2018-03"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("error: cannot read no/such.bin"), "{}", stderr(&o));
    let o = run(&["render", "--data", "tests/data/malformed-pfa.csv", "--area", "Kent", "--offence", "Robbery", "--width", "640", "--height", "380", "-o", "x.svg"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("tests/data/malformed-pfa.csv") && stderr(&o).contains("magic"), "{}", stderr(&o));
    assert!(!root().join("x.svg").exists());
}

#[test]
fn render_takes_the_compared_areas_repeated_or_comma_separated() {
    let s = Scratch::new("render-areas");
    let (a, b) = (s.path("a.svg"), s.path("b.svg"));
    let common = ["--offence", "Robbery", "--to", "2018-03", "--width", "500", "--height", "320"];
    let o = run(&[&["render", "--area", "Kent,Essex", "-o", &a][..], &common].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[&["render", "--area", "Kent", "--area", "Essex", "-o", &b][..], &common].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&a).unwrap();
    assert!(svg.contains("Kent") && svg.contains("Essex"));
    assert_eq!(svg, std::fs::read_to_string(&b).unwrap());
}

/// Not a terminal (as here): no progress line is redrawn; the build ends with one summary line.
#[test]
fn build_reports_on_stderr_without_terminal_codes_when_not_a_terminal() {
    let s = Scratch::new("progress");
    let out = s.path("out.bin");
    let o = run(&["build", "--pfa", "data/rec-crime-pfa.csv", "--population", "data/population.csv", "--lookup", "data/lookup.csv", "-o", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(!e.contains('\r') && !e.contains('\x1b'), "{e:?}");
    assert!(e.starts_with(&format!("wrote {out}: ")) && e.trim_end().lines().count() == 1, "{e}");
    // What was written is a dataset (the rolling file alone, to 2018).
    let d = Dataset::decode(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(d.periods().last().map(|p| p.to_string()).as_deref(), Some("2018-12"));
}

#[test]
fn a_missing_input_fails_and_keeps_the_old_output() {
    let s = Scratch::new("missing-input");
    let out = s.path("out.bin");
    std::fs::write(&out, b"previous contents").unwrap();
    let o = run(&["build", "--pfa", "data/rec-crime-pfa.csv", "--population", "data/population.csv", "--lookup", "data/lookup.csv", "--open-data", "no/such.ods", "-o", &out]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such.ods"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"previous contents");
    assert_eq!(std::fs::read_dir(&s.0).unwrap().count(), 1);
}

/// A bad workbook fails the build naming file, sheet, row and column, and the previous output
/// stays as it was.
#[test]
fn a_bad_workbook_fails_the_build_and_keeps_the_old_output() {
    let s = Scratch::new("bad-workbook");
    let out = s.path("out.bin");
    std::fs::write(&out, b"previous contents").unwrap();
    let o = run(&[
        "build", "--pfa", "data/rec-crime-pfa.csv", "--population", "data/population.csv", "--lookup", "data/lookup.csv",
        "--open-data", "tests/data/ho-open-data-sample.csv", "--open-data", "tests/data/ho-open-data-bad-quarter.xlsx", "-o", &out,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("read tests/data/ho-open-data-sample.csv: 114 rows in "), "{e}");
    assert!(
        e.contains("error: build failed: tests/data/ho-open-data-bad-quarter.xlsx, sheet '2012-13', row 6, column 'Financial Quarter': '5' is not a quarter 1 to 4 (cell B6)"),
        "{e}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"previous contents");
    assert_eq!(std::fs::read_dir(&s.0).unwrap().count(), 1);
}

#[test]
fn narrate_prints_the_widgets_sentences_and_query_without_a_period_prints_the_series() {
    let o = run(&["narrate", "--area", "North Wales", "--offence", "8L"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("North Wales Police recorded 4,777 offences of harassment in the year ending June 2023"), "{text}");
    let o = run(&["narrate", "--area", "Kent,Surrey", "--offence", "Robbery", "--kind", "ranking"]);
    assert!(stdout(&o).starts_with("Kent Police"), "the ranking sentence is about the area: {}", stdout(&o));
    let o = run(&["narrate", "--area", "Gogledd Cymru", "--offence", "Sexual offences", "--lang", "cy"]);
    assert!(stdout(&o).contains("Heddlu Gogledd Cymru"), "{}", stdout(&o));
    let o = run(&["narrate", "--area", "Nrth Wales", "--offence", "Robbery"]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["query", "--area", "North Wales", "--offence", "8Q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines[0], "period,value");
    assert_eq!(lines[1], "2003-03,", "stalking has no code before 2014: empty, not 0");
    assert_eq!(lines.last().map(String::as_str), Some("2023-06,1860"));
    let d = Dataset::bundled().unwrap();
    assert_eq!(lines.len(), d.periods().len() + 1);
}

/// `crime-data build` is the library's `build_with_open_data` (the function the embed builder's
/// module calls too): for each open data fixture, the split files and the dataset file it writes
/// are byte for byte what the library gives.
#[test]
fn build_writes_exactly_what_the_library_build_gives_for_the_open_data_fixtures() {
    use crime_compare::ingest::{build_with_open_data, OpenDataFile, Source};
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
    let (pfa, population, lookup) = (read("data/rec-crime-pfa.csv"), read("data/population.csv"), read("data/lookup.csv"));
    for fixture in ["ho-open-data-sample.ods", "ho-open-data-sample.xlsx", "ho-open-data-sample.csv"] {
        let s = Scratch::new(&format!("same-{fixture}"));
        let table = format!("tests/data/{fixture}");
        let (out, split) = (s.path("d.bin"), s.path("split"));
        let o = run(&[
            "build", "--pfa", "data/rec-crime-pfa.csv", "--population", "data/population.csv", "--lookup", "data/lookup.csv",
            "--open-data", &table, "--split-dir", &split, "-o", &out,
        ]);
        assert_eq!(o.status.code(), Some(0), "{fixture}: {}", stderr(&o));
        let bytes = std::fs::read(root().join(&table)).unwrap();
        // Another name for the same file (the builder knows only the file's own name): the same dataset.
        let mut steps = Vec::new();
        let ds = build_with_open_data(
            Source { name: "rec-crime-pfa.csv", text: &pfa },
            Source { name: "population.csv", text: &population },
            Source { name: "lookup.csv", text: &lookup },
            &[OpenDataFile { name: fixture, bytes: &bytes }],
            &mut |step| steps.push(format!("{step:?}").split(['{', '(']).next().unwrap_or_default().trim().to_string()),
        )
        .unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), ds.encode(), "{fixture}: the .bin");
        let files = ds.encode_split();
        let mut written: Vec<String> = std::fs::read_dir(&split).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        written.sort();
        let mut names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        names.sort();
        assert_eq!(written, names, "{fixture}: the split files");
        for f in &files {
            assert_eq!(std::fs::read(s.0.join("split").join(&f.name)).unwrap(), f.bytes, "{fixture}: {}", f.name);
        }
        // Progress: the file is read (per sheet for a workbook), then the dataset assembled.
        let first = if fixture.ends_with(".csv") { "Read" } else { "Reading" }; // a CSV has no sheets to report
        assert_eq!(steps.first().map(String::as_str), Some(first), "{fixture}");
        assert_eq!(&steps[steps.len() - 2..], ["Read", "Assembling"], "{fixture}");
    }
}
