// Navigates Debian's Chromium (playwright-core, no browser download) to one page over HTTPS, in a fresh profile
// (an empty cache), and reports how the page and its subresources arrived.
// Usage: node early-hints-check.mjs PAGE_URL SPKI_SHA256
// The server's certificate is a throwaway one made by the test, trusted by its key's hash
// (--ignore-certificate-errors-spki-list): with --ignore-certificate-errors Chromium would cache nothing from the
// origin, so a response preloaded from a 103 could never be reused by the page.
// Whether the browser acted on a 103 is judged by EarlyHintsBrowserIT from the server's clock, not here: this
// script only loads the page and prints one JSON line (the last line of stdout); it exits 1 on a script error.
import { chromium } from 'playwright-core';

const pageUrl = process.argv[2];
const spki = process.argv[3];
const chromiumPath = process.env.PERFKIT_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', `--ignore-certificate-errors-spki-list=${spki}`];
const result = { ok: false, failures: [] };
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: FLAGS });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = [];
  cdp.on('Network.requestWillBeSent', (e) => requests.push({
    url: e.request.url, type: e.type, initiator: e.initiator?.type ?? null,
    mode: e.request.headers['Sec-Fetch-Mode'] ?? null, priority: e.request.initialPriority ?? null,
  }));
  const earlyHints = [];
  cdp.on('Network.responseReceivedEarlyHints', (e) => earlyHints.push({ link: e.headers['link'] ?? e.headers['Link'] ?? null }));
  const responses = [];
  cdp.on('Network.responseReceived', (e) => responses.push({
    url: e.response.url, status: e.response.status, protocol: e.response.protocol || null, type: e.type,
    cache: !!(e.response.fromDiskCache || e.response.fromMemoryCache || e.response.fromPrefetchCache),
    early: !!e.response.fromEarlyHints, cacheControl: e.response.headers['cache-control'] ?? null,
    vary: e.response.headers['vary'] ?? null,
  }));
  const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: 60000 });
  await page.waitForLoadState('networkidle');
  Object.assign(result, {
    browser: browser.version(),
    status: response ? response.status() : 0,
    protocol: responses.find((r) => r.type === 'Document')?.protocol ?? null,
    earlyHints,
    requests,
    responses,
  });
  result.ok = true;
} catch (e) {
  result.failures.push('script error: ' + (e && e.stack ? e.stack : e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
