//! Finding areas and offences by what people type.
//!
//! Names are compared after [`normalise`], so "Devon & Cornwall", "devon and cornwall police"
//! and "London, City of" / "City of London" all meet. Welsh names match as well as English ones.

use crate::i18n::Lang;
use crate::model::{AreaId, AreaKind, Dataset, NotFound, OffenceId};

/// Folds a name to a comparable form: lower case, Latin diacritics removed (Welsh â ŵ ŷ ...),
/// "&" read as "and", punctuation as spaces, "X, City of" turned round to "city of x", and a
/// trailing "police" or "constabulary" dropped (people write "North Wales Police").
pub fn normalise(text: &str) -> String {
    let mut t = text.trim().to_string();
    // "London, City of" -> "City of London"; also "Bristol, City of", "Herefordshire, County of".
    if let Some((head, tail)) = t.rsplit_once(',') {
        let tail = tail.trim();
        // Exactly `tail.to_lowercase().ends_with(" of")`: only ASCII letters lower-case to o, f.
        if tail.len() >= 3 && tail.as_bytes()[tail.len() - 3..].eq_ignore_ascii_case(b" of") {
            t = format!("{tail} {}", head.trim());
        }
    }
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        let folded = fold_char(c);
        if c == '&' {
            out.push_str(" and ");
        } else if c == '\'' || c == '\u{2019}' {
            // Apostrophes join: "a'r" -> "ar".
        } else if folded.is_alphanumeric() {
            out.extend(crate::case::lower(folded));
        } else {
            out.push(' ');
        }
    }
    let mut words: Vec<&str> = out.split_whitespace().collect();
    if words.len() > 1 && matches!(words.last(), Some(&"police") | Some(&"constabulary")) {
        words.pop();
    }
    words.join(" ")
}

fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ẁ' | 'ẃ' | 'ŵ' | 'ẅ' | 'Ẁ' | 'Ẃ' | 'Ŵ' | 'Ẅ' => 'w',
        'ỳ' | 'ý' | 'ŷ' | 'ÿ' | 'Ỳ' | 'Ý' | 'Ŷ' | 'Ÿ' => 'y',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        _ => c,
    }
}

/// Levenshtein distance over chars, two rows.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + (a[i - 1] != b[j - 1]) as usize;
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// How far off a suggestion may be: about a third of the query, at least 2.
fn tolerance(query: &str) -> usize {
    (query.chars().count() / 3).max(2)
}

/// The (normalised) names an area answers to: code, English name, Welsh name.
fn area_names(ds: &Dataset, a: AreaId) -> Vec<String> {
    let area = &ds.areas()[a];
    let mut v = vec![normalise(&area.code), normalise(&area.name)];
    if let Some(cy) = &area.name_cy {
        v.push(normalise(cy));
    }
    v
}

