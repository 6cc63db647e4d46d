//! The police force area boundaries as stored: shared borders stay shared, every force is found
//! at its label point, the City of London survives, the size goal holds, and the coding is exact
//! and refuses damage. Checked against the published shapefile (read here with the ingest's
//! reader, unsimplified) and the bundled dataset.

use crime_compare::codec::{decode_geometry, encode_geometry};
use crime_compare::geo::{ring_area2, Geometry, Polygon, Shape};
use crime_compare::ingest::boundaries;
use crime_compare::model::{AreaKind, Dataset};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::sync::OnceLock;

const SHP: &str = "data/boundaries/PFA_DEC_2022_EW_BUC_V2";

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::bundled().unwrap())
}

fn geometry() -> &'static Geometry {
    ds().geometry().expect("the bundled dataset has the boundaries")
}

/// The published boundaries, unsimplified (rounded to the metre).
fn source() -> &'static Geometry {
    static G: OnceLock<Geometry> = OnceLock::new();
    G.get_or_init(|| {
        let read = |ext: &str| std::fs::read(format!("{}/{SHP}.{ext}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        boundaries::read(&format!("{SHP}.shp"), &read("shp"), Some(&read("shx")), &read("dbf")).unwrap()
    })
}

type Pt = (i32, i32);

/// Every directed edge of every ring, with the shape it belongs to.
fn edges(g: &Geometry) -> Vec<(Pt, Pt, usize)> {
    let mut out = Vec::new();
    for (s, shape) in g.shapes.iter().enumerate() {
        for ring in shape.rings() {
            for i in 0..ring.len() {
                out.push((ring[i], ring[(i + 1) % ring.len()], s));
            }
        }
    }
    out
}

/// Pairs of shapes that share at least one edge (walked in opposite directions), and the
/// vertices of edges shared with no other shape (the coastline).
fn neighbours_and_coast(g: &Geometry) -> (BTreeSet<(usize, usize)>, HashSet<Pt>) {
    let e = edges(g);
    let by_edge: HashMap<(Pt, Pt), usize> = e.iter().map(|&(a, b, s)| ((a, b), s)).collect();
    let mut pairs = BTreeSet::new();
    let mut coast = HashSet::new();
    for &(a, b, s) in &e {
        match by_edge.get(&(b, a)) {
            Some(&t) => {
                pairs.insert((s.min(t), s.max(t)));
            }
            None => {
                coast.insert(a);
                coast.insert(b);
            }
        }
    }
    (pairs, coast)
}

#[test]
fn every_border_edge_is_walked_once_each_way_by_exactly_two_neighbours() {
    let g = geometry();
    let e = edges(g);
    let mut count: HashMap<(Pt, Pt), Vec<usize>> = HashMap::new();
    for &(a, b, s) in &e {
        assert_ne!(a, b, "{}: a ring repeats a point", g.shapes[s].code);
        count.entry((a, b)).or_default().push(s);
    }
    let mut shared = 0;
    for (&(a, b), owners) in &count {
        assert_eq!(owners.len(), 1, "edge {a:?}-{b:?} is walked {} times the same way (overlap)", owners.len());
        if let Some(other) = count.get(&(b, a)) {
            assert_ne!(other[0], owners[0], "{}: an edge walked back on itself (a spike)", g.shapes[owners[0]].code);
            shared += 1;
        }
    }
    // Each border edge counted from both sides.
    assert!(shared > 1000 && shared % 2 == 0, "{shared}");
}

/// No border is lost or gained: the forces that touch in the published boundaries touch along a
/// common chain after simplification, and no others do. And every edge that borders no other
/// shape (coastline, or the edge of England and Wales) joins points of the published coastline,
/// to within the grid's rounding: a gap between two neighbours would show as "coastline" made of
/// border points.
#[test]
fn simplification_keeps_every_neighbour_and_opens_no_gap() {
    let (g, src) = (geometry(), source());
    let (pairs, coast) = neighbours_and_coast(g);
    let (src_pairs, src_coast) = neighbours_and_coast(src);
    let name = |p: &(usize, usize)| format!("{} / {}", g.shapes[p.0].name, g.shapes[p.1].name);
    let lost: Vec<String> = src_pairs.difference(&pairs).map(name).collect();
    let gained: Vec<String> = pairs.difference(&src_pairs).map(name).collect();
    assert!(lost.is_empty() && gained.is_empty(), "borders lost: {lost:?}; gained: {gained:?}");
    assert!(pairs.len() > 80, "{}", pairs.len());
    // The grid is 10 m: a point moves at most 5 m in x and in y.
    let near_coast = |p: &Pt| src_coast.iter().any(|q| (p.0 - q.0).abs() <= 5 && (p.1 - q.1).abs() <= 5);
    let far: Vec<&Pt> = coast.iter().filter(|p| !near_coast(p)).collect();
    assert!(far.is_empty(), "coastline points that are not on the published coastline: {far:?}");
}

fn orient(a: Pt, b: Pt, c: Pt) -> i128 {
    (b.0 as i128 - a.0 as i128) * (c.1 as i128 - a.1 as i128) - (b.1 as i128 - a.1 as i128) * (c.0 as i128 - a.0 as i128)
}

/// No two edges of the map cross: the simplified lines are still a map, so a point is in one
/// force. (Brute force over every pair of edges whose boxes overlap.)
#[test]
fn no_two_edges_cross() {
    let g = geometry();
    let mut e: Vec<(Pt, Pt)> = edges(g).into_iter().map(|(a, b, _)| if a < b { (a, b) } else { (b, a) }).collect();
    e.sort_unstable();
    e.dedup();
    e.sort_by_key(|(a, b)| a.0.min(b.0));
    let mut crossings = Vec::new();
    for i in 0..e.len() {
        let (a, b) = e[i];
        let max_x = a.0.max(b.0);
        for &(c, d) in &e[i + 1..] {
            if c.0.min(d.0) > max_x {
                break;
            }
            if a.1.max(b.1) < c.1.min(d.1) || c.1.max(d.1) < a.1.min(b.1) {
                continue;
            }
            let (o1, o2, o3, o4) = (orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b));
            if o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 && (o1 > 0) != (o2 > 0) && (o3 > 0) != (o4 > 0) {
                crossings.push((a, b, c, d));
            }
        }
    }
    assert!(crossings.is_empty(), "{crossings:?}");
}

