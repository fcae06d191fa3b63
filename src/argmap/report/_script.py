"""The report's script, inlined into every page: views, pan and zoom, selection, search, filters.

The page reads without it: every view is shown, entries are listed in full, links jump to
anchors. The script only adds behaviour, reading what it needs from the page's data
attributes; it writes no user text as markup (``textContent`` only) and asks for nothing
outside the page.
"""

from __future__ import annotations

__all__ = ["SCRIPT"]

SCRIPT = r"""
(function () {
  'use strict';
  var doc = document, root = doc.documentElement;
  root.className = 'js';
  var XLINK = 'http://www.w3.org/1999/xlink', PREFIX = 'arg-node-';
  function all(selector, within) {
    return Array.prototype.slice.call((within || doc).querySelectorAll(selector));
  }
  function one(selector, within) { return (within || doc).querySelector(selector); }
  function nodeSelector(id) { return 'g.node[data-node="' + CSS.escape(id) + '"]'; }

  var list = one('.entry-list'), inspector = one('#entries'), textpane = one('#text');
  var diagrams = one('.diagrams'), status = one('#ins-status'), back = one('#ins-list');
  var search = one('#search'), ruleFilter = one('#filter-rule'), labelFilter = one('#filter-label');
  var zoomLevel = one('.zoom-level');
  if (!list) { return; }
  var entries = {}, ids = [];
  all('.entry', list).forEach(function (entry) {
    entries[entry.getAttribute('data-node')] = entry;
    ids.push(entry.getAttribute('data-node'));
  });
  var drawn = {};
  all('g.node[data-node]').forEach(function (g) {
    var id = g.getAttribute('data-node');
    (drawn[id] = drawn[id] || []).push(g);
  });
  var views = all('.view'), tabs = all('.tabs a'), current = null, selected = null;

  // --- pan and zoom ---------------------------------------------------------------------
  function parts(view) {
    var port = one('.viewport', view);
    return { port: port, svg: port && one('svg', port) };
  }
  function natural(svg) {
    return [parseFloat(svg.getAttribute('width')), parseFloat(svg.getAttribute('height'))];
  }
  function scaleOf(view) { return parseFloat(view.getAttribute('data-scale') || '1'); }
  function showScale() {
    if (zoomLevel && current) { zoomLevel.textContent = Math.round(scaleOf(current) * 100) + '%'; }
  }
  function setScale(view, scale, cx, cy) {
    var p = parts(view);
    if (!p.svg) { return; }
    var size = natural(p.svg), old = scaleOf(view);
    scale = Math.min(4, Math.max(0.03, scale));
    if (cx === undefined) { cx = p.port.clientWidth / 2; cy = p.port.clientHeight / 2; }
    var x = (p.port.scrollLeft + cx) / old, y = (p.port.scrollTop + cy) / old;
    p.svg.style.width = (size[0] * scale) + 'px';
    p.svg.style.height = (size[1] * scale) + 'px';
    view.setAttribute('data-scale', String(scale));
    p.port.scrollLeft = x * scale - cx;
    p.port.scrollTop = y * scale - cy;
    showScale();
  }
  function fitWidth(view) {
    var p = parts(view);
    if (!p.svg) { return; }
    setScale(view, Math.min(2, (p.port.clientWidth - 4) / natural(p.svg)[0]), 0, 0);
    p.port.scrollLeft = 0;
    p.port.scrollTop = 0;
  }
  function zoomBy(factor) { if (current) { setScale(current, scaleOf(current) * factor); } }

  function reveal(view, g, always) {
    var port = parts(view).port, box = g.getBoundingClientRect();
    var frame = port.getBoundingClientRect();
    var inside = box.left >= frame.left && box.right <= frame.right &&
      box.top >= frame.top && box.bottom <= frame.bottom;
    if (inside && !always) { return; }
    port.scrollLeft += box.left + box.width / 2 - (frame.left + frame.width / 2);
    port.scrollTop += box.top + box.height / 2 - (frame.top + frame.height / 2);
  }
  function opening(view) {
    var key = view.getAttribute('data-thesis'), first = one('.entry[data-kind="thesis"]', list);
    if (!key && first) { key = first.getAttribute('data-node'); }
    var g = (key && one(nodeSelector(key), view)) || one('g.node[data-node]', view);
    if (!g) { return; }
    var port = parts(view).port, box = g.getBoundingClientRect();
    var frame = port.getBoundingClientRect();
    port.scrollLeft += box.left + box.width / 2 - (frame.left + frame.width / 2);
    port.scrollTop += box.top - frame.top - 24;
  }
  function show(view) {
    if (!view) { return; }
    current = view;
    views.forEach(function (v) { v.classList.toggle('current', v === view); });
    tabs.forEach(function (tab) {
      var on = tab.getAttribute('href') === '#' + view.id;
      tab.classList.toggle('current', on);
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    if (!view.hasAttribute('data-opened')) {
      view.setAttribute('data-opened', '');
      opening(view);
    }
    showScale();
  }

  var drag = null, swallowClick = false;
  views.forEach(function (view) {
    var port = parts(view).port;
    if (!port) { return; }
    port.addEventListener('pointerdown', function (event) {
      if (event.button !== 0) { return; }
      drag = { port: port, x: event.clientX, y: event.clientY, left: port.scrollLeft,
        top: port.scrollTop, moved: false, pointer: event.pointerId };
    });
    port.addEventListener('wheel', function (event) {
      if (!event.ctrlKey && !event.metaKey) { return; }
      event.preventDefault();
      var frame = port.getBoundingClientRect();
      setScale(view, scaleOf(view) * Math.exp(-event.deltaY * 0.0022),
        event.clientX - frame.left, event.clientY - frame.top);
    }, { passive: false });
    port.addEventListener('keydown', function (event) {
      var keys = { '+': 1.25, '=': 1.25, '-': 0.8 };
      if (keys[event.key]) { zoomBy(keys[event.key]); event.preventDefault(); }
      else if (event.key === '0') { setScale(view, 1); event.preventDefault(); }
      else if (event.key === 'f') { fitWidth(view); event.preventDefault(); }
    });
  });
  window.addEventListener('pointermove', function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) {
      drag.moved = true;
      drag.port.classList.add('dragging');
    }
    if (drag.moved) {
      drag.port.scrollLeft = drag.left - dx;
      drag.port.scrollTop = drag.top - dy;
    }
  });
  window.addEventListener('pointerup', function () {
    if (drag && drag.moved) {
      swallowClick = true;
      drag.port.classList.remove('dragging');
      setTimeout(function () { swallowClick = false; }, 0);
    }
    drag = null;
  });

  // --- selection ------------------------------------------------------------------------
  function setMode(mode) {
    list.classList.toggle('one', mode === 'one');
    list.classList.toggle('list', mode === 'list');
    if (back) { back.hidden = mode === 'list'; }
  }
  function paragraphs(numbers, scroll) {
    all('.para.hl').forEach(function (p) { p.classList.remove('hl'); });
    var first = null;
    (numbers || '').split(' ').forEach(function (n) {
      var p = n && doc.getElementById('para-' + n);
      if (p) { p.classList.add('hl'); first = first || p; }
    });
    if (first && textpane && scroll) { textpane.scrollTop = first.offsetTop - 44; }
  }
  function select(id, center) {
    var entry = entries[id];
    if (!entry) { return false; }
    if (selected !== null) {
      if (entries[selected]) { entries[selected].classList.remove('current'); }
      (drawn[selected] || []).forEach(function (g) { g.classList.remove('sel'); });
    }
    selected = id;
    entry.classList.add('current');
    (drawn[id] || []).forEach(function (g) { g.classList.add('sel'); });
    setMode('one');
    inspector.scrollTop = 0;
    var selector = nodeSelector(id), here = current && one(selector, current);
    if (!here) {
      var other = views.filter(function (v) { return one(selector, v); })[0];
      if (other) { show(other); here = one(selector, other); }
    }
    if (here && center !== false) { reveal(current, here, false); }
    paragraphs(entry.getAttribute('data-paras'), true);
    status.textContent = here ? '' : 'not drawn in this view';
    return true;
  }
  function fromHash() {
    var hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (error) { return; }
    if (hash.indexOf(PREFIX) === 0) { select(hash.slice(PREFIX.length)); }
    else if (hash.indexOf('view-') === 0) { show(doc.getElementById(hash)); }
  }

  // --- search and filters ---------------------------------------------------------------
  var haystack = null;
  function texts() {
    if (haystack === null) {
      haystack = {};
      ids.forEach(function (id) {
        var text = one('.text', entries[id]);
        haystack[id] = (id + ' ' + (text ? text.textContent : '')).toLowerCase();
      });
    }
    return haystack;
  }
  function hasRule(entry, rule) {
    return (' ' + entry.getAttribute('data-rules') + ' ').indexOf(' ' + rule + ' ') >= 0;
  }
  var firstMatch = null;
  function applyFilters() {
    var rule = ruleFilter ? ruleFilter.value : '', label = labelFilter ? labelFilter.value : '';
    var query = search ? search.value.trim().toLowerCase() : '';
    var active = Boolean(rule || label || query), count = 0, words = texts();
    firstMatch = null;
    ids.forEach(function (id) {
      var entry = entries[id];
      var ok = (!rule || hasRule(entry, rule)) &&
        (!label || entry.getAttribute('data-label') === label) &&
        (!query || words[id].indexOf(query) >= 0);
      entry.classList.toggle('filtered', !ok);
      (drawn[id] || []).forEach(function (g) { g.classList.toggle('match', active && ok); });
      if (ok) { count += 1; if (firstMatch === null) { firstMatch = id; } }
    });
    all('h3.group', list).forEach(function (heading) {
      var next = heading.nextElementSibling, any = false;
      while (next && next.tagName !== 'H3') {
        if (!next.classList.contains('filtered')) { any = true; }
        next = next.nextElementSibling;
      }
      heading.classList.toggle('filtered', !any);
    });
    diagrams.classList.toggle('filtering', active);
    all('.rule-group').forEach(function (group) {
      group.classList.toggle('filtered', Boolean(rule) && group.getAttribute('data-rule') !== rule);
    });
    all('tr[data-label]').forEach(function (row) {
      row.classList.toggle('filtered', Boolean(label) && row.getAttribute('data-label') !== label);
    });
    status.textContent = active ? count + ' of ' + ids.length + ' nodes match' : '';
    if (active) { setMode('list'); inspector.scrollTop = 0; }
  }
  var pending = null;
  if (search) {
    search.addEventListener('input', function () {
      clearTimeout(pending);
      pending = setTimeout(applyFilters, 120);
    });
    search.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        clearTimeout(pending);
        applyFilters();
        if (firstMatch !== null) { select(firstMatch); }
        event.preventDefault();
      }
    });
  }
  [ruleFilter, labelFilter].forEach(function (control) {
    if (control) { control.addEventListener('change', applyFilters); }
  });

  // --- clicks ---------------------------------------------------------------------------
  function target(link) {
    return link.getAttribute('href') || link.getAttributeNS(XLINK, 'href') || '';
  }
  doc.addEventListener('click', function (event) {
    if (swallowClick) { event.preventDefault(); event.stopPropagation(); return; }
    var element = event.target;
    var button = element.closest && element.closest('button[data-act], button.show-rule');
    if (button) {
      var act = button.getAttribute('data-act');
      if (act === 'in') { zoomBy(1.25); }
      else if (act === 'out') { zoomBy(0.8); }
      else if (act === 'actual' && current) { setScale(current, 1); }
      else if (act === 'fit' && current) { fitWidth(current); }
      else if (act === 'list') { setMode('list'); }
      else if (button.classList.contains('show-rule') && ruleFilter) {
        ruleFilter.value = button.getAttribute('data-rule');
        applyFilters();
        one('#map').scrollIntoView();
      }
      return;
    }
    var link = element.closest && element.closest('a');
    var card = element.closest && element.closest('.entry-list.list .entry');
    if (!link && card) { select(card.getAttribute('data-node')); return; }
    if (!link) { return; }
    var href = target(link);
    if (href.indexOf('#' + PREFIX) === 0) {
      var id = href.slice(1 + PREFIX.length);
      try { id = decodeURIComponent(id); } catch (error) { return; }
      if (entries[id]) {
        event.preventDefault();
        select(id, !link.closest('.viewport'));
        if (location.hash !== href) { history.pushState(null, '', href); }
      }
    } else if (href.indexOf('#view-') === 0) {
      event.preventDefault();
      show(doc.getElementById(href.slice(1)));
    } else if (href.indexOf('#para-') === 0 && textpane) {
      event.preventDefault();
      var para = doc.getElementById(href.slice(1));
      if (!para) { return; }
      paragraphs(href.slice(6), true);
      if (link.classList.contains('pnum')) {
        var members = (para.getAttribute('data-nodes') || '').split(' ');
        ids.forEach(function (id) {
          var on = members.indexOf(id) >= 0;
          (drawn[id] || []).forEach(function (g) { g.classList.toggle('match', on); });
        });
        diagrams.classList.add('filtering');
        status.textContent = 'paragraph ' + href.slice(6) + ': ' +
          (members[0] ? members.length : 0) + ' nodes';
      }
    }
  });
  window.addEventListener('popstate', fromHash);
  window.addEventListener('hashchange', fromHash);
  doc.addEventListener('keydown', function (event) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test((event.target.tagName || ''));
    if (event.key === '/' && !typing && search) { search.focus(); event.preventDefault(); }
    if (event.key === 'Escape' && typing && search === event.target) {
      search.value = '';
      applyFilters();
    }
  });

  // --- print: every entry open and shown ------------------------------------------------
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = all('details:not([open])');
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });

  setMode('list');
  show(views[0]);
  if (location.hash) { fromHash(); }
}());
""".strip()
