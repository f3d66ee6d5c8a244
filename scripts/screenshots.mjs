// The README's pictures of the stage, mid-run while Karen's pour-over is
// hand-poured (callbacks, 3.0 s into the morning line): a 390×844 phone in
// light, a 1440×900 desktop in dark, and 1920×1080 presenter mode (large
// type). First screens only (what a newcomer sees before scrolling), saved
// as PNGs in docs/screenshots/. Rerun with `scripts/screenshots` after
// changing the page.
import { mkdirSync } from 'node:fs';
import { launchChromium, serveDist } from '../bench/chromium.mjs';

const KAREN_POURING_MS = '3000';
const shots = [
  { file: 'stage-phone-light.png', width: 390, height: 844, scheme: 'light', query: '?strategy=callbacks' },
  { file: 'stage-desktop-dark.png', width: 1440, height: 900, scheme: 'dark', query: '?strategy=callbacks' },
  {
    file: 'stage-presenter-1920.png',
    width: 1920,
    height: 1080,
    scheme: 'light',
    query: '?lesson=karen-freezes-the-loop&step=1&present=1',
  },
];

mkdirSync('docs/screenshots', { recursive: true });
const server = await serveDist(4199);
const browser = await launchChromium();
try {
  for (const s of shots) {
    const page = await browser.newPage({ viewport: { width: s.width, height: s.height } });
    await page.emulateMedia({ colorScheme: s.scheme, reducedMotion: 'reduce' });
    await page.goto(`${server.base}/${s.query}`);
    const scrub = page.getByRole('slider', { name: 'Playhead' });
    await scrub.waitFor();
    await scrub.fill(KAREN_POURING_MS);
    // The slider took focus and scrolled itself into view: back to the top.
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
    await page.screenshot({ path: `docs/screenshots/${s.file}` });
    console.log(`docs/screenshots/${s.file}  ${s.width}×${s.height} ${s.scheme}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
