// Collects every script error of the page (the browser suite fails on any): uncaught errors, rejected promises,
// console.error and Vue's error handler (main.js). Loaded first, as a classic script.
(function () {
  var errors = [];
  window.__consoleErrors = errors;
  window.addEventListener('error', function (e) {
    if (e.target && e.target !== window && (e.target.src || e.target.href)) {
      errors.push('资源加载失败: ' + (e.target.src || e.target.href));
    } else if (/^ResizeObserver loop/.test(String(e.message))) {
      // the browser's notice that a resize observer (tables, charts) skipped a frame: benign, not a script error
      return;
    } else {
      errors.push(String(e.message || e.error));
    }
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    // an API problem already shown to the user is not a script error
    if (r && r.isApiError) { return; }
    errors.push('未处理的 Promise 拒绝: ' + (r && (r.stack || r.message) || r));
  });
  var original = console.error;
  console.error = function () {
    errors.push(Array.prototype.map.call(arguments, function (a) {
      return a && a.stack ? a.stack : String(a);
    }).join(' '));
    return original.apply(console, arguments);
  };
})();
