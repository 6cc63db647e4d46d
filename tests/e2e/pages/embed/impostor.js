// A frame on the package's own origin that is not embed.html: its height claims are ignored.
window.parent.postMessage({ type: 'crime-compare:height', height: 777 }, '*');
addEventListener('message', () => window.parent.postMessage({ type: 'crime-compare:height', height: 777 }, '*'));
