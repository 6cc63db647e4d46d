//! From the published boundaries to the stored ones: fewer points, on a grid, borders still shared.
//!
//! 1. [`Topology::build`] splits every ring into arcs at its junctions, so a border between two
//!    forces is one arc.
//! 2. Each arc's points are snapped to the grid (`Options::grid` metres) and repeats dropped.
//!    Junctions are points of several arcs, so they snap to the same place in each.
//! 3. Each arc is simplified **once**, with its two ends fixed, by Douglas–Peucker: a point is
//!    kept when it is further than the tolerance from the chord of the stretch it lies in. Both
//!    neighbours then draw exactly the same simplified chain, so simplification can open no gap
//!    and make no sliver. Douglas–Peucker rather than Visvalingam–Whyatt because its tolerance is
//!    a distance, which says directly how far a drawn border may be from the published one (at
//!    1,200 px across England and Wales one pixel is about 500 m), and because it keeps the
//!    extreme points of headlands that readers recognise a coastline by.
//! 4. Checks, repeated until nothing changes: every ring keeps at least three distinct points,
//!    its orientation and a non-zero area; and no two segments cross or touch away from their
//!    shared ends (the simplified lines stay a planar map, so point-in-polygon finds one force).
//!    An arc in a ring or a crossing that fails has its tolerance halved (to zero: kept as
//!    snapped) and is simplified again. Arcs of the `exact` shapes (the City of London, about
//!    3 km², drawn in a London inset) are never simplified.
//! 5. Polygons smaller than `Options::min_area` (islands, and slivers beside a neighbour) are
//!    dropped and listed in the [`Report`]; a ring that the grid collapses even unsimplified is
//!    reported as `collapsed` (the build refuses it). Holes and their enclaves are never dropped.
//! 6. Each shape's label point is the published one (`BNG_E`, `BNG_N`) when it is inside that
//!    shape and no other after simplification; otherwise an interior point is computed (the
//!    middle of the widest horizontal run inside the shape) and the shape is listed in the report.

use super::topology::{ArcRef, Pt, RingArcs, Topology};
use super::{ring_area2, Geometry, Polygon, Shape};
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct Options {
    /// Douglas–Peucker tolerance, metres.
    pub tolerance: f64,
    /// Grid spacing, metres: every stored point is a multiple of it.
    pub grid: i32,
    /// Codes of the shapes whose arcs are kept as snapped, unsimplified.
    pub exact: Vec<String>,
    /// Polygons without holes below this area (m²) are dropped: islands, and slivers beside a
    /// neighbour, too small for any map (and for the grid).
    pub min_area: f64,
}

/// What simplification did, for the build's log and `data/PROVENANCE.md`.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Ring points before and after (a shared border counted once per ring that uses it).
    pub points_before: usize,
    pub points_after: usize,
    /// Arcs, and their points before and after (each shared border counted once).
    pub arcs: usize,
    pub arc_points_before: usize,
    pub arc_points_after: usize,
    /// Arcs whose tolerance had to be lowered to keep a ring valid or lines from crossing.
    pub refined_arcs: usize,
    /// (shape code, area m²) of the polygons left out.
    pub dropped: Vec<(String, f64)>,
    /// Shapes with a ring that the grid collapses even unsimplified and that is not an island
    /// (none for the force areas: the build fails on any).
    pub collapsed: Vec<String>,
    /// Pairs of arcs that still cross or touch with no simplification at all (the grid moved
    /// points across a line; none for the force areas: the build fails on any).
    pub crossings: usize,
    /// Shapes whose published label point is not inside them after simplification.
    pub moved_labels: Vec<String>,
}

