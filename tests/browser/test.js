'use strict';
// The browser half of tests/browser/run.sh (read its header first): drives
// Debian's Chromium through playwright-core against the Jupyter Notebook
// server run.sh started, checks what the page shows, and prints a table.
//
//   node test.js NOTEBOOK... -- KIND:NOTEBOOK:FILE...
//
// NOTEBOOK is a path relative to the server's notebook directory
// (01-convolution.ipynb, zh/01-convolution.ipynb). KIND:NOTEBOOK:FILE names
// an exported page (KIND nbconvert or lesson) to open from file://, or
// "FAILED reason" in place of FILE when the export itself failed.
// Settings come from the environment (SW_*), set by run.sh.

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const env = process.env;
const BASE = env.SW_BASE;
const TOKEN = env.SW_TOKEN;
const WORK = env.SW_WORK;
const OUT = env.SW_OUT;
const SCREENSHOT = env.SW_SCREENSHOT === '1';
const START = Date.now();
// Leave 30 s of the run's budget for closing the browser and the server.
const DEADLINE = START + (Number(env.SW_DEADLINE || 3600) - 30) * 1000;
const NOTEBOOK_LIMIT = 600e3; // one notebook's Run All, at most
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-quic'];

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const NOTEBOOKS = sep < 0 ? argv : argv.slice(0, sep);
const EXPORTS = sep < 0 ? [] : argv.slice(sep + 1);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secs = (ms) => (ms / 1000).toFixed(1);
const log = (...a) => console.log(...a);

// ---------------------------------------------------------------- results

// rows: label -> {check -> {ok, note}}, plus times; problems: evidence lines.
const rows = new Map();
const times = new Map();
const problems = [];
function result(label, check, ok, note, evidence) {
  if (!rows.has(label)) rows.set(label, new Map());
  const prev = rows.get(label).get(check);
  if (prev && !prev.ok) return; // the first failure stays
  rows.get(label).set(check, { ok, note: note || '' });
  for (const e of evidence || []) problems.push(`${label} [${check}] ${e}`);
}

// ---------------------------------------------------------------- network

// Every request any page makes is recorded. Jupyter's pages may reach only
// the server on 127.0.0.1; exported pages only file:, data: and blob:.
const requests = new Map(); // page -> [url]
function watchRequests(page) {
  const list = [];
  requests.set(page, list);
  page.on('request', (r) => list.push(r.url()));
  page.on('websocket', (ws) => list.push(ws.url()));
  return list;
}
function offMachine(urls, allowServer) {
  return urls.filter((u) => {
    if (/^(data|blob|about|file):/.test(u)) return false;
    if (allowServer && (u.startsWith(BASE + '/') || u.startsWith(BASE.replace(/^http/, 'ws') + '/'))) return false;
    return true;
  });
}

// ---------------------------------------------------------------- page code
// Functions below run inside the page (page.evaluate).

