//! Translations: every user-facing term in English and Welsh, in one place.
//!
//! Each Welsh term carries a note of where it comes from. Accuracy matters more than coverage:
//! where no authoritative Welsh form is known, the English name is used unchanged rather than
//! a guess.

use serde::{Deserialize, Serialize};

/// A language the widget speaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "cy")]
    Cy,
}

impl Lang {
    /// Parses a BCP 47 tag leniently: `cy`, `cy-GB` and `CY` are Welsh; anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("cy") {
            Lang::Cy
        } else {
            Lang::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }
}

/// Welsh names of areas, keyed by ONS GSS code.
///
/// Source: the Welsh-language names (`*NMW` fields) in the ONS Open Geography Portal names and
/// codes files: countries (CTRY), English regions (RGN22NMW), police force areas (PFA) and
/// local authorities (LAD23NMW). Only the four Welsh forces have Welsh force names; English
/// forces keep their English names in Welsh text, as ONS does.
pub const AREA_NAMES_CY: &[(&str, &str)] = &[
    ("K04000001", "Cymru a Lloegr"),
    ("E92000001", "Lloegr"),
    ("W92000004", "Cymru"),
    ("W15000001", "Gogledd Cymru"),
    ("W15000002", "Gwent"),
    ("W15000003", "De Cymru"),
    ("W15000004", "Dyfed-Powys"),
    ("E12000001", "Gogledd Ddwyrain Lloegr"),
    ("E12000002", "Gogledd Orllewin Lloegr"),
    ("E12000003", "Swydd Efrog a'r Humber"),
    ("E12000004", "Dwyrain Canolbarth Lloegr"),
    ("E12000005", "Gorllewin Canolbarth Lloegr"),
    ("E12000006", "Dwyrain Lloegr"),
    ("E12000007", "Llundain"),
    ("E12000008", "De Ddwyrain Lloegr"),
    ("E12000009", "De Orllewin Lloegr"),
    // Welsh local authorities (LAD23NMW) and their community safety partnerships, which share
    // the local authority's name; Cwm Taf is the same in both languages.
    ("W06000001", "Ynys Môn"),
    ("W06000002", "Gwynedd"),
    ("W06000003", "Conwy"),
    ("W06000004", "Sir Ddinbych"),
    ("W06000005", "Sir y Fflint"),
    ("W06000006", "Wrecsam"),
    ("W06000008", "Ceredigion"),
    ("W06000009", "Sir Benfro"),
    ("W06000010", "Sir Gaerfyrddin"),
    ("W06000011", "Abertawe"),
    ("W06000012", "Castell-nedd Port Talbot"),
    ("W06000013", "Pen-y-bont ar Ogwr"),
    ("W06000014", "Bro Morgannwg"),
    ("W06000015", "Caerdydd"),
    ("W06000016", "Rhondda Cynon Taf"),
    ("W06000018", "Caerffili"),
    ("W06000019", "Blaenau Gwent"),
    ("W06000020", "Tor-faen"),
    ("W06000021", "Sir Fynwy"),
    ("W06000022", "Casnewydd"),
    ("W06000023", "Powys"),
    ("W06000024", "Merthyr Tudful"),
];

/// Welsh community safety partnerships (2023 codes, from the ONS LAD→CSP→PFA lookup) and the
/// local authority each one is; their Welsh name is the local authority's. Cwm Taf (W14000023,
/// Merthyr Tydfil and Rhondda Cynon Taf) is the same in both languages.
const CSP_LAD: &[(&str, &str)] = &[
    ("W14000001", "W06000001"),
    ("W14000002", "W06000002"),
    ("W14000003", "W06000003"),
    ("W14000004", "W06000004"),
    ("W14000005", "W06000005"),
    ("W14000006", "W06000006"),
    ("W14000007", "W06000023"),
    ("W14000008", "W06000008"),
    ("W14000009", "W06000009"),
    ("W14000010", "W06000010"),
    ("W14000011", "W06000011"),
    ("W14000012", "W06000012"),
    ("W14000013", "W06000013"),
    ("W14000014", "W06000014"),
    ("W14000015", "W06000015"),
    ("W14000018", "W06000018"),
    ("W14000019", "W06000019"),
    ("W14000020", "W06000020"),
    ("W14000021", "W06000021"),
    ("W14000022", "W06000022"),
];

