// Loads pages in Debian's Chromium on a throttled network (CDP Network.emulateNetworkConditions: 1.6 Mbps down,
// 750 kbps up, 150 ms RTT, the cache left on) and measures each: transferred bytes and requests on a first view
// (fresh profile) and on a repeat view (same profile, navigated again), LCP and the load event; the median of RUNS.
// Usage: node throttled-compare.mjs RUNS NAME=URL [NAME=URL...]   Prints one JSON line. FrontendComparisonIT runs it.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2]);
const pages = process.argv.slice(3).map((a) => { const i = a.indexOf('='); return [a.slice(0, i), a.slice(i + 1)]; });
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

async function view(page, cdp, url) {
  let bytes = 0;
  let requests = 0;
  const cached = new Set(); // request ids answered by the memory or disk cache
  const onCache = (e) => cached.add(e.requestId);
  const onResponse = (e) => {
    const r = e.response;
    if (r.fromDiskCache || r.fromMemoryCache || r.fromPrefetchCache || r.url.startsWith('data:')) cached.add(e.requestId);
  };
  const onFinished = (e) => {
    bytes += e.encodedDataLength;
    if (!cached.has(e.requestId)) requests++;
  };
  cdp.on('Network.requestServedFromCache', onCache);
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  await page.waitForLoadState('networkidle', { timeout: 120000 });
  const timing = await page.evaluate(() => new Promise((resolve) => {
    let lcp = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) lcp = e.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      resolve({ lcp, load: nav.loadEventEnd, domContentLoaded: nav.domContentLoadedEventEnd });
    }, 200);
  }));
  cdp.off('Network.requestServedFromCache', onCache);
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  return { bytes, requests, ...timing };
}

async function once(url) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfkit-compare-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.PERFKIT_CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
    viewport: { width: 1280, height: 720 },
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    const first = await view(page, cdp, url);
    await page.goto('about:blank');
    const repeat = await view(page, cdp, url);
    return { first, repeat };
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const result = { runs, network: NETWORK, pages: {} };
for (const [name, url] of pages) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await once(url));
  const summary = {};
  for (const v of ['first', 'repeat']) {
    summary[v] = {};
    for (const k of ['bytes', 'requests', 'lcp', 'load', 'domContentLoaded']) {
      summary[v][k] = median(all.map((r) => r[v][k]));
    }
  }
  result.pages[name] = { url, median: summary, runs: all };
}
console.log(JSON.stringify(result));
