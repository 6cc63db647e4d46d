//! Advance widths of Liberation Sans (metric-compatible with Arial), so layout can measure
//! text without a DOM or a font file.
//!
//! The charts name the font stack `FONT_FAMILY`; Liberation Sans and Arial share advance
//! widths by design, and Helvetica is close, so a label measured here fits when drawn. The
//! tables were read from the hmtx tables of LiberationSans-Regular.ttf and -Bold.ttf
//! (2048 units per em) through their cmap.

/// The CSS font stack every chart draws text with.
pub const FONT_FAMILY: &str = "Liberation Sans, Arial, Helvetica, sans-serif";

const UNITS_PER_EM: f64 = 2048.0;
/// Average ASCII advance, used for characters outside the tables: wide enough that an
/// unknown letter does not make a label overflow by much.
const AVERAGE_REGULAR: u16 = 1085;
const AVERAGE_BOLD: u16 = 1135;

const ASCII_REGULAR: [u16; 95] = [569, 569, 727, 1139, 1139, 1821, 1366, 391, 682, 682, 797, 1196, 569, 682, 569, 569, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 569, 569, 1196, 1196, 1196, 1139, 2079, 1366, 1366, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1024, 1366, 1139, 1706, 1479, 1593, 1366, 1593, 1479, 1366, 1251, 1479, 1366, 1933, 1366, 1366, 1251, 569, 569, 569, 961, 1139, 682, 1139, 1139, 1024, 1139, 1139, 569, 1139, 1139, 455, 455, 1024, 455, 1706, 1139, 1139, 1139, 1139, 682, 1024, 569, 1139, 1024, 1479, 1024, 1024, 1024, 684, 532, 684, 1196];
const ASCII_BOLD: [u16; 95] = [569, 682, 971, 1139, 1139, 1821, 1479, 487, 682, 682, 797, 1196, 569, 682, 569, 569, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 682, 682, 1196, 1196, 1196, 1251, 1997, 1479, 1479, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1139, 1479, 1251, 1706, 1479, 1593, 1366, 1593, 1479, 1366, 1251, 1479, 1366, 1933, 1366, 1366, 1251, 682, 569, 682, 1196, 1139, 682, 1139, 1251, 1139, 1251, 1139, 682, 1251, 1251, 569, 569, 1139, 569, 1821, 1251, 1251, 1251, 1251, 797, 1139, 682, 1251, 1139, 1593, 1139, 1139, 1024, 797, 573, 797, 1196];
/// (code point, regular, bold), sorted by code point for binary search.
const EXTRA: [(u32, u16, u16); 121] = [(0x00A0, 569, 569), (0x00A1, 682, 682), (0x00A2, 1139, 1139), (0x00A3, 1139, 1139), (0x00A4, 1139, 1139), (0x00A5, 1139, 1139), (0x00A6, 532, 573), (0x00A7, 1139, 1139), (0x00A8, 682, 682), (0x00A9, 1509, 1509), (0x00AA, 758, 758), (0x00AB, 1139, 1139), (0x00AC, 1196, 1196), (0x00AD, 682, 682), (0x00AE, 1509, 1509), (0x00AF, 1131, 1131), (0x00B0, 819, 819), (0x00B1, 1124, 1124), (0x00B2, 682, 682), (0x00B3, 682, 682), (0x00B4, 682, 682), (0x00B5, 1180, 1180), (0x00B6, 1100, 1139), (0x00B7, 569, 569), (0x00B8, 682, 682), (0x00B9, 682, 682), (0x00BA, 748, 748), (0x00BB, 1139, 1139), (0x00BC, 1708, 1708), (0x00BD, 1708, 1708), (0x00BE, 1708, 1708), (0x00BF, 1251, 1251), (0x00C0, 1366, 1479), (0x00C1, 1366, 1479), (0x00C2, 1366, 1479), (0x00C3, 1366, 1479), (0x00C4, 1366, 1479), (0x00C5, 1366, 1479), (0x00C6, 2048, 2048), (0x00C7, 1479, 1479), (0x00C8, 1366, 1366), (0x00C9, 1366, 1366), (0x00CA, 1366, 1366), (0x00CB, 1366, 1366), (0x00CC, 569, 569), (0x00CD, 569, 569), (0x00CE, 569, 569), (0x00CF, 569, 569), (0x00D0, 1479, 1479), (0x00D1, 1479, 1479), (0x00D2, 1593, 1593), (0x00D3, 1593, 1593), (0x00D4, 1593, 1593), (0x00D5, 1593, 1593), (0x00D6, 1593, 1593), (0x00D7, 1196, 1196), (0x00D8, 1593, 1593), (0x00D9, 1479, 1479), (0x00DA, 1479, 1479), (0x00DB, 1479, 1479), (0x00DC, 1479, 1479), (0x00DD, 1366, 1366), (0x00DE, 1366, 1366), (0x00DF, 1251, 1251), (0x00E0, 1139, 1139), (0x00E1, 1139, 1139), (0x00E2, 1139, 1139), (0x00E3, 1139, 1139), (0x00E4, 1139, 1139), (0x00E5, 1139, 1139), (0x00E6, 1821, 1821), (0x00E7, 1024, 1139), (0x00E8, 1139, 1139), (0x00E9, 1139, 1139), (0x00EA, 1139, 1139), (0x00EB, 1139, 1139), (0x00EC, 569, 569), (0x00ED, 569, 569), (0x00EE, 569, 569), (0x00EF, 569, 569), (0x00F0, 1139, 1251), (0x00F1, 1139, 1251), (0x00F2, 1139, 1251), (0x00F3, 1139, 1251), (0x00F4, 1139, 1251), (0x00F5, 1139, 1251), (0x00F6, 1139, 1251), (0x00F7, 1124, 1124), (0x00F8, 1251, 1251), (0x00F9, 1139, 1251), (0x00FA, 1139, 1251), (0x00FB, 1139, 1251), (0x00FC, 1139, 1251), (0x00FD, 1024, 1139), (0x00FE, 1139, 1251), (0x00FF, 1024, 1139), (0x0152, 2048, 2048), (0x0153, 1933, 1933), (0x0174, 1933, 1933), (0x0175, 1479, 1593), (0x0176, 1366, 1366), (0x0177, 1024, 1139), (0x0178, 1366, 1366), (0x1E80, 1933, 1933), (0x1E81, 1479, 1593), (0x1E82, 1933, 1933), (0x1E83, 1479, 1593), (0x1E84, 1933, 1933), (0x1E85, 1479, 1593), (0x1EF2, 1366, 1366), (0x1EF3, 1024, 1139), (0x2013, 1139, 1139), (0x2014, 2048, 2048), (0x2018, 455, 569), (0x2019, 455, 569), (0x201C, 682, 1024), (0x201D, 682, 1024), (0x2022, 717, 717), (0x2026, 2048, 2048), (0x2212, 1196, 1196), (0x20AC, 1139, 1139)];

