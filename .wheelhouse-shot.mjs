// Temporary screenshot helper (not committed).
import { chromium } from '@playwright/test';
const [url, out, width = '1400'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 1000 } });
await page.goto(url);
await page.waitForSelector('tbody tr[data-key]', { timeout: 30000 });
await page.waitForTimeout(1500);
const m = await page.evaluate(() => {
  const t = document.querySelector('table');
  let el = t?.parentElement;
  const boxes = [];
  while (el) { boxes.push({ tag: el.tagName, cls: el.className.slice(0, 40), sw: el.scrollWidth, cw: el.clientWidth }); el = el.parentElement; }
  const heads = [...document.querySelectorAll('thead th')].map((th) => { const r = th.getBoundingClientRect(); return `${th.textContent}:${Math.round(r.left)}-${Math.round(r.right)}`; });
  return { doc: { sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }, boxes: boxes.filter((b) => b.sw > b.cw), heads };
});
console.log(JSON.stringify(m, null, 1));
await page.screenshot({ path: out, fullPage: false });
await browser.close();
