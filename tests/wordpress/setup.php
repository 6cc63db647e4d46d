<?php
// Sets up a fresh WordPress for tests/e2e/wordpress.spec.js, as a site owner and an author
// would: installs it, activates the crime-compare plugin, adds a user with the Author role and
// writes that author's posts *as that author* (so WordPress's kses filter runs on them exactly
// as it does for a post saved from the editor), plus one administrator's post to contrast.
// Prints a JSON object: post ids and the content WordPress stored.
//
//   php setup.php /path/to/wordpress http://127.0.0.1:PORT posts.json
//
// posts.json: {key: {as: 'author' | 'admin', title, content}} (written by the spec).

if ( $argc < 4 ) {
	fwrite( STDERR, "usage: php setup.php WORDPRESS_DIR SITE_URL POSTS_JSON\n" );
	exit( 2 );
}
define( 'WP_INSTALLING', true );
$url                  = parse_url( $argv[2] );
$_SERVER['HTTP_HOST'] = $url['host'] . ( isset( $url['port'] ) ? ':' . $url['port'] : '' );
$_SERVER['REQUEST_URI'] = '/';

// No mail server: the "new site" e-mail is not sent (a pluggable function).
function wp_new_blog_notification() {}

require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$installed = wp_install( 'crime-compare test site', 'admin', 'admin@example.invalid', false, '', wp_generate_password( 24 ) );
$admin_id  = $installed['user_id'];
$activated = activate_plugin( 'crime-compare/crime-compare.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, 'activate_plugin: ' . $activated->get_error_message() . "\n" );
	exit( 1 );
}

$author_password = wp_generate_password( 24, false );
$author_id       = wp_insert_user(
	array(
		'user_login' => 'reporter',
		'user_pass'  => $author_password,
		'user_email' => 'reporter@example.invalid',
		'role'       => 'author',
	)
);
if ( is_wp_error( $author_id ) ) {
	fwrite( STDERR, 'wp_insert_user: ' . $author_id->get_error_message() . "\n" );
	exit( 1 );
}

// Nothing from other hosts, as a privacy-minded newsroom sets WordPress up: no Gravatar images
// (the admin bar and the editor would fetch them) and no editor welcome guide (its pictures
// come from s.w.org).
update_option( 'show_avatars', 0 );
update_user_meta( $author_id, $wpdb->get_blog_prefix() . 'persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), '_modified' => gmdate( 'c' ) ) );

/** Saves a post as $user_id, with the content filters that user's capabilities bring. */
function post_as( $user_id, $title, $content ) {
	wp_set_current_user( $user_id );
	kses_init(); // also run by the set_current_user action; explicit, as the editor's save does
	// wp_insert_post() unslashes what it is given, as the editor's and the REST API's saves slash it.
	$id = wp_insert_post(
		array(
			'post_title'   => wp_slash( $title ),
			'post_content' => wp_slash( $content ),
			'post_status'  => 'publish',
			'post_author'  => $user_id,
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, "wp_insert_post $title: " . $id->get_error_message() . "\n" );
		exit( 1 );
	}
	return array(
		'id'      => $id,
		'stored'  => get_post_field( 'post_content', $id, 'raw' ),
		'filtered' => has_filter( 'content_save_pre', 'wp_filter_post_kses' ) !== false,
		'unfiltered_html' => current_user_can( 'unfiltered_html' ),
	);
}

$posts = json_decode( file_get_contents( $argv[3] ), true );
$out   = array(
	'author_role' => get_userdata( $author_id )->roles,
	'admin_id'    => $admin_id,
	'author_id'   => $author_id,
	'author_login'    => 'reporter',
	'author_password' => $author_password, // a throwaway site's, for the editor test's login
	'posts'       => array(),
);
foreach ( $posts as $key => $post ) {
	$user                  = 'admin' === $post['as'] ? $admin_id : $author_id;
	$out['posts'][ $key ]  = post_as( $user, $post['title'], $post['content'] );
}
echo wp_json_encode( $out, JSON_PRETTY_PRINT ), "\n";