/// Advance width of one character in em units.
fn advance(c: char, bold: bool) -> u16 {
    let code = c as u32;
    if (32..127).contains(&code) {
        let i = (code - 32) as usize;
        return if bold { ASCII_BOLD[i] } else { ASCII_REGULAR[i] };
    }
    match EXTRA.binary_search_by_key(&code, |e| e.0) {
        Ok(i) => {
            if bold {
                EXTRA[i].2
            } else {
                EXTRA[i].1
            }
        }
        // Combining marks and control characters take no space; anything else is average.
        Err(_) if (0x300..0x370).contains(&code) || code < 32 => 0,
        Err(_) => {
            if bold {
                AVERAGE_BOLD
            } else {
                AVERAGE_REGULAR
            }
        }
    }
}

/// Width in CSS px of `text` at `size` px.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let units: u32 = text.chars().map(|c| advance(c, bold) as u32).sum();
    units as f64 * size / UNITS_PER_EM
}

/// Cuts `text` to fit `max_width`, ending with "…" when anything is cut. Returns an empty
/// string when not even the ellipsis fits.
pub fn truncate(text: &str, size: f64, bold: bool, max_width: f64) -> String {
    if text_width(text, size, bold) <= max_width {
        return text.to_string();
    }
    let budget = max_width - text_width("…", size, bold);
    if budget < 0.0 {
        return String::new();
    }
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = advance(c, bold) as f64 * size / UNITS_PER_EM;
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    // "North Wal…" reads better than "North …": drop a trailing space before the ellipsis.
    let trimmed = out.trim_end().to_string();
    format!("{trimmed}…")
}

/// Splits `text` into lines no wider than `max_width`, breaking at spaces; a single word
/// longer than the line is truncated rather than overflowing.
pub fn wrap(text: &str, size: f64, bold: bool, max_width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if text_width(&candidate, size, bold) <= max_width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| truncate(&l, size, bold, max_width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_the_font() {
        // "0" is 1139/2048 em in Liberation Sans: 6.67 px at 12 px.
        assert!((text_width("0", 12.0, false) - 6.674).abs() < 0.01);
        assert!(text_width("Ŵŷ", 12.0, false) > 10.0);
        assert!(text_width("W", 12.0, true) >= text_width("W", 12.0, false));
        assert_eq!(text_width("", 12.0, false), 0.0);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        let t = truncate("Devon and Cornwall", 12.0, false, 60.0);
        assert!(t.ends_with('…'));
        assert!(text_width(&t, 12.0, false) <= 60.0);
        assert_eq!(truncate("Gwent", 12.0, false, 60.0), "Gwent");
        assert_eq!(truncate("Gwent", 12.0, false, 1.0), "");
    }

    #[test]
    fn wraps_at_spaces() {
        let lines = wrap("Source: Office for National Statistics / Home Office", 11.0, false, 120.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 11.0, false) <= 120.0));
    }
}