#[test]
fn every_force_is_found_at_its_label_point_and_no_other_is() {
    let (g, src) = (geometry(), source());
    for (s, shape) in g.shapes.iter().enumerate() {
        // The published label point is kept (none had to be computed).
        assert_eq!(shape.label, src.shape(&shape.code).unwrap().label, "{}", shape.code);
        let (x, y) = (shape.label.0 as f64, shape.label.1 as f64);
        assert!(shape.contains(x, y), "{} does not contain its label point", shape.name);
        for (t, other) in g.shapes.iter().enumerate() {
            assert!(t == s || !other.contains(x, y), "{}'s label point is inside {}", shape.name, other.name);
        }
        assert_eq!(g.shape_at(x, y).map(|f| f.code.as_str()), Some(shape.code.as_str()));
        let b = shape.bounds();
        assert!(b.contains(x, y) && g.bounds.contains(b.min_x as f64, b.min_y as f64) && g.bounds.contains(b.max_x as f64, b.max_y as f64));
    }
    // Well outside the land: the North Sea, the Irish Sea, France.
    for (x, y) in [(700_000.0, 300_000.0), (250_000.0, 450_000.0), (650_000.0, 50_000.0)] {
        assert!(g.shape_at(x, y).is_none(), "({x}, {y})");
    }
}

/// The arcs a map can draw borders from: every border once, with the two forces it divides.
#[test]
fn arcs_draw_each_border_once() {
    let g = geometry();
    let arcs = g.arcs();
    let (pairs, _) = neighbours_and_coast(g);
    let mut from_arcs = BTreeSet::new();
    let mut drawn: HashMap<(Pt, Pt), usize> = HashMap::new();
    for a in &arcs {
        assert!(a.points.len() >= 2 && (1..=2).contains(&a.shapes.len()));
        if let [s, t] = a.shapes[..] {
            from_arcs.insert((s.min(t), s.max(t)));
        }
        for w in a.points.windows(2) {
            *drawn.entry(if w[0] < w[1] { (w[0], w[1]) } else { (w[1], w[0]) }).or_default() += 1;
        }
    }
    assert_eq!(from_arcs, pairs);
    assert!(drawn.values().all(|&n| n == 1), "an edge is in two arcs");
    // Every ring edge is in the arcs.
    for (a, b, _) in edges(g) {
        assert!(drawn.contains_key(&if a < b { (a, b) } else { (b, a) }));
    }
    // The Welsh border: the four Welsh forces meet England along arcs shared with English forces.
    let wales: Vec<usize> = (0..g.shapes.len()).filter(|&s| g.shapes[s].code.starts_with('W')).collect();
    let border = arcs.iter().filter(|a| a.shapes.len() == 2 && wales.contains(&a.shapes[0]) != wales.contains(&a.shapes[1])).count();
    assert!(border >= 4, "{border}");
}

