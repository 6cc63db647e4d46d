// Adds <script type="module" src="PKG/pkg/crime-compare.js"> and an iframe of PKG/pkg/embed.html,
// PKG being the origin given in the page's ?pkg= (the package's second origin in cors.spec.js).
const pkg = new URL(new URLSearchParams(location.search).get('pkg'));
const script = document.createElement('script');
script.type = 'module';
script.src = new URL('/pkg/crime-compare.js', pkg).href;
document.head.appendChild(script);
const frame = document.createElement('iframe');
frame.id = 'frame';
frame.title = 'Chart: robbery in Gwent';
frame.height = '200';
frame.width = '600';
frame.frameBorder = '0';
frame.src = new URL('/pkg/embed.html?area=Gwent&offence=Robbery&theme=light', pkg).href;
document.body.appendChild(frame);
