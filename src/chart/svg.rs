//! Native rendering to an SVG string: the same layout and drawing code as the canvas.

use super::draw::{draw_with, DrawOptions};
use super::layout::layout;
use super::{ChartError, ChartInput};
use plotters_svg::SVGBackend;

/// Escapes text for an XML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Renders the chart as a standalone SVG document with `role="img"`, an `aria-label` and a
/// `<title>` (the chart summary), so the file is accessible on its own. The output is a pure
/// function of the input: no timestamps, ids or hash-map ordering.
pub fn render_svg(input: &ChartInput) -> Result<String, ChartError> {
    let layout = layout(input)?;
    let mut body = String::new();
    {
        let size = (input.width.round() as u32, input.height.round() as u32);
        let mut backend = SVGBackend::with_string(&mut body, size);
        draw_with(&layout, input, &mut backend, DrawOptions::svg()).map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    if let Some(map) = &layout.map {
        body = name_map_areas(&body, map, input);
    }
    let summary = escape(&crate::narrative::chart_summary(input));
    // plotters writes `<svg width=.. height=.. viewBox=.. xmlns=..>`; add the accessible name
    // to that opening tag and the title as its first child.
    let Some(end) = body.find('>') else {
        return Err(ChartError::Draw("the SVG backend wrote no <svg> element".into()));
    };
    let lang = input.lang.tag();
    Ok(format!(
        "{} role=\"img\" aria-label=\"{summary}\" xml:lang=\"{lang}\">\n<title>{summary}</title>{}",
        &body[..end],
        &body[end + 1..]
    ))
}

/// A map's areas as one `<path>` each, named by a `<title>` ("North Wales: 3.62"): plotters
/// writes each ring as a `<polygon>`, in the order the map's areas are drawn (nothing else on a
/// map is a polygon), so the rings are regrouped by area here.
fn name_map_areas(body: &str, map: &super::map::MapLayout, input: &ChartInput) -> String {
    // How many polygons each area wrote: rings with at least three distinct device points.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for a in &map.areas {
        let n = a
            .rings
            .iter()
            .filter(|r| {
                let mut pts: Vec<(i32, i32)> = r.iter().map(|(x, y)| (x.round() as i32, y.round() as i32)).collect();
                pts.dedup();
                pts.len() >= 3
            })
            .count();
        if n > 0 {
            groups.push((a.series, n));
        }
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let mut group = 0usize;
    let mut in_group = 0usize;
    let mut d = String::new();
    let mut fill = String::new();
    while let Some(start) = rest.find("<polygon ") {
        let Some(len) = rest[start..].find("/>") else { break };
        let tag = &rest[start..start + len + 2];
        out.push_str(&rest[..start]);
        rest = &rest[start + len + 2..];
        let attr = |name: &str| -> String {
            let key = format!("{name}=\"");
            tag.find(&key).and_then(|i| tag[i + key.len()..].split('"').next()).unwrap_or("").to_string()
        };
        let Some(&(series, count)) = groups.get(group) else {
            out.push_str(tag);
            continue;
        };
        if in_group == 0 {
            fill = attr("fill");
            d.clear();
        }
        let points = attr("points");
        let mut first = true;
        for p in points.split_whitespace() {
            d.push_str(if first { "M" } else { "L" });
            d.push_str(p);
            first = false;
        }
        d.push('Z');
        in_group += 1;
        if in_group == count {
            let name = input.series.get(series).map(|s| s.label.as_str()).unwrap_or("");
            let value = input.raw(series, input.ranking_period).map_or_else(|| crate::i18n::t(crate::i18n::Key::NoFigure, input.lang).to_string(), |v| input.format_value(v));
            out.push_str(&format!("<path d=\"{d}\" fill=\"{fill}\"><title>{}</title></path>", escape(&format!("{name}: {value}"))));
            group += 1;
            in_group = 0;
        }
    }
    out.push_str(rest);
    out
}