/// The Welsh name of the area with this ONS code, where one is recorded.
pub fn area_name_cy(code: &str) -> Option<&'static str> {
    let code = CSP_LAD.iter().find(|(csp, _)| *csp == code).map_or(code, |(_, lad)| *lad);
    AREA_NAMES_CY.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

// ---------------------------------------------------------------------------------------------
// Interface strings.
//
// Sources for the Welsh, cited per term below:
// - [ONS-cy]: the Office for National Statistics' own Welsh name, "Swyddfa Ystadegau Gwladol",
//   as used in its Welsh-language pages and quoted by BBC Cymru Fyw.
// - [BBC-2016]: BBC Cymru Fyw, "Cynnydd o 2.5% yn nifer y troseddau a gofnodwyd" (2016), a
//   report of these same ONS figures: "troseddau a gofnodwyd gan yr heddlu", "troseddau rhywiol".
// - [BBC-2019]: BBC Cymru Fyw report of the year-ending-December-2018 figures (2019):
//   "stelcian ac aflonyddu", "trais yn erbyn y person".
// - [police.uk-cy]: the Welsh pages of police.uk: "Byrgleriaeth".
// - [OGL-cy]: The National Archives' Welsh version of the licence, "Trwydded Llywodraeth Agored".
// - [cy-UI]: everyday Welsh software-interface wording (as in GOV.UK/Llyw.Cymru Welsh pages:
//   "Lawrlwytho", "Chwilio", "Dangos", "Cuddio"); plain Welsh, no technical term involved.
// - [plain]: ordinary Welsh sentence built from dictionary words (Geiriadur Prifysgol Cymru);
//   not a fixed term, written for this widget and to be reviewed by a Welsh speaker.
// ---------------------------------------------------------------------------------------------

/// Every fixed string the widget shows. Placeholders in braces are filled by [`fill`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Key {
    SourceLine,
    /// The attribution the police force area boundaries need on a map and its downloads
    /// (English: `provenance::BOUNDARY_ATTRIBUTION`).
    BoundaryAttribution,
    ShowTable,
    HideTable,
    DownloadPng,
    DownloadSvg,
    DownloadCsv,
    SearchAreas,
    Remove,
    Offence,
    Measure,
    Count,
    RatePer1000,
    Change,
    Trend,
    Ranking,
    From,
    To,
    Loading,
    /// `{q}`: what was typed; `{x}`: the suggestion.
    NoAreaDidYouMean,
    /// `{q}`: what was typed; `{x}`: the suggestion.
    NoOffenceDidYouMean,
    /// `{q}`: what was typed.
    NoOffence,
    /// The group of chart-kind toggles.
    Chart,
    /// Announced after an area is removed: "Removed North Wales".
    Removed,
    /// `{q}`: what was typed.
    NoArea,
    NoData,
    RateUnavailable,
    /// `{name}`: series label.
    SeriesNoData,
    /// `{name}`: series label.
    SeriesRateUnavailable,
    TableArea,
    TablePeriod,
    IndexToBase,
    YearOnYear,
    /// Chart subtitles.
    SubtitleCount,
    SubtitleRate,
    /// `{period}`: the base period label.
    SubtitleIndex,
    SubtitleYearOnYear,
    /// `{period}`: the period ranked.
    SubtitleRankingCount,
    /// `{period}`: the period ranked.
    SubtitleRankingRate,
    /// `{n}`: how many areas are left out of a ranking that does not fit.
    MoreAreasNotShown,
    /// Aria summary of a trend chart: `{offence}`, `{from}`, `{to}`, `{areas}`.
    AriaTrend,
    /// Aria summary of a ranking: `{offence}`, `{period}`, `{n}`.
    AriaRanking,
    /// Tooltip change lines: `{pct}` is an unsigned percentage.
    UpOnYearBefore,
    DownOnYearBefore,
    UnchangedOnYearBefore,
    /// Shown while an offence's figures file is fetched.
    LoadingFigures,
    /// Before the releases in the source line.
    Figures,
    /// Under a chart whose lines break.
    BreaksNote,
    /// Shown when a figures file cannot be fetched or read.
    FiguresUnavailable,
    /// The disclosure that shows the controls on narrow widths.
    ChangeChart,
    /// `{n}`: the most areas one chart compares. Said and shown at the limit.
    AreaLimit,
    /// The search status when nothing matches what was typed.
    NoAreasMatch,
    /// `{n}`: how many suggestions are listed.
    AreasMatch,
    /// Announced after an area is added: "Added Gwent".
    Added,
    /// The name of the group of chips.
    AreasCharted,
    /// The name of the suggestions list.
    SuggestedAreas,
    /// How to use the chart from the keyboard, read on focus.
    ChartKeys,
    /// Announced when a key would move past the first or last period.
    StartOfChart,
    EndOfChart,
    /// Announced when the reader chose a From after the To and the two were swapped.
    RangeSwapped,
    /// The unit said after a rate: "4.3 per 1,000 people".
    PerThousandPeople,
    /// The chart-kind toggle for a map.
    Map,
    /// A map's legend swatch and label for an area with no figure.
    NoFigure,
    /// The table's rank column.
    Rank,
    /// A rank in the table: `{r}` of `{n}`.
    RankOf,
    /// Aria summary of a map: `{offence}`, `{period}`, `{n}`, `{measure}`.
    AriaMap,
    /// How to use the map from the keyboard, read on focus.
    MapKeys,
    /// Under a map with an area off the scale: `{name}`, `{value}`.
    OffScaleNote,
    /// Under a map asked for counts: why it shows rates.
    MapCountsAsRates,
    /// The London inset's caption.
    London,
    /// The count behind a rate in the tooltip: `{n}`.
    OffencesCount,
}