/// Best-first display names within tolerance, at most 3, without repeats.
fn suggest(query: &str, candidates: impl Iterator<Item = (String, Vec<String>)>) -> Vec<String> {
    let q = normalise(query);
    let tol = tolerance(&q);
    let mut scored: Vec<(usize, String)> = candidates
        .filter_map(|(display, names)| names.iter().map(|n| edit_distance(&q, n)).min().map(|d| (d, display)))
        .filter(|(d, _)| *d <= tol)
        .collect();
    crate::util::sort(&mut scored);
    let mut out: Vec<String> = Vec::new();
    for (_, name) in scored {
        if !out.contains(&name) {
            out.push(name);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// Which area a name means when several share it. "West Midlands" is both a force and a region,
/// and CSPs often share a force's name ("Dorset"): the plain name means the force, since forces
/// are what the source publishes; the region answers to its code or to "West Midlands region".
fn kind_preference(kind: AreaKind) -> u8 {
    match kind {
        AreaKind::Force => 0,
        AreaKind::OtherForce => 1,
        AreaKind::FraudBody => 2,
        AreaKind::Region => 3,
        AreaKind::Country => 4,
        AreaKind::National => 5,
        AreaKind::Csp => 6,
    }
}

pub fn find_area(ds: &Dataset, query: &str) -> Result<AreaId, NotFound> {
    let q = normalise(query);
    let exact = |q: &str, only: Option<AreaKind>| {
        (0..ds.areas().len())
            .filter(|&a| only.is_none_or(|k| ds.areas()[a].kind == k))
            .filter(|&a| area_names(ds, a).iter().any(|n| n == q))
            .min_by_key(|&a| kind_preference(ds.areas()[a].kind))
    };
    if !q.is_empty() {
        if let Some(a) = exact(&q, None) {
            return Ok(a);
        }
        if let Some(region) = q.strip_suffix(" region") {
            if let Some(a) = exact(region, Some(AreaKind::Region)) {
                return Ok(a);
            }
        }
    }
    let suggestions = suggest(query, (0..ds.areas().len()).map(|a| (ds.areas()[a].name.clone(), area_names(ds, a))));
    Err(NotFound { query: query.to_string(), suggestions, what: "area" })
}

/// An offence by its English or Welsh name or key, then by its Home Office code ("8L",
/// case-insensitive).
pub fn find_offence(ds: &Dataset, query: &str) -> Result<OffenceId, NotFound> {
    let q = normalise(query);
    let names = |o: usize| {
        let off = &ds.offences()[o];
        let cy = crate::i18n::offence_name(&off.key, &off.name, Lang::Cy);
        vec![normalise(&off.key), normalise(&off.name), normalise(&cy)]
    };
    if !q.is_empty() {
        if let Some(o) = (0..ds.offences().len()).find(|&o| names(o).contains(&q)) {
            return Ok(o);
        }
    }
    let code = query.trim();
    if let Some(o) = ds.offences().iter().position(|o| o.code.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(code))) {
        return Ok(o);
    }
    let suggestions = suggest(query, (0..ds.offences().len()).map(|o| (ds.offences()[o].name.clone(), names(o))));
    Err(NotFound { query: query.to_string(), suggestions, what: "offence" })
}

/// Typeahead. Ranks: exact name or code, then the name starts with the query, then any word of
/// the name does, then the name contains it, then near misses by edit distance (against the
/// whole name or a same-length prefix of it). Both languages match; ties sort by the name in
/// `lang`.
pub fn search_areas(ds: &Dataset, query: &str, lang: Lang, limit: usize) -> Vec<AreaId> {
    let q = normalise(query);
    if q.is_empty() || limit == 0 {
        return Vec::new();
    }
    let qlen = q.chars().count();
    let tol = if qlen < 4 { 1 } else { tolerance(&q) };
    let mut ranked: Vec<(u8, usize, String, AreaId)> = Vec::new();
    for a in 0..ds.areas().len() {
        let names = area_names(ds, a);
        let mut best: Option<(u8, usize)> = None;
        for n in &names {
            let rank = if *n == q {
                Some((0, 0))
            } else if n.starts_with(&q) {
                Some((1, 0))
            } else if n.split(' ').any(|w| w.starts_with(&q)) || n.contains(&format!(" {q}")) {
                Some((2, 0))
            } else if n.contains(&q) {
                Some((3, 0))
            } else {
                let prefix: String = n.chars().take(qlen).collect();
                let d = edit_distance(&q, n).min(edit_distance(&q, &prefix));
                (d <= tol).then_some((4, d))
            };
            if let Some(r) = rank {
                if best.is_none_or(|b| r < b) {
                    best = Some(r);
                }
            }
        }
        if let Some((tier, d)) = best {
            ranked.push((tier, d, crate::case::lowercase(ds.areas()[a].display_name(lang)), a));
        }
    }
    crate::util::sort(&mut ranked);
    ranked.into_iter().take(limit).map(|r| r.3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_ways_names_are_written() {
        assert_eq!(normalise("London, City of"), normalise("City of London"));
        assert_eq!(normalise("Devon & Cornwall"), "devon and cornwall");
        assert_eq!(normalise("North Wales Police"), "north wales");
        assert_eq!(normalise("Essex Constabulary"), "essex");
        assert_eq!(normalise("Ynys Môn"), "ynys mon");
        assert_eq!(normalise("Swydd Efrog a'r Humber"), "swydd efrog ar humber");
        assert_eq!(normalise("Metropolitan Police"), "metropolitan");
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("nrth wales", "north wales"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