// The text a reader sees in el, without code, scripts, MathJax's stored
// sources and MathML annotations.
function pageVisibleText() {
  window.__swText = function (el) {
    const skip = new Set(['SCRIPT', 'STYLE', 'CODE', 'PRE', 'TEXTAREA', 'ANNOTATION', 'annotation']);
    const out = [];
    const walk = (n) => {
      if (n.nodeType === 3) { out.push(n.nodeValue); return; }
      if (n.nodeType !== 1 || skip.has(n.tagName)) return;
      if (n.classList && (n.classList.contains('CodeMirror') || n.classList.contains('highlight'))) return;
      for (const c of n.childNodes) walk(c);
    };
    walk(el);
    return out.join('');
  };
  // raw TeX a reader would see: $$, \( \[, \frac and friends, or $x$.
  window.__swRawTeX = function (text) {
    const m = text.match(/\$\$|\\[([]|\\(frac|sum|sqrt|begin|end|mathbf|mathrm|mathcal|text|cdot|times|left|right|odot|tanh|sigma|alpha|beta|top|partial|operatorname|quad|hat|tilde|max|exp|log|softmax|in|le|ge|lfloor|rfloor)(?![A-Za-z])|\$[^$\s][^$\n]{0,80}\$/);
    if (!m) return null;
    const at = Math.max(0, m.index - 40);
    return text.slice(at, m.index + 60).replace(/\s+/g, ' ');
  };
  window.__swMathErrors = function (el) {
    return [...el.querySelectorAll('.MathJax_Error, .merror, .noError, mjx-merror, merror')]
      .map((e) => (e.textContent || '').slice(0, 120));
  };
  window.__swMathJaxCount = function (el) {
    return el.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_CHTML, .MathJax_SVG, .MathJax_PHTML, mjx-container').length;
  };
  window.__swOrder = (window.require && require.defined && require.defined('notebook/js/outputarea'))
    ? require('notebook/js/outputarea').OutputArea.display_order
    : ['application/javascript', 'text/html', 'text/markdown', 'text/latex', 'image/svg+xml', 'image/png', 'image/jpeg', 'image/gif', 'application/pdf', 'text/plain'];
  window.__swImages = function (el) {
    return [...el.querySelectorAll('img')].map((img) => {
      const r = img.getBoundingClientRect();
      return { complete: img.complete, w: img.naturalWidth, h: img.naturalHeight,
        shown: img.getClientRects().length > 0, bw: r.width, bh: r.height,
        html: img.outerHTML.slice(0, 90), parent: (img.parentElement.className || img.parentElement.tagName).slice(0, 40) };
    });
  };
}

// ---------------------------------------------------------------- notebook pages

function readNotebook(rel) {
  return JSON.parse(fs.readFileSync(path.join(WORK, rel), 'utf8'));
}
function cellLabel(nb, i) {
  const c = nb.cells[i];
  const src = (Array.isArray(c.source) ? c.source.join('') : c.source).split('\n')[0];
  return `cell ${i} (${c.id || '-'}: ${JSON.stringify(src.slice(0, 50))})`;
}
// storedShown counts, per MIME type, the outputs of a stored cell that
// Notebook shows as that type (the first of order in the bundle).
function storedShown(cell, order) {
  const n = {};
  for (const o of cell.outputs || []) {
    const keys = Object.keys(o.data || {});
    const t = order.find((m) => keys.includes(m));
    if (t) n[t] = (n[t] || 0) + 1;
  }
  return n;
}
function storedMimes(cell) {
  const n = {};
  for (const o of cell.outputs || []) for (const k of Object.keys(o.data || {})) n[k] = (n[k] || 0) + 1;
  return n;
}
const tagsOf = (c) => (c.metadata && c.metadata.tags) || [];
const optsOf = (c) => (c.metadata && c.metadata.stepwise) || {};

async function openNotebook(context, rel, label) {
  const page = await context.newPage();
  watchRequests(page);
  const jsErrors = [];
  page.on('pageerror', (e) => jsErrors.push(String(e.message || e).split('\n')[0]));
  await page.goto(`${BASE}/notebooks/${rel.split('/').map(encodeURIComponent).join('/')}?token=${TOKEN}`,
    { waitUntil: 'domcontentloaded', timeout: 60e3 });
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded &&
    Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() &&
    document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null,
  null, { timeout: 90e3, polling: 250 });
  await page.evaluate(pageVisibleText);
  await page.evaluate(() => {
    window.__swEvents = [];
    Jupyter.notebook.events.on('kernel_restarting.Kernel kernel_autorestarting.Kernel kernel_dead.Kernel ' +
      'kernel_killed.Kernel kernel_disconnected.Kernel kernel_connection_failed.Kernel',
    (e) => window.__swEvents.push(e.type + '.' + e.namespace));
  });
  page.__swJsErrors = jsErrors;
  return page;
}

// imagesDecoded waits (up to 30 s) until every image has loaded and been
// decoded, or failed.
async function imagesDecoded(page) {
  await page.evaluate(() => Promise.race([
    Promise.all([...document.images].map((i) => i.decode().catch(() => {}))),
    new Promise((r) => setTimeout(r, 30e3))]));
}

async function menu(page, parentId, itemId, submenuId) {
  await page.click(`#${parentId}`);
  if (submenuId) await page.hover(`#${submenuId} > a`);
  await page.click(`#${itemId} > a`);
}

// runAll clears the outputs and runs Cell > Run All, answering stdin prompts
// and pressing the toolbar's interrupt for cells marked interrupt=N. It
// returns per-cell seconds and what it did.
async function runAll(page, nb, label) {
  await menu(page, 'celllink', 'clear_all_output', 'all_outputs');
  const left = await page.evaluate(() => document.querySelectorAll('#notebook .output_area').length);
  if (left) throw new Error(`Cell > All Output > Clear left ${left} outputs`);
  const t0 = Date.now();
  await menu(page, 'celllink', 'run_all_cells');
  const did = { answered: [], interrupted: [], cellTimes: new Map() };
  let head = -1; let headSince = 0; let idleSince = 0;
  const limit = Math.min(t0 + NOTEBOOK_LIMIT, DEADLINE - 120e3);
  for (;;) {
    const st = await page.evaluate(() => {
      const running = [];
      Jupyter.notebook.get_cells().forEach((c, i) => {
        if (c.cell_type === 'code' && c.input_prompt_number === '*') running.push(i);
      });
      const raw = document.querySelector('input.raw_input');
      const owner = raw ? Jupyter.notebook.get_cells().findIndex((c) => c.element[0].contains(raw)) : -1;
      return { running, idle: document.getElementById('kernel_indicator_icon').className === 'kernel_idle_icon',
        raw: !!raw && !raw.disabled, owner };
    });
    const now = Date.now();
    const h = st.running.length ? st.running[0] : -1;
    if (h !== head) {
      if (head >= 0) did.cellTimes.set(head, now - headSince);
      head = h; headSince = now;
    }
    if (st.raw) {
      // A cell reads standard input (fmt.Scanln): answer as a student would.
      await page.fill('input.raw_input', 'Ada');
      await page.press('input.raw_input', 'Enter');
      did.answered.push(st.owner);
    }
    const n = head >= 0 ? Number(optsOf(nb.cells[head]).interrupt || 0) : 0;
    if (n > 0 && !did.interrupted.includes(head) && now - headSince >= n * 1000) {
      await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
      did.interrupted.push(head);
    }
    if (!st.running.length && st.idle) {
      if (!idleSince) idleSince = now;
      else if (now - idleSince > 1500) break;
    } else idleSince = 0;
    if (now > limit) {
      did.timeout = head >= 0 ? `still running ${cellLabel(nb, head)} after ${secs(now - headSince)} s` : 'the kernel never went idle';
      break;
    }
    await sleep(250);
  }
  did.seconds = (Date.now() - t0) / 1000;
  // MathJax typesets in a queue; wait for it to drain, and for the images.
  await page.evaluate(() => new Promise((res) => {
    if (!window.MathJax || !MathJax.Hub) return res();
    MathJax.Hub.Queue(() => res());
  }));
  await imagesDecoded(page);
  return did;
}

// inspect returns what the page shows in every cell.
async function inspect(page) {
  return page.evaluate(() => Jupyter.notebook.get_cells().map((c, i) => {
    const el = c.element[0];
    const q = (s) => [...el.querySelectorAll(s)];
    const info = { i, type: c.cell_type, prompt: c.input_prompt_number };
    const rect = (e) => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
    if (c.cell_type === 'markdown') {
      const r = el.querySelector('.text_cell_render');
      info.rendered = !!r && c.rendered;
      const text = r ? window.__swText(r) : '';
      info.rawTeX = window.__swRawTeX(text);
      info.mathjax = r ? window.__swMathJaxCount(r) : 0;
      info.mathErrors = r ? window.__swMathErrors(r) : [];
      info.images = r ? window.__swImages(r) : [];
      return info;
    }
    if (c.cell_type !== 'code') return info;
    // every MIME type that reached the page, and the one Notebook shows
    // for each output (the first in its display order)
    info.mimes = {};
    info.shown = {};
    const order = window.__swOrder;
    for (const o of c.output_area.outputs) {
      const keys = Object.keys(o.data || {});
      for (const k of keys) info.mimes[k] = (info.mimes[k] || 0) + 1;
      if (o.output_type === 'stream') info.mimes['stream/' + o.name] = (info.mimes['stream/' + o.name] || 0) + 1;
      const t = order.find((m) => keys.includes(m));
      if (t) info.shown[t] = (info.shown[t] || 0) + 1;
    }
    info.errors = q('.output_error').map((e) => e.innerText.trim().slice(0, 300));
    info.stderr = q('.output_stderr').map((e) => e.innerText.trim().slice(0, 300));
    info.stdout = q('.output_stdout').map((e) => e.innerText).join('');
    info.rendered = { 'image/png': q('.output_png img').length, 'image/jpeg': q('.output_jpeg img').length,
      'image/svg+xml': q('.output_svg svg').length, 'text/html': q('.output_html').filter((e) => e.innerHTML.trim()).length,
      'text/latex': q('.output_latex').length, 'text/markdown': q('.output_markdown').length };
    info.images = window.__swImages(el.querySelector('.output_wrapper') || el);
    // SVG figures: an image/svg+xml output, or drawn inside an HTML output
    // (a step player's picture); hidden steps do not count.
    info.svg = q('.output_svg svg, .output_html svg').filter((e) => !e.parentElement.closest('svg') &&
      e.getClientRects().length > 0).map(rect);
    info.latex = q('.output_latex').map((e) => ({ mathjax: window.__swMathJaxCount(e), rawTeX: window.__swRawTeX(window.__swText(e)),
      errors: window.__swMathErrors(e) }));
    info.markdown = q('.output_markdown').map((e) => ({ mathjax: window.__swMathJaxCount(e), rawTeX: window.__swRawTeX(window.__swText(e)),
      errors: window.__swMathErrors(e) }));
    info.htmlMath = q('.output_html').map((e) => ({ rawTeX: window.__swRawTeX(window.__swText(e)), errors: window.__swMathErrors(e),
      math: [...e.querySelectorAll('math')].filter((m) => m.getClientRects().length > 0).map(rect) }));
    info.players = q('.sw-player').length;
    return info;
  }));
}

// checkNotebook turns what the page shows into results.
function checkNotebook(label, nb, cells, did, order) {
  const ev = { run: [], errors: [], figures: [], math: [] };
  if (did.timeout) ev.run.push(did.timeout);
  let figures = 0; let formulas = 0;
  cells.forEach((c, i) => {
    const src = nb.cells[i];
    const where = cellLabel(nb, i);
    if (c.type === 'markdown') {
      const text = Array.isArray(src.source) ? src.source.join('') : src.source;
      if (!c.rendered) ev.math.push(`${where}: markdown not rendered`);
      if (c.rawTeX) ev.math.push(`${where}: raw TeX in the rendered text: …${c.rawTeX}…`);
      if (c.mathErrors.length) ev.math.push(`${where}: MathJax error: ${c.mathErrors.join(' | ')}`);
      const hasMath = /\$[^$]+\$/.test(text.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`]*`/g, ''));
      if (hasMath && c.mathjax === 0) ev.math.push(`${where}: the source has formulas, the page has no MathJax element`);
      if (hasMath) formulas += c.mathjax;
      for (const im of c.images) if (!im.complete || !im.w) ev.figures.push(`${where}: image ${im.html} not rendered (naturalWidth ${im.w})`);
      return;
    }
    if (c.type !== 'code') return;
    const tags = tagsOf(src);
    if (typeof c.prompt !== 'number') {
      ev.run.push(`${where}: not run (prompt ${JSON.stringify(c.prompt)}); an error above stopped Run All?`);
      return;
    }
    // errors
    if (tags.includes('raises-exception')) {
      if (!c.errors.length) ev.errors.push(`${where}: meant to fail (raises-exception) but shows no error`);
    } else {
      for (const e of c.errors) ev.errors.push(`${where}: error output: ${JSON.stringify(e)}`);
      for (const e of c.stderr) ev.errors.push(`${where}: stderr: ${JSON.stringify(e)}`);
    }
    // figures: every MIME type the source expects reached the page; each
    // output the stored notebook shows as a figure, HTML or formula is shown
    // so in the page too (Notebook shows the first type of its display
    // order), and is rendered.
    for (const m of optsOf(src).expect || []) {
      if (!c.mimes[m]) ev.figures.push(`${where}: expected a ${m} output; the page got ${JSON.stringify(c.mimes)}`);
    }
    // A figure may come as PNG or SVG (the kernel may change which); an
    // HTML, LaTeX or Markdown output must stay one.
    const want = storedShown(src, order);
    const kinds = { figure: ['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml'], 'text/html': ['text/html'],
      'text/latex': ['text/latex'], 'text/markdown': ['text/markdown'] };
    for (const [kind, types] of Object.entries(kinds)) {
      const sum = (o) => types.reduce((n, t) => n + (o[t] || 0), 0);
      const w = sum(want);
      if (!w) continue;
      const list = kind === 'text/latex' || kind === 'text/markdown' ? ev.math : ev.figures;
      if (sum(c.shown) < w) list.push(`${where}: the stored notebook shows ${w} ${kind} output(s), the page ${sum(c.shown)}; the page got ${JSON.stringify(c.mimes)}`);
      else if (sum(c.rendered) < w) list.push(`${where}: ${w} ${kind} output(s), ${sum(c.rendered)} rendered in the page`);
    }
    const broken = c.images.filter((im) => !im.complete || im.w === 0 || im.h === 0);
    if (broken.length) ev.figures.push(`${where}: ${broken.length} of ${c.images.length} images not rendered (naturalWidth 0), e.g. ${broken[0].html} in .${broken[0].parent}`);
    for (const im of c.images) {
      if (broken.includes(im)) continue;
      if (im.shown && (im.bw === 0 || im.bh === 0)) ev.figures.push(`${where}: image ${im.html} laid out at ${im.bw}×${im.bh}`);
      else figures++;
    }
    for (const [w, h] of c.svg) {
      if (!w || !h) ev.figures.push(`${where}: SVG figure laid out at ${w}×${h}`); else figures++;
    }
    // formulas in outputs
    for (const l of c.latex) {
      if (!l.mathjax) ev.math.push(`${where}: text/latex output not typeset by MathJax`);
      if (l.rawTeX) ev.math.push(`${where}: raw TeX in a text/latex output: …${l.rawTeX}…`);
      if (l.errors.length) ev.math.push(`${where}: MathJax error: ${l.errors.join(' | ')}`);
      formulas += l.mathjax;
    }
    for (const m of c.markdown) {
      if (m.rawTeX) ev.math.push(`${where}: raw TeX in a text/markdown output: …${m.rawTeX}…`);
      if (m.errors.length) ev.math.push(`${where}: MathJax error: ${m.errors.join(' | ')}`);
      formulas += m.mathjax;
    }
    for (const h of c.htmlMath) {
      if (h.rawTeX) ev.math.push(`${where}: raw TeX in an HTML output: …${h.rawTeX}…`);
      if (h.errors.length) ev.math.push(`${where}: math error: ${h.errors.join(' | ')}`);
      for (const [w, hh] of h.math) if (!w || !hh) ev.math.push(`${where}: a MathML formula laid out at ${w}×${hh}`);
      formulas += h.math.length;
    }
  });
  const tim = `${secs(did.seconds * 1000)} s`;
  result(label, 'run all', ev.run.length === 0, tim, ev.run);
  result(label, 'no errors', ev.errors.length === 0, '', ev.errors);
  result(label, 'figures', ev.figures.length === 0, `${figures}`, ev.figures);
  result(label, 'formulas', ev.math.length === 0, `${formulas}`, ev.math);
  return { figures, formulas };
}