/// The text for `key` in `lang`.
pub fn t(key: Key, lang: Lang) -> &'static str {
    use Key::*;
    let (en, cy) = match key {
        // [ONS-cy], [BBC-2016] "troseddau a gofnodwyd gan yr heddlu", [OGL-cy]; "y Swyddfa
        // Gartref" is the Home Office's own Welsh name.
        SourceLine => (
            "Source: Office for National Statistics / Home Office, police recorded crime. Open Government Licence v3.0.",
            "Ffynhonnell: Swyddfa Ystadegau Gwladol / y Swyddfa Gartref, troseddau a gofnodwyd gan yr heddlu. Trwydded Llywodraeth Agored v3.0.",
        ),
        // [ONS-cy], [OGL-cy]; "Arolwg Ordnans" is Ordnance Survey's own Welsh name and
        // "Hawlfraint y Goron" the Welsh for Crown copyright used on Welsh Government maps; the
        // rest [plain], to be reviewed by a Welsh speaker.
        BoundaryAttribution => (
            crate::provenance::BOUNDARY_ATTRIBUTION,
            "Ffynhonnell: y Swyddfa Ystadegau Gwladol, dan y Drwydded Llywodraeth Agored v.3.0. Yn cynnwys data'r Arolwg Ordnans © Hawlfraint y Goron a hawliau cronfa ddata 2022.",
        ),
        ShowTable => ("Show table", "Dangos y tabl"),     // [cy-UI]
        HideTable => ("Hide table", "Cuddio'r tabl"),     // [cy-UI]
        DownloadPng => ("Download PNG", "Lawrlwytho PNG"), // [cy-UI]
        DownloadSvg => ("Download SVG", "Lawrlwytho SVG"), // [cy-UI]
        DownloadCsv => ("Download CSV", "Lawrlwytho CSV"), // [cy-UI]
        SearchAreas => ("Search areas", "Chwilio ardaloedd"), // [cy-UI]
        Remove => ("Remove", "Tynnu"),                    // [cy-UI]
        Offence => ("Offence", "Trosedd"),                // [plain] GPC: trosedd
        Measure => ("Measure", "Mesur"),                  // [plain]
        Count => ("Count", "Nifer"),                      // [plain] "nifer y troseddau" [BBC-2016]
        RatePer1000 => ("Rate per 1,000 people", "Cyfradd fesul 1,000 o bobl"), // [plain]
        Change => ("Change", "Newid"),                    // [plain]
        Trend => ("Trend", "Tuedd"),                      // [plain] GPC: tuedd
        // "Safle" (position, rank) is the everyday word; review welcome.
        Ranking => ("Ranking", "Safle"),                  // [plain]
        From => ("From", "O"),                            // [plain]
        To => ("To", "Hyd at"),                           // [plain]
        Loading => ("Loading…", "Wrthi'n llwytho…"),      // [cy-UI]
        NoAreaDidYouMean => (
            "No area called '{q}'. Did you mean {x}?",
            "Does dim ardal o'r enw '{q}'. Oeddech chi'n golygu {x}?", // [plain]
        ),
        NoArea => ("No area called '{q}'.", "Does dim ardal o'r enw '{q}'."), // [plain]
        NoOffenceDidYouMean => (
            "No offence called '{q}'. Did you mean {x}?",
            "Does dim trosedd o'r enw '{q}'. Oeddech chi'n golygu {x}?", // [plain] GPC: trosedd
        ),
        NoOffence => ("No offence called '{q}'.", "Does dim trosedd o'r enw '{q}'."), // [plain]
        Chart => ("Chart", "Siart"),                      // [cy-UI]
        Removed => ("Removed", "Wedi tynnu"),             // [cy-UI]
        NoData => ("No data", "Dim data"),                // [cy-UI]
        LoadingFigures => ("Loading the figures…", "Wrthi'n llwytho'r ffigurau…"), // [plain]
        Figures => ("Figures", "Ffigurau"),               // [cy-UI]
        BreaksNote => (
            "A break in a line marks a change in what the figures count (offence codes reclassified, a new release, or a different body recording them): figures either side are not comparable.",
            "Mae toriad mewn llinell yn dangos newid yn yr hyn y mae'r ffigurau'n ei gyfrif (codau troseddau wedi'u hailddosbarthu, cyhoeddiad newydd, neu gorff gwahanol yn eu cofnodi): ni ellir cymharu'r ffigurau bob ochr iddo.", // [plain]
        ),
        FiguresUnavailable => (
            "The figures could not be loaded. Please try again later.",
            "Nid oedd modd llwytho'r ffigurau. Rhowch gynnig arall arni yn nes ymlaen.", // [plain]
        ),
        RateUnavailable => (
            "Rate unavailable: no population estimate for this period",
            "Dim cyfradd ar gael: dim amcangyfrif o'r boblogaeth ar gyfer y cyfnod hwn", // [plain]
        ),
        SeriesNoData => ("{name}: no data", "{name}: dim data"), // [cy-UI]
        SeriesRateUnavailable => (
            "{name}: rate unavailable (no population estimate)",
            "{name}: dim cyfradd ar gael (dim amcangyfrif o'r boblogaeth)", // [plain]
        ),
        TableArea => ("Area", "Ardal"),                   // [plain]
        TablePeriod => ("Period", "Cyfnod"),              // [plain]
        IndexToBase => ("Index", "Mynegai"),              // [plain] GPC: mynegai
        YearOnYear => ("% change on a year earlier", "Newid % ers blwyddyn ynghynt"), // [plain]
        SubtitleCount => (
            "Offences recorded by the police in the 12 months to each date",
            "Troseddau a gofnodwyd gan yr heddlu yn y 12 mis hyd at bob dyddiad", // [BBC-2016] + [plain]
        ),
        SubtitleRate => (
            "Offences per 1,000 people in the 12 months to each date",
            "Troseddau fesul 1,000 o bobl yn y 12 mis hyd at bob dyddiad", // [plain]
        ),
        SubtitleIndex => ("Index: {period} = 100", "Mynegai: {period} = 100"), // [plain]
        SubtitleYearOnYear => (
            "% change on the same 12 months a year earlier",
            "Newid % o'i gymharu â'r un 12 mis flwyddyn ynghynt", // [plain]
        ),
        SubtitleRankingCount => (
            "Offences recorded by the police in the {period}",
            "Troseddau a gofnodwyd gan yr heddlu yn {period}", // [BBC-2016] + [plain]
        ),
        SubtitleRankingRate => (
            "Offences per 1,000 people in the {period}",
            "Troseddau fesul 1,000 o bobl yn {period}", // [plain]
        ),
        MoreAreasNotShown => (
            "{n} more areas not shown: see the table",
            "{n} ardal arall heb eu dangos: gweler y tabl", // [plain] (noun stays singular after a numeral)
        ),
        AriaTrend => (
            "Line chart of {offence}, {from} to {to}: {areas}.",
            // "o"/"i" would mutate the next word ("o droseddau", "i'r flwyddyn"); "hyd at" before
            // "y flwyddyn" needs no mutation and the offence follows a colon.
            "Siart linell: {offence}, {from} hyd at {to}: {areas}.", // [plain]
        ),
        AriaRanking => (
            "Bar chart ranking {n} areas by {offence}, {period}.",
            "Siart bar yn rhestru {n} ardal yn ôl {offence}, {period}.", // [plain]
        ),
        // "cynnydd o" / "gostyngiad o" + percentage is the BBC Cymru Fyw usage for these
        // figures ([BBC-2016]: "Cynnydd o 2.5% yn nifer y troseddau").
        UpOnYearBefore => ("up {pct} on the year before", "cynnydd o {pct} ers y flwyddyn flaenorol"),
        DownOnYearBefore => ("down {pct} on the year before", "gostyngiad o {pct} ers y flwyddyn flaenorol"),
        UnchangedOnYearBefore => ("unchanged on the year before", "dim newid ers y flwyddyn flaenorol"),
        ChangeChart => ("Change chart", "Newid y siart"), // [cy-UI]
        AreaLimit => (
            "A chart compares up to {n} areas: remove one to add another.",
            "Mae siart yn cymharu hyd at {n} ardal: tynnwch un i ychwanegu un arall.", // [plain] (noun singular after a numeral)
        ),
        NoAreasMatch => ("No areas match", "Does dim ardal yn cyfateb"), // [plain]
        AreasMatch => ("{n} areas match", "{n} ardal yn cyfateb"), // [plain]
        Added => ("Added", "Wedi ychwanegu"),             // [cy-UI]
        AreasCharted => ("Areas on the chart", "Ardaloedd ar y siart"), // [plain]
        SuggestedAreas => ("Suggested areas", "Ardaloedd a awgrymir"), // [plain]
        ChartKeys => (
            "Use the arrow keys to read the figures: left and right move between periods, up and down between areas, Home and End go to the first and last period, Page Up and Page Down move a year. Escape hides the figure.",
            "Defnyddiwch y bysellau saeth i ddarllen y ffigurau: mae chwith a de yn symud rhwng cyfnodau, i fyny ac i lawr rhwng ardaloedd, mae Home ac End yn mynd i'r cyfnod cyntaf a'r olaf, mae Page Up a Page Down yn symud blwyddyn. Mae Escape yn cuddio'r ffigur.", // [plain]
        ),
        StartOfChart => ("Start of the chart", "Dechrau'r siart"), // [plain]
        EndOfChart => ("End of the chart", "Diwedd y siart"), // [plain]
        PerThousandPeople => ("per 1,000 people", "fesul 1,000 o bobl"), // [plain], as in RatePer1000
        Map => ("Map", "Map"),                            // [cy-UI] "map" is the Welsh word too
        NoFigure => ("No figure", "Dim ffigur"),          // [plain]
        Rank => ("Rank", "Safle"),                        // [plain], as in Ranking
        RankOf => ("{r} of {n}", "{r} o {n}"),            // [plain]
        AriaMap => (
            "Map of the {n} police force areas shaded by {offence}, {measure}, {period}.",
            "Map o'r {n} ardal heddlu wedi'u lliwio yn ôl {offence}, {measure}, {period}.", // [plain] (noun singular after a numeral)
        ),
        MapKeys => (
            "Use the arrow keys to move between police force areas, from the highest figure to the lowest (the order of the table). Home and End go to the first and last. Enter makes the area the main one. Escape hides the figure.",
            "Defnyddiwch y bysellau saeth i symud rhwng ardaloedd heddlu, o'r ffigur uchaf i'r isaf (trefn y tabl). Mae Home ac End yn mynd i'r cyntaf a'r olaf. Mae Enter yn gwneud yr ardal yn brif ardal. Mae Escape yn cuddio'r ffigur.", // [plain]
        ),
        OffScaleNote => (
            "{name} ({value}) is off the scale: few people live there but many work in or visit it, so its rate per resident is far above any other area's. The classes are set without it.",
            "Mae {name} ({value}) y tu hwnt i'r raddfa: ychydig o bobl sy'n byw yno ond mae llawer yn gweithio yno neu'n ymweld, felly mae ei chyfradd fesul preswylydd ymhell uwchlaw unrhyw ardal arall. Gosodwyd y dosbarthiadau hebddi.", // [plain]
        ),
        MapCountsAsRates => (
            "Shaded by rate per 1,000 people: shading by counts would make the largest forces look worst only because they are largest.",
            "Wedi'u lliwio yn ôl cyfradd fesul 1,000 o bobl: byddai lliwio yn ôl nifer yn gwneud i'r heddluoedd mwyaf edrych yn waeth dim ond am eu bod yn fwy.", // [plain]
        ),
        London => ("London", "Llundain"),                 // Welsh place name (Llundain)
        OffencesCount => ("{n} offences", "{n} o droseddau"), // [plain] "o droseddau" after a figure, soft mutation
        RangeSwapped => (
            "The start came after the end, so the two were swapped.",
            "Roedd y dechrau ar ôl y diwedd, felly cawsant eu cyfnewid.", // [plain]
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Cy => cy,
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];
/// Welsh month names as used in dates ("Mawrth 2018"), from the standard Welsh calendar.
const MONTHS_CY: [&str; 12] = [
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
    "Hydref", "Tachwedd", "Rhagfyr",
];
/// Short forms for axes. The Welsh are the abbreviations of the cy-GB locale data (CLDR).
const MONTHS_SHORT_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_SHORT_CY: [&str; 12] =
    ["Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"];

fn month_index(month: u8) -> usize {
    (month.clamp(1, 12) - 1) as usize
}

/// The full month name: "March" / "Mawrth".
pub fn month_name(month: u8, lang: Lang) -> &'static str {
    match lang {
        Lang::En => MONTHS_EN[month_index(month)],
        Lang::Cy => MONTHS_CY[month_index(month)],
    }
}

