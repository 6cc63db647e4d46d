//! From pointer and keyboard back to data: which point is under the pointer, where arrow keys
//! go next, and what the tooltip says.

use super::layout::Layout;
use super::{ChartInput, ChartKind};
use crate::format;
use crate::i18n::{self, Key};

/// A data point: a series and a period index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    pub series: usize,
    pub period: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// How far outside the plot (px) the pointer may be and still pick a point: enough for a
/// finger on the last point, not so much that the title area triggers tooltips.
const SLOP: f64 = 16.0;

/// The point under a pointer at (`x`, `y`) CSS px. Lines: the nearest period in x (among
/// periods where some series has a value), then the nearest series in y at that period.
/// Ranking: the bar whose row contains the pointer.
pub fn hit(layout: &Layout, input: &ChartInput, x: f64, y: f64) -> Option<Position> {
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    let p = layout.plot;
    if input.kind == ChartKind::Map {
        return super::map::hit(layout, x, y).map(|series| Position { series, period: input.ranking_period });
    }
    if input.kind == ChartKind::Ranking {
        // The row band: the bar's height grown to the gap between bars, across the chart.
        return layout
            .bars
            .iter()
            .filter(|b| (y - (b.rect.y + b.rect.h / 2.0)).abs() <= b.rect.h * 0.8)
            .min_by(|a, b| (y - a.rect.y).abs().total_cmp(&(y - b.rect.y).abs()))
            .map(|b| Position { series: b.series, period: input.ranking_period });
    }
    if x < p.x - SLOP || x > p.right() + SLOP || y < p.y - SLOP || y > p.bottom() + SLOP {
        return None;
    }
    let period = (0..layout.period_x.len())
        .filter(|&i| layout.points.iter().any(|s| s.get(i).copied().flatten().is_some()))
        .min_by(|&a, &b| (layout.period_x[a] - x).abs().total_cmp(&(layout.period_x[b] - x).abs()))?;
    let series = (0..layout.points.len())
        .filter_map(|s| layout.points[s][period].map(|pt| (s, (pt.1 - y).abs())))
        .min_by(|a, b| a.1.total_cmp(&b.1))?
        .0;
    Some(Position { series, period })
}

/// The x of the crosshair for a period, in CSS px.
pub fn crosshair_x(layout: &Layout, period: usize) -> Option<f64> {
    if layout.map.is_some() {
        return None;
    }
    layout.period_x.get(period).copied()
}

/// Where an arrow key moves the focus. Lines: Left/Right to the previous/next period (in time)
/// where the current series has a value; Up/Down to the previous/next series with a value at
/// this period. Ranking: Up/Down move a row. A move off the end stays put.
pub fn step(input: &ChartInput, current: Position, direction: Direction) -> Position {
    let values = input.plotted();
    let has = |s: usize, p: usize| values.get(s).and_then(|v| v.get(p)).copied().flatten().is_some();
    if input.kind == ChartKind::Map {
        // The documented order: by rank, highest first, then areas with no figure (as the table).
        let order = super::map::key_order(input);
        let Some(i) = order.iter().position(|&s| s == current.series) else {
            return order.first().map_or(current, |&s| Position { series: s, period: input.ranking_period });
        };
        let j = match direction {
            Direction::Up | Direction::Left => i.saturating_sub(1),
            Direction::Down | Direction::Right => (i + 1).min(order.len() - 1),
        };
        return Position { series: order[j], period: input.ranking_period };
    }
    if input.kind == ChartKind::Ranking {
        let order: Vec<usize> = input.ranking_order().into_iter().filter(|r| r.1.is_some()).map(|r| r.0).collect();
        let Some(i) = order.iter().position(|&s| s == current.series) else {
            return order.first().map_or(current, |&s| Position { series: s, period: input.ranking_period });
        };
        let j = match direction {
            Direction::Up | Direction::Left => i.saturating_sub(1),
            Direction::Down | Direction::Right => (i + 1).min(order.len() - 1),
        };
        return Position { series: order[j], period: input.ranking_period };
    }
    let mut time: Vec<usize> = (0..input.periods.len()).collect();
    crate::util::sort_by_key(&mut time, |&p| input.periods[p]);
    let Some(t) = time.iter().position(|&p| p == current.period) else { return current };
    let here = input.periods[current.period].ordinal();
    let nearest = |s: usize| -> Option<usize> {
        time.iter().copied().filter(|&p| has(s, p)).min_by_key(|&p| ((input.periods[p].ordinal() - here).abs(), input.periods[p].ordinal()))
    };
    match direction {
        Direction::Left => time[..t].iter().rev().find(|&&p| has(current.series, p)).map_or(current, |&p| Position { period: p, ..current }),
        Direction::Right => time[t + 1..].iter().find(|&&p| has(current.series, p)).map_or(current, |&p| Position { period: p, ..current }),
        // Up and Down go to the next series that has any figure: at the same period where it has
        // one, otherwise at its figure nearest in time (the earlier of two as near). So a series
        // with figures only where no other has any (a newsroom's newer figure) is reachable.
        Direction::Up => (0..current.series.min(values.len())).rev().find_map(|s| nearest(s).map(|p| Position { series: s, period: p })).unwrap_or(current),
        Direction::Down => (current.series + 1..values.len()).find_map(|s| nearest(s).map(|p| Position { series: s, period: p })).unwrap_or(current),
    }
}

