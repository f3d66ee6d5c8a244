// Registers the service worker (sw.js, next to this file) that keeps the app
// working offline after the first visit. The app never depends on it, and
// where there can be none this does nothing, quietly: in a sandboxed frame
// (an opaque origin, where merely reading navigator.serviceWorker throws), on
// file: pages, over plain http to another machine (not a secure context).
function register() {
  try {
    const container = navigator.serviceWorker;
    if (!container || !window.isSecureContext || !/^https?:$/.test(location.protocol)) {
      return;
    }
    // sw.js sits next to this script: its folder is the worker's scope.
    container.register(new URL('sw.js', import.meta.url), { updateViaCache: 'none' }).catch(() => {});
  } catch {
    // No offline copy here; the app itself is unaffected.
  }
}

// Once the app has started (the start script says so) and a moment later:
// the worker's first download of the shell should not compete with the
// app's own, nor its work with the app's first tasks.
window.addEventListener('TrunkApplicationStarted', () => setTimeout(register, 2000), { once: true });