/// The period as prose: "year ending March 2018" / "y flwyddyn yn gorffen Mawrth 2018".
/// Lower case so it can sit mid-sentence; see [`capitalise`] for a heading.
pub fn period_label(period: crate::period::YearMonth, lang: Lang) -> String {
    match lang {
        Lang::En => format!("year ending {} {}", month_name(period.month, lang), period.year),
        Lang::Cy => format!("y flwyddyn yn gorffen {} {}", month_name(period.month, lang), period.year),
    }
}

/// A short axis label: "Mar 2018" / "Maw 2018".
pub fn period_short(period: crate::period::YearMonth, lang: Lang) -> String {
    let m = match lang {
        Lang::En => MONTHS_SHORT_EN[month_index(period.month)],
        Lang::Cy => MONTHS_SHORT_CY[month_index(period.month)],
    };
    format!("{m} {}", period.year)
}

/// Upper-cases the first letter: "Year ending March 2018".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => crate::case::upper(first).chain(chars).collect(),
        None => String::new(),
    }
}

/// The slug of an English offence name: lower case, spaces to '-'.
pub fn offence_slug(english: &str) -> String {
    crate::case::lowercase(english.trim()).replace(' ', "-")
}

/// Welsh offence names by slug. Only names with a published Welsh use are listed; every other
/// offence keeps its English name in Welsh text (see the note after the table).
const OFFENCES_CY: &[(&str, &str)] = &[
    // [BBC-2016]: "5,016 o droseddau rhywiol"; also the ONS-figures report [BBC-2019].
    ("sexual-offences", "Troseddau rhywiol"),
    // [BBC-2019]: "Troseddau stelcian ac aflonyddu".
    ("stalking-and-harassment", "Stelcian ac aflonyddu"),
    // The two parts of the same [BBC-2019] phrase: Home Office codes 8Q and 8L.
    ("stalking", "Stelcian"),
    ("harassment", "Aflonyddu"),
    // [BBC-2019]: "trais yn erbyn y person".
    ("violence-against-the-person", "Trais yn erbyn y person"),
    // [police.uk-cy]: "Byrgleriaeth".
    ("burglary", "Byrgleriaeth"),
];
// Kept in English for now, because no published Welsh form was found to check against:
// total recorded crime excluding fraud, theft offences, victim-based crime, other crimes
// against society, all other theft offences, bicycle theft, criminal damage and arson, death
// or serious injury caused by illegal driving, domestic / non-domestic / residential /
// non-residential burglary, drug offences, fraud offences, homicide, miscellaneous crimes
// against society, possession of weapons offences, public order offences, robbery,
// shoplifting, theft from the person, vehicle offences, violence with or without injury.
// Action Fraud, CIFAS and UK Finance are names of organisations and stay as they are.

