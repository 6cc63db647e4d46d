//! Rings as arcs: every ring of every shape split at its junctions, so that a border between two
//! force areas is one arc that both rings use (one forwards, one reversed).
//!
//! A point is a junction where the line through it stops being one line: it is used three or
//! more times, or two uses of it have different neighbours (the coastline of one force meeting
//! the border with another). The method is TopoJSON's. A ring with no junction at all (an
//! island, or an enclave and the hole it fills) is one closed arc, stored from its smallest
//! point, so the island and the hole find the same arc. Arcs are compared point by point, so a
//! shared border is shared only where both sides have exactly the same points, as the source's
//! generalised boundaries do (ONS generalises them topologically).

use super::{Polygon, Shape};
use std::collections::HashMap;

pub type Pt = (i32, i32);

/// One use of an arc by a ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArcRef {
    pub arc: usize,
    /// Walked from its last point to its first.
    pub reversed: bool,
}

/// A ring as the arcs it walks, in order. The arcs' points, each arc's first point dropped after
/// the first arc, make the ring from its point `start` on: the ring is that sequence rotated
/// right by `start` (so `start` is where the ring's own first point sits in the sequence's
/// numbering, counted backwards; see [`Topology::ring`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RingArcs {
    pub arcs: Vec<ArcRef>,
    pub start: usize,
}

/// Shapes as arcs: `shapes[s][p]` is polygon `p` of shape `s`, its outer ring first, then its holes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Topology {
    /// Each arc's points, at least two; a closed arc ends where it starts.
    pub arcs: Vec<Vec<Pt>>,
    pub shapes: Vec<Vec<Vec<RingArcs>>>,
}

impl Topology {
    /// Splits every ring of `shapes` into arcs. Rings are expected without repeated consecutive
    /// points and with at least three points.
    pub fn build(shapes: &[Shape]) -> Topology {
        let rings = || shapes.iter().flat_map(|s| s.polygons.iter()).flat_map(|p| std::iter::once(&p.outer).chain(&p.holes));
        // Junctions: per point, the neighbours of its first use, and whether it is a junction.
        let mut seen: HashMap<Pt, ((Pt, Pt), u32, bool)> = HashMap::new();
        for ring in rings() {
            let n = ring.len();
            for i in 0..n {
                let (prev, next) = (ring[(i + n - 1) % n], ring[(i + 1) % n]);
                let pair = if prev <= next { (prev, next) } else { (next, prev) };
                let e = seen.entry(ring[i]).or_insert((pair, 0, false));
                e.1 += 1;
                if e.0 != pair || e.1 > 2 {
                    e.2 = true;
                }
            }
        }
        let junction = |p: &Pt| seen.get(p).is_some_and(|e| e.2);

        let mut topo = Topology::default();
        let mut index: HashMap<Vec<Pt>, usize> = HashMap::new();
        let mut find = |key: Vec<Pt>, arcs: &mut Vec<Vec<Pt>>| -> usize {
            *index.entry(key).or_insert_with_key(|k| {
                arcs.push(k.clone());
                arcs.len() - 1
            })
        };
        for shape in shapes {
            let mut polys = Vec::new();
            for poly in &shape.polygons {
                let mut out = Vec::new();
                for ring in std::iter::once(&poly.outer).chain(&poly.holes) {
                    let n = ring.len();
                    if n == 0 {
                        // Not a ring: stored as one that does not decode, never a panic here.
                        out.push(RingArcs { arcs: Vec::new(), start: 0 });
                        continue;
                    }
                    let js: Vec<usize> = (0..n).filter(|&i| junction(&ring[i])).collect();
                    if js.is_empty() {
                        // One closed arc, from the smallest point, in the direction of its
                        // smaller neighbour: the same arc whichever ring walks it.
                        let m = (0..n).min_by_key(|&i| ring[i]).unwrap_or(0);
                        let forward = ring[(m + 1) % n] <= ring[(m + n - 1) % n];
                        let key: Vec<Pt> = (0..=n).map(|k| if forward { ring[(m + k) % n] } else { ring[(m + n * 2 - k) % n] }).collect();
                        let arc = find(key, &mut topo.arcs);
                        out.push(RingArcs { arcs: vec![ArcRef { arc, reversed: !forward }], start: m });
                    } else {
                        let mut refs = Vec::with_capacity(js.len());
                        for (k, &a) in js.iter().enumerate() {
                            let b = js[(k + 1) % js.len()];
                            let len = if b > a { b - a } else { b + n - a };
                            let fwd: Vec<Pt> = (0..=len).map(|i| ring[(a + i) % n]).collect();
                            let mut rev = fwd.clone();
                            rev.reverse();
                            let reversed = rev < fwd;
                            let arc = find(if reversed { rev } else { fwd }, &mut topo.arcs);
                            refs.push(ArcRef { arc, reversed });
                        }
                        out.push(RingArcs { arcs: refs, start: js[0] });
                    }
                }
                polys.push(out);
            }
            topo.shapes.push(polys);
        }
        topo
    }

    /// The points of one ring, from its arcs (see [`RingArcs`]); `None` when the arcs do not
    /// join up, or `start` is outside the ring.
    pub fn ring(&self, r: &RingArcs) -> Option<Vec<Pt>> {
        ring_from_arcs(&self.arcs, r)
    }

    /// How many shapes use each arc (a border: 2; a coastline: 1).
    pub fn arc_uses(&self) -> Vec<u32> {
        let mut uses = vec![0u32; self.arcs.len()];
        for r in self.shapes.iter().flatten().flatten() {
            for a in &r.arcs {
                if let Some(u) = uses.get_mut(a.arc) {
                    *u += 1;
                }
            }
        }
        uses
    }

    /// Shape `s`'s polygons, from the arcs. `None` when a ring does not join up.
    pub fn to_polygons(&self, s: usize) -> Option<Vec<Polygon>> {
        let mut out = Vec::new();
        for poly in self.shapes.get(s)? {
            let mut rings = poly.iter().map(|r| self.ring(r));
            let outer = rings.next()??;
            let holes = rings.collect::<Option<Vec<_>>>()?;
            out.push(Polygon { outer, holes });
        }
        Some(out)
    }
}

/// A ring from arcs: each arc walked in its direction, joined end to start, the last ending where
/// the first began; then rotated right by `start`. `None` if the arcs do not join up, the ring
/// has fewer than three points, or `start` is outside it.
pub fn ring_from_arcs(arcs: &[Vec<Pt>], r: &RingArcs) -> Option<Vec<Pt>> {
    let mut seq: Vec<Pt> = Vec::new();
    for a in &r.arcs {
        let pts = arcs.get(a.arc)?;
        let (first, last) = (*pts.first()?, *pts.last()?);
        let (from, to) = if a.reversed { (last, first) } else { (first, last) };
        match seq.last() {
            None => seq.push(from),
            Some(&end) if end == from => {}
            Some(_) => return None,
        }
        if a.reversed {
            seq.extend(pts.iter().rev().skip(1));
        } else {
            seq.extend(pts.iter().skip(1));
        }
        if seq.last() != Some(&to) {
            return None;
        }
    }
    if seq.len() < 2 || seq.first() != seq.last() {
        return None;
    }
    seq.pop();
    let n = seq.len();
    if n < 3 || r.start >= n {
        return None;
    }
    Some((0..n).map(|i| seq[(i + n - r.start) % n]).collect())
}
