// map_app.js — strikemap's HTML map, run from inside the generated page.
// Reads window.STRIKEMAP (written by layers/map_html.c): base layers as
// GeoJSON, incidents, double-strike links, repeat groups, and the style
// (colours, shapes, words) shared with the static map (layers/map_style.c).
// Incidents closer than a symbol's width at the current zoom are spread on
// a ring around their shared point with a leader line (as on the static
// map); everything is redrawn on zoom, on the time slider and on a layer
// toggle. When done, the page writes what it drew into <body data-*> so a
// headless browser can check it.
(function () {
  'use strict';
  var D = window.STRIKEMAP;
  var S = D.style;
  var rtl = D.lang === 'ar';
  var R = 8.5; // symbol radius, px (as on the static map)
  var RING_MAX = 8; // more strikes at one place: drawn as a count until clicked
  var expanded = {}; // crowded places the reader opened
  var map = L.map('sm-map', { zoomSnap: 0.25, preferCanvas: false, attributionControl: false });
  window.strikemapMap = map; // for scripts and tests driving the page
  L.control.scale({ imperial: false, maxWidth: 160 }).addTo(map);
  // stacking, bottom to top: base layers (overlay pane, 400), names of
  // places (under the symbols), repeat outlines, leader lines, symbols
  // (marker pane, 600), double-strike arrows
  map.createPane('smNames').style.zIndex = 420;
  map.createPane('smRepeats').style.zIndex = 450;
  map.createPane('smLeaders').style.zIndex = 460;
  map.createPane('smSequences').style.zIndex = 610;

  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function shapePath(type, cx, cy, r) {
    var xy = (S.shapes[type] || S.shapes.other), d = '';
    for (var i = 0; i < xy.length; i += 2)
      d += (i ? 'L' : 'M') + (cx + r * xy[i]).toFixed(2) + ' ' + (cy + r * xy[i + 1]).toFixed(2);
    return d + 'Z';
  }
  function symbolSvg(type, colour, r, stroke) {
    var w = 2 * r + 4;
    return '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + w + '" viewBox="0 0 ' + w + ' ' + w + '">' +
      '<path d="' + shapePath(type, w / 2, w / 2, r) + '" fill="' + colour + '" stroke="#1a1a1a" stroke-width="' + stroke + '"/></svg>';
  }

  document.getElementById('sm-title').textContent = D.title;
  document.getElementById('sm-sub').textContent = D.subtitle;
  document.getElementById('sm-foot').textContent = D.credits;
  document.getElementById('sm-time-h').textContent = S.words.time;

  // ---- base layers ----
  var govLayer = L.geoJSON(D.governorates, {
    style: { color: '#8C8C8C', weight: 1.2, fillColor: '#FBFAF5', fillOpacity: 1 },
    interactive: false
  });
  var govLabels = L.layerGroup();
  D.governorates.features.forEach(function (f) {
    if (f.properties.label)
      govLabels.addLayer(L.tooltip({ pane: 'smNames', permanent: true, direction: 'center', className: 'sm-gov', interactive: false })
        .setLatLng([f.properties.label[1], f.properties.label[0]]).setContent(esc(f.properties.name)));
  });
  var zoneLayer = L.geoJSON(D.zones, {
    style: { color: '#5B3E87', weight: 1.6, dashArray: '6 4', fillColor: '#7B5EA7', fillOpacity: 0.16 },
    onEachFeature: function (f, l) { l.bindTooltip(esc(f.properties.name)); }
  });
  // Towns, largest first: the more you zoom in, the more are named (a
  // label for each of forty towns at country scale would hide the data).
  var townLayer = L.layerGroup();
  var townMarks = D.towns.map(function (t) {
    return L.circleMarker([t.lat, t.lon], { pane: 'smNames', radius: 3, color: '#333', weight: 1.3, fillColor: '#fff', fillOpacity: 1, interactive: false })
      .bindTooltip(esc(t.name), { pane: 'smNames', permanent: true, direction: rtl ? 'left' : 'right', className: 'sm-label', offset: [rtl ? -4 : 4, 0] });
  });
  var baseZoom = null;
  function showTowns() {
    if (baseZoom === null) baseZoom = map.getZoom();
    var dz = map.getZoom() - baseZoom, limit = dz < 1 ? 10 : dz < 2 ? 20 : townMarks.length;
    townLayer.clearLayers();
    townMarks.forEach(function (m, i) { if (i < limit) townLayer.addLayer(m); });
  }
  govLayer.addTo(map);
  govLabels.addTo(map);
  if (D.zones.features.length) zoneLayer.addTo(map);
  townLayer.addTo(map);


  var incLayer = L.layerGroup().addTo(map);
  var seqLayer = L.layerGroup().addTo(map);
  var repLayer = L.layerGroup().addTo(map);

  // ---- toggles ----
  var shownType = {};
  var toggles = [];
  function addToggle(key, label, checked, onChange, sample) {
    var row = document.createElement('label');
    row.className = 'sm-row';
    var cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.checked = checked;
    cb.dataset.layer = key;
    cb.addEventListener('change', function () { onChange(cb.checked); });
    row.appendChild(cb);
    if (sample) {
      var span = document.createElement('span');
      span.innerHTML = sample;
      row.appendChild(span);
    }
    row.appendChild(document.createTextNode(label));
    document.getElementById('sm-layers').appendChild(row);
    toggles.push(cb);
  }
  var box = document.getElementById('sm-layers');
  var h = document.createElement('h2');
  h.textContent = S.words.facility;
  box.appendChild(h);
  var typeCount = {};
  D.incidents.forEach(function (f) { typeCount[f.ft] = (typeCount[f.ft] || 0) + 1; });
  S.facilityOrder.forEach(function (t) {
    if (!typeCount[t]) return;
    shownType[t] = true;
    addToggle('type:' + t, S.facility[t] + ' (' + typeCount[t] + ')', true, function (on) {
      shownType[t] = on; redraw();
    }, symbolSvg(t, '#BBBBBB', 7, 1.2));
  });
  h = document.createElement('h2');
  h.textContent = S.words.layers;
  box.appendChild(h);
  function layerToggle(key, label, layer, on) {
    addToggle(key, label, on, function (v) { if (v) layer.addTo(map); else map.removeLayer(layer); });
  }
  if (D.haveSequences) layerToggle('sequences', S.words.sequence, seqLayer, true);
  if (D.haveRepeats) layerToggle('repeats', S.words.repeat, repLayer, true);
  if (D.zones.features.length) layerToggle('zones', S.words.zone, zoneLayer, true);
  layerToggle('governorates', S.words.governorate, govLayer, true);
  layerToggle('governorate-labels', S.words.govnames, govLabels, true);
  layerToggle('towns', S.words.town, townLayer, true);

  // ---- legend: colours ----
  var lg = document.getElementById('sm-legend');
  h = document.createElement('h2');
  h.textContent = S.words.perpetrator;
  lg.appendChild(h);
  var perpCount = {};
  D.incidents.forEach(function (f) { perpCount[f.pc] = (perpCount[f.pc] || 0) + 1; });
  S.perpOrder.forEach(function (p) {
    if (!perpCount[p]) return;
    var row = document.createElement('div');
    row.className = 'sm-row';
    row.innerHTML = '<svg width="18" height="18"><circle cx="9" cy="9" r="7" fill="' + S.perp[p].hex + '" stroke="#1a1a1a" stroke-width="1.2"/></svg>' +
      esc(S.perp[p].label + ' (' + perpCount[p] + ')');
    lg.appendChild(row);
  });
  if (D.sequences.some(function (q) { return q.from < 0; })) {
    var lone = document.createElement('p');
    lone.textContent = '- - \u2192 ' + S.words.sequenceLone;
    lg.appendChild(lone);
  }
  var countNote = document.createElement('p');
  lg.appendChild(countNote);
  var note = document.createElement('p');
  note.textContent = S.words.precision + (D.unlocated ? ' ' + D.unlocatedText : '');
  lg.appendChild(note);

  // ---- time slider ----
  var days = [];
  (function () {
    if (!D.dateMin) return;
    var d = new Date(D.dateMin + 'T00:00:00Z'), end = new Date(D.dateMax + 'T00:00:00Z');
    for (; d <= end && days.length < 20000; d = new Date(d.getTime() + 86400000))
      days.push(d.toISOString().slice(0, 10));
  })();
  var fromEl = document.getElementById('sm-from'), toEl = document.getElementById('sm-to');
  fromEl.max = toEl.max = String(Math.max(days.length - 1, 0));
  fromEl.value = '0';
  toEl.value = String(Math.max(days.length - 1, 0));
  function range() {
    var a = +fromEl.value, b = +toEl.value;
    if (a > b) { var t = a; a = b; b = t; }
    return [days[a] || '', days[b] || ''];
  }
  function onTime() {
    var r = range();
    document.getElementById('sm-dates').textContent = r[0] + ' – ' + r[1];
    redraw();
  }
  fromEl.addEventListener('input', onTime);
  toEl.addEventListener('input', onTime);

  // ---- incidents ----
  function popup(f) {
    var rows = [
      [S.words.date, f.dp === 'month' ? f.date.slice(0, 7) + ' (' + S.words.monthOnly + ')' : f.date + (f.time ? ' ' + f.time : '') + (f.dp && f.dp !== 'day' ? ' (' + f.dp + ')' : '')],
      [S.words.place, f.place],
      [S.words.facilityName, f.facility],
      [S.words.facilityType, S.facility[f.ft] || f.ft],
      [S.words.perpetratorAsWritten, f.perp],
      [S.words.perpetratorClass, S.perp[f.pc] ? S.perp[f.pc].label : f.pc],
      [S.words.weapon, f.weapon],
      [S.words.killed, f.killed >= 0 ? f.killed : ''],
      [S.words.injured, f.injured >= 0 ? f.injured : ''],
      [S.words.damage, f.damage],
      [S.words.location, f.loc],
      [S.words.source, f.source],
      [S.words.notes, f.notes],
      ['id', f.id]
    ];
    var html = '<div class="sm-pop"><table>';
    rows.forEach(function (r) {
      if (r[1] !== '' && r[1] !== null && r[1] !== undefined)
        html += '<tr><th>' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>';
    });
    return html + '</table></div>';
  }

  // The static map's layout (layers/map_static.c), in screen pixels:
  // symbols at (nearly) the same point go on a ring around it, repeat-group
  // members next to each other, then overlapping symbols are pushed apart
  // and joined to their true point by a leader line.
  var repOf = {}, blockWhen = {};
  function when(f) { return f.date + ' ' + (f.time || '99:99'); }
  D.repeats.forEach(function (g, gi) {
    g.members.forEach(function (k) {
      if (repOf[k] === undefined) { repOf[k] = gi; blockWhen[k] = when(D.incidents[g.members[0]]); }
    });
  });
  function layout(list) {
    var n = list.length, parent = [], i, j;
    var pts = list.map(function (k) {
      var f = D.incidents[k], p = map.latLngToLayerPoint([f.lat, f.lon]);
      return { k: k, tx: p.x, ty: p.y, px: p.x, py: p.y, g: 0 };
    });
    for (i = 0; i < n; i++) parent[i] = i;
    function find(a) { while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; } return a; }
    function ringR(c, outlines) { return Math.max((outlines ? 2.2 : 1.8) * R, (R + (outlines ? 14 : 4)) / Math.sin(Math.PI / Math.max(c, 2))); }
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++)
      if (Math.hypot(pts[i].tx - pts[j].tx, pts[i].ty - pts[j].ty) < 1.2 * R) {
        var ri = find(i), rj = find(j);
        if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
    function groupKey(g) {
      var ids = [];
      for (var q = 0; q < n; q++) if (find(q) === g) ids.push(D.incidents[pts[q].k].id);
      return ids.sort().join('|');
    }
    var cnt = [], cx = [], cy = [];
    for (i = 0; i < n; i++) { cnt[i] = 0; cx[i] = 0; cy[i] = 0; }
    for (i = 0; i < n; i++) { var r0 = find(i); cnt[r0]++; cx[r0] += pts[i].tx; cy[r0] += pts[i].ty; }
    for (i = 0; i < n; i++) if (cnt[i]) { cx[i] /= cnt[i]; cy[i] /= cnt[i]; }
    var order = pts.map(function (p, idx) {
      var rep = repOf[p.k];
      return { idx: idx, when: rep === undefined ? when(D.incidents[p.k]) : blockWhen[p.k], rep: rep === undefined ? 1e9 : rep };
    });
    order.sort(function (a, b) { return a.when < b.when ? -1 : a.when > b.when ? 1 : a.rep !== b.rep ? a.rep - b.rep : a.idx - b.idx; });
    for (var g = 0; g < n; g++) {
      if (cnt[g] < 2) continue;
      if (cnt[g] > RING_MAX && !expanded[groupKey(g)]) { // a crowded place: one count (layers/map_static.c)
        var first = true;
        for (i = 0; i < n; i++) if (find(i) === g) {
          pts[i].px = cx[g]; pts[i].py = cy[g];
          pts[i].bubble = first ? cnt[g] : 0; pts[i].hidden = !first; first = false;
          pts[i].key = groupKey(g);
        }
        continue;
      }
      var k = 0, rr = ringR(cnt[g], order.some(function (o) { return o.rep !== 1e9 && find(o.idx) === g; }));
      order.forEach(function (o) {
        var q = pts[o.idx];
        if (find(o.idx) !== g) return;
        var a = -Math.PI / 2 + 2 * Math.PI * k / cnt[g];
        q.px = cx[g] + rr * Math.cos(a);
        q.py = cy[g] + rr * Math.sin(a);
        k++;
      });
    }
    for (i = 0; i < n; i++) pts[i].g = find(i);
    var hx = pts.map(function (p) { return p.px; }), hy = pts.map(function (p) { return p.py; });
    var need = 2 * R + 4;
    for (var it = 0; it < 400; it++) {
      var moved = false;
      for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) {
        var A = pts[i], B = pts[j], dx = B.px - A.px, dy = B.py - A.py, dd = Math.hypot(dx, dy);
        var want = need + ((A.bubble > 0) + (B.bubble > 0)) * R;
        if (A.hidden || B.hidden || dd >= want) continue;
        if (dd < 1e-6) { dx = (j % 7) - 2.5; dy = (i % 5) - 1.5; dd = Math.hypot(dx, dy); }
        var push = (want - dd) / 2 + 0.01;
        A.px -= dx / dd * push; A.py -= dy / dd * push;
        B.px += dx / dd * push; B.py += dy / dd * push;
        moved = true;
      }
      if (!moved) break;
      for (i = 0; i < n; i++) { pts[i].px += 0.04 * (hx[i] - pts[i].px); pts[i].py += 0.04 * (hy[i] - pts[i].py); }
    }
    return pts;
  }

  // A crowded place: its number in a ring cut by perpetrator; a click
  // zooms in until the strikes can be drawn apart.
  function countMarker(ll, members) {
    var per = {}, n = members.length, a0 = -Math.PI / 2, r = 2 * R, w = 2 * r + 4, c = w / 2, svg = '';
    members.forEach(function (q) { var pc = D.incidents[q.k].pc; per[pc] = (per[pc] || 0) + 1; });
    S.perpOrder.forEach(function (pc) {
      if (!per[pc]) return;
      var a1 = a0 + 2 * Math.PI * per[pc] / n, large = a1 - a0 > Math.PI ? 1 : 0;
      if (per[pc] === n) svg += '<circle cx="' + c + '" cy="' + c + '" r="' + r + '" fill="' + S.perp[pc].hex + '"/>';
      else svg += '<path d="M' + c + ' ' + c + 'L' + (c + r * Math.cos(a0)).toFixed(2) + ' ' + (c + r * Math.sin(a0)).toFixed(2) +
        'A' + r + ' ' + r + ' 0 ' + large + ' 1 ' + (c + r * Math.cos(a1)).toFixed(2) + ' ' + (c + r * Math.sin(a1)).toFixed(2) + 'Z" fill="' + S.perp[pc].hex + '"/>';
      a0 = a1;
    });
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + w + '">' + svg +
      '<circle cx="' + c + '" cy="' + c + '" r="' + r + '" fill="none" stroke="#1a1a1a" stroke-width="1.5"/>' +
      '<circle cx="' + c + '" cy="' + c + '" r="' + (1.25 * R) + '" fill="#fff" stroke="#1a1a1a"/>' +
      '<text x="' + c + '" y="' + (c + 4.5) + '" text-anchor="middle" font-size="12.5" font-weight="bold" fill="#111">' + n + '</text></svg>';
    var m = L.marker(ll, { icon: L.divIcon({ className: 'sm-cluster', html: svg, iconSize: [w, w], iconAnchor: [c, c] }), title: S.words.counted });
    m.on('click', function () {
      // strikes at one point can only be drawn apart on a ring; at
      // several points, zooming in also separates them
      var b = L.latLngBounds(members.map(function (q) { var f = D.incidents[q.k]; return [f.lat, f.lon]; }));
      expanded[members[0].key] = true;
      if (b.getNorthEast().equals(b.getSouthWest())) redraw();
      else map.setView(b.getCenter(), Math.min(map.getZoom() + 2, 18));
    });
    return m;
  }

  var drawnCount = 0;
  function redraw() {
    incLayer.clearLayers(); seqLayer.clearLayers(); repLayer.clearLayers();
    var r = range(), list = [];
    D.incidents.forEach(function (f, k) {
      if (shownType[f.ft] && (!r[0] || (f.date >= r[0] && f.date <= r[1]))) list.push(k);
    });
    var pts = layout(list), at = {};
    var counted = 0;
    pts.forEach(function (p) {
      var f = D.incidents[p.k];
      var ll = map.layerPointToLatLng([p.px, p.py]);
      if (p.hidden) { counted++; return; }
      if (p.bubble) {
        counted++;
        var members = pts.filter(function (q) { return q.g === p.g; });
        incLayer.addLayer(countMarker(ll, members));
        return;
      }
      at[p.k] = p;
      if (p.px !== p.tx || p.py !== p.ty) {
        incLayer.addLayer(L.polyline([[f.lat, f.lon], ll], { pane: 'smLeaders', color: '#333', weight: 0.9, opacity: 0.8, interactive: false }));
        incLayer.addLayer(L.circleMarker([f.lat, f.lon], { pane: 'smLeaders', radius: 2.2, color: '#1a1a1a', weight: 0, fillOpacity: 1, interactive: false }));
      }
      var w = 2 * R + 4;
      var m = L.marker(ll, {
        icon: L.divIcon({ className: 'sm-incident', html: symbolSvg(f.ft, S.perp[f.pc] ? S.perp[f.pc].hex : '#999999', R, 1.35), iconSize: [w, w], iconAnchor: [w / 2, w / 2] }),
        title: f.date + ' ' + (f.place || ''),
        keyboard: true
      });
      m.bindPopup(popup(f), { maxWidth: 380 });
      incLayer.addLayer(m);
    });
    D.sequences.forEach(function (q) {
      var b = at[q.to], a = q.from >= 0 ? at[q.from] : null;
      if (!b || (q.from >= 0 && !a)) return;
      var ax = a ? a.px : b.px - 3.2 * R, ay = a ? a.py : b.py - 3.2 * R;
      var len = Math.hypot(b.px - ax, b.py - ay) || 1;
      var ux = (b.px - ax) / len, uy = (b.py - ay) / len;
      var sx = a ? ax + ux * (R + 2) : ax, sy = a ? ay + uy * (R + 2) : ay;
      var ex = b.px - ux * (R + 3), ey = b.py - uy * (R + 3);
      var line = [map.layerPointToLatLng([sx, sy]), map.layerPointToLatLng([ex, ey])];
      seqLayer.addLayer(L.polyline(line, { pane: 'smSequences', color: '#fff', weight: 4.2, opacity: 0.9, interactive: false }));
      seqLayer.addLayer(L.polyline(line, { pane: 'smSequences', color: '#141414', weight: 1.9, dashArray: a ? null : '4 3', interactive: false }));
      var ang = Math.atan2(uy, ux), hs = 8.5;
      var head = [[ex + 2 * ux, ey + 2 * uy], [ex - hs * Math.cos(ang - 0.42), ey - hs * Math.sin(ang - 0.42)], [ex - hs * Math.cos(ang + 0.42), ey - hs * Math.sin(ang + 0.42)]];
      seqLayer.addLayer(L.polygon(head.map(function (p) { return map.layerPointToLatLng(p); }), { pane: 'smSequences', color: '#141414', weight: 0, fillOpacity: 1, interactive: false }));
      if (a || q.gap >= 0) seqLayer.addLayer(L.tooltip({ permanent: true, direction: 'top', className: 'sm-gap', interactive: false })
        .setLatLng(map.layerPointToLatLng([(sx + ex) / 2 - uy * 10, (sy + ey) / 2 + ux * 10])).setContent(esc(q.label)));
    });
    D.repeats.forEach(function (g) {
      var ms = g.members.map(function (k) { return at[k]; }).filter(Boolean);
      if (!ms.length) return;
      var half = R + 4;
      var together = ms.every(function (p) { return p.g === ms[0].g; });
      // an outline through the members must not take in anyone else
      function segDist(x, y, a, b) {
        var dx = b.px - a.px, dy = b.py - a.py, l2 = dx * dx + dy * dy;
        var t = l2 > 0 ? Math.max(0, Math.min(1, ((x - a.px) * dx + (y - a.py) * dy) / l2)) : 0;
        return Math.hypot(x - (a.px + t * dx), y - (a.py + t * dy));
      }
      Object.keys(at).forEach(function (k) {
        var p = at[k];
        if (!together || ms.indexOf(p) >= 0) return;
        for (var i = 0; i + 1 < ms.length; i++)
          if (segDist(p.px, p.py, ms[i], ms[i + 1]) < half + R) together = false;
      });
      var runs = together ? [ms] : ms.map(function (p) { return [p]; });
      if (!together)
        repLayer.addLayer(L.polyline(ms.map(function (p) { return map.layerPointToLatLng([p.px, p.py]); }), { pane: 'smRepeats', color: '#0d0d0d', weight: 1.2, interactive: false }));
      runs.forEach(function (run) {
        var lls = run.map(function (p) { return map.layerPointToLatLng([p.px, p.py]); });
        if (lls.length === 1) lls.push(map.layerPointToLatLng([run[0].px + 0.01, run[0].py]));
        repLayer.addLayer(L.polyline(lls, { pane: 'smRepeats', color: '#0d0d0d', weight: 2 * half + 4, lineCap: 'round', lineJoin: 'round', interactive: false }));
        repLayer.addLayer(L.polyline(lls, { pane: 'smRepeats', color: '#ffffff', weight: 2 * half, lineCap: 'round', lineJoin: 'round', interactive: false }));
      });
      var e = ms[ms.length - 1];
      repLayer.addLayer(L.tooltip({ permanent: true, direction: 'center', className: 'sm-count', interactive: false })
        .setLatLng(map.layerPointToLatLng([e.px + half * 0.8, e.py - half * 0.8])).setContent(String(g.count)));
    });
    drawnCount = pts.length - counted;
    document.body.dataset.counted = String(counted);
    countNote.textContent = counted ? '\u25CE ' + S.words.counted : '';
    document.body.dataset.drawnIncidents = String(document.querySelectorAll('.sm-incident').length);
    document.body.dataset.drawnSequences = String(D.sequences.filter(function (q) { return at[q.to] && (q.from < 0 || at[q.from]); }).length);
    document.body.dataset.drawnRepeats = String(D.repeats.filter(function (g) { return g.members.some(function (k) { return at[k]; }); }).length);
  }

  var b = D.bounds; // [minlon, minlat, maxlon, maxlat]
  map.invalidateSize();
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [8, 8] });
  showTowns();
  map.on('zoomend', redraw);
  map.on('zoomend', showTowns);
  onTime();
  document.body.dataset.incidents = String(D.incidents.length);
  document.body.dataset.unlocated = String(D.unlocated);
  document.body.dataset.ready = '1';
})();
