// Checks a built minhbach site in headless Chromium, as a reader would meet it:
//
//   - accessibility: axe-core with the WCAG 2.0/2.1 A and AA rules, on every
//     page type in every language (all pages with --all), at 360 and 1280 px,
//     in each look a reader's system may ask for: light, dark, and high
//     contrast in either (prefers-color-scheme, prefers-contrast); zero
//     violations; with forced colours (Windows high contrast), every status
//     still says its word and a focused control still shows its ring;
//   - no request leaves the site (no CDN fonts, scripts or images);
//   - at 360 px: no horizontal scrolling, and tap targets at least 44 px;
//   - keyboard: the skip link comes first and every focused control shows
//     a visible outline;
//   - search: typing "hoa don" finds the e-invoice indicator, over HTTP and
//     from file://; without JavaScript the search page lists everything;
//   - the journey of a new reader at 360 px (search, history, language
//     switch and back, print), with a screenshot of each step, and
//     screenshots of every page type at 360 and 1280 px;
//   - print: the session page printed to PDF;
//   - chart text: every text of every chart on the home, session,
//     indicator and charts pages and on embed pages (opened at 360 px and
//     inside the site's own <iframe> code in a 360 px column), in every
//     language, at 360 and 1280 px, renders at 12 px or more, and at 8 pt
//     or more on an A4 page printed; with screenshots at both widths.
//
// Usage: node check.mjs SITE_DIR [--out DIR] [--all] [--only=axe,looks,keyboard,screenshots,journey,search,charts]
// Prints every problem and exits non-zero if there is one.

import { createServer } from 'node:http';
import { readFile, readdir, stat, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const siteDir = path.resolve(args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--out') ?? '../../site');
const outDir = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : 'target/screenshots');
const allPages = args.includes('--all');
// --only=journey,search runs some parts only (while working on a page).
const only = (args.find((a) => a.startsWith('--only=')) ?? '').slice('--only='.length).split(',').filter(Boolean);
const run = (part) => only.length === 0 || only.includes(part);

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MIN_TARGET = 44;
const SEARCH_QUERY = 'hoa don';
const SEARCH_EXPECT = 'e-invoice-enterprises';
// Pages of a type that has many (one per indicator, chart or source) are
// sampled, so that the run stays short; --all checks every page.
const SAMPLE_PER_TYPE = 5;

const problems = [];
function problem(where, what) {
  problems.push(`${where}: ${what}`);
  console.log(`FAIL ${where}: ${what}`);
}

// ---------------------------------------------------------------- server --

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

// A plain static server, like any static host: files as they are, the 404
// page for anything missing.
function serve(root) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      const body = await readFile(path.join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(body);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ----------------------------------------------------------------- pages --

async function htmlFiles(dir, rel = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await htmlFiles(dir, p)));
    else if (entry.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

// The language prefix ("" for the default language) and the page type.
function classify(p) {
  const m = p.match(/^([a-z]{2,3}(?:-[a-z0-9]+)?)\/(.*)$/);
  const lang = m && !['sessions', 'indicators', 'methodology', 'search', 'embed', 'sources', 'data', 'scopes', 'corrections'].includes(m[1]) ? m[1] : '';
  const rest = lang ? m[2] : p;
  const type =
    rest === 'index.html' ? 'home'
    : rest === '404.html' ? '404'
    : rest === 'sessions/index.html' ? 'sessions'
    : /^sessions\/[^/]+\/index\.html$/.test(rest) ? 'session'
    : /^sessions\/[^/]+\/charts\/index\.html$/.test(rest) ? 'session-charts'
    : rest === 'indicators/index.html' ? 'indicators'
    : /^indicators\/[^/]+\/index\.html$/.test(rest) ? 'indicator'
    : rest === 'methodology/index.html' ? 'methodology'
    : rest === 'search/index.html' ? 'search'
    : rest.startsWith('embed/') ? 'embed'
    : rest.startsWith('sources/') ? 'source'
    : rest === 'corrections/index.html' ? 'corrections'
    : rest === 'scopes/index.html' ? 'scopes'
    : /^scopes\/[^/]+\/index\.html$/.test(rest) ? 'scope'
    : 'other';
  return { lang: lang || 'default', type };
}

function sample(list, n) {
  if (list.length <= n) return list;
  const out = [];
  for (let i = 0; i < n; i++) out.push(list[Math.round((i * (list.length - 1)) / (n - 1))]);
  return [...new Set(out)];
}

// ---------------------------------------------------------------- checks --

async function axe(page, where) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
      count: v.nodes.length,
    }));
  }, WCAG_TAGS);
  for (const v of result) {
    problem(where, `axe ${v.id} (${v.impact}, ${v.count} element(s)): ${v.help}\n    ${v.nodes.join('\n    ')}`);
  }
  return result.length;
}

