<?php
/**
 * Plugin Name:       crime-compare
 * Description:       Accessible, interactive charts of police recorded crime (England and Wales): a [crime-compare] shortcode and a "Crime comparison chart" block, usable by authors who may not post scripts.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT OR Apache-2.0
 *
 * WordPress strips <script> (and <iframe>) from the posts of users without the
 * unfiltered_html capability (authors, contributors, and editors on multisite), so a pasted
 * snippet cannot load the widget for them. This plugin renders the widget's element on the
 * server instead, escaping every attribute with WordPress's own functions, and enqueues the
 * widget's module script once per page, only on pages that show a chart.
 *
 * The widget's package (pkg/ of crime-compare: crime-compare.js, the wasm, data/) sits in this
 * plugin's pkg/ folder (`make wordpress-plugin` builds the zip), or wherever the constant
 * CRIME_COMPARE_PKG_URL or the filter 'crime_compare_pkg_url' points (a CDN: see the README's
 * hosting section for the headers it must send).
 */

defined( 'ABSPATH' ) || exit;

/** The widget's attributes, as the shortcode and the block accept them. */
const CRIME_COMPARE_ATTRIBUTES = array( 'area', 'compare', 'offence', 'measure', 'kind', 'from', 'to', 'lang', 'theme', 'sync-url', 'label', 'controls', 'src' );

const CRIME_COMPARE_FIGURES_LINK = 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice';

/** Where the widget's package is served from (a URL ending in a slash). */
function crime_compare_pkg_url() {
	$url = defined( 'CRIME_COMPARE_PKG_URL' ) ? CRIME_COMPARE_PKG_URL : plugins_url( 'pkg/', __FILE__ );
	return trailingslashit( apply_filters( 'crime_compare_pkg_url', $url ) );
}

/** Enqueues the widget's module script; WordPress prints a handle once per page however often it is asked. */
function crime_compare_enqueue() {
	$src = crime_compare_pkg_url() . 'crime-compare.js';
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( 'crime-compare', $src, array(), null );
	} else {
		wp_enqueue_script( 'crime-compare', $src, array(), null, true );
	}
}

/** Before WordPress 6.5 there are no script modules: mark our classic handle as one. */
function crime_compare_module_tag( $tag, $handle, $src ) {
	if ( 'crime-compare' !== $handle ) {
		return $tag;
	}
	return '<script type="module" src="' . esc_url( $src ) . '" id="crime-compare-js"></script>' . "\n";
}
add_filter( 'script_loader_tag', 'crime_compare_module_tag', 10, 3 );

/**
 * Inline figures as the widget reads them (CSV, or JSON when it starts with "["), freed of the
 * paragraphs and line breaks the editor adds. They go inside a data block, whose text no
 * escaping reaches, so figures that could close it (any "<" left once tags are gone) are
 * refused rather than altered. Returns array( type, text ) or a WP_Error.
 */
function crime_compare_figures( $raw ) {
	$text = preg_replace( '#<br\s*/?>|</?p>#i', "\n", (string) $raw );
	$text = html_entity_decode( wp_strip_all_tags( $text ), ENT_QUOTES | ENT_HTML5, 'UTF-8' );
	$text = trim( str_replace( "\r", '', $text ) );
	if ( '' === $text ) {
		return null;
	}
	if ( false !== strpos( $text, '<' ) ) {
		return new WP_Error( 'crime_compare_figures', 'crime-compare: the figures contain "<", which a figures table cannot hold; remove it.' );
	}
	$type = ( '[' === $text[0] ) ? 'application/json' : 'text/csv';
	return array( $type, "\n" . preg_replace( "/\n{2,}/", "\n", $text ) . "\n" );
}

/** The widget's element, every attribute escaped; the same for the shortcode and the block. */
function crime_compare_render( $attributes, $figures = '' ) {
	$html = '<crime-compare';
	foreach ( CRIME_COMPARE_ATTRIBUTES as $name ) {
		if ( ! isset( $attributes[ $name ] ) || '' === $attributes[ $name ] || false === $attributes[ $name ] ) {
			continue;
		}
		$value = html_entity_decode( (string) $attributes[ $name ], ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		$value = 'src' === $name ? esc_url( $value ) : esc_attr( $value );
		$html .= ' ' . $name . '="' . $value . '"';
	}
	$html .= '>';
	$data = crime_compare_figures( $figures );
	if ( is_wp_error( $data ) ) {
		// Said where the author will see it, and the chart still comes up with the bundled figures.
		$html .= '<p class="crime-compare-error" role="alert">' . esc_html( $data->get_error_message() ) . '</p>';
	} elseif ( $data ) {
		$html .= '<script type="' . esc_attr( $data[0] ) . '">' . $data[1] . '</script>';
	}
	$offence = isset( $attributes['offence'] ) ? $attributes['offence'] : '';
	$area    = isset( $attributes['area'] ) ? $attributes['area'] : '';
	$label   = trim( $offence . ( $area ? ' in ' . $area : '' ) );
	$html   .= '<a href="' . esc_url( CRIME_COMPARE_FIGURES_LINK ) . '">' . esc_html( $label ? $label . ': see the figures' : 'Police recorded crime figures' ) . '</a>';
	$html   .= '</crime-compare>';
	crime_compare_enqueue();
	return $html;
}

/** [crime-compare area="…" offence="…" …]optional CSV figures[/crime-compare] */
function crime_compare_shortcode( $atts, $content = '' ) {
	$atts = is_array( $atts ) ? $atts : array();
	// A bare `sync-url` (no value) arrives as a numbered attribute.
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) && 'sync-url' === $value ) {
			$atts['sync-url'] = 'sync-url';
		}
	}
	$atts = shortcode_atts( array_fill_keys( CRIME_COMPARE_ATTRIBUTES, '' ), $atts, 'crime-compare' );
	return crime_compare_render( $atts, $content );
}

/** The block: a dynamic block (block.json), rendered by the same function. */
function crime_compare_block( $attributes ) {
	$figures = isset( $attributes['figures'] ) ? $attributes['figures'] : '';
	$attrs   = array();
	foreach ( CRIME_COMPARE_ATTRIBUTES as $name ) {
		$key = 'sync-url' === $name ? 'syncUrl' : $name;
		if ( isset( $attributes[ $key ] ) ) {
			$attrs[ $name ] = ( true === $attributes[ $key ] ) ? 'sync-url' : $attributes[ $key ];
		}
	}
	return crime_compare_render( $attrs, $figures );
}

function crime_compare_init() {
	add_shortcode( 'crime-compare', 'crime_compare_shortcode' );
	register_block_type( __DIR__ . '/block', array( 'render_callback' => 'crime_compare_block' ) );
}
add_action( 'init', 'crime_compare_init' );

/** The figures between [crime-compare] and [/crime-compare] are data: no curly quotes or dashes. */
add_filter(
	'no_texturize_shortcodes',
	function ( $shortcodes ) {
		$shortcodes[] = 'crime-compare';
		return $shortcodes;
	}
);