#[test]
fn the_attribution_is_there_in_english_and_welsh() {
    use crime_compare::i18n::{t, Key, Lang};
    assert!(crime_compare::provenance::BOUNDARY_ATTRIBUTION.contains("Contains OS data © Crown copyright and database right 2022"));
    assert_eq!(t(Key::BoundaryAttribution, Lang::En), crime_compare::provenance::BOUNDARY_ATTRIBUTION);
    assert!(t(Key::BoundaryAttribution, Lang::Cy).contains("Arolwg Ordnans"));
}

#[test]
fn one_shape_for_each_of_the_43_territorial_forces() {
    let g = geometry();
    assert_eq!(g.shapes.len(), 43);
    let forces: BTreeSet<&str> = ds().areas().iter().filter(|a| a.kind == AreaKind::Force).map(|a| a.code.as_str()).collect();
    let shapes: BTreeSet<&str> = g.shapes.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(forces.len(), 43);
    assert_eq!(shapes, forces);
    assert_eq!(g.shape("W15000001").unwrap().name, "North Wales");
    assert!(g.shape("E23000034").unwrap().name.contains("City of"));
    for s in &g.shapes {
        assert!(!s.polygons.is_empty(), "{}", s.code);
        for ring in s.rings() {
            let distinct: HashSet<&Pt> = ring.iter().collect();
            assert!(distinct.len() >= 3 && ring_area2(ring) != 0, "{}: a degenerate ring", s.code);
            assert_ne!(ring.first(), ring.last(), "{}: rings are not repeated-closed", s.code);
        }
    }
    // British National Grid, y northwards: Cornwall is south-west of Northumbria.
    let (dc, nb) = (g.shape("E23000035").unwrap().bounds(), g.shape("E23000007").unwrap().bounds());
    assert!(dc.min_x < nb.min_x && dc.max_y < nb.min_y);
    assert!(g.bounds.min_x < 100_000 && g.bounds.max_x > 650_000 && g.bounds.max_y > 650_000);
}

/// Areas of all polygons, holes subtracted, in km².
fn area_km2(s: &Shape) -> f64 {
    s.polygons.iter().map(|p| (ring_area2(&p.outer).abs() - p.holes.iter().map(|h| ring_area2(h).abs()).sum::<i128>()) as f64 / 2e6).sum()
}

#[test]
fn every_force_keeps_its_area_and_the_city_of_london_is_kept_whole() {
    let (g, src) = (geometry(), source());
    for s in &g.shapes {
        let (a, b) = (area_km2(s), area_km2(src.shape(&s.code).unwrap()));
        assert!((a - b).abs() / b < 0.03, "{}: {a:.1} km² against {b:.1} published", s.name);
    }
    // The City: about 3 km², its every published point kept (on the 10 m grid), inside the
    // Metropolitan Police area's hole.
    let (city, src_city) = (g.shape("E23000034").unwrap(), src.shape("E23000034").unwrap());
    assert!((2.5..3.5).contains(&area_km2(city)), "{}", area_km2(city));
    assert_eq!(city.polygons[0].outer.len(), src_city.polygons[0].outer.len());
    let met = g.shape("E23000001").unwrap();
    assert_eq!(met.polygons.iter().map(|p| p.holes.len()).sum::<usize>(), 1);
    let (x, y) = (city.label.0 as f64, city.label.1 as f64);
    assert!(!met.contains(x, y) && city.contains(x, y));
}

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// The file a map fetches (pkg/data/g-<crc>.ccd) is at most 20 KB gzip, and it is what the
/// bundled geometry encodes to.
#[test]
fn the_geometry_file_is_at_most_20_kb_gzip() {
    let dir = format!("{}/pkg/data", env!("CARGO_MANIFEST_DIR"));
    let names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with("g-")).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let bytes = std::fs::read(format!("{dir}/{}", names[0])).unwrap();
    assert_eq!(bytes, encode_geometry(geometry()));
    let gz = gzip(&bytes);
    println!("geometry: {} bytes, {gz} bytes gzip, {} ring points (published {})", bytes.len(), geometry().points(), source().points());
    assert!(gz <= 20 * 1024, "{gz} bytes gzip");
    // Simplified: fewer points than published.
    assert!(geometry().points() < source().points() * 9 / 10);
}