/// The stored geometry from the full-resolution one. See the module documentation.
pub fn simplify(full: &Geometry, opt: &Options) -> (Geometry, Report) {
    let grid = opt.grid.max(1);
    let topo = Topology::build(&full.shapes);
        let mut report = Report { points_before: full.points(), arcs: topo.arcs.len(), ..Report::default() };
    report.arc_points_before = topo.arcs.iter().map(|a| a.len().saturating_sub(1)).sum();

    // Polygons to leave out: tiny ones without holes (islands, and slivers of a force beside a
    // neighbour; a neighbour's border with a sliver left out becomes its coastline there).
    let mut keep: Vec<Vec<bool>> = Vec::new();
    for (s, polys) in topo.shapes.iter().enumerate() {
        let mut k = Vec::new();
        for (p, rings) in polys.iter().enumerate() {
            let area = ring_area2(&full.shapes[s].polygons[p].outer).unsigned_abs() as f64 / 2.0;
            let tiny = rings.len() == 1 && area < opt.min_area;
            if tiny {
                report.dropped.push((full.shapes[s].code.clone(), area));
            }
            k.push(!tiny);
        }
        keep.push(k);
    }

    let snap = |v: i32| -> i32 { ((v as f64 / grid as f64).round() as i64 * grid as i64).clamp(i32::MIN as i64, i32::MAX as i64) as i32 };
    let snapped: Vec<Vec<Pt>> = topo
        .arcs
        .iter()
        .map(|a| {
            let mut out: Vec<Pt> = Vec::with_capacity(a.len());
            for &(x, y) in a {
                let p = (snap(x), snap(y));
                if out.last() != Some(&p) {
                    out.push(p);
                }
            }
            if out.len() == 1 {
                out.push(out[0]);
            }
            out
        })
        .collect();

    let mut tol: Vec<f64> = vec![opt.tolerance; topo.arcs.len()];
    for (s, polys) in topo.shapes.iter().enumerate() {
        if opt.exact.iter().any(|c| *c == full.shapes[s].code) {
            for r in polys.iter().flatten() {
                for a in &r.arcs {
                    tol[a.arc] = 0.0;
                }
            }
        }
    }
    let mut refined = vec![false; topo.arcs.len()];
    let lower = |t: &mut f64, r: &mut bool| -> bool {
        if *t <= 0.0 {
            return false;
        }
        *t = if *t / 2.0 < grid as f64 / 2.0 { 0.0 } else { *t / 2.0 };
        *r = true;
        true
    };

    let mut arcs: Vec<Vec<Pt>>;
    let mut collapsed: Vec<(usize, usize)>;
    loop {
        arcs = snapped.iter().zip(&tol).map(|(a, &t)| douglas_peucker(a, t)).collect();
        let mut changed = false;
        collapsed = Vec::new();
        for (s, polys) in topo.shapes.iter().enumerate() {
            for (p, rings) in polys.iter().enumerate() {
                if !keep[s][p] {
                    continue;
                }
                for (i, r) in rings.iter().enumerate() {
                    let orig = if i == 0 { &full.shapes[s].polygons[p].outer } else { &full.shapes[s].polygons[p].holes[i - 1] };
                    let ok = build_ring(&arcs, r, false).is_some_and(|ring| valid_like(&ring, orig));
                    if !ok {
                        let mut any = false;
                        for a in &r.arcs {
                            any |= lower(&mut tol[a.arc], &mut refined[a.arc]);
                        }
                        changed |= any;
                        if !any {
                            collapsed.push((s, p));
                        }
                    }
                }
            }
        }
        let used: Vec<bool> = {
            let mut u = vec![false; arcs.len()];
            for (s, polys) in topo.shapes.iter().enumerate() {
                for (p, rings) in polys.iter().enumerate() {
                    if keep[s][p] {
                        for a in rings.iter().flat_map(|r| &r.arcs) {
                            u[a.arc] = true;
                        }
                    }
                }
            }
            u
        };
        let cross = crossings(&arcs, &used);
        for &(a, b) in &cross {
            changed |= lower(&mut tol[a], &mut refined[a]);
            changed |= lower(&mut tol[b], &mut refined[b]);
        }
        if !changed {
            report.crossings = cross.len();
            break;
        }
    }
    // Rings the grid collapses even unsimplified: reported (the build refuses them).
    for &(s, _) in &collapsed {
        if !report.collapsed.contains(&full.shapes[s].code) {
            report.collapsed.push(full.shapes[s].code.clone());
        }
    }
    report.refined_arcs = refined.iter().filter(|&&r| r).count();

    let mut shapes = Vec::with_capacity(full.shapes.len());
    for (s, polys) in topo.shapes.iter().enumerate() {
        let src = &full.shapes[s];
        let mut polygons = Vec::new();
        for (p, rings) in polys.iter().enumerate() {
            if !keep[s][p] {
                continue;
            }
            // A collapsed ring (reported above) is left out rather than stored empty.
            let mut rs = rings.iter().map(|r| build_ring(&arcs, r, true));
            let Some(outer) = rs.next().flatten() else { continue };
            polygons.push(Polygon { outer, holes: rs.flatten().collect() });
        }
        shapes.push(Shape { code: src.code.clone(), name: src.name.clone(), label: src.label, polygons });
    }
    let mut out = Geometry::new(shapes);
    for s in 0..out.shapes.len() {
        let (x, y) = (out.shapes[s].label.0 as f64, out.shapes[s].label.1 as f64);
        let inside = |g: &Geometry, x: f64, y: f64| g.shapes[s].contains(x, y) && g.shapes.iter().enumerate().all(|(t, o)| t == s || !o.contains(x, y));
        if !inside(&out, x, y) {
            if let Some(p) = interior_point(&out.shapes[s]).filter(|p| inside(&out, p.0 as f64, p.1 as f64)) {
                out.shapes[s].label = p;
            }
            report.moved_labels.push(out.shapes[s].code.clone());
        }
    }
    report.points_after = out.points();
    let live: Vec<bool> = {
        let mut u = vec![false; arcs.len()];
        for (s, polys) in topo.shapes.iter().enumerate() {
            for (p, rings) in polys.iter().enumerate() {
                if keep[s][p] {
                    for a in rings.iter().flat_map(|r| &r.arcs) {
                        u[a.arc] = true;
                    }
                }
            }
        }
        u
    };
    report.arc_points_after = arcs.iter().zip(&live).filter(|(_, &l)| l).map(|(a, _)| a.len().saturating_sub(1)).sum();
    (out, report)
}

