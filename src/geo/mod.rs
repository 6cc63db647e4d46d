//! The boundaries of the 43 territorial police force areas, as data: what a map draws and hit
//! tests.
//!
//! Pure: no web types and no shapefile types. The shapefile is read by `ingest::boundaries`
//! (native only), turned into a full-resolution [`Geometry`], and then [`simplify::simplify`]
//! makes the stored one: borders split into arcs at junctions ([`topology`]), each arc simplified
//! once with its ends fixed (so two neighbours always share the same chain: no slivers, no gaps),
//! and every point snapped to a grid. `codec` stores it as arcs, delta-coded.
//!
//! Coordinates are British National Grid (EPSG:27700) metres: x eastings, y northings, **y grows
//! northwards** (a drawing flips it). Rings are not closed by repeating the first point.

pub mod simplify;
pub mod topology;

/// Every force area's shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Geometry {
    /// One per force area, in the order of the source file.
    pub shapes: Vec<Shape>,
    /// The box around every polygon point.
    pub bounds: Bounds,
}

/// A stretch of boundary between two junctions, to draw once (see [`Geometry::arcs`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arc {
    /// At least two points; a closed arc (an island's whole coast) ends where it starts.
    pub points: Vec<(i32, i32)>,
    /// Indices into `Geometry::shapes`: two for a border, one for a coastline.
    pub shapes: Vec<usize>,
}

/// An axis-aligned box in BNG metres (inclusive), y grows northwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub min_x: i32,
    pub min_y: i32,
    pub max_x: i32,
    pub max_y: i32,
}

/// One police force area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// ONS GSS code (`PFA22CD`), the same as the dataset area's `code`: "W15000001".
    pub code: String,
    /// The ONS name (`PFA22NM`): "North Wales". The dataset's area names are what a reader sees.
    pub name: String,
    /// A point inside the shape to put its label at, BNG metres: the published label point
    /// (`BNG_E`, `BNG_N`), or a computed interior point where the published one falls outside the
    /// simplified shape (see [`simplify::simplify`]).
    pub label: (i32, i32),
    pub polygons: Vec<Polygon>,
}

/// One part of a shape (the mainland, an island).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Polygon {
    pub outer: Vec<(i32, i32)>,
    pub holes: Vec<Vec<(i32, i32)>>,
}

impl Bounds {
    /// The box around `points`; `None` when there are none.
    pub fn around(points: impl IntoIterator<Item = (i32, i32)>) -> Option<Bounds> {
        let mut it = points.into_iter();
        let (x, y) = it.next()?;
        let mut b = Bounds { min_x: x, min_y: y, max_x: x, max_y: y };
        for (x, y) in it {
            b.min_x = b.min_x.min(x);
            b.min_y = b.min_y.min(y);
            b.max_x = b.max_x.max(x);
            b.max_y = b.max_y.max(y);
        }
        Some(b)
    }

    /// The smallest box holding both.
    pub fn union(self, o: Bounds) -> Bounds {
        Bounds { min_x: self.min_x.min(o.min_x), min_y: self.min_y.min(o.min_y), max_x: self.max_x.max(o.max_x), max_y: self.max_y.max(o.max_y) }
    }

    pub fn width(&self) -> i64 {
        self.max_x as i64 - self.min_x as i64
    }

    pub fn height(&self) -> i64 {
        self.max_y as i64 - self.min_y as i64
    }

    /// True when the point is inside or on the box.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.min_x as f64 && x <= self.max_x as f64 && y >= self.min_y as f64 && y <= self.max_y as f64
    }
}

impl Geometry {
    /// A geometry of these shapes, its bounds computed. Bounds of no points are all zero.
    pub fn new(shapes: Vec<Shape>) -> Geometry {
        let bounds = shapes.iter().filter_map(|s| s.bounds_opt()).reduce(Bounds::union).unwrap_or(Bounds { min_x: 0, min_y: 0, max_x: 0, max_y: 0 });
        Geometry { shapes, bounds }
    }

    /// The shape of the area with this GSS code.
    pub fn shape(&self, code: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.code == code)
    }

    /// The shape under a point (BNG metres), if any. Shapes do not overlap, so there is at most
    /// one (a point exactly on a border may report either side).
    pub fn shape_at(&self, x: f64, y: f64) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.contains(x, y))
    }

    /// The boundaries as arcs, each drawn once: a border between two shapes is one arc (listing
    /// both), a stretch of coastline or of the edge of England and Wales one arc of one shape.
    /// Computed from the rings (see [`topology`]); for per-ring arc references use
    /// [`Geometry::topology`].
    pub fn arcs(&self) -> Vec<Arc> {
        let topo = self.topology();
        let mut shapes: Vec<Vec<usize>> = vec![Vec::new(); topo.arcs.len()];
        for (s, polys) in topo.shapes.iter().enumerate() {
            for a in polys.iter().flatten().flat_map(|r| &r.arcs) {
                if let Some(v) = shapes.get_mut(a.arc).filter(|v| !v.contains(&s)) {
                    v.push(s);
                }
            }
        }
        topo.arcs.into_iter().zip(shapes).map(|(points, shapes)| Arc { points, shapes }).collect()
    }

    /// The rings as arcs, with each ring's arc references (`shapes[s][p][r]`: shape `s`,
    /// polygon `p`, ring `r`, the outer ring first).
    pub fn topology(&self) -> topology::Topology {
        topology::Topology::build(&self.shapes)
    }

    /// Polygon points in all (each ring's points once; a border shared by two shapes counts twice).
    pub fn points(&self) -> usize {
        self.shapes.iter().flat_map(|s| &s.polygons).map(|p| p.outer.len() + p.holes.iter().map(Vec::len).sum::<usize>()).sum()
    }
}

impl Shape {
    /// Point in polygon (even-odd over every ring of every polygon, holes included). Points on an
    /// edge may fall either way.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.polygons.iter().any(|p| p.contains(x, y))
    }

    /// The box around the shape's polygons (all zero for a shape without any).
    pub fn bounds(&self) -> Bounds {
        self.bounds_opt().unwrap_or(Bounds { min_x: 0, min_y: 0, max_x: 0, max_y: 0 })
    }

    fn bounds_opt(&self) -> Option<Bounds> {
        Bounds::around(self.polygons.iter().flat_map(|p| p.outer.iter().copied()))
    }

    /// Every ring, outer rings and holes alike.
    pub fn rings(&self) -> impl Iterator<Item = &Vec<(i32, i32)>> {
        self.polygons.iter().flat_map(|p| std::iter::once(&p.outer).chain(&p.holes))
    }
}

impl Polygon {
    /// Inside the outer ring and outside every hole (even-odd rule).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        ring_contains(&self.outer, x, y) && !self.holes.iter().any(|h| ring_contains(h, x, y))
    }
}

/// Crossing-number point in polygon for one ring (not repeated-closed).
pub fn ring_contains(ring: &[(i32, i32)], x: f64, y: f64) -> bool {
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut inside = false;
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = (ring[i].0 as f64, ring[i].1 as f64);
        let (xj, yj) = (ring[j].0 as f64, ring[j].1 as f64);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Twice the signed area of a ring (positive when anticlockwise with y up).
pub fn ring_area2(ring: &[(i32, i32)]) -> i128 {
    let n = ring.len();
    let mut s = 0i128;
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        s += a.0 as i128 * b.1 as i128 - b.0 as i128 * a.1 as i128;
    }
    s
}