// The looks a reader's system may ask for, each checked with axe: the
// site's colours are variables that each look sets (templates/style.css).
const LOOKS = [
  { name: 'light', media: { colorScheme: 'light', contrast: 'no-preference' } },
  { name: 'dark', media: { colorScheme: 'dark', contrast: 'no-preference' } },
  { name: 'light-more', media: { colorScheme: 'light', contrast: 'more' } },
  { name: 'dark-more', media: { colorScheme: 'dark', contrast: 'more' } },
];
const WIDTHS = [1280, 360];

// With forced colours the system's colours replace the page's: each status
// must still say its word, and a focused control still show its ring.
async function forcedColors(page, where) {
  const r = await page.evaluate(() => {
    const out = { silent: [], ring: null };
    for (const el of document.querySelectorAll('.badge, .tile-label, [class^="status-"] , [class*=" status-"]')) {
      if (el.closest('.tiles') && !el.classList.contains('tile-label')) continue;
      const text = el.textContent.replace(/[\s↑↓→✓✗⚠●○◐◔◑◒◓–\-]/gu, '');
      const b = el.getBoundingClientRect();
      if (b.width > 0 && text.length === 0) out.silent.push(el.outerHTML.slice(0, 80));
    }
    const link = document.querySelector('main a[href]');
    if (link) {
      link.focus({ focusVisible: true });
      const cs = getComputedStyle(link);
      out.ring = cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0 ? 'none' : `${cs.outlineStyle} ${cs.outlineWidth}`;
      link.blur();
    }
    return out;
  });
  if (r.silent.length) problem(where, `with forced colours, a status shows no word: ${r.silent.slice(0, 4).join('; ')}`);
  if (r.ring === 'none') problem(where, 'with forced colours, a focused link shows no focus ring');
}

// At 360 px: nothing wider than the screen, and every control that stands
// alone (not a link inside a sentence) at least 44 × 44 px.
async function layout360(page, where) {
  const r = await page.evaluate((min) => {
    const doc = document.documentElement;
    const out = { overflow: doc.scrollWidth - doc.clientWidth, wide: [], small: [] };
    if (out.overflow > 0) {
      for (const el of document.querySelectorAll('body *')) {
        const b = el.getBoundingClientRect();
        if (b.right > doc.clientWidth + 1 && !el.closest('.table-wrap')) {
          out.wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(b.right)} px)`);
          if (out.wide.length > 4) break;
        }
      }
    }
    const inSentence = (el) => {
      const cs = getComputedStyle(el);
      if (!cs.display.startsWith('inline') || cs.display === 'inline-flex' || cs.display === 'inline-block') return false;
      const parent = el.parentElement;
      const own = [...parent.childNodes].filter((n) => n !== el).map((n) => n.textContent).join('').trim();
      return own.length > 0;
    };
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue; // not shown
      if (el.classList.contains('skip-link')) continue; // off screen until focused
      if (inSentence(el)) continue;
      if (b.height < min - 0.5 || b.width < min - 0.5) {
        out.small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(b.width)}×${Math.round(b.height)}`);
      }
    }
    return out;
  }, MIN_TARGET);
  if (r.overflow > 0) problem(where, `scrolls horizontally at 360 px by ${r.overflow} px: ${r.wide.join(', ')}`);
  if (r.small.length) problem(where, `tap targets under ${MIN_TARGET} px at 360 px: ${r.small.slice(0, 8).join('; ')}${r.small.length > 8 ? ` (+${r.small.length - 8} more)` : ''}`);
}

// Tab from the top: the skip link first, visible; then every focused
// control with a visible outline.
async function keyboard(page, where, steps = 12) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const b = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        cls: el.className,
        text: (el.textContent || el.value || '').trim().slice(0, 30),
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
        shadow: cs.boxShadow !== 'none',
        onScreen: b.bottom > 0 && b.right > 0 && b.top < innerHeight + scrollY && b.width > 0,
      };
    });
    if (!f) continue;
    if (i === 0 && !String(f.cls).includes('skip-link')) problem(where, `the first Tab goes to ${f.tag} "${f.text}", not the skip link`);
    if (!f.outline && !f.shadow) problem(where, `no visible focus on ${f.tag} "${f.text}"`);
    if (!f.onScreen) problem(where, `focused ${f.tag} "${f.text}" is not on screen`);
  }
}