/// A ring from simplified arcs, with repeated consecutive points dropped.
fn build_ring(arcs: &[Vec<Pt>], r: &RingArcs, despike: bool) -> Option<Vec<Pt>> {
    // Arcs shrunk to one point (both ends on one grid point) join nothing: leave them out.
    let refs: Vec<ArcRef> = r.arcs.iter().copied().filter(|a| arcs[a.arc].first() != arcs[a.arc].last() || arcs[a.arc].len() > 2 || r.arcs.len() == 1).collect();
    let mut seq: Vec<Pt> = Vec::new();
    for a in &refs {
        let pts = &arcs[a.arc];
        let it: Box<dyn Iterator<Item = &Pt>> = if a.reversed { Box::new(pts.iter().rev()) } else { Box::new(pts.iter()) };
        for &p in it {
            if seq.last() != Some(&p) {
                seq.push(p);
            }
        }
    }
    while seq.len() > 1 && seq.first() == seq.last() {
        seq.pop();
    }
    if despike {
        remove_spikes(&mut seq);
    }
    // The start of the ring: where the original ring's first point went is not tracked after
    // simplification, so rings start at their first arc.
    (seq.len() >= 3).then_some(seq)
}

/// Drops zero-width spikes (`a`, `b`, `a`: out to `b` and straight back) until there are none.
/// A ring that walks an edge both ways is the only one that walks it, so this takes nothing from
/// a neighbour. Spikes come from the grid squeezing a narrow inlet or a sliver left out.
fn remove_spikes(ring: &mut Vec<Pt>) {
    let mut i = 0;
    while ring.len() >= 3 && i < ring.len() * 2 {
        let n = ring.len();
        let k = i % n;
        if ring[(k + n - 1) % n] == ring[(k + 1) % n] {
            // Drop b and the repeated a after it.
            let (b, a2) = (k, (k + 1) % n);
            let (hi, lo) = (b.max(a2), b.min(a2));
            ring.remove(hi);
            ring.remove(lo);
            i = i.saturating_sub(2);
        } else {
            i += 1;
        }
    }
}

