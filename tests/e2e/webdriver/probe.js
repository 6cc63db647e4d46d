// Injected by the WebDriver suites' server as the first element of every page's <head>, so it
// runs before any script of the page or the widget: a classic, same-origin script (allowed by
// the strict CSP pages). WebDriver classic has no console or page-error events in Firefox or
// WebKit, so the page records them itself and the suite reads window.__ccProbe.
(function () {
  'use strict';
  var probe = window.__ccProbe = { errors: [], ready: 0, violations: [] };
  function text(value) {
    if (value && value.stack) return String(value.stack).split('\n').slice(0, 3).join(' | ');
    try { return typeof value === 'string' ? value : JSON.stringify(value); } catch (e) { return String(value); }
  }
  // Uncaught errors (a ResizeObserver loop is reported this way too) and, in the capture
  // phase, resources that failed to load (they do not bubble).
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target !== window && target.nodeType === 1) {
      probe.errors.push('failed to load: <' + target.tagName.toLowerCase() + '> ' + (target.src || target.href || ''));
      return;
    }
    probe.errors.push('uncaught error: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')'
      + (event.error ? ' ' + text(event.error) : ''));
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    probe.errors.push('unhandled rejection: ' + text(event.reason));
  });
  var consoleError = console.error;
  console.error = function () {
    probe.errors.push('console.error: ' + Array.prototype.map.call(arguments, text).join(' '));
    return consoleError.apply(console, arguments);
  };
  document.addEventListener('securitypolicyviolation', function (event) {
    probe.violations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber);
  });
  document.addEventListener('crime-compare:ready', function (event) {
    probe.ready += 1;
    event.target.__ccReady = true;
    event.target.__ccState = event.detail;
  }, true);
})();
