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