/// The offence name to show: the Welsh name where one is recorded, else `english_fallback`.
/// `key` is the slug (or the English name, which is slugged).
pub fn offence_name(key: &str, english_fallback: &str, lang: Lang) -> String {
    if lang == Lang::Cy {
        let slug = offence_slug(key);
        if let Some((_, cy)) = OFFENCES_CY.iter().find(|(s, _)| *s == slug) {
            return cy.to_string();
        }
    }
    english_fallback.to_string()
}

#[cfg(test)]
mod text_tests {
    use super::*;
    use crate::period::YearMonth;

    #[test]
    fn periods_read_naturally() {
        let p = YearMonth::new(2018, 3).unwrap();
        assert_eq!(period_label(p, Lang::En), "year ending March 2018");
        assert_eq!(period_label(p, Lang::Cy), "y flwyddyn yn gorffen Mawrth 2018");
        assert_eq!(period_short(p, Lang::En), "Mar 2018");
        assert_eq!(capitalise(&period_label(p, Lang::Cy)), "Y flwyddyn yn gorffen Mawrth 2018");
    }

    #[test]
    fn offence_names_fall_back_to_english() {
        assert_eq!(offence_name("sexual-offences", "Sexual offences", Lang::Cy), "Troseddau rhywiol");
        assert_eq!(offence_name("Sexual offences", "Sexual offences", Lang::Cy), "Troseddau rhywiol");
        assert_eq!(offence_name("sexual-offences", "Sexual offences", Lang::En), "Sexual offences");
        assert_eq!(offence_name("homicide", "Homicide", Lang::Cy), "Homicide");
    }