/// Has a zero-width spike (`a`, `b`, `a`).
fn has_spike(ring: &[Pt]) -> bool {
    let n = ring.len();
    (0..n).any(|i| ring[(i + n - 1) % n] == ring[(i + 1) % n])
}

/// At least three distinct points, a non-zero area, the orientation of the original, and no
/// spike.
fn valid_like(ring: &[Pt], orig: &[Pt]) -> bool {
    if has_spike(ring) {
        return false;
    }
    let mut distinct = ring.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let (a, b) = (ring_area2(ring), ring_area2(orig));
    distinct.len() >= 3 && a != 0 && (a > 0) == (b > 0)
}

/// Douglas–Peucker with both ends kept. A closed arc is first split at its point furthest from
/// its start, so that it has a chord to measure from.
pub fn douglas_peucker(pts: &[Pt], tol: f64) -> Vec<Pt> {
    let n = pts.len();
    if n <= 2 || tol <= 0.0 {
        return pts.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0usize, n - 1)];
    if pts[0] == pts[n - 1] {
        let far = (1..n - 1).max_by_key(|&i| dist2(pts[i], pts[0])).unwrap_or(0);
        if far > 0 {
            keep[far] = true;
            stack = vec![(0, far), (far, n - 1)];
        }
    }
    let t2 = tol * tol;
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut best, mut best_d) = (0, -1.0f64);
        for i in a + 1..b {
            let d = seg_dist2(pts[i], pts[a], pts[b]);
            if d > best_d {
                best = i;
                best_d = d;
            }
        }
        if best_d > t2 {
            keep[best] = true;
            stack.push((a, best));
            stack.push((best, b));
        }
    }
    pts.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

fn dist2(a: Pt, b: Pt) -> i64 {
    let (dx, dy) = (a.0 as i64 - b.0 as i64, a.1 as i64 - b.1 as i64);
    dx * dx + dy * dy
}

/// Squared distance from `p` to the segment `a`–`b`.
fn seg_dist2(p: Pt, a: Pt, b: Pt) -> f64 {
    let (px, py, ax, ay, bx, by) = (p.0 as f64, p.1 as f64, a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0) };
    let (qx, qy) = (ax + t * dx - px, ay + t * dy - py);
    qx * qx + qy * qy
}

fn orient(a: Pt, b: Pt, c: Pt) -> i128 {
    (b.0 as i128 - a.0 as i128) * (c.1 as i128 - a.1 as i128) - (b.1 as i128 - a.1 as i128) * (c.0 as i128 - a.0 as i128)
}

fn on_segment(p: Pt, a: Pt, b: Pt) -> bool {
    orient(a, b, p) == 0 && p.0 >= a.0.min(b.0) && p.0 <= a.0.max(b.0) && p.1 >= a.1.min(b.1) && p.1 <= a.1.max(b.1)
}

/// True when segments `a`–`b` and `c`–`d` meet anywhere other than at an end they share.
pub fn segments_conflict(a: Pt, b: Pt, c: Pt, d: Pt) -> bool {
    let shared = |p: Pt| p == c || p == d;
    let (o1, o2, o3, o4) = (orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b));
    if o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 {
        return (o1 > 0) != (o2 > 0) && (o3 > 0) != (o4 > 0);
    }
    // Touching or collinear: a conflict unless the only contact is a shared end.
    let touches = [(c, a, b), (d, a, b), (a, c, d), (b, c, d)].iter().any(|&(p, s, e)| on_segment(p, s, e) && !(shared(p) && (p == a || p == b)));
    let overlap = o1 == 0 && o2 == 0 && {
        // Collinear: overlapping beyond a shared end point.
        let key = |p: Pt| if a.0 != b.0 { p.0 as i64 } else { p.1 as i64 };
        let (lo1, hi1) = (key(a).min(key(b)), key(a).max(key(b)));
        let (lo2, hi2) = (key(c).min(key(d)), key(c).max(key(d)));
        lo1.max(lo2) < hi1.min(hi2)
    };
    touches || overlap
}

