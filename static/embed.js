// embed.js: the optional script for a page that embeds Async Espresso
// (README, "Fitting the frame and talking to it"). Load it once, anywhere on the page:
//
//   <script src="https://example.org/espresso/embed.js" defer></script>
//
// It sizes every Async Espresso frame to its content (the frame reports its
// height) and offers the host API as window.AsyncEspresso:
//
//   AsyncEspresso.play(frame)            AsyncEspresso.pause(frame)
//   AsyncEspresso.seek(frame, ms)        AsyncEspresso.strategy(frame, 'join')
//   AsyncEspresso.preset(frame, 'karen') AsyncEspresso.follow(frame, 0)
//   frame.addEventListener('espresso', (e) => e.detail)   // ready, time, ended, height
//
// `frame` is the <iframe> element. Plain JavaScript, no markup: it touches a
// frame's height and nothing else on the page.
(() => {
  if (window.AsyncEspresso) {
    return;
  }
  const MAX_HEIGHT = 20000;
  /** The <iframe> whose window sent a message, if any. */
  const frameOf = (source) =>
    Array.from(document.getElementsByTagName('iframe')).find((f) => f.contentWindow === source) ?? null;

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data === null || typeof data !== 'object' || data.espresso !== 1 || typeof data.event !== 'string') {
      return;
    }
    const frame = frameOf(event.source);
    if (!frame) {
      return;
    }
    if (data.event === 'height') {
      const h = data.height;
      if (Number.isFinite(h) && h > 0 && h <= MAX_HEIGHT) {
        frame.style.height = `${Math.ceil(h)}px`;
      }
    }
    frame.dispatchEvent(new CustomEvent('espresso', { detail: data }));
  });

  /** Sends a command to a frame (any origin: a sandboxed frame's is "null"). */
  const send = (frame, message) => {
    frame?.contentWindow?.postMessage({ espresso: 1, ...message }, '*');
  };

  window.AsyncEspresso = Object.freeze({
    version: 1,
    play: (frame) => send(frame, { command: 'play' }),
    pause: (frame) => send(frame, { command: 'pause' }),
    seek: (frame, t) => send(frame, { command: 'seek', t }),
    strategy: (frame, strategy) => send(frame, { command: 'strategy', strategy }),
    preset: (frame, preset) => send(frame, { command: 'preset', preset }),
    follow: (frame, customer) => send(frame, { command: 'follow', customer }),
  });
})();
