// The scrolling story: when a paragraph with data-t reaches the middle of
// the screen, the embedded café shows that moment (its preset and strategy,
// then the instant in ms), through the app's embed.js. Commands sent before
// the café is up are sent again when it says `ready`.
const frame = document.getElementById('cafe');
const steps = Array.from(document.querySelectorAll('.steps [data-t]'));
let current = null;
let preset = new URL(frame.src).searchParams.get('preset');

function show(step) {
  current = step;
  for (const s of steps) {
    if (s === step) {
      s.setAttribute('aria-current', 'step');
    } else {
      s.removeAttribute('aria-current');
    }
  }
  const api = window.AsyncEspresso;
  if (!api) {
    return;
  }
  const { preset: wanted, strategy, t } = step.dataset;
  if (wanted && wanted !== preset) {
    api.preset(frame, wanted);
    preset = wanted;
  }
  if (strategy) {
    api.strategy(frame, strategy);
  }
  api.seek(frame, Number(t));
}

frame.addEventListener('espresso', (event) => {
  if (event.detail.event === 'ready') {
    preset = event.detail.preset;
    if (current) {
      show(current);
    }
  }
});

const middle = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        show(entry.target);
      }
    }
  },
  { rootMargin: '-45% 0px -45% 0px' },
);
for (const step of steps) {
  middle.observe(step);
}
