//! From the Home Office open data tables' quarterly counts by offence code to rolling years of
//! every offence in the hierarchy, and the series breaks the codes' history shows.
//!
//! The rules (also in `data/PROVENANCE.md`):
//!
//! * **Latest classification.** Each code belongs to the category of the latest sheet that lists
//!   it, for every quarter: harassment (8L) sits under "Violence without injury" in the 2012/13
//!   sheet and under "Stalking and harassment" from 2013/14, so it counts under "Stalking and
//!   harassment" throughout. A code's name is its latest description.
//! * **A code is in use** from the first to the last quarter in which some area has a non-zero
//!   count for it (and only in quarters the tables list it). Outside that span it has no figure:
//!   the tables keep listing discontinued codes as zeros (burglary in a dwelling, 28A, is 0
//!   everywhere from April 2017, when burglary was reclassified), and a zero there would read as
//!   "no burglaries", not "counted elsewhere". A code that is zero everywhere always is never in use.
//! * **A category's quarter** is the sum of its codes in use that quarter; missing for an area
//!   that lacks a row for one of them; no figure at all when none of its codes is in use.
//! * **A rolling year** is the exact sum of its four quarters; missing if any is.
//! * **Breaks.** When the set of codes in use under a category changes from one quarter to the
//!   next, the rolling years that end in that quarter and the three after it mix the old and the
//!   new composition: each is a break (`Reclassified`; `RecordingBody` for the fraud bodies,
//!   where the change is of the reporting body), unless the codes that enter or leave carry
//!   under 1% of the category's count ([`MATERIAL`]). This is deliberately cautious: a pure
//!   re-coding (the 2013 split of the homicide code, the 2023 split of residential burglary) is
//!   also flagged, because the tables alone cannot tell a re-coding from a change of scope.

use crate::model::{BreakReason, Offence, OffenceId, StoredBreak};
use crate::period::YearMonth;
use std::collections::BTreeSet;

/// One code's quarterly counts, `[area][quarter]` over `Quarters::ends`.
pub struct CodeSeries {
    /// The offence the code's own figures go to (a leaf, or a category it is the only code of).
    pub offence: OffenceId,
    pub values: Vec<Option<i64>>,
}

/// Quarter ends, in order, each three months after the one before (gaps are filled with
/// quarters no code is in use in).
pub struct Quarters {
    pub ends: Vec<YearMonth>,
}

impl Quarters {
    pub fn new(seen: &BTreeSet<YearMonth>) -> Quarters {
        let mut ends = Vec::new();
        if let (Some(&first), Some(&last)) = (seen.iter().next(), seen.iter().next_back()) {
            let mut q = first;
            while q <= last {
                ends.push(q);
                match q.minus_months(-3) {
                    Some(n) => q = n,
                    None => break,
                }
            }
        }
        Quarters { ends }
    }

    pub fn index(&self, q: YearMonth) -> Option<usize> {
        self.ends.binary_search(&q).ok()
    }
}

/// For each code, the quarters it is in use in (see the module documentation).
fn in_use(code: &CodeSeries, areas: &[usize], nq: usize) -> Vec<bool> {
    let listed = |q: usize| areas.iter().any(|&a| code.values[a * nq + q].is_some());
    let nonzero = |q: usize| areas.iter().any(|&a| code.values[a * nq + q].is_some_and(|v| v != 0));
    let first = (0..nq).find(|&q| nonzero(q));
    let last = (0..nq).rev().find(|&q| nonzero(q));
    (0..nq)
        .map(|q| match (first, last) {
            (Some(f), Some(l)) => q >= f && q <= l && listed(q),
            _ => false,
        })
        .collect()
}

/// The least share of a category's count that codes entering or leaving it must carry for the
/// change to break its series: 1%, the size of a change the narrative writes as 1%.
pub const MATERIAL: f64 = 0.01;

