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

/// The Welsh name of the area with this ONS code, where one is recorded.
pub fn area_name_cy(code: &str) -> Option<&'static str> {
    AREA_NAMES_CY.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}