// checkPlayers moves the slider of every step player (keyboard and a
// dispatched input event) and checks that the step shown and its picture
// change.
async function checkPlayers(page, label, full, selector, check) {
  const players = await page.$$(selector || '#notebook .output_area .sw-player');
  const ev = [];
  let moved = 0;
  const state = (p) => p.evaluate((r) => {
    const steps = [...r.querySelectorAll('.sw-step')];
    const k = steps.findIndex((s) => getComputedStyle(s).display !== 'none');
    const s = steps[k];
    let pic = '';
    if (s) {
      const img = s.querySelector('img');
      const svg = s.querySelector('svg');
      // the step's figure, or, for a step without one, all it shows
      pic = img ? img.src : svg ? svg.outerHTML : s.innerHTML;
    }
    const g = r.querySelector('.sw-controls input[type=range]');
    const label = r.querySelector('.sw-label');
    return { n: steps.length, shown: k, visible: steps.filter((x) => getComputedStyle(x).display !== 'none').length,
      pic: pic.length + ':' + hash(pic), current: r.getAttribute('data-current'), value: g ? g.value : null,
      max: g ? g.max : null, label: label ? label.textContent : null, controls: !!g && getComputedStyle(r.querySelector('.sw-controls')).display !== 'none' };
    function hash(t) { let h = 0; for (let i = 0; i < t.length; i++) h = (h * 31 + t.charCodeAt(i)) | 0; return h; }
  });
  for (let k = 0; k < players.length; k++) {
    const p = players[k];
    const s0 = await state(p);
    if (s0.n < 2) continue; // a single step has nothing to play
    const where = `player ${k + 1}/${players.length}`;
    if (!s0.controls) { ev.push(`${where}: the slider is missing or hidden (its script did not run?)`); continue; }
    if (s0.visible !== 1) { ev.push(`${where}: ${s0.visible} steps visible at once, want 1`); continue; }
    const slider = await p.$('.sw-controls input[type=range]');
    await slider.scrollIntoViewIfNeeded();
    // Pixels too, for the first player of lesson 01 (the one the lesson
    // opens with): a picture of the player before and after.
    const pixels = full && k === 0;
    const shot0 = pixels ? await p.screenshot({ timeout: 120e3 }) : null;
    // The keyboard, as a student would: focus the slider, press →.
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await sleep(100);
    const s1 = await state(p);
    if (s1.shown !== s0.shown + 1) ev.push(`${where}: → on the slider showed step ${s1.shown}, want ${s0.shown + 1}`);
    if (s1.pic === s0.pic) ev.push(`${where}: → on the slider left the picture unchanged`);
    if (s1.label === s0.label) ev.push(`${where}: → on the slider left the label ${JSON.stringify(s0.label)}`);
    if (pixels) {
      const shot1 = await p.screenshot({ timeout: 120e3 });
      if (shot1.equals(shot0)) ev.push(`${where}: the player's pixels did not change after →`);
    }
    // A dispatched input event to the last step.
    await slider.evaluate((g) => { g.value = g.max; g.dispatchEvent(new Event('input', { bubbles: true })); });
    await sleep(100);
    const s2 = await state(p);
    if (s2.shown !== s0.n - 1) ev.push(`${where}: an input event with value ${s0.max} showed step ${s2.shown}, want ${s0.n - 1}`);
    if (s2.pic === s1.pic) ev.push(`${where}: an input event left the picture unchanged`);
    if (!s2.label || !s2.label.startsWith(String(s0.n))) ev.push(`${where}: label ${JSON.stringify(s2.label)} at the last step`);
    // back to the first step, as the student found it
    await slider.evaluate((g) => { g.value = g.min || 0; g.dispatchEvent(new Event('input', { bubbles: true })); });
    moved++;
  }
  if (check === false) return { players: players.length, moved, ev };
  if (players.length) result(label, 'step player', ev.length === 0, `${moved}`, ev);
  return { players: players.length, moved, ev };
}