/// Everything computed from the codes.
pub struct Rolled {
    /// `[area][offence][period]` over `periods`, for every offence that has a code under it.
    pub values: Vec<Option<i64>>,
    /// Rolling periods: quarter ends with all four quarters in the tables.
    pub periods: Vec<YearMonth>,
    /// Breaks, with `period` an index into `periods`.
    pub breaks: Vec<StoredBreak>,
}

/// Rolls the codes up the hierarchy and into rolling years. `base_areas` are the areas with
/// figures of their own (no aggregates); `is_fraud_body(o)` says whether offence `o` is a fraud
/// body's category.
pub fn roll(
    offences: &[Offence],
    codes: &[CodeSeries],
    quarters: &Quarters,
    na: usize,
    base_areas: &[usize],
    is_fraud_body: impl Fn(OffenceId) -> bool,
) -> Rolled {
    let (no, nq) = (offences.len(), quarters.ends.len());
    let periods: Vec<YearMonth> = quarters.ends.iter().skip(3).copied().collect();
    let np = periods.len();
    let use_: Vec<Vec<bool>> = codes.iter().map(|c| in_use(c, base_areas, nq)).collect();
    // The codes under each offence: its own and its descendants'.
    let mut under: Vec<Vec<usize>> = vec![Vec::new(); no];
    for (ci, c) in codes.iter().enumerate() {
        let mut o = Some(c.offence);
        let mut steps = 0;
        while let Some(k) = o {
            under[k].push(ci);
            o = offences[k].parent;
            steps += 1;
            if steps > no {
                break;
            }
        }
    }
    let mut values = vec![None; na * no * np];
    let mut breaks = Vec::new();
    let mut quarter = vec![None; nq];
    for o in 0..no {
        let cs = &under[o];
        if cs.is_empty() {
            continue;
        }
        let comps: Vec<Vec<usize>> = (0..nq).map(|q| cs.iter().copied().filter(|&c| use_[c][q]).collect()).collect();
        for &a in base_areas {
            for (q, slot) in quarter.iter_mut().enumerate() {
                let used = &comps[q];
                *slot = if used.is_empty() {
                    None
                } else {
                    used.iter().try_fold(0i64, |s, &c| codes[c].values[a * nq + q].and_then(|v| s.checked_add(v)))
                };
            }
            for p in 0..np {
                // Period p ends in quarter p + 3; its year is quarters p..=p + 3.
                let sum = (p..p + 4).try_fold(0i64, |s, q| quarter[q].and_then(|v| s.checked_add(v)));
                values[(a * no + o) * np + p] = sum;
            }
        }
        // A change of composition between two quarters in which the category is in use.
        let reason = if is_fraud_body(o) { BreakReason::RecordingBody } else { BreakReason::Reclassified };
        let mut marked = BTreeSet::new();
        // The national count of some codes in a quarter.
        let national = |cs: &[usize], q: usize| -> i64 { cs.iter().map(|&c| base_areas.iter().filter_map(|&a| codes[c].values[a * nq + q]).sum::<i64>()).sum() };
        for q in 1..nq {
            let (before, now) = (&comps[q - 1], &comps[q]);
            if !before.is_empty() && !now.is_empty() && before != now {
                // Codes that enter or leave carrying under MATERIAL of the category's count (in
                // the quarter they enter, or the last before they leave) do not break it.
                let entering: Vec<usize> = now.iter().copied().filter(|c| !before.contains(c)).collect();
                let leaving: Vec<usize> = before.iter().copied().filter(|c| !now.contains(c)).collect();
                let share = |part: i64, whole: i64| if whole > 0 { part.abs() as f64 / whole as f64 } else { 1.0 };
                if share(national(&entering, q), national(now, q)) < MATERIAL && share(national(&leaving, q - 1), national(before, q - 1)) < MATERIAL {
                    continue;
                }
                // Rolling years ending in quarters q..=q + 3 mix the two; period index = quarter - 3.
                for end in q..(q + 4).min(nq) {
                    if end >= 3 && marked.insert(end - 3) {
                        breaks.push(StoredBreak { offence: o, area: None, period: end - 3, reason });
                    }
                }
            }
        }
    }
    Rolled { values, periods, breaks }
}