/// Longer keyboard moves along the time axis: Home, End, Page Up, Page Down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Jump {
    /// The earliest period where the current series has a value.
    First,
    /// The latest period where the current series has a value.
    Last,
    /// The latest period at least 12 months before the current one, with a value.
    YearEarlier,
    /// The earliest period at least 12 months after the current one, with a value.
    YearLater,
}

/// Where Home, End, Page Up or Page Down moves the focus on a line chart; a ranking has one
/// period, so it moves to its first or last row. A jump with nowhere to go stays put.
pub fn jump(input: &ChartInput, current: Position, jump: Jump) -> Position {
    let values = input.plotted();
    if input.kind == ChartKind::Map {
        let order = super::map::key_order(input);
        let target = match jump {
            Jump::First | Jump::YearEarlier => order.first(),
            Jump::Last | Jump::YearLater => order.last(),
        };
        return target.map_or(current, |&s| Position { series: s, period: input.ranking_period });
    }
    if input.kind == ChartKind::Ranking {
        let order: Vec<usize> = input.ranking_order().into_iter().filter(|r| r.1.is_some()).map(|r| r.0).collect();
        let target = match jump {
            Jump::First | Jump::YearEarlier => order.first(),
            Jump::Last | Jump::YearLater => order.last(),
        };
        return target.map_or(current, |&s| Position { series: s, period: input.ranking_period });
    }
    let has = |p: usize| values.get(current.series).and_then(|v| v.get(p)).copied().flatten().is_some();
    let Some(now) = input.periods.get(current.period).copied() else { return current };
    let with_value = (0..input.periods.len()).filter(|&p| has(p));
    let found = match jump {
        Jump::First => with_value.min_by_key(|&p| input.periods[p]),
        Jump::Last => with_value.max_by_key(|&p| input.periods[p]),
        Jump::YearEarlier => {
            let limit = now.minus_months(12);
            with_value.filter(|&p| limit.is_some_and(|l| input.periods[p] <= l)).max_by_key(|&p| input.periods[p])
        }
        Jump::YearLater => {
            let limit = now.minus_months(-12);
            with_value.filter(|&p| limit.is_some_and(|l| input.periods[p] >= l)).min_by_key(|&p| input.periods[p])
        }
    };
    found.map_or(current, |p| Position { period: p, ..current })
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tooltip {
    /// The area.
    pub title: String,
    /// "year ending March 2018" (lower case: the widget capitalises it if it starts a line).
    pub period_label: String,
    /// "3,016", or the localised "no data" / "rate unavailable".
    pub value_text: String,
    /// "up 53% on the year before", where the year before has a value.
    pub change_text: Option<String>,
}

/// The tooltip for a point; `None` if the indices are out of range.
pub fn tooltip(input: &ChartInput, series: usize, period: usize) -> Option<Tooltip> {
    let s = input.series.get(series)?;
    let when = *input.periods.get(period)?;
    let lang = input.lang;
    let value = input.plotted()[series][period];
    let value_text = value.map_or_else(|| input.missing_text().to_string(), |v| input.format_value(v));
    if input.kind == ChartKind::Map {
        // The figure with its unit and the count behind a rate; the rank in place of a change.
        let rate = input.measure == super::Measure::Rate && input.change != super::ChangeMode::YearOnYearGiven;
        let value_text = match value {
            None => i18n::t(Key::NoFigure, lang).to_string(),
            Some(_) if rate => {
                let count = input.map.as_ref().and_then(|m| m.counts.get(series).copied().flatten());
                let mut t = format!("{value_text} {}", i18n::t(Key::PerThousandPeople, lang));
                if let Some(c) = count {
                    t.push_str(&format!(" ({})", i18n::fill(i18n::t(Key::OffencesCount, lang), &[("n", &format::integer(c, lang))])));
                }
                t
            }
            Some(_) => value_text,
        };
        let change_text = super::map::rank(input, series).map(|(r, of)| super::map::rank_text(lang, r, of));
        return Some(Tooltip { title: s.label.clone(), period_label: i18n::period_label(when, lang), value_text, change_text });
    }
    // On a Change chart the value already is the change; elsewhere compare with 12 months
    // earlier, found by month.
    let change_text = if input.kind == ChartKind::Change {
        None
    } else {
        let now = input.raw(series, period);
        let earlier = when.minus_months(12).and_then(|e| input.periods.iter().position(|p| *p == e));
        let before = earlier.and_then(|j| input.raw(series, j));
        match (now, before) {
            (Some(now), Some(before)) if before > 0.0 => {
                let pct = (now - before) / before * 100.0;
                let shown = format::percent(pct, lang);
                let key = if shown == "0%" {
                    Key::UnchangedOnYearBefore
                } else if pct > 0.0 {
                    Key::UpOnYearBefore
                } else {
                    Key::DownOnYearBefore
                };
                Some(i18n::fill(i18n::t(key, lang), &[("pct", &shown)]))
            }
            _ => None,
        }
    };
    Some(Tooltip { title: s.label.clone(), period_label: i18n::period_label(when, lang), value_text, change_text })
}
