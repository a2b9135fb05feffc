/* djust development panel: lists the page's operations (HTTP render, join, events, patches,
   pubsub and timer renders) with their SQL, JIT plans, times and bytes. Everything shown is
   set as text, never parsed as HTML. Only served with the app's devPanel option on. */
(function () {
  'use strict';
  var KEEP = 25;
  var root = document.getElementById('djust-dev');
  if (!root || root.dataset.ready) return;
  root.dataset.ready = '1';
  var toggle = root.querySelector('.djust-dev-toggle');
  var body = root.querySelector('.djust-dev-body');
  var list = root.querySelector('.djust-dev-list');
  var summary = root.querySelector('.djust-dev-summary');
  var chosen = false;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    (children || []).forEach(function (c) { node.append(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function ms(n) { return (Math.round(n * 10) / 10).toFixed(1) + ' ms'; }
  function bytes(n) { return n < 1024 ? n + ' B' : (n / 1024).toFixed(1) + ' kB'; }
  function label(r) { return r.kind === 'event' ? 'event ' + r.event : r.kind === 'info' ? 'pubsub/timer' : r.kind; }
  function table(caption, heads, rows) {
    if (!rows.length) return el('p', { class: 'djust-dev-none' }, [caption + ': none']);
    return el('table', {}, [
      el('caption', {}, [caption]),
      el('thead', {}, [el('tr', {}, heads.map(function (h) { return el('th', { scope: 'col' }, [h]); }))]),
      el('tbody', {}, rows.map(function (cells) { return el('tr', {}, cells.map(function (c) { return el('td', {}, [String(c)]); })); })),
    ]);
  }

  function entry(r) {
    var sql = table('SQL (' + r.sqlCount + ', ' + ms(r.sqlMs) + ')', ['ms', 'statement', 'rows'], r.sql.map(function (s) {
      return [s.ms, s.sql, s.results !== undefined ? s.results : s.affected !== undefined ? s.affected + ' changed' : ''];
    }));
    sql.classList.add('djust-dev-sql');
    var jit = table('JIT', ['variable', 'entity', 'cache', 'paths', 'populate', 'fields', 'rows'], r.jit.map(function (j) {
      return [j.variable, j.entity + (j.shape === 'many' ? ' (list)' : ''), j.cache + (j.from ? ' (' + j.from + ')' : ''), j.paths.filter(Boolean).join(', '), j.populate.join(', ') || '-', j.fields.join(', '), j.rows];
    }));
    var line = '#' + r.id + ' ' + label(r) + ' · ' + r.view + ' · ' + r.sqlCount + ' SQL · JIT ' + r.cache.hits + ' hit' + (r.cache.hits === 1 ? '' : 's') +
      ', ' + r.cache.misses + ' miss' + (r.cache.misses === 1 ? '' : 'es') + ' · ' + ms(r.serializeMs + r.templateMs) + ' render · ' + bytes(r.bytes);
    var facts = el('p', { class: 'djust-dev-facts' }, [
      r.path + ' · serialize ' + ms(r.serializeMs) + ' · template ' + ms(r.templateMs) + ' · total ' + ms(r.totalMs) + ' · sent ' + r.bytes + ' bytes' + (r.v ? ' · view ' + r.v : ''),
    ]);
    return el('li', {
      class: 'djust-dev-entry', 'data-id': r.id, 'data-kind': r.kind, 'data-view': r.view, 'data-event': r.event || '',
      'data-path': r.path, 'data-sql-count': r.sqlCount, 'data-cache-hits': r.cache.hits, 'data-cache-misses': r.cache.misses, 'data-bytes': r.bytes,
    }, [el('details', {}, [el('summary', {}, [line]), facts, sql, jit])]);
  }

  function add(report) {
    if (!report || typeof report.id !== 'number') return;
    var item = entry(report);
    list.prepend(item);
    while (list.children.length > KEEP) list.lastElementChild.remove();
    // The newest entry is shown open until the user opens or closes one themselves.
    if (!chosen) {
      list.querySelectorAll('details[open]').forEach(function (d) { d.open = false; });
      item.firstElementChild.open = true;
    }
    summary.textContent = item.querySelector('summary').textContent;
    root.dataset.lastSqlCount = String(report.sqlCount);
  }

  function setOpen(open) {
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
    root.classList.toggle('is-open', open);
  }
  toggle.addEventListener('click', function () { setOpen(body.hidden); });
  list.addEventListener('click', function (e) { if (e.target.closest('summary')) chosen = true; });
  root.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !body.hidden) { setOpen(false); toggle.focus(); }
  });
  window.addEventListener('djust:djust_dev', function (e) { add(e.detail); });
  var first = document.getElementById('djust-dev-first');
  if (first) add(JSON.parse(first.textContent || 'null'));
})();