async function searchWorks(page, where) {
  const r = await page.evaluate((id) => {
    const items = [...document.querySelectorAll('[data-search-id]')];
    const shown = items.filter((li) => !li.hidden).map((li) => li.getAttribute('data-search-id'));
    return { total: items.length, shown, status: document.getElementById('search-status')?.textContent ?? '', found: shown.includes(`i-${id}`) };
  }, SEARCH_EXPECT);
  if (!r.found) problem(where, `searching "${SEARCH_QUERY}" does not show ${SEARCH_EXPECT} (shown: ${r.shown.join(', ') || 'nothing'})`);
  if (r.shown.length >= r.total) problem(where, `searching "${SEARCH_QUERY}" filters nothing (${r.shown.length} of ${r.total} shown)`);
  if (!r.status.trim()) problem(where, 'no status message after searching');
  return r;
}

// The smallest chart text a reader has to read on a screen, in CSS px, and
// on paper: 8 pt is 8/72 in, at 96 CSS px per inch.
const MIN_CHART_TEXT = 12;
const MIN_PRINT_TEXT = (8 * 96) / 72;
// The width of an A4 page less the site's 1.5 cm print margins, in CSS px.
const A4_CONTENT_WIDTH = Math.floor(((21 - 2 * 1.5) / 2.54) * 96);

// The rendered size of every chart text in the page (or frame) `frame`:
// for a chart shown as an image, its SVG file is read and each <text>'s
// font size (its own or inherited from an ancestor) is scaled as the image
// is: rendered width over viewBox width. Inline SVG is measured as drawn.
// Returns one entry per chart: its file, rendered width, smallest text in
// px and that text.
async function chartTexts(frame) {
  return frame.evaluate(async () => {
    const imgs = [...document.querySelectorAll('figure img, picture img, img[src$=".svg"]')];
    for (const img of imgs) img.loading = 'eager';
    await Promise.all(imgs.map((img) => (img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; }))));
    const out = [];
    const smallest = (svg, scale) => {
      let min = { px: Infinity, text: '' };
      for (const t of svg.querySelectorAll('text')) {
        let el = t;
        let size = null;
        while (el && el.nodeType === 1 && size === null) {
          const a = el.getAttribute('font-size');
          if (a !== null) size = parseFloat(a);
          el = el.parentNode;
        }
        const px = (size ?? 16) * scale;
        if (px < min.px) min = { px, text: t.textContent.trim().slice(0, 40) };
      }
      return min;
    };
    const seen = new Map();
    for (const img of imgs) {
      const src = img.currentSrc || img.src;
      if (!src.split('?')[0].endsWith('.svg')) continue;
      const box = img.getBoundingClientRect();
      if (box.width === 0) continue;
      if (!seen.has(src)) {
        const text = await (await fetch(src)).text();
        seen.set(src, new DOMParser().parseFromString(text, 'image/svg+xml').documentElement);
      }
      const svg = seen.get(src);
      const vb = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
      const cs = getComputedStyle(img);
      const inner = box.width - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const scale = inner / vb[2];
      out.push({ src: src.replace(location.origin, ''), width: Math.round(inner), viewBox: vb[2], ...smallest(svg, scale) });
    }
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.closest('svg') !== svg || !svg.querySelector('text')) continue;
      let min = { px: Infinity, text: '' };
      for (const t of svg.querySelectorAll('text')) {
        const px = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1);
        if (px < min.px) min = { px, text: t.textContent.trim().slice(0, 40) };
      }
      out.push({ src: 'inline svg', width: Math.round(svg.getBoundingClientRect().width), ...min });
    }
    return out;
  });
}

function reportChartTexts(where, charts, min, unit = 'px') {
  if (charts.length === 0) problem(where, 'no chart found to measure');
  for (const c of charts) {
    const shown = unit === 'pt' ? `${((c.px * 72) / 96).toFixed(1)} pt` : `${c.px.toFixed(1)} px`;
    const line = `${where}: ${c.src} shown ${c.width} px wide (viewBox ${c.viewBox}): smallest text ${shown} ("${c.text}")`;
    console.log(`  ${line}`);
    if (c.px < min - 0.05) problem(where, `chart text under ${unit === 'pt' ? '8 pt' : `${min} px`}: ${c.src} at ${shown} ("${c.text}")`);
  }
}

