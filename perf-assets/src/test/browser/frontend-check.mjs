// Loads a perf-assets page in Debian's Chromium over the DevTools protocol (playwright-core, no browser download)
// and checks what the browser fetched. Usage: node frontend-check.mjs PAGE_URL BROTLI_PATHS
// BROTLI_PATHS: comma-separated paths of the page's scripts and styles that have a Brotli variant (the server
// keeps none for a file too small to gain from it, which must then arrive as it is).
// Prints one JSON line (the last line of stdout) and exits 1 when a check failed. FrontendBrowserIT runs it.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const pageUrl = process.argv[2];
const brotli = new Set((process.argv[3] || '').split(',').filter(Boolean));
const chromiumPath = process.env.PERFKIT_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };
const origin = new URL(pageUrl).origin;
// Fingerprinted names: ours (name-0123456789.ext) and Vite's (name-AbCd_123.ext).
const fingerprinted = (url) => /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(new URL(url).pathname);
const mark = (phase) => fetch(`${origin}/phase/${phase}`).then((r) => r.text());

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfkit-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath, headless: true, args: FLAGS, viewport: { width: 1280, height: 720 },
});
const result = { ok: false, failures };
try {
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push('pageerror: ' + e.message));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Log.enable');
  const logEntries = [];
  cdp.on('Log.entryAdded', (e) => { if (e.entry.level === 'error') logEntries.push(e.entry.text); });
  let phase = 'load';
  const requests = []; // one per request the page made: where it was answered from
  const byId = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = { phase, url: e.request.url, type: e.type, network: false, cache: false, encoding: null, status: 0 };
    byId.set(e.requestId, r);
    requests.push(r);
  });
  cdp.on('Network.requestServedFromCache', (e) => { const r = byId.get(e.requestId); if (r) r.cache = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    const res = e.response;
    r.status = res.status;
    r.cache = r.cache || res.fromDiskCache || res.fromMemoryCache || res.fromPrefetchCache || false;
    r.network = !r.cache && !res.fromServiceWorker;
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.encoding = headers['content-encoding'] || null;
  });
  const settle = async () => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
  };
  const onNetwork = (p, filter = () => true) =>
    requests.filter((r) => r.phase === p && r.network && r.url.startsWith(origin) && filter(r));

  // 1. First view.
  await mark('load');
  await page.goto(pageUrl, { waitUntil: 'load' });
  await settle();
  const preloads = await page.$$eval('link[rel=modulepreload]', (ls) => ls.map((l) => l.href));
  const below = await page.$$eval('img.below', (is) => is.map((i) => ({
    src: i.currentSrc || i.src, width: i.getAttribute('width'), height: i.getAttribute('height'),
    loading: i.getAttribute('loading') })));
  const first = onNetwork('load');
  for (const r of first.filter((r) => r.type === 'Script' || r.type === 'Stylesheet')) {
    const expected = brotli.has(new URL(r.url).pathname) ? 'br' : null;
    check(r.encoding === expected, `${r.type} ${r.url} arrived with Content-Encoding ${r.encoding}, not ${expected}`);
  }
  check(brotli.size > 0 && first.filter((r) => r.encoding === 'br').length === brotli.size,
    `not every Brotli-encoded script and style was fetched: ${[...brotli].join(', ')}`);
  check(first.some((r) => r.type === 'Script') && first.some((r) => r.type === 'Stylesheet'),
    'the first view fetched no script or no stylesheet');
  check(preloads.length > 0, 'the page has no modulepreload link');
  for (const href of preloads) {
    const n = requests.filter((r) => r.phase === 'load' && r.url === href && !r.cache).length;
    check(n === 1, `modulepreloaded ${href} was fetched ${n} times, not once`);
  }
  check(below.length >= 20, `only ${below.length} images below the fold`);
  const belowUrls = new Set(below.map((b) => b.src));
  const early = first.filter((r) => belowUrls.has(r.url)).map((r) => r.url);
  check(early.length === 0, `images below the fold fetched before scrolling: ${early.join(', ')}`);
  for (const b of below) {
    check(b.loading === 'lazy' && b.width && b.height, `below-the-fold image without lazy/size: ${JSON.stringify(b)}`);
  }

  // 2. Scroll down: the lazy images arrive.
  phase = 'scroll';
  await mark('scroll');
  for (let y = 0; y <= (await page.evaluate(() => document.body.scrollHeight)); y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(() => [...document.querySelectorAll('img.below')]
    .every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 20000 });
  const scrolled = new Set(onNetwork('scroll').map((r) => r.url));
  const missing = [...belowUrls].filter((u) => !scrolled.has(u));
  check(missing.length === 0, `images below the fold not fetched after scrolling: ${missing.join(', ')}`);

  // 3. Repeat view: a reload takes every fingerprinted file from the cache.
  phase = 'reload';
  await mark('reload');
  await page.reload({ waitUntil: 'load' });
  await settle();
  const again = onNetwork('reload', (r) => fingerprinted(r.url)).map((r) => r.url);
  check(again.length === 0, `the reload fetched fingerprinted files from the network: ${again.join(', ')}`);
  check(requests.some((r) => r.phase === 'reload' && r.cache && fingerprinted(r.url)),
    'the reload used no cached fingerprinted file (did the page load its assets at all?)');

  const violations = await page.evaluate(() => window.__violations);
  const problems = [...consoleErrors, ...logEntries, ...violations]
    .filter((t) => /integrity|Content Security Policy|Content-Security-Policy|digest|CSP|violat/i.test(t));
  check(problems.length === 0, `SRI or CSP errors in the console: ${problems.join(' | ')}`);
  check(violations.length === 0, `CSP violations: ${violations.join(' | ')}`);
  await mark('done');

  Object.assign(result, {
    browser: context.browser()?.version() ?? null,
    preloads,
    belowTheFold: below.length,
    firstView: first.map(({ url, type, encoding }) => ({ url, type, encoding })),
    fetchedBeforeScroll: early,
    fetchedAfterScroll: [...scrolled],
    reloadFromNetwork: onNetwork('reload').map((r) => r.url),
    reloadFromCache: requests.filter((r) => r.phase === 'reload' && r.cache).map((r) => r.url),
    console: [...consoleErrors, ...logEntries],
    violations,
  });
  result.ok = failures.length === 0;
} catch (e) {
  failures.push('script error: ' + (e && e.stack ? e.stack : e));
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
