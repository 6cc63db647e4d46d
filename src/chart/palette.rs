//! Colours: one palette, two themes, every colour checked for contrast.
//!
//! Series colours are the Okabe–Ito colour-blind-safe hues (Okabe & Ito, "Color Universal
//! Design", 2008), darkened for the light theme so each reaches 4.5:1 against the background.
//! That is more than the 3:1 WCAG 1.4.11 asks of graphics, because the same colour is used
//! for a series' end-of-line label text. Benchmarks (parent force, region, country) are a
//! muted grey and dashed, so a reader sees the selected areas first.

use super::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// "#0072B2".
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// WCAG 2 contrast ratio, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The colours of one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeColours {
    pub background: Rgb,
    /// Titles and labels: at least 4.5:1 on the background.
    pub text: Rgb,
    /// Subtitles, tick labels and the source line: at least 4.5:1 too.
    pub text_subtle: Rgb,
    /// Gridlines are deliberately faint: they are a reading aid, not content.
    pub grid: Rgb,
    /// The axis baseline and the zero / 100 reference line.
    pub axis: Rgb,
    /// Benchmark lines and their labels: at least 4.5:1.
    pub benchmark: Rgb,
    /// Ranking bars that are not selected: at least 3:1.
    pub bar_muted: Rgb,
    /// Selected series, in order.
    pub series: [Rgb; 6],
}

const LIGHT: ThemeColours = ThemeColours {
    background: Rgb(0xFF, 0xFF, 0xFF),
    text: Rgb(0x1F, 0x23, 0x28),
    text_subtle: Rgb(0x5C, 0x63, 0x70),
    grid: Rgb(0xE4, 0xE6, 0xEA),
    axis: Rgb(0x5C, 0x63, 0x70),
    benchmark: Rgb(0x6E, 0x76, 0x81),
    bar_muted: Rgb(0x85, 0x8C, 0x96),
    series: [
        Rgb(0x00, 0x72, 0xB2), // Okabe–Ito blue
        Rgb(0xC9, 0x4F, 0x00), // vermillion, darkened
        Rgb(0x00, 0x7A, 0x5E), // bluish green, darkened
        Rgb(0xB0, 0x41, 0x7F), // reddish purple, darkened
        Rgb(0x8A, 0x6D, 0x00), // orange/yellow, darkened to ochre
        Rgb(0x5B, 0x4C, 0xC4), // violet (outside Okabe–Ito; distinct from blue in CVD sims)
    ],
};

const DARK: ThemeColours = ThemeColours {
    background: Rgb(0x16, 0x18, 0x1D),
    text: Rgb(0xE8, 0xEA, 0xED),
    text_subtle: Rgb(0xA3, 0xA9, 0xB3),
    grid: Rgb(0x2E, 0x32, 0x3A),
    axis: Rgb(0xA3, 0xA9, 0xB3),
    benchmark: Rgb(0x8B, 0x92, 0x9C),
    bar_muted: Rgb(0x6F, 0x76, 0x80),
    series: [
        Rgb(0x56, 0xB4, 0xE9), // Okabe–Ito sky blue
        Rgb(0xE6, 0x9F, 0x00), // orange
        Rgb(0x2E, 0xC4, 0xA0), // bluish green, lightened
        Rgb(0xE5, 0x8F, 0xC0), // reddish purple, lightened
        Rgb(0xF0, 0xE4, 0x42), // yellow
        Rgb(0xA9, 0x9C, 0xFF), // violet
    ],
};

/// The system colours of a forced palette (CSS `Canvas`, `CanvasText`, `Highlight`, `GrayText`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ForcedColours {
    pub canvas: Rgb,
    pub canvas_text: Rgb,
    pub highlight: Rgb,
    pub gray_text: Rgb,
}

pub fn colours(theme: Theme) -> ThemeColours {
    match theme {
        Theme::Light => LIGHT,
        Theme::Dark => DARK,
        // Only the reader's colours: series are told apart by their dash patterns (SERIES_DASHES),
        // the first in the highlight colour.
        Theme::Forced(f) => ThemeColours {
            background: f.canvas,
            text: f.canvas_text,
            text_subtle: f.canvas_text,
            grid: f.gray_text,
            axis: f.canvas_text,
            benchmark: f.gray_text,
            bar_muted: f.gray_text,
            series: [f.highlight, f.canvas_text, f.highlight, f.canvas_text, f.highlight, f.canvas_text],
        },
    }
}

impl ThemeColours {
    /// The colour of the `n`th selected series; the palette repeats after six, and the
    /// end-of-line labels still tell repeated colours apart.
    pub fn series_colour(&self, n: usize) -> Rgb {
        self.series[n % self.series.len()]
    }
}

/// Dash patterns (on, off, in px) for the selected series in order: the first solid, the
/// rest dashed, dotted and dash-dotted, so five lines do not differ by hue alone (WCAG 1.4.1).
/// The chips and the legend show the same patterns.
pub const SERIES_DASHES: [Option<&[f64]>; 6] =
    [None, Some(&[10.0, 4.0]), Some(&[2.5, 3.5]), Some(&[10.0, 3.5, 2.5, 3.5]), Some(&[18.0, 5.0]), Some(&[2.5, 3.5, 2.5, 8.0])];

/// The dash pattern of the `n`th selected series.
pub fn series_dash(n: usize) -> Option<&'static [f64]> {
    SERIES_DASHES[n % SERIES_DASHES.len()]
}

/// Dash patterns (on, off, in px) for benchmarks, so two benchmarks in the same grey can
/// still be told apart.
pub const DASHES: [&[f64]; 3] = [&[6.0, 4.0], &[2.0, 3.0], &[10.0, 3.0, 2.0, 3.0]];