// ------------------------------------------------------------------ main --

const started = Date.now();
await mkdir(outDir, { recursive: true });
const server = await serve(siteDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});

async function newPage(options = {}) {
  // The site's Content-Security-Policy forbids inline scripts; axe is injected
  // as one, so the test browser (and only it) bypasses the policy.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, ...options });
  const page = await context.newPage();
  const external = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('file:') || u.startsWith('data:')) return route.continue();
    external.push(u);
    return route.abort();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, external, errors };
}

const files = await htmlFiles(siteDir);
const byType = new Map();
for (const f of files) {
  const { lang, type } = classify(f);
  const key = `${type} ${lang}`;
  if (!byType.has(key)) byType.set(key, []);
  byType.get(key).push(f);
}
const chosen = [];
for (const [, list] of [...byType].sort()) chosen.push(...(allPages ? list : sample(list, SAMPLE_PER_TYPE)));
// Always the indicator of the search test, in every language.
for (const f of files) if (f.includes(`indicators/${SEARCH_EXPECT}/index.html`) && !chosen.includes(f)) chosen.push(f);

console.log(`${files.length} pages in ${siteDir}; checking ${chosen.length} (${[...byType.keys()].sort().join(', ')})`);

// 1. axe, external requests, script errors, 360 px layout, on each chosen page.
if (run('axe')) {
  const { page, external, errors } = await newPage();
  let violations = 0;
  for (const f of chosen) {
    const where = f;
    external.length = 0;
    errors.length = 0;
    await page.setViewportSize({ width: 1280, height: 900 });
    const resp = await page.goto(`${origin}/${f}`, { waitUntil: 'load' });
    if (!resp || (resp.status() !== 200 && !f.endsWith('404.html'))) problem(where, `HTTP ${resp && resp.status()}`);
    violations += await axe(page, where);
    await page.setViewportSize({ width: 360, height: 740 });
    await layout360(page, where);
    if (run('looks')) {
      for (const look of LOOKS) {
        for (const width of WIDTHS) {
          // Light at 1280 px is the check above.
          if (look.name === 'light' && width === 1280) continue;
          await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
          await page.emulateMedia(look.media);
          violations += await axe(page, `${where} (${look.name}, ${width} px)`);
        }
      }
      await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference', forcedColors: 'active' });
      await forcedColors(page, `${where} (forced colours)`);
      await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference', forcedColors: 'none' });
    }
    if (external.length) problem(where, `requests outside the site: ${[...new Set(external)].join(', ')}`);
    if (errors.length) problem(where, `script errors: ${errors.join('; ')}`);
  }
  console.log(`axe: ${chosen.length} pages, ${violations} violation type(s) (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// 2. Keyboard on the main page types.
if (run('keyboard')) {
  const { page } = await newPage();
  for (const f of ['index.html', 'en/index.html', ...files.filter((f) => classify(f).type === 'session').slice(0, 1)]) {
    if (!files.includes(f)) continue;
    await page.goto(`${origin}/${f}`);
    await keyboard(page, `${f} (keyboard)`);
  }
}

// 3. Screenshots of every page type at 360 and 1280 px, light, and dark
//    and high contrast (dark-more) with forced colours for the main types.
if (run('screenshots')) {
  const { page } = await newPage();
  const shots = [];
  const MAIN = ['home', 'session', 'indicator', 'source'];
  for (const [key, list] of [...byType].sort()) {
    const [type, lang] = key.split(' ');
    if (type === 'other') continue;
    const f = type === 'indicator' ? list.find((x) => x.includes(SEARCH_EXPECT)) ?? list[0] : list[0];
    const looks = [{ name: '', media: LOOKS[0].media }];
    if (MAIN.includes(type) && lang === 'default') {
      looks.push(...LOOKS.slice(1).map((l) => ({ name: `-${l.name}`, media: l.media })));
      looks.push({ name: '-forced', media: { ...LOOKS[0].media, forcedColors: 'active' } });
    }
    for (const look of looks) {
      await page.emulateMedia({ forcedColors: 'none', ...look.media });
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await page.goto(`${origin}/${f}`, { waitUntil: 'load' });
        const name = `${type}-${lang}${look.name}-${width}.png`;
        await page.screenshot({ path: path.join(outDir, name), fullPage: true });
        shots.push(name);
      }
    }
  }
  await page.emulateMedia({ forcedColors: 'none', ...LOOKS[0].media });
  console.log(`screenshots: ${shots.length} in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// 4. A new reader at 360 px: search "hoa don" from the home page, open the
//    indicator, read its history, switch to English and back, print the
//    session page.
if (run('journey')) {
  const { page, errors } = await newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  // What the reader sees on the screen at each step (not the whole page).
  const step = async (n, name) => page.screenshot({ path: path.join(outDir, `journey-${n}-${name}.png`) });
  await page.goto(`${origin}/index.html`);
  await step(1, 'home');
  await page.fill('#site-q', SEARCH_QUERY);
  await step(2, 'typed');
  await Promise.all([page.waitForURL(/search\/index\.html\?q=/), page.press('#site-q', 'Enter')]);
  await page.waitForLoadState('load');
  await searchWorks(page, 'journey: search page over HTTP');
  await step(3, 'search-results');
  await Promise.all([page.waitForURL(new RegExp(`indicators/${SEARCH_EXPECT}/`)), page.click(`[data-search-id="i-${SEARCH_EXPECT}"] a`)]);
  const rows = await page.locator('table.results tbody tr').count();
  if (rows < 1) problem('journey: indicator page', 'the history table is empty');
  if (!(await page.locator('figure.chart img[alt]').first().isVisible())) problem('journey: indicator page', 'no history chart');
  await page.locator('table.results').scrollIntoViewIfNeeded();
  await step(4, 'indicator-history');
  await Promise.all([page.waitForURL(new RegExp(`/en/indicators/${SEARCH_EXPECT}/index\\.html$`)), page.click('.lang-switch a[hreflang="en"]')]);
  if ((await page.getAttribute('html', 'lang')) !== 'en') problem('journey: English', 'the switched page is not lang="en"');
  await step(5, 'english');
  await Promise.all([page.waitForURL(new RegExp(`${origin}/indicators/${SEARCH_EXPECT}/index\\.html$`)), page.click('.lang-switch a[hreflang="vi"]')]);
  if ((await page.getAttribute('html', 'lang')) !== 'vi') problem('journey: back to Vietnamese', 'the page is not lang="vi"');
  await step(6, 'vietnamese-again');
  await page.click('table.results tbody tr:last-child th a');
  await page.waitForLoadState('load');
  await step(7, 'session');
  await page.emulateMedia({ media: 'print' });
  await step(8, 'session-print-media');
  const pdf = path.join(outDir, 'journey-9-session.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(outDir, 'journey-9-session-pdf')]);
  } catch (e) {
    console.log(`(pdftoppm not available: the PDF is kept as ${pdf})`);
  }
  if (errors.length) problem('journey', `script errors: ${errors.join('; ')}`);
}

// 5. Search from disk (file://), and the search page without JavaScript.
if (run('search')) {
  const { page, errors } = await newPage();
  const fileUrl = `${pathToFileURL(path.join(siteDir, 'search/index.html')).href}?q=${encodeURIComponent(SEARCH_QUERY)}`;
  await page.goto(fileUrl);
  await searchWorks(page, 'search from file://');
  // "đ" typed as "d", and with diacritics and capitals.
  for (const q of ['HÓA ĐƠN', 'hoa đon dien tu']) {
    await page.fill('#search-q', q);
    const shown = await page.locator(`[data-search-id="i-${SEARCH_EXPECT}"]`).isVisible();
    if (!shown) problem('search from file://', `typing "${q}" does not show ${SEARCH_EXPECT}`);
  }
  if (errors.length) problem('search from file://', `script errors: ${errors.join('; ')}`);

  const noJs = await newPage({ javaScriptEnabled: false });
  await noJs.page.goto(`${origin}/index.html`);
  await noJs.page.fill('#site-q', SEARCH_QUERY);
  await Promise.all([noJs.page.waitForURL(/search\/index\.html\?q=/), noJs.page.press('#site-q', 'Enter')]);
  const visible = await noJs.page.locator(`[data-search-id="i-${SEARCH_EXPECT}"] a`).isVisible();
  const total = await noJs.page.locator('[data-search-id]').count();
  if (!visible || total < 2) problem('search without JavaScript', `the search page should list everything; e-invoice visible: ${visible}, entries: ${total}`);
  await noJs.page.screenshot({ path: path.join(outDir, 'search-no-js-1280.png'), fullPage: true });
}

// 6. Chart text sizes, on screens of 360 and 1280 px, in embeds and in print.
if (run('charts')) {
  const { page } = await newPage();
  const langs = [...new Set([...byType.keys()].map((k) => k.split(' ')[1]))].sort();
  const pick = (type, lang) => {
    const list = byType.get(`${type} ${lang}`) ?? [];
    if (type === 'indicator') return list.filter((f) => f.includes(SEARCH_EXPECT)).concat(list).slice(0, 1);
    if (type === 'embed') {
      // Embed pages of every language sit under embed/ (embed/en/… for
      // English): one of each kind of chart, overview, history and result.
      const all = byType.get('embed default') ?? [];
      const prefix = lang === 'default' ? 'embed/' : `embed/${lang}/`;
      const mine = all.filter((f) => f.startsWith(prefix) && (lang !== 'default' || !langs.some((l) => l !== 'default' && f.startsWith(`embed/${l}/`))));
      const kinds = [/sessions\/[^/]+\/chart\/index\.html$/, /indicators\/[^/]+\/chart\/index\.html$/, /sessions\/[^/]+\/charts\/[^/]+\/index\.html$/];
      return kinds.map((k) => mine.find((f) => k.test(f))).filter(Boolean);
    }
    return list.slice(0, 1);
  };
  let measured = 0;
  for (const lang of langs) {
    for (const type of ['home', 'session', 'indicator', 'session-charts', 'embed']) {
      const targets = pick(type, lang);
      if (targets.length === 0) problem(`chart text (${type}, ${lang})`, 'no page of this type');
      for (const f of targets) {
        for (const width of [360, 1280]) {
          await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
          await page.goto(`${origin}/${f}`, { waitUntil: 'load' });
          reportChartTexts(`${f} at ${width} px`, await chartTexts(page), MIN_CHART_TEXT);
          measured++;
          if (type !== 'embed') {
            await page.screenshot({ path: path.join(outDir, `charts-${type}-${lang}-${width}.png`), fullPage: width === 360 || type !== 'session-charts' });
          }
        }
      }
    }
    // The <iframe> code offered on the session page, pasted into a 360 px
    // column of another site: the chart's text, and nothing cut off.
    const session = pick('session', lang)[0];
    if (session) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${origin}/${session}`, { waitUntil: 'load' });
      const code = await page.locator('textarea[id$="-iframe"]').first().inputValue();
      const base = code.match(/src="(https?:\/\/[^"]*?)embed\//)?.[1];
      const host = await newPage({ viewport: { width: 360, height: 740 } });
      for (const column of [360, 1280]) {
        await host.page.setViewportSize({ width: column, height: 900 });
        await host.page.goto(`${origin}/404.html`);
        await host.page.setContent(`<!DOCTYPE html><html><body style="margin:0"><main style="width:${column}px">${code.replaceAll(base, `${origin}/`)}</main></body></html>`, { waitUntil: 'load' });
        const frame = host.page.frames().find((fr) => fr !== host.page.mainFrame());
        await frame.waitForLoadState('load');
        const where = `${session} iframe code in a ${column} px column`;
        reportChartTexts(where, await chartTexts(frame), MIN_CHART_TEXT);
        const cut = await frame.evaluate(() => document.documentElement.scrollHeight - innerHeight);
        if (cut > 1) problem(where, `the embed page is ${cut} px taller than the frame the code reserves`);
        await host.page.screenshot({ path: path.join(outDir, `charts-iframe-${lang}-${column}.png`), fullPage: true });
        measured++;
      }
      await host.context.close();
      // Printed on A4.
      for (const f of [session, pick('session-charts', lang)[0]].filter(Boolean)) {
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: A4_CONTENT_WIDTH, height: 1000 });
        await page.goto(`${origin}/${f}`, { waitUntil: 'load' });
        reportChartTexts(`${f} printed on A4`, await chartTexts(page), MIN_PRINT_TEXT, 'pt');
        await page.emulateMedia({ media: 'screen' });
        measured++;
      }
    }
  }
  console.log(`chart text: ${measured} views measured (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

await browser.close();
server.close();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  console.log(`\n${problems.length} problem(s) in ${seconds} s:`);
  for (const p of problems) console.log(`- ${p}`);
  process.exit(1);
}
console.log(`browser checks passed in ${seconds} s`);
