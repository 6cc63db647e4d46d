// The block's editor: plain text fields for the widget's attributes and a box for inline
// figures, in plain JavaScript (no build step). The page shows the chart; the editor shows
// what it will chart, since the widget's script is not loaded inside the editor.
( function ( wp ) {
	const el = wp.element.createElement;
	const { TextControl, TextareaControl, SelectControl, ToggleControl, PanelBody, Placeholder } = wp.components;
	const { InspectorControls, useBlockProps } = wp.blockEditor;
	const field = ( props, name, label, help ) => el( TextControl, {
		label, help, value: props.attributes[ name ] || '',
		onChange: ( value ) => props.setAttributes( { [ name ]: value } ),
	} );
	const choice = ( props, name, label, options ) => el( SelectControl, {
		label, value: props.attributes[ name ] || '', options,
		onChange: ( value ) => props.setAttributes( { [ name ]: value } ),
	} );
	wp.blocks.registerBlockType( 'crime-compare/chart', {
		edit: ( props ) => {
			const a = props.attributes;
			return el( 'div', useBlockProps(),
				el( InspectorControls, null,
					el( PanelBody, { title: 'Chart' },
						choice( props, 'measure', 'Measure', [ { label: 'Chosen by the widget', value: '' }, { label: 'Number of offences', value: 'count' }, { label: 'Per 1,000 people', value: 'rate' }, { label: 'Change on a year before', value: 'change' } ] ),
						choice( props, 'kind', 'Chart', [ { label: 'Trend over time', value: 'trend' }, { label: 'Ranking', value: 'ranking' }, { label: 'Change', value: 'change' } ] ),
						field( props, 'from', 'From (YYYY-MM)' ),
						field( props, 'to', 'To (YYYY-MM)' ),
						choice( props, 'lang', 'Language', [ { label: "The page's", value: '' }, { label: 'English', value: 'en' }, { label: 'Cymraeg', value: 'cy' } ] ),
						choice( props, 'theme', 'Theme', [ { label: "The reader's setting", value: 'auto' }, { label: 'Light', value: 'light' }, { label: 'Dark', value: 'dark' } ] ),
						choice( props, 'controls', 'Controls for readers', [ { label: 'Compact', value: '' }, { label: 'Full', value: 'full' }, { label: 'None', value: 'none' } ] ),
						field( props, 'src', 'Dataset folder (src)', 'Where your own dataset files are, if any.' ),
						el( ToggleControl, { label: "Mirror the reader's choices in the address", checked: !! a.syncUrl, onChange: ( v ) => props.setAttributes( { syncUrl: v } ) } ),
					),
				),
				el( Placeholder, { icon: 'chart-line', label: 'Crime comparison chart', instructions: `${ a.offence || 'An offence' } in ${ a.area || 'an area' }${ a.compare ? ', compared with ' + a.compare : '' }. The chart shows on the published page.` },
					field( props, 'area', 'Main area' ),
					field( props, 'compare', 'Compare with (comma-separated)' ),
					field( props, 'offence', 'Offence' ),
					el( TextareaControl, {
						label: 'Your figures (optional: CSV with area,period,offence,count)',
						value: a.figures || '',
						onChange: ( value ) => props.setAttributes( { figures: value } ),
					} ),
				),
			);
		},
		save: () => null,
	} );
}( window.wp ) );
