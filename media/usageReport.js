// The usage report page (Fast Inline). Plain browser JavaScript, no framework, no build step.
// It draws the summary the extension posts - with DOM APIs and textContent only, so every ledger
// value (a model name is provider text) is text by construction, never markup - and reports back
// how long drawing took. The page's size follows days and models, never ledger entries.
'use strict';
(function () {
  const vscode = acquireVsCodeApi();
  const SVG_NS = 'http://www.w3.org/2000/svg'; // a namespace name, never fetched
  const SERIES = 6; // colour classes s0..s5
  // Non-ASCII text as escapes: the file stays ASCII, whatever charset it is served with.
  const APPROX = '\u2248'; // "approximately": some token counts are estimates
  const NONE = '\u2014'; // an em dash: unknown
  const SEP = ' \u00b7 '; // a middle dot between facts

  // -- Small DOM helpers ---------------------------------------------------------------------------
  const byId = (id) => document.getElementById(id);

  /** An HTML element with an optional class and text (textContent: never parsed as HTML). */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /** An SVG element with attributes (values are set as attributes, so never parsed as markup). */
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG_NS, tag);
    if (attrs) for (const k of Object.keys(attrs)) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function titled(node, text) {
    node.appendChild(svg('title', null, text));
    return node;
  }

  // -- Formats -------------------------------------------------------------------------------------
  const intFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const oneFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : 0);

  /** Same digits as the status bar (editMeter.formatUsd): more for tiny amounts. */
  function usd(v, estimated) {
    v = num(v);
    const digits = v === 0 ? 2 : Math.abs(v) < 0.001 ? 5 : Math.abs(v) < 0.1 ? 4 : 2;
    return (estimated ? APPROX : '') + '$' + v.toFixed(digits);
  }
  const ints = (v) => intFmt.format(num(v));
  const pct = (v) => (typeof v === 'number' && isFinite(v) ? Math.round(v * 100) + '%' : NONE);
  const plural = (n, one, many) => ints(n) + ' ' + (n === 1 ? one : many);

  /** A cost's text: NONE when every request is of unknown price, APPROX when some are estimated. */
  function costText(costUsd, requests, unknownCost, estimated) {
    if (requests > 0 && unknownCost === requests) return NONE;
    return usd(costUsd, estimated > 0);
  }

  function dayDate(key) {
    const p = String(key).split('-');
    return new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2]));
  }
  const shortDay = (key) => dayDate(key).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const shortTime = (ms) => new Date(ms).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  /** A round axis maximum >= v (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten). */
  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v * (1 - 1e-12)) return m * p;
    return 10 * p;
  }

  // -- Status line ---------------------------------------------------------------------------------
  function status(text, kind) {
    const s = byId('status');
    s.textContent = text;
    s.className = 'status' + (kind === 'error' ? ' error' : '');
  }

  // -- Sections ------------------------------------------------------------------------------------
  function card(label, p) {
    const c = el('div', 'card');
    c.appendChild(el('div', 'label', label));
    const value = el('div', 'value', costText(p.costUsd, p.requests, p.unknownCost, p.estimated));
    if (p.estimated > 0) value.title = plural(p.estimated, 'request has', 'requests have') + ' estimated token counts';
    c.appendChild(value);
    c.appendChild(el('div', 'sub', plural(p.requests, 'request', 'requests')));
    if (p.savingsUsd > 0) c.appendChild(el('div', 'sub saved', usd(p.savingsUsd, false) + ' saved by the cache'));
    if (p.unknownCost > 0) c.appendChild(el('div', 'sub unknown', plural(p.unknownCost, 'request', 'requests') + ' of unknown price'));
    return c;
  }

  function renderHeadline(s) {
    const p = s.periods || {};
    const empty = { costUsd: 0, savingsUsd: 0, requests: 0, unknownCost: 0, estimated: 0 };
    byId('headline').replaceChildren(
      card('Today', p.today || empty),
      card('This week', p.week || empty),
      card('This month', p.month || empty),
      card('All time', s.totals || empty),
    );
    const notes = [];
    const t = s.totals || empty;
    if (t.requests > 0) {
      notes.push('Tokens: ' + ints(t.input) + ' input (' + ints(t.cachedInput) + ' cached), ' + ints(t.output) + ' output, ' + ints(t.reasoning) + ' reasoning.');
    }
    if (t.estimated > 0) notes.push(APPROX + ' marks figures that include estimated token counts (' + plural(t.estimated, 'request', 'requests') + ').');
    if (t.unknownCost > 0) notes.push(NONE + ' is an unknown price: set one in the setting fastInline.pricing.');
    if (s.skipped > 0) notes.push(plural(s.skipped, 'damaged ledger line was', 'damaged ledger lines were') + ' skipped.');
    byId('notes').textContent = notes.join(' ');
  }

  /** Spend per day: one bar per day (height as an SVG attribute), a small axis, a title per bar. */
  function renderDays(perDay) {
    const box = byId('days');
    if (!perDay.length) {
      box.replaceChildren(el('p', 'empty', 'No requests yet.'));
      return 0;
    }
    const W = 760, H = 200, L = 64, R = 8, T = 10, B = 22;
    const pw = W - L - R, ph = H - T - B;
    let max = 0;
    for (const d of perDay) if (num(d.costUsd) > max) max = num(d.costUsd);
    const top = max > 0 ? niceMax(max) : 0.01;
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', class: 'days',
      'aria-label': 'Spend per day for ' + plural(perDay.length, 'day', 'days') + ', highest ' + usd(max, false) });
    const axis = svg('g', { class: 'axis' });
    for (const f of [0, 0.5, 1]) {
      const y = T + ph - f * ph;
      axis.appendChild(svg('line', { x1: L, x2: W - R, y1: y, y2: y, class: f === 0 ? 'base' : 'grid' }));
      axis.appendChild(svg('text', { x: L - 6, y: y + 4, 'text-anchor': 'end' }, usd(top * f, false)));
    }
    const n = perDay.length;
    const labels = n === 1 ? [0] : n === 2 ? [0, 1] : [0, Math.floor((n - 1) / 2), n - 1];
    const slot = pw / n;
    for (const i of labels) {
      const anchor = n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle';
      const x = anchor === 'start' ? L : anchor === 'end' ? W - R : L + slot * (i + 0.5);
      axis.appendChild(svg('text', { x: x, y: H - 6, 'text-anchor': anchor }, shortDay(perDay[i].day)));
    }
    root.appendChild(axis);
    const bars = svg('g', { class: 'bars' });
    const bw = Math.max(1, slot * 0.8);
    for (let i = 0; i < n; i++) {
      const d = perDay[i];
      const h = (num(d.costUsd) / top) * ph;
      const g = svg('g', { class: 'day' });
      let label = d.day + ': ' + costText(d.costUsd, d.requests, d.unknownCost || 0, d.estimated || 0) + SEP + plural(d.requests, 'request', 'requests');
      if (d.unknownCost > 0) label += ' (' + ints(d.unknownCost) + ' of unknown price)';
      if (d.savingsUsd > 0) label += SEP + usd(d.savingsUsd, false) + ' saved by the cache';
      titled(g, label);
      g.appendChild(svg('rect', { class: 'hit', x: (L + i * slot).toFixed(2), y: T, width: slot.toFixed(2), height: ph }));
      g.appendChild(svg('rect', { class: 'bar', x: (L + i * slot + (slot - bw) / 2).toFixed(2), y: (T + ph - h).toFixed(2), width: bw.toFixed(2), height: h.toFixed(2) }));
      bars.appendChild(g);
    }
    root.appendChild(bars);
    box.replaceChildren(root);
    return n;
  }

  /** One row per model, then an all-models row. */
  function renderModels(rows, totals) {
    const box = byId('models');
    if (!rows.length) {
      box.replaceChildren(el('p', 'empty', 'No requests yet.'));
      return 0;
    }
    const table = el('table', 'models');
    const cols = [
      ['Provider', ''], ['Model', ''], ['Requests', 'num'], ['Input', 'num'], ['Cached', 'num'], ['Output', 'num'],
      ['Reasoning', 'num'], ['Cost', 'num'], ['Mean tok/s', 'num'], ['Mean TTFT', 'num'], ['Accept rate', 'num'], ['Cache hit', 'num'],
    ];
    const head = el('tr');
    for (const c of cols) {
      const th = el('th', c[1], c[0]);
      th.scope = 'col';
      head.appendChild(th);
    }
    table.appendChild(el('thead')).appendChild(head);
    const body = el('tbody');
    const cell = (tr, text, cls, title) => {
      const td = el('td', cls, text);
      if (title) td.title = title;
      tr.appendChild(td);
    };
    for (const r of rows) {
      const tr = el('tr');
      cell(tr, r.provider, 'text');
      cell(tr, r.model, 'text model');
      cell(tr, ints(r.requests), 'num');
      cell(tr, ints(r.input), 'num');
      cell(tr, ints(r.cachedInput), 'num');
      cell(tr, ints(r.output), 'num');
      cell(tr, ints(r.reasoning), 'num');
      const cost = el('td', 'num', costText(r.costUsd, r.requests, r.unknownCost, r.estimated || 0));
      if (r.unknownCost > 0) {
        cost.title = plural(r.unknownCost, 'request', 'requests') + ' of unknown price, not in the sum';
        cost.appendChild(el('div', 'sub unknown', '+ ' + ints(r.unknownCost) + ' unpriced'));
      }
      tr.appendChild(cost);
      cell(tr, r.meanTokensPerSecond === null ? NONE : oneFmt.format(r.meanTokensPerSecond), 'num');
      cell(tr, r.meanTtftMs === null ? NONE : ints(r.meanTtftMs) + ' ms', 'num');
      cell(tr, pct(r.acceptRate), 'num');
      cell(tr, pct(r.cacheHitRate), 'num');
      body.appendChild(tr);
    }
    table.appendChild(body);
    if (rows.length > 1 && totals) {
      const tr = el('tr', 'total');
      cell(tr, 'All models', 'text');
      cell(tr, '', 'text');
      cell(tr, ints(totals.requests), 'num');
      cell(tr, ints(totals.input), 'num');
      cell(tr, ints(totals.cachedInput), 'num');
      cell(tr, ints(totals.output), 'num');
      cell(tr, ints(totals.reasoning), 'num');
      cell(tr, costText(totals.costUsd, totals.requests, totals.unknownCost, totals.estimated), 'num');
      cell(tr, '', 'num');
      cell(tr, '', 'num');
      cell(tr, '', 'num');
      cell(tr, pct(totals.input > 0 ? totals.cachedInput / totals.input : null), 'num');
      table.appendChild(el('tfoot')).appendChild(tr);
    }
    box.replaceChildren(table);
    return rows.length;
  }

  /** Tokens/s over time: a polyline and points per model, and a legend. */
  function renderSpeed(points) {
    const box = byId('speed');
    if (!points.length) {
      box.replaceChildren(el('p', 'empty', 'No speed measured yet.'));
      return;
    }
    const W = 760, H = 200, L = 64, R = 12, T = 10, B = 22;
    const pw = W - L - R, ph = H - T - B;
    const times = points.map((p) => Date.parse(p.time));
    let t0 = Infinity, t1 = -Infinity, max = 0;
    for (let i = 0; i < points.length; i++) {
      if (times[i] < t0) t0 = times[i];
      if (times[i] > t1) t1 = times[i];
      if (num(points[i].tokensPerSecond) > max) max = num(points[i].tokensPerSecond);
    }
    const top = niceMax(max);
    const x = (t) => (t1 > t0 ? L + ((t - t0) / (t1 - t0)) * pw : L + pw / 2);
    const y = (v) => T + ph - (num(v) / top) * ph;
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', class: 'speed',
      'aria-label': 'Tokens per second of ' + plural(points.length, 'request', 'requests') + ' over time' });
    const axis = svg('g', { class: 'axis' });
    for (const f of [0, 0.5, 1]) {
      const yy = T + ph - f * ph;
      axis.appendChild(svg('line', { x1: L, x2: W - R, y1: yy, y2: yy, class: f === 0 ? 'base' : 'grid' }));
      axis.appendChild(svg('text', { x: L - 6, y: yy + 4, 'text-anchor': 'end' }, oneFmt.format(top * f) + ' tok/s'));
    }
    axis.appendChild(svg('text', { x: L, y: H - 6, 'text-anchor': 'start' }, shortTime(t0)));
    if (t1 > t0) axis.appendChild(svg('text', { x: W - R, y: H - 6, 'text-anchor': 'end' }, shortTime(t1)));
    root.appendChild(axis);

    // Series by model, in order of first appearance.
    const series = new Map();
    for (let i = 0; i < points.length; i++) {
      const m = String(points[i].model);
      let s = series.get(m);
      if (!s) series.set(m, (s = { cls: 's' + (series.size % SERIES), idx: [] }));
      s.idx.push(i);
    }
    const lines = svg('g', { class: 'lines' });
    const dots = svg('g', { class: 'points' });
    for (const [model, s] of series) {
      if (s.idx.length > 1) {
        const pts = s.idx.map((i) => x(times[i]).toFixed(1) + ',' + y(points[i].tokensPerSecond).toFixed(1)).join(' ');
        lines.appendChild(svg('polyline', { class: 'line ' + s.cls, points: pts }));
      }
      for (const i of s.idx) {
        const c = svg('circle', { class: 'dot ' + s.cls, cx: x(times[i]).toFixed(1), cy: y(points[i].tokensPerSecond).toFixed(1), r: 2.5 });
        titled(c, shortTime(times[i]) + SEP + model + ': ' + oneFmt.format(num(points[i].tokensPerSecond)) + ' tok/s');
        dots.appendChild(c);
      }
    }
    root.appendChild(lines);
    root.appendChild(dots);
    const legend = el('ul', 'legend');
    for (const [model, s] of series) {
      const li = el('li');
      li.appendChild(el('span', 'swatch ' + s.cls));
      li.appendChild(el('span', 'legend-label', model));
      legend.appendChild(li);
    }
    box.replaceChildren(root, legend);
  }

  // -- Messages ------------------------------------------------------------------------------------
  function render(msg) {
    const started = performance.now();
    const s = msg.summary;
    const perDay = Array.isArray(s.perDay) ? s.perDay : [];
    const perModel = Array.isArray(s.perModel) ? s.perModel : [];
    const speed = Array.isArray(s.speedOverTime) ? s.speedOverTime : [];
    renderHeadline(s);
    const days = renderDays(perDay);
    const rows = renderModels(perModel, s.totals);
    renderSpeed(speed);
    byId('report').hidden = false;
    const when = new Date(s.generatedAt);
    status(s.entries > 0
      ? plural(s.entries, 'request', 'requests') + ' in the ledger' + SEP + 'updated ' + when.toLocaleTimeString()
      : 'No requests recorded yet: each edit\'s tokens and cost land here. Updated ' + when.toLocaleTimeString() + '.');
    void document.body.offsetHeight; // lay out now, so the time includes it
    const ms = performance.now() - started;
    vscode.postMessage({ type: 'rendered', seq: msg.seq, rows: rows, days: days, ms: ms });
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'summary' && msg.summary && typeof msg.summary === 'object' && typeof msg.seq === 'number') {
      try {
        render(msg);
      } catch (e) {
        status('Could not draw the report: ' + (e && e.message ? e.message : String(e)), 'error');
      }
    } else if (msg.type === 'status' && typeof msg.text === 'string') {
      status(msg.text, msg.kind);
    }
  });

  byId('refresh').addEventListener('click', () => {
    status('Refreshing\u2026');
    vscode.postMessage({ type: 'refresh' });
  });
  byId('export').addEventListener('click', () => vscode.postMessage({ type: 'exportCsv' }));

  vscode.postMessage({ type: 'ready' });
})();