// Full-page screenshot: Notebook scrolls inside #site, so let it grow first.
async function fullScreenshot(page, file) {
  const h = await page.evaluate(() => {
    const site = document.getElementById('site');
    window.__swSiteStyle = site.getAttribute('style') || '';
    const height = site.scrollHeight + site.getBoundingClientRect().top + 20;
    site.style.height = 'auto';
    site.style.overflow = 'visible';
    document.body.style.height = 'auto';
    document.body.style.overflow = 'visible';
    document.documentElement.style.overflow = 'visible';
    return height;
  });
  await page.screenshot({ path: file, fullPage: true, timeout: 180e3 });
  await page.evaluate(() => {
    const site = document.getElementById('site');
    site.setAttribute('style', window.__swSiteStyle);
    document.body.style.height = '';
    document.body.style.overflow = '';
    document.documentElement.style.overflow = '';
  });
  return h;
}

async function testNotebook(context, rel) {
  const label = rel.replace(/\.ipynb$/, '');
  const nb = readNotebook(rel);
  const t0 = Date.now();
  const phases = [];
  let tp = Date.now();
  const phase = (name) => { phases.push(`${name} ${secs(Date.now() - tp)}`); tp = Date.now(); };
  let page;
  try {
    page = await openNotebook(context, rel, label);
    phase('open');
    const did = await runAll(page, nb, label);
    phase('run');
    const cells = await inspect(page);
    const order = await page.evaluate(() => window.__swOrder);
    checkNotebook(label, nb, cells, did, order);
    const evs = [];
    for (const i of did.answered) {
      const c = cells[i];
      if (!/Ada/.test(c.stdout || '')) evs.push(`${cellLabel(nb, i)}: answered "Ada" at the stdin prompt; the output is ${JSON.stringify((c.stdout || '').slice(0, 120))}`);
    }
    for (const i of did.interrupted) {
      const c = cells[i];
      if (!c.errors.length) evs.push(`${cellLabel(nb, i)}: interrupted from the toolbar, but no error output says so`);
    }
    if (did.answered.length || did.interrupted.length) {
      result(label, 'stdin/interrupt', evs.length === 0,
        `${did.answered.length ? 'stdin' : ''}${did.answered.length && did.interrupted.length ? '+' : ''}${did.interrupted.length ? 'int' : ''}`, evs);
    }
    phase('inspect');
    await checkPlayers(page, label, /01-convolution/.test(rel));
    phase('players');
    const events = await page.evaluate(() => window.__swEvents);
    const alive = await page.evaluate(() => Jupyter.notebook.kernel.is_connected() &&
      document.getElementById('kernel_indicator_icon').className === 'kernel_idle_icon');
    result(label, 'kernel alive', alive && events.length === 0, '', [
      ...(alive ? [] : ['the kernel is not connected and idle at the end']),
      ...events.map((e) => `kernel event: ${e}`)]);
    const off = offMachine(requests.get(page), true);
    result(label, 'offline', off.length === 0, '', off.slice(0, 5).map((u) => `request off the machine: ${u}`));
    if (page.__swJsErrors.length) for (const e of page.__swJsErrors.slice(0, 5)) problems.push(`${label} [note] JavaScript error in the page: ${e}`);
    const slow = [...did.cellTimes.entries()].sort((a, b) => b[1] - a[1])[0];
    times.set(label, { seconds: did.seconds, slow: slow ? `${cellLabel(nb, slow[0]).split(' (')[0]} ${secs(slow[1])} s` : '' });
    if (SCREENSHOT) {
      await readmeScreenshot(page, nb);
    } else {
      const file = path.join(OUT, 'notebooks', label.replace('/', '-') + '.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const h = await fullScreenshot(page, file);
      result(label, 'screenshot', true, `${Math.round(h)}px`);
    }
    phase('screenshot');
    await closeAndHalt(page, rel, label);
    phase('halt');
  } catch (e) {
    result(label, 'run all', false, `${secs(Date.now() - t0)} s`, [`the test itself failed: ${String(e.message || e).split('\n')[0]}`]);
  } finally {
    if (page) await page.close().catch(() => {});
    log(`         ${label}: ${phases.join(', ')} s`);
  }
}

// closeAndHalt leaves the notebook as a student does, File > Close and Halt,
// and checks that its kernel is gone.
async function closeAndHalt(page, rel, label) {
  await page.click('#filelink');
  await page.click('#close_and_halt > a');
  const ev = [];
  const until = Date.now() + 20e3;
  let left = null;
  for (;;) {
    const r = await fetch(`${BASE}/api/sessions`, { headers: { Authorization: `token ${TOKEN}` } });
    const sessions = await r.json();
    left = sessions.find((x) => x.path === rel || (x.notebook && x.notebook.path === rel));
    if (!left || Date.now() > until) break;
    await sleep(250);
  }
  if (left) ev.push(`File > Close and Halt left the kernel ${left.kernel && left.kernel.id} running for 20 s`);
  result(label, 'close+halt', ev.length === 0, '', ev);
}

// ---------------------------------------------------------------- README screenshot

// The README's picture: lesson 01 in Notebook as a student works through
// exercise 2 ("one output by hand"): the task with its matrices, the
// answer 7 (the bias forgotten) and the checker's diagnosis, then the
// walkthrough of that output that the lesson's solution suggests, with its
// formula, numbers and figure. The answer and the walkthrough are typed into
// the page and run like any cell; the numbers are read from the task.
async function readmeScreenshot(page, nb) {
  const file = env.SW_README_PNG;
  const src = (c) => (Array.isArray(c.source) ? c.source.join('') : c.source).trim();
  const e = nb.cells.findIndex((c) => c.cell_type === 'code' && src(c) === 'conv.ExByHand');
  const k = nb.cells.findIndex((c) => c.cell_type === 'code' && src(c).startsWith('conv.ExByHand.Check('));
  if (e < 0 || k !== e + 1) throw new Error('screenshot: lesson 01 no longer has the cells conv.ExByHand and conv.ExByHand.Check(…) one after the other; update readmeScreenshot in tests/browser/test.js');
  const task = await page.evaluate((i) => Jupyter.notebook.get_cell(i).output_area.outputs
    .map((o) => (o.data && (o.data['text/markdown'] || o.data['text/plain'])) || '').join('\n'), e);
  const matrix = (name) => {
    const m = task.match(new RegExp(name + ' = \\\\begin\\{bmatrix\\}(.*?)\\\\end\\{bmatrix\\}'));
    if (!m) throw new Error(`screenshot: no matrix ${name} in the task of conv.ExByHand: ${task.slice(0, 300)}`);
    return m[1].split('\\\\').map((row) => row.split('&').map(Number));
  };
  const x = matrix('x');
  const w = matrix('w');
  const b = Number((task.match(/b = (-?[0-9.]+)/) || [])[1]);
  const at = (task.match(/y\((\d+), (\d+)\)/) || []).slice(1).map(Number);
  if (!x.length || !w.length || Number.isNaN(b) || at.length !== 2) throw new Error(`screenshot: cannot read the task: ${task.slice(0, 300)}`);
  let sum = 0;
  for (let u = 0; u < w.length; u++) for (let v = 0; v < w[0].length; v++) sum += x[at[0] + u][at[1] + v] * w[u][v];
  const go = (m) => `[][]float64{${m.map((r) => `{${r.join(', ')}}`).join(', ')}}`;
  // The student's answer: the products added up, the bias forgotten.
  const answer = `conv.ExByHand.Check(${sum}.0) // my answer`;
  const walk = `xe := ${go(x)}\nwe := ${go(w)}\nconv.New(xe, we, conv.Opts{Bias: []float64{${b}}}).Step(${at[0]}, ${at[1]})`;
  await page.evaluate((i) => { Jupyter.notebook.select(i); Jupyter.notebook.get_cell(i).set_text(''); }, k);
  await typeIn(page, k, answer);
  await runCell(page, k);
  await waitPrompt(page, k, 30e3);
  await page.evaluate((i) => { Jupyter.notebook.insert_cell_below('code', i); }, k);
  await typeIn(page, k + 1, walk);
  const typed = await page.evaluate((i) => Jupyter.notebook.get_cell(i).get_text(), k + 1);
  if (typed !== walk) {
    log(`screenshot: the editor turned the typed walkthrough into ${JSON.stringify(typed)}; setting it directly`);
    await page.evaluate(([i, t]) => Jupyter.notebook.get_cell(i).set_text(t), [k + 1, walk]);
  }
  await runCell(page, k + 1);
  await waitPrompt(page, k + 1, 60e3);
  await page.evaluate(() => new Promise((res) => MathJax.Hub.Queue(() => res())));
  await imagesDecoded(page);
  const verdict = await cellState(page, k);
  const walked = await cellState(page, k + 1);
  if (!/bias/.test(verdict.out) || walked.errors.length || !new RegExp(`= ${sum + b}\\b`).test(walked.out)) {
    throw new Error(`screenshot: the exercise or its walkthrough did not show what the picture is for: ${JSON.stringify(verdict.out.slice(0, 200))} / ${JSON.stringify(walked.out.slice(0, 200))}`);
  }
  await page.setViewportSize({ width: 1180, height: 1250 });
  // select the first cell (out of view), so no cell in the picture is
  // highlighted
  await page.evaluate(() => { Jupyter.notebook.select(0); Jupyter.notebook.command_mode(); });
  await page.evaluate((i) => {
    document.activeElement && document.activeElement.blur();
    const el = Jupyter.notebook.get_cell(i).element[0];
    const site = document.getElementById('site');
    site.scrollTop += el.getBoundingClientRect().top - site.getBoundingClientRect().top - 8;
  }, e);
  await sleep(500);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, timeout: 120e3 });
  log(`wrote ${file}`);
  result('01-convolution', 'screenshot', true, 'README');
}