/// Pairs of arcs (possibly an arc with itself) whose segments cross or touch away from shared
/// ends. Segments are bucketed on a coarse grid, so this is near linear.
pub fn crossings(arcs: &[Vec<Pt>], used: &[bool]) -> Vec<(usize, usize)> {
    let segs: Vec<(usize, usize, Pt, Pt)> = arcs
        .iter()
        .enumerate()
        .filter(|(a, _)| used.get(*a).copied().unwrap_or(true))
        .flat_map(|(a, pts)| pts.windows(2).enumerate().filter(|(_, w)| w[0] != w[1]).map(move |(i, w)| (a, i, w[0], w[1])))
        .collect();
    const CELL: i64 = 20_000;
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (k, &(_, _, p, q)) in segs.iter().enumerate() {
        let (x0, x1) = ((p.0.min(q.0) as i64).div_euclid(CELL), (p.0.max(q.0) as i64).div_euclid(CELL));
        let (y0, y1) = ((p.1.min(q.1) as i64).div_euclid(CELL), (p.1.max(q.1) as i64).div_euclid(CELL));
        for x in x0..=x1 {
            for y in y0..=y1 {
                grid.entry((x, y)).or_default().push(k);
            }
        }
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for cell in grid.values() {
        for (i, &s) in cell.iter().enumerate() {
            for &t in &cell[i + 1..] {
                let (a, ia, p, q) = segs[s];
                let (b, ib, r, u) = segs[t];
                // Neighbouring segments of one arc share a point by construction (and a closed
                // arc's first and last).
                if a == b && (ia.abs_diff(ib) == 1 || (arcs[a].first() == arcs[a].last() && ia.min(ib) == 0 && ia.max(ib) == arcs[a].len() - 2)) {
                    if !collinear_fold(p, q, r, u) {
                        continue;
                    }
                }
                if segments_conflict(p, q, r, u) && seen.insert((s.min(t), s.max(t))) {
                    out.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Two consecutive segments that fold back over each other (a spike).
fn collinear_fold(p: Pt, q: Pt, r: Pt, u: Pt) -> bool {
    orient(p, q, r) == 0 && orient(p, q, u) == 0 && {
        let (a, b) = (((q.0 - p.0) as i64, (q.1 - p.1) as i64), ((u.0 - r.0) as i64, (u.1 - r.1) as i64));
        a.0 * b.0 + a.1 * b.1 < 0
    }
}

/// A point well inside a shape: the middle of the widest horizontal run inside it, over a few
/// dozen scan lines. `None` for a shape without area.
pub fn interior_point(shape: &Shape) -> Option<Pt> {
    let b = shape.bounds();
    let mut best: Option<(f64, f64, f64)> = None;
    const LINES: i32 = 64;
    for k in 0..LINES {
        let y = b.min_y as f64 + (k as f64 + 0.5) / LINES as f64 * b.height() as f64;
        let mut xs: Vec<f64> = Vec::new();
        for ring in shape.rings() {
            let n = ring.len();
            for i in 0..n {
                let (p, q) = (ring[i], ring[(i + 1) % n]);
                let (py, qy) = (p.1 as f64, q.1 as f64);
                if (py > y) != (qy > y) {
                    xs.push(p.0 as f64 + (y - py) / (qy - py) * (q.0 as f64 - p.0 as f64));
                }
            }
        }
        xs.sort_by(|a, b| a.total_cmp(b));
        for w in xs.chunks_exact(2) {
            let len = w[1] - w[0];
            if best.is_none_or(|(l, _, _)| len > l) {
                best = Some((len, (w[0] + w[1]) / 2.0, y));
            }
        }
    }
    best.map(|(_, x, y)| (x.round() as i32, y.round() as i32))
}