    #[test]
    fn fill_replaces_placeholders() {
        let s = fill(t(Key::NoAreaDidYouMean, Lang::En), &[("q", "Gwnet"), ("x", "Gwent")]);
        assert_eq!(s, "No area called 'Gwnet'. Did you mean Gwent?");
    }
}

/// The bundled dataset's note in the reader's language. A rebuilt dataset's own note is shown
/// as its builder wrote it: we translate only the words we know.
pub fn source_note(note: &str, lang: Lang) -> String {
    if lang == Lang::Cy && note == crate::provenance::SOURCE_NOTE {
        // [ONS-cy] "amcangyfrifon canol blwyddyn".
        return "Poblogaeth: amcangyfrifon canol blwyddyn SYG, MYE23 (Gorffennaf 2024)".to_string();
    }
    note.to_string()
}

/// A release's name in the reader's language: the bundled releases have Welsh names, a
/// rebuilt dataset's own are shown as they are.
pub fn release_name(release: &str, lang: Lang) -> String {
    if lang == Lang::Cy {
        if release == crate::provenance::PFA_RELEASE {
            // [ONS-cy] "troseddau a gofnodwyd gan yr heddlu"; [plain] "cyfansymiau treigl 12 mis".
            return "SYG / y Swyddfa Gartref, troseddau a gofnodwyd gan yr heddlu fesul ardal heddlu, cyfansymiau treigl 12 mis, fel y'u cyhoeddwyd yn gynnar yn 2019".to_string();
        }
        if let Some(rest) = release.strip_prefix("Home Office police recorded crime open data tables, published ") {
            if let Some((date, file)) = rest.split_once(" (") {
                const EN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
                let date = EN.iter().zip(MONTHS_CY).fold(date.to_string(), |d, (en, cy)| d.replace(en, cy));
                // [plain] "tablau data agored".
                return format!("Tablau data agored y Swyddfa Gartref ar droseddau a gofnodwyd gan yr heddlu, a gyhoeddwyd {date} ({file}");
            }
        }
    }
    release.to_string()
}