// ---------------------------------------------------------------- scratch notebook

async function createNotebook(name) {
  const body = { type: 'notebook', content: { nbformat: 4, nbformat_minor: 5, cells: [],
    metadata: { kernelspec: { name: 'stepwise', display_name: 'Go (stepwise)', language: 'go' } } } };
  const r = await fetch(`${BASE}/api/contents/${name}`, { method: 'PUT',
    headers: { Authorization: `token ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`creating ${name}: ${r.status} ${await r.text()}`);
}

// typeIn types text into cell i's editor with the keyboard.
async function typeIn(page, i, text) {
  const cm = page.locator('#notebook .cell').nth(i).locator('.CodeMirror');
  await cm.click();
  await page.keyboard.type(text, { delay: 15 });
}
async function cellState(page, i) {
  return page.evaluate((k) => {
    const c = Jupyter.notebook.get_cell(k);
    return { prompt: c.input_prompt_number, text: c.get_text(),
      out: [...c.element[0].querySelectorAll('.output_subarea')].map((e) => e.innerText).join('\n'),
      errors: [...c.element[0].querySelectorAll('.output_error')].map((e) => e.innerText.slice(0, 200)) };
  }, i);
}
async function waitPrompt(page, i, ms) {
  await page.waitForFunction((k) => typeof Jupyter.notebook.get_cell(k).input_prompt_number === 'number' &&
    document.getElementById('kernel_indicator_icon').className === 'kernel_idle_icon', i, { timeout: ms, polling: 100 });
}
// runCell runs cell i from the keyboard (Shift+Enter in its editor).
async function runCell(page, i) {
  await page.locator('#notebook .cell').nth(i).locator('.CodeMirror').click();
  await page.keyboard.press('Shift+Enter');
}

async function testScratch(context) {
  const label = 'scratch';
  const name = 'scratch.ipynb';
  let page;
  try {
    await createNotebook(name);
    page = await openNotebook(context, name, label);
    const kernelId = await page.evaluate(() => Jupyter.notebook.kernel.id);
    await page.evaluate(() => { while (Jupyter.notebook.ncells() < 4) Jupyter.notebook.insert_cell_below('code', Jupyter.notebook.ncells() - 1); });
    // cell 0: a variable that must survive the interrupt
    await typeIn(page, 0, 'import "fmt"\nx := 42\nfmt.Println("x is", x)');
    await runCell(page, 0);
    await waitPrompt(page, 0, 60e3);
    const c0 = await cellState(page, 0);
    if (!/x is 42/.test(c0.out)) throw new Error(`the first cell printed ${JSON.stringify(c0.out)}, want "x is 42"`);

    // Tab completion after fmt.Pri offers Println.
    const t0 = Date.now();
    await typeIn(page, 1, 'fmt.Pri');
    await page.keyboard.press('Tab');
    const ev = [];
    let options = [];
    try {
      await page.waitForSelector('#complete select option', { timeout: 15e3 });
      options = await page.$$eval('#complete select option', (os) => os.map((o) => o.textContent));
      await page.screenshot({ path: path.join(OUT, 'notebooks', 'scratch-completion.png'), timeout: 60e3 });
    } catch (e) {
      const t = await cellState(page, 1);
      ev.push(`no completion list after Tab; the cell reads ${JSON.stringify(t.text)}`);
    }
    if (options.length && !options.includes('Println')) ev.push(`completion offers ${JSON.stringify(options.slice(0, 10))}, no Println`);
    let chosen = '';
    if (options.includes('Println')) {
      // choose it with the keyboard, as a student does
      const k = options.indexOf('Println');
      for (let j = 0; j < k; j++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await sleep(200);
      chosen = (await cellState(page, 1)).text;
      if (chosen !== 'fmt.Println') ev.push(`choosing Println left the cell as ${JSON.stringify(chosen)}`);
    }
    result(label, 'completion', ev.length === 0, `${options.length} offered`, ev);
    await page.keyboard.press('Escape');
    // finish the line and run it: completion produced working code
    await page.evaluate(() => Jupyter.notebook.get_cell(1).set_text(''));
    await typeIn(page, 1, 'fmt.Println("x + 1 =", x+1)');
    await runCell(page, 1);
    await waitPrompt(page, 1, 30e3);
    times.set(label, { seconds: (Date.now() - t0) / 1000, slow: '' });

    // An endless loop, stopped by the toolbar's interrupt button.
    const iev = [];
    await typeIn(page, 2, 'n := 0\nfor {\nn++');
    await runCell(page, 2);
    await sleep(2000);
    const busy = await cellState(page, 2);
    const ind = await page.evaluate(() => document.getElementById('kernel_indicator_icon').className);
    if (busy.prompt !== '*' || ind !== 'kernel_busy_icon') iev.push(`after 2 s the loop is not running (prompt ${JSON.stringify(busy.prompt)}, indicator ${ind}); cell text ${JSON.stringify(busy.text)}`);
    const ti = Date.now();
    await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
    try {
      await waitPrompt(page, 2, 15e3);
    } catch (e) {
      iev.push('the loop was still running 15 s after the toolbar\'s interrupt');
    }
    const stopped = (Date.now() - ti) / 1000;
    const c2 = await cellState(page, 2);
    if (!c2.errors.length) iev.push(`the interrupted cell shows no error; output ${JSON.stringify(c2.out.slice(0, 200))}`);
    // the kernel lives on: the next cell runs, and x is still there
    await typeIn(page, 3, 'fmt.Println("after the interrupt x is", x, "and n > 0 is", n > 0)');
    await runCell(page, 3);
    try { await waitPrompt(page, 3, 30e3); } catch (e) { iev.push('the cell after the interrupt did not finish in 30 s'); }
    const c3 = await cellState(page, 3);
    if (!/after the interrupt x is 42/.test(c3.out)) iev.push(`the cell after the interrupt printed ${JSON.stringify(c3.out.slice(0, 200))}, want "after the interrupt x is 42 …"`);
    const events = await page.evaluate(() => window.__swEvents);
    const kid = await page.evaluate(() => Jupyter.notebook.kernel.id);
    if (events.length) iev.push(`kernel events: ${events.join(', ')}`);
    if (kid !== kernelId) iev.push(`the kernel changed from ${kernelId} to ${kid}`);
    const r = await fetch(`${BASE}/api/kernels/${kernelId}`, { headers: { Authorization: `token ${TOKEN}` } });
    if (!r.ok) iev.push(`GET /api/kernels/${kernelId}: ${r.status}`);
    result(label, 'interrupt', iev.length === 0, `${stopped.toFixed(1)} s`, iev);
    const off = offMachine(requests.get(page), true);
    result(label, 'offline', off.length === 0, '', off.slice(0, 5).map((u) => `request off the machine: ${u}`));
    const file = path.join(OUT, 'notebooks', 'scratch.png');
    await fullScreenshot(page, file);
    result(label, 'screenshot', true, '');
    await closeAndHalt(page, name, label);
  } catch (e) {
    result(label, 'completion', false, '', [`the test itself failed: ${String(e.message || e).split('\n')[0]}`]);
  } finally {
    if (page) await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- exported pages

async function testExport(context, spec) {
  const m = spec.match(/^(nbconvert|lesson):([^:]+):(.*)$/);
  if (!m) throw new Error(`bad export spec ${spec}`);
  const [, kind, rel, file] = m;
  const label = rel.replace(/\.ipynb$/, '');
  const check = kind === 'nbconvert' ? 'nbconvert html' : 'lesson --html';
  if (file.startsWith('FAILED')) { result(label, check, false, '', [`export failed: ${file.slice(7)}`]); return; }
  const nb = readNotebook(rel);
  let storedFigures = 0; // outputs that carry a picture (PNG, JPEG or SVG)
  let sourceMath = false;
  for (const c of nb.cells) {
    for (const o of c.outputs || []) {
      if (['image/png', 'image/jpeg', 'image/svg+xml'].some((t) => o.data && o.data[t])) storedFigures++;
    }
    const s = storedMimes(c);
    const text = Array.isArray(c.source) ? c.source.join('') : c.source;
    if (c.cell_type === 'markdown' && /\$[^$]+\$/.test(text)) sourceMath = true;
    if (s['text/latex']) sourceMath = true;
  }
  const page = await context.newPage();
  const urls = watchRequests(page);
  const jsErrors = [];
  page.on('pageerror', (e) => jsErrors.push(String(e.message || e).split('\n')[0]));
  const t0 = Date.now();
  const ev = [];
  try {
    await page.goto('file://' + file, { waitUntil: 'load', timeout: 60e3 });
    await page.evaluate(pageVisibleText);
    await page.waitForFunction(() => !window.MathJax || (MathJax.Hub && MathJax.isReady), null, { timeout: 30e3 }).catch(() => {});
    await page.evaluate(() => new Promise((res) => {
      if (!window.MathJax || !MathJax.Hub) return res();
      MathJax.Hub.Queue(() => res());
    }));
    await imagesDecoded(page);
    const got = await page.evaluate(() => {
      const body = document.body;
      const images = window.__swImages(body);
      // pictures drawn as SVG: shown, of some size, and with something drawn
      const svgs = [...body.querySelectorAll('svg')].filter((s) => !s.parentElement.closest('svg') &&
        s.getBoundingClientRect().width > 20 && s.querySelector('path, rect, line, polyline, polygon, circle, image, text, use'));
      const maths = [...body.querySelectorAll('math')];
      const shownMath = maths.filter((m) => m.getClientRects().length > 0);
      const mathSizes = shownMath.map((m) => { const r = m.getBoundingClientRect(); return [r.width, r.height]; });
      // nbconvert's image/svg+xml outputs: each must still hold an <svg>
      const svgOutputs = [...body.querySelectorAll('.jp-RenderedSVG')].map((d) => {
        const s = d.querySelector('svg');
        const r = s ? s.getBoundingClientRect() : { width: 0, height: 0 };
        const drawn = s ? s.querySelectorAll('path, rect, line, polyline, polygon, circle, ellipse, image, text, use').length : 0;
        return { svg: !!s, drawn, w: r.width, h: r.height, text: d.innerText.trim().replace(/\s+/g, ' ').slice(0, 60) };
      });
      return { images, svgs: svgs.length, svgOutputs, maths: maths.length, mathZero: mathSizes.filter(([w, h]) => !w || !h).length,
        mathjax: window.__swMathJaxCount(body), mathjaxLoaded: !!(window.MathJax && window.MathJax.Hub),
        rawTeX: window.__swRawTeX(window.__swText(body)), errors: window.__swMathErrors(body),
        title: document.title };
    });
    const okImages = got.images.filter((i) => i.complete && i.w > 0 && i.h > 0).length;
    const broken = got.images.filter((im) => !(im.complete && im.w > 0 && im.h > 0));
    if (broken.length) ev.push(`${broken.length} of ${got.images.length} images not rendered (naturalWidth 0), e.g. ${broken[0].html} in .${broken[0].parent}`);
    const badSvg = got.svgOutputs.filter((o) => !o.svg || !o.drawn || !o.w || !o.h);
    if (badSvg.length) ev.push(`${badSvg.length} of ${got.svgOutputs.length} image/svg+xml outputs lost their picture (nothing drawn inside <svg>; the page shows ${JSON.stringify(badSvg[0].text)} as text): nbconvert 6.5's clean_html filter strips SVG (jupyter/nbconvert#1849, #1894)`);
    const figures = okImages + got.svgs;
    if (figures < storedFigures) ev.push(`${okImages} images and ${got.svgs} SVG figures in the page; the notebook has ${storedFigures} outputs with a figure`);
    let formulas = 0;
    if (kind === 'nbconvert') {
      if (sourceMath && !got.mathjaxLoaded) ev.push('MathJax did not load (mathjax_url?)');
      if (sourceMath && got.mathjax === 0) ev.push('no formula typeset by MathJax');
      formulas = got.mathjax + got.maths;
    } else {
      formulas = got.maths + got.mathjax;
      if (sourceMath && got.maths === 0) ev.push('no MathML formula in the page');
      if (got.mathZero) ev.push(`${got.mathZero} of ${got.maths} MathML formulas laid out with zero size`);
    }
    if (got.rawTeX) ev.push(`raw TeX in the page: …${got.rawTeX}…`);
    if (got.errors.length) ev.push(`math errors: ${got.errors.slice(0, 3).join(' | ')}`);
    const off = offMachine(urls, false);
    for (const u of off.slice(0, 5)) ev.push(`request off the machine: ${u}`);
    for (const e of jsErrors.slice(0, 3)) ev.push(`JavaScript error: ${e}`);
    // the step players work in the exported page too
    const pl = await checkPlayers(page, label, false, '.sw-player', false);
    for (const e of pl.ev) ev.push(e);
    result(label, check, ev.length === 0, `${figures}f ${formulas}m ${pl.moved}p`, ev);
    const shot = path.join(OUT, 'html', `${label.replace('/', '-')}.${kind}.png`);
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true, timeout: 180e3 });
  } catch (e) {
    result(label, check, false, '', [`the test itself failed: ${String(e.message || e).split('\n')[0]}`]);
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- main

function printTable() {
  const checks = ['run all', 'no errors', 'figures', 'formulas', 'step player', 'stdin/interrupt', 'kernel alive',
    'completion', 'interrupt', 'offline', 'close+halt', 'screenshot', 'nbconvert html', 'lesson --html'];
  const used = checks.filter((c) => [...rows.values()].some((r) => r.has(c)));
  const cell = (r, c) => {
    const x = r.get(c);
    if (!x) return '-';
    return (x.ok ? 'ok' : 'FAIL') + (x.note ? ' ' + x.note : '');
  };
  const header = ['notebook', ...used];
  const lines = [...rows.entries()].map(([label, r]) => [label, ...used.map((c) => cell(r, c))]);
  const w = header.map((h, k) => Math.max(h.length, ...lines.map((l) => l[k].length)));
  const fmt = (l) => l.map((x, k) => x.padEnd(w[k])).join('  ');
  log('');
  log(fmt(header));
  log(fmt(w.map((n) => '-'.repeat(n))));
  for (const l of lines) log(fmt(l));
  log('');
  log('run all = seconds from Cell > Run All to an idle kernel; figures = images and SVG figures rendered with non-zero size;');
  log('formulas = typeset MathJax elements and MathML formulas; step player = players whose slider was moved;');
  log('nbconvert html / lesson --html: "Nf Mm Pp" = figures, formulas, step players moved; nothing requested off the machine.');
  for (const [label, t] of times) if (t.slow) log(`${label}: slowest ${t.slow}`);
}

async function main() {
  fs.mkdirSync(path.join(OUT, 'notebooks'), { recursive: true });
  const context = await chromium.launchPersistentContext(env.SW_PROFILE, {
    executablePath: env.SW_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: SCREENSHOT ? 2 : 1, // the README's picture stays sharp on high-density screens
    locale: 'en-US',
    timezoneId: 'UTC',
    timeout: 60e3,
  });
  context.setDefaultTimeout(30e3);
  let failed = false;
  try {
    const v = await context.newPage();
    await v.goto('chrome://version');
    const cmd = await v.evaluate(() => (document.getElementById('command_line') || {}).textContent || '');
    const ver = await v.evaluate(() => (document.getElementById('version') || {}).textContent || '');
    await v.close();
    log(`Chromium ${ver.trim().split(/\s/)[0]}: ${CHROMIUM_FLAGS.filter((f) => !cmd.includes(f)).length === 0 ? 'all flags set' : 'MISSING flags ' + CHROMIUM_FLAGS.filter((f) => !cmd.includes(f))}`);
    for (const rel of NOTEBOOKS) {
      if (Date.now() > DEADLINE - 60e3) { result(rel.replace(/\.ipynb$/, ''), 'run all', false, '', ['not run: the run\'s time budget is spent']); continue; }
      log(`${secs(Date.now() - START).padStart(6)} s  ${rel}`);
      await testNotebook(context, rel);
    }
    if (!SCREENSHOT && Date.now() < DEADLINE - 60e3) {
      log(`${secs(Date.now() - START).padStart(6)} s  scratch notebook: completion, interrupt`);
      await testScratch(context);
    }
    if (EXPORTS.length) log(`${secs(Date.now() - START).padStart(6)} s  exported pages (${EXPORTS.length})`);
    for (const spec of EXPORTS) {
      if (Date.now() > DEADLINE - 20e3) break;
      await testExport(context, spec);
    }
  } finally {
    await context.close().catch(() => {});
  }
  printTable();
  for (const r of rows.values()) for (const x of r.values()) if (!x.ok) failed = true;
  if (problems.length) {
    log('');
    log('Evidence:');
    for (const p of problems) log('  ' + p);
  }
  log('');
  log(`screenshots: ${path.join(OUT, 'notebooks')}/ and ${path.join(OUT, 'html')}/`);
  log(`test-browser: ${failed ? 'FAILED' : 'all passed'} in ${secs(Date.now() - START)} s`);
  process.exit(failed ? 1 : 0);
}

if (require.main === module) main().catch((e) => { console.error('test-browser:', e); process.exit(2); });
module.exports = { testExport, testNotebook, testScratch, rows, problems, printTable };
