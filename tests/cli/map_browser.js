// map_browser.js — open a strikemap HTML map in headless Chromium (the
// system's /usr/bin/chromium through puppeteer-core, which downloads no
// browser) and report, as one JSON line: what the page drew (it writes its
// counts into <body data-*>), console errors and uncaught exceptions, every
// request other than the file itself and data: URIs, and the effect of the
// controls (a popup's text, a facility-type toggle, the time slider).
// Usage: node map_browser.js FILE.html [SCREENSHOT.png]
'use strict';
const path = require('path');
const os = require('os');
const fs = require('fs');
const puppeteer = require('puppeteer-core');

(async () => {
  const file = path.resolve(process.argv[2]);
  const shot = process.argv[3];
  const url = 'file://' + file;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'strikemap-chromium-'));
  const out = { errors: [], requests: [] };
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-dev-shm-usage', '--disable-extensions', '--window-size=1400,1000'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    page.on('console', (m) => { if (m.type() === 'error') out.errors.push('console: ' + m.text()); });
    page.on('pageerror', (e) => out.errors.push('exception: ' + e.message));
    page.on('requestfailed', (r) => { if (!r.url().startsWith('data:') && r.url() !== url) out.errors.push('failed: ' + r.url()); });
    page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) out.requests.push(r.url()); });
    await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    await page.waitForFunction('document.body.dataset.ready === "1"', { timeout: 30000 });
    const counts = () => page.evaluate(() => ({
      drawn: +document.body.dataset.drawnIncidents,
      markers: document.querySelectorAll('.sm-incident').length,
      counted: +document.body.dataset.counted,
      sequences: +document.body.dataset.drawnSequences,
      repeats: +document.body.dataset.drawnRepeats,
      incidents: +document.body.dataset.incidents,
      unlocated: +document.body.dataset.unlocated,
      title: document.getElementById('sm-title').textContent,
      credits: document.getElementById('sm-foot').textContent,
      legend: document.getElementById('sm-legend').textContent,
    }));
    Object.assign(out, await counts());
    if (shot) await page.screenshot({ path: shot });
    // a popup with the incident's facts and source (a crowded place's count
    // is clicked first: it zooms in)
    for (let i = 0; i < 6 && !(await page.$('.sm-incident')); i++) {
      await page.evaluate(() => document.querySelector('.sm-cluster').dispatchEvent(new MouseEvent('click', { bubbles: true })));
      await new Promise((r) => setTimeout(r, 400));
    }
    await page.evaluate(() => document.querySelector('.sm-incident').dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await page.waitForSelector('.leaflet-popup-content', { timeout: 5000 });
    out.popup = await page.$eval('.leaflet-popup-content', (e) => e.textContent);
    await page.evaluate(() => document.querySelector('.leaflet-popup-close-button') && document.querySelector('.leaflet-popup-close-button').click());
    // switch the first facility type off: fewer markers
    out.toggled = await page.evaluate(() => {
      const cb = document.querySelector('input[data-layer^="type:"]');
      cb.click();
      const n = document.querySelectorAll('.sm-incident').length;
      cb.click();
      return { layer: cb.dataset.layer, drawn: n, back: document.querySelectorAll('.sm-incident').length };
    });
    // the time slider: only the first day
    out.firstDay = await page.evaluate(() => {
      const to = document.getElementById('sm-to');
      to.value = '0';
      to.dispatchEvent(new Event('input'));
      return { drawn: document.querySelectorAll('.sm-incident').length, dates: document.getElementById('sm-dates').textContent };
    });
  } catch (e) {
    out.errors.push('driver: ' + e.message);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(JSON.stringify(out));
})();