#[test]
fn the_split_index_names_the_geometry_file_and_only_a_supplied_file_is_taken() {
    let files = ds().encode_split();
    let d = Dataset::from_index(&files[0].bytes).unwrap();
    assert!(d.geometry().is_none());
    let name = d.geometry_file().unwrap().to_string();
    assert!(name.starts_with("g-") && name.ends_with(".ccd"), "{name}");
    let bytes = &files.iter().find(|f| f.name == name).unwrap().bytes;
    let mut bad = bytes.clone();
    bad[bytes.len() / 2] ^= 4;
    assert!(d.supply_geometry(&bad).unwrap_err().to_string().contains("checksum"));
    assert!(d.supply_geometry(&bytes[..bytes.len() - 1]).is_err());
    assert!(d.geometry().is_none() && d.geometry_file().is_some());
    d.supply_geometry(bytes).unwrap();
    assert_eq!(d.geometry(), Some(geometry()));
    assert_eq!(d.geometry_file(), None);
    // A dataset built in one piece has nothing to fetch.
    assert_eq!(ds().geometry_file(), None);
    assert!(ds().supply_geometry(bytes).is_err());
}

#[test]
fn the_stored_geometry_decodes_to_itself_and_damage_is_refused() {
    let g = geometry();
    let bytes = encode_geometry(g);
    assert_eq!(&decode_geometry(&bytes).unwrap(), g);
    // Every truncation is refused.
    for cut in (0..bytes.len()).step_by(7) {
        assert!(decode_geometry(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // Damage behind the CRC: either refused or a different, still valid geometry; never a panic.
    let mut rng = 0x2545F491u32;
    for _ in 0..2000 {
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        let mut b = bytes.clone();
        let (pos, bit) = (rng as usize % bytes.len(), rng >> 29);
        b[pos] ^= 1 << bit;
        if let Ok(h) = decode_geometry(&b) {
            assert!(&h != g, "flipping bit {bit} of byte {pos} ({:#x}) gives the same geometry", bytes[pos]);
        }
    }
}

fn square(x: i32, y: i32, w: i32) -> Vec<Pt> {
    vec![(x, y), (x + w, y), (x + w, y + w), (x, y + w)]
}

/// A small map with every kind of ring: two squares sharing a border, one with an island and a
/// hole filled by a third shape's enclave.
#[test]
fn a_synthetic_map_round_trips_exactly() {
    let shape = |code: &str, polygons: Vec<Polygon>| Shape { code: code.into(), name: format!("Area {code}"), label: (1, 1), polygons };
    let g = Geometry::new(vec![
        shape("A", vec![
            Polygon { outer: vec![(0, 0), (100, 0), (100, 50), (100, 100), (0, 100)], holes: vec![square(40, 40, 20)] },
            Polygon { outer: square(300, 0, 10), holes: vec![] },
        ]),
        shape("B", vec![Polygon { outer: vec![(200, 0), (200, 100), (100, 100), (100, 50), (100, 0)], holes: vec![] }]),
        shape("C", vec![Polygon { outer: vec![(60, 60), (60, 40), (40, 40), (40, 60)], holes: vec![] }]),
    ]);
    let bytes = encode_geometry(&g);
    assert_eq!(decode_geometry(&bytes).unwrap(), g);
    assert_eq!(g.bounds.max_x, 310);
    assert!(g.shape("A").unwrap().contains(10.0, 10.0) && !g.shape("A").unwrap().contains(50.0, 50.0));
    assert!(g.shape("C").unwrap().contains(50.0, 50.0));
    assert_eq!(g.shape_at(150.0, 20.0).map(|s| s.code.as_str()), Some("B"));
}

proptest! {
    #[test]
    fn arbitrary_geometry_bytes_are_rejected_or_decoded_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = decode_geometry(&bytes);
    }
}
