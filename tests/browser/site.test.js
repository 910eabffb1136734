// site.test.js - load the status site in Debian's chromium, headless, from
// file://, and check what a person and a script would see.
//   node site.test.js AFTERCAST_CLI FIXTURE OUT_DIR
// Prints "N passed, N failed"; exits 1 on any failure.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [cli, fixture, outDir] = process.argv.slice(2);
const ASOF = '2026-11-24T12:00:00Z';
let passed = 0, failed = 0;

function check(name, ok, detail) {
    if (ok) { passed++; return; }
    failed++;
    console.log(`FAIL: ${name}${detail === undefined ? '' : ': ' + detail}`);
}

function run(args) {
    return execFileSync(cli, args, { encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'] });
}

// The figures of the page are those of the CLI's JSON, exactly: the page
// writes them with the same shortest form (null without a value).
function same(attr, value) {
    return attr === (value === null ? 'null' : String(value)) ||
        (value !== null && Number(attr) === value);
}

async function figures(page, db) {
    const avail = JSON.parse(run(['--db', db, 'availability', '--from',
        '2026-11-18', '--to', '2026-11-25', '--client', 'demo', '--as-of',
        ASOF, '--format', 'json']));
    const metrics = JSON.parse(run(['--db', db, 'metrics', '--from',
        '2026-11-18', '--to', '2026-11-25', '--client', 'demo', '--as-of',
        ASOF, '--format', 'json']));
    const month = JSON.parse(run(['--db', db, 'availability', '--month',
        '2026-11', '--client', 'demo', '--as-of', ASOF, '--format', 'json']));
    const svcs = await page.$$eval('.svc', els => els.map(e => ({
        id: e.dataset.service, a: e.dataset.availability,
        d: e.dataset.downtime, el: e.dataset.eligible, t: e.dataset.target })));
    for (const row of avail.rows) {
        const dom = row.service === null
            ? await page.$eval('#total', e => ({ a: e.dataset.availability,
                d: e.dataset.downtime, el: e.dataset.eligible,
                t: e.dataset.target, n: e.dataset.incidents }))
            : svcs.find(s => s.id === row.service);
        const who = row.service || '(all)';
        check(`${who} on the page`, dom !== undefined);
        if (!dom) continue;
        check(`${who} availability`, same(dom.a, row.availability), dom.a);
        check(`${who} downtime`, same(dom.d, row.downtime_seconds), dom.d);
        check(`${who} eligible`, same(dom.el, row.eligible_seconds), dom.el);
        check(`${who} target`, same(dom.t, row.target), dom.t);
    }
    check('incident count', await page.$eval('#total',
        e => e.dataset.incidents) === String(metrics.rows[0].incidents));
    const m = month.rows.find(r => r.service === null);
    const tr = await page.$eval('tr[data-period="2026-11"]',
        e => ({ a: e.dataset.availability, d: e.dataset.downtime }));
    check('month availability', same(tr.a, m.availability), tr.a);
    check('month downtime', same(tr.d, m.downtime_seconds), tr.d);
}

// Tab to the third bar of the first service (20 November, the day of the
// <script> incident): its details show on focus, the payload as text.
async function keyboard(page) {
    const hidden = await page.$eval('.bar .tip',
        e => getComputedStyle(e).display);
    check('details hidden before focus', hidden === 'none', hidden);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
        const a = document.activeElement;
        const tip = a.querySelector('.tip');
        return { day: a.dataset.day, label: a.getAttribute('aria-label'),
            shown: tip && getComputedStyle(tip).display !== 'none' &&
                tip.getBoundingClientRect().height > 0,
            text: tip ? tip.innerText : '' };
    });
    check('Tab reaches the bar of 2026-11-20', f.day === '2026-11-20', f.day);
    check('focused bar shows its details', f.shown);
    check('details say the day', /Target breached/.test(f.text), f.text);
    check('details name the incident as text',
        f.text.includes('<script>alert(1)</script>'), f.text);
    check('bar has an aria-label', /Availability 95\.833 %/.test(f.label),
        f.label);
}

async function inert(page, dialogs) {
    for (const s of await page.$$('details.inc summary')) await s.click();
    await page.hover('summary:has-text("onmouseover")');
    const body = await page.evaluate(() => document.body.innerText);
    check('title <script> shown as text',
        body.includes('<script>alert(1)</script>'));
    check('title " onmouseover=" shown as text',
        body.includes('" onmouseover="alert(1)'));
    check('root cause shown as text', body.includes('" onmouseover="alert(2)'));
    check('no script element', await page.$$eval('script', e => e.length) === 0);
    check('no event attribute', await page.evaluate(() =>
        [...document.querySelectorAll('*')].every(e =>
            [...e.attributes].every(a => !a.name.startsWith('on')))));
    check('no dialog opened', dialogs.length === 0, dialogs.join(', '));
}

async function portfolio(page, site) {
    await page.goto('file://' + path.join(site, 'index.html'));
    const rows = await page.$$eval('#clients tbody tr', t => t.map(r => ({
        id: r.dataset.client, href: r.querySelector('a').getAttribute('href'),
    })));
    check('portfolio lists 3 clients', rows.length === 3, rows.length);
    check('breaches first', rows[0] && rows[0].id === 'demo',
        JSON.stringify(rows));
    check('links stay inside the site', rows.every(r =>
        !r.href.includes('..') && !r.href.startsWith('/') &&
        fs.existsSync(path.join(site, r.href))), JSON.stringify(rows));
}

async function main() {
    const tmp = fs.mkdtempSync(path.join(outDir, 'site-test-'));
    const db = path.join(tmp, 'f.db'), site = path.join(tmp, 'site');
    run(['--db', db, 'import', fixture]);
    run(['--db', db, 'site', '--all', '--out', site, '--days', '7',
        '--as-of', ASOF]);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
        headless: true, args: ['--no-sandbox'] });
    const errors = [], requests = [], dialogs = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', e => errors.push(String(e)));
    page.on('request', r => {
        if (!/^(file|data):/.test(r.url())) requests.push(r.url());
    });
    page.on('dialog', d => { dialogs.push(d.message()); d.dismiss(); });
    try {
        await page.goto('file://' + path.join(site, 'demo', 'index.html'));
        await figures(page, db);
        await keyboard(page);
        await inert(page, dialogs);
        await page.screenshot({ path: path.join(outDir, 'site-1280.png'),
            fullPage: true });
        await page.setViewportSize({ width: 360, height: 740 });
        const wide = await page.evaluate(() =>
            document.documentElement.scrollWidth);
        check('no sideways scrolling at 360 px', wide <= 360, wide);
        await page.screenshot({ path: path.join(outDir, 'site-360.png'),
            fullPage: true });
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: path.join(outDir, 'site-360-dark.png'),
            fullPage: true });
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.emulateMedia({ colorScheme: 'light' });
        await portfolio(page, site);
        await page.screenshot({ path: path.join(outDir, 'portfolio-1280.png'),
            fullPage: true });
    } finally {
        await browser.close();
    }
    check('no console error', errors.length === 0, errors.join(' | '));
    check('no network request', requests.length === 0, requests.join(' '));
    fs.rmSync(tmp, { recursive: true, force: true });
}

main().then(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
}, e => {
    console.log(`FAIL: ${e.stack || e}`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
});
