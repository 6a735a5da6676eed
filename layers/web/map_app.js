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
  var R = 8.5; // symbol radius, px (as on the static map)
  var map = L.map('sm-map', { zoomSnap: 0.25, preferCanvas: false, attributionControl: false });
  L.control.scale({ imperial: false, maxWidth: 160 }).addTo(map);

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
      govLabels.addLayer(L.tooltip({ permanent: true, direction: 'center', className: 'sm-gov', interactive: false })
        .setLatLng([f.properties.label[1], f.properties.label[0]]).setContent(esc(f.properties.name)));
  });
  var zoneLayer = L.geoJSON(D.zones, {
    style: { color: '#5B3E87', weight: 1.6, dashArray: '6 4', fillColor: '#7B5EA7', fillOpacity: 0.16 },
    onEachFeature: function (f, l) { l.bindTooltip(esc(f.properties.name)); }
  });
  var townLayer = L.layerGroup();
  D.towns.forEach(function (t) {
    townLayer.addLayer(L.circleMarker([t.lat, t.lon], { radius: 3, color: '#333', weight: 1.3, fillColor: '#fff', fillOpacity: 1, interactive: false })
      .bindTooltip(esc(t.name), { permanent: true, direction: 'right', className: 'sm-label', offset: [4, 0] }));
  });
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
      [S.words.date, f.date + (f.time ? ' ' + f.time : '')],
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

  // Union-find clusters of symbols that would overlap, then groups whose
  // rings overlap (the static map's rule, in screen pixels).
  function layout(list) {
    var n = list.length, parent = [], i, j;
    var pts = list.map(function (k) {
      var f = D.incidents[k], p = map.latLngToLayerPoint([f.lat, f.lon]);
      return { k: k, tx: p.x, ty: p.y, px: p.x, py: p.y };
    });
    for (i = 0; i < n; i++) parent[i] = i;
    function find(a) { while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; } return a; }
    function ringR(c) { return Math.max(1.7 * R + 3, c * (2 * R + 3) / (2 * Math.PI)); }
    var cnt, cx, cy, rad;
    for (var pass = 0; pass < 50; pass++) {
      cnt = []; cx = []; cy = []; rad = [];
      for (i = 0; i < n; i++) { cnt[i] = 0; cx[i] = 0; cy[i] = 0; }
      for (i = 0; i < n; i++) { var r0 = find(i); cnt[r0]++; cx[r0] += pts[i].tx; cy[r0] += pts[i].ty; }
      for (i = 0; i < n; i++) if (cnt[i]) {
        cx[i] /= cnt[i]; cy[i] /= cnt[i];
        rad[i] = cnt[i] === 1 ? R : ringR(cnt[i]) + R;
        if (cnt[i] > 1) for (j = 0; j < n; j++) if (find(j) === i)
          rad[i] = Math.max(rad[i], Math.hypot(pts[j].tx - cx[i], pts[j].ty - cy[i]) + R);
      }
      var merged = false;
      for (i = 0; i < n && !merged; i++) if (cnt[i]) for (j = i + 1; j < n && !merged; j++) if (cnt[j]) {
        if (Math.hypot(cx[i] - cx[j], cy[i] - cy[j]) < rad[i] + rad[j] + 2) { parent[j] = i; merged = true; }
      }
      if (!merged) break;
    }
    for (var g = 0; g < n; g++) {
      if (cnt[g] < 2) continue;
      var k = 0, rr = ringR(cnt[g]);
      for (i = 0; i < n; i++) if (find(i) === g) {
        var a = -Math.PI / 2 + 2 * Math.PI * k / cnt[g];
        pts[i].px = cx[g] + rr * Math.cos(a);
        pts[i].py = cy[g] + rr * Math.sin(a);
        k++;
      }
    }
    return pts;
  }

  var drawnCount = 0;
  function redraw() {
    incLayer.clearLayers(); seqLayer.clearLayers(); repLayer.clearLayers();
    var r = range(), list = [];
    D.incidents.forEach(function (f, k) {
      if (shownType[f.ft] && (!r[0] || (f.date >= r[0] && f.date <= r[1]))) list.push(k);
    });
    var pts = layout(list), at = {};
    pts.forEach(function (p) {
      var f = D.incidents[p.k];
      var ll = map.layerPointToLatLng([p.px, p.py]);
      at[p.k] = p;
      if (p.px !== p.tx || p.py !== p.ty) {
        incLayer.addLayer(L.polyline([[f.lat, f.lon], ll], { color: '#333', weight: 0.9, opacity: 0.8, interactive: false }));
        incLayer.addLayer(L.circleMarker([f.lat, f.lon], { radius: 2.2, color: '#1a1a1a', weight: 0, fillOpacity: 1, interactive: false }));
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
      seqLayer.addLayer(L.polyline(line, { color: '#fff', weight: 4.2, opacity: 0.9, interactive: false }));
      seqLayer.addLayer(L.polyline(line, { color: '#141414', weight: 1.9, dashArray: a ? null : '4 3', interactive: false }));
      var ang = Math.atan2(uy, ux), hs = 8.5;
      var head = [[ex + 2 * ux, ey + 2 * uy], [ex - hs * Math.cos(ang - 0.42), ey - hs * Math.sin(ang - 0.42)], [ex - hs * Math.cos(ang + 0.42), ey - hs * Math.sin(ang + 0.42)]];
      seqLayer.addLayer(L.polygon(head.map(function (p) { return map.layerPointToLatLng(p); }), { color: '#141414', weight: 0, fillOpacity: 1, interactive: false }));
      seqLayer.addLayer(L.tooltip({ permanent: true, direction: 'top', className: 'sm-gap', interactive: false })
        .setLatLng(map.layerPointToLatLng([(sx + ex) / 2 - uy * 10, (sy + ey) / 2 + ux * 10])).setContent(esc(q.label)));
    });
    D.repeats.forEach(function (g) {
      var ms = g.members.map(function (k) { return at[k]; }).filter(Boolean);
      if (!ms.length) return;
      var cx = 0, cy = 0, rr = 0;
      ms.forEach(function (p) { cx += p.px; cy += p.py; });
      cx /= ms.length; cy /= ms.length;
      ms.forEach(function (p) { rr = Math.max(rr, Math.hypot(p.px - cx, p.py - cy)); });
      rr += R + 5;
      var c = map.layerPointToLatLng([cx, cy]);
      repLayer.addLayer(L.circleMarker(c, { radius: rr, color: '#fff', weight: 4.5, opacity: 0.9, fill: false, interactive: false }));
      repLayer.addLayer(L.circleMarker(c, { radius: rr, color: '#0d0d0d', weight: 2, fill: false, interactive: false }));
      repLayer.addLayer(L.tooltip({ permanent: true, direction: 'center', className: 'sm-count', interactive: false })
        .setLatLng(map.layerPointToLatLng([cx + rr * 0.707, cy - rr * 0.707])).setContent(String(g.count)));
    });
    drawnCount = pts.length;
    document.body.dataset.drawnIncidents = String(document.querySelectorAll('.sm-incident').length);
    document.body.dataset.drawnSequences = String(D.sequences.filter(function (q) { return at[q.to] && (q.from < 0 || at[q.from]); }).length);
    document.body.dataset.drawnRepeats = String(D.repeats.filter(function (g) { return g.members.some(function (k) { return at[k]; }); }).length);
  }

  var b = D.bounds; // [minlon, minlat, maxlon, maxlat]
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  map.on('zoomend', redraw);
  onTime();
  document.body.dataset.incidents = String(D.incidents.length);
  document.body.dataset.unlocated = String(D.unlocated);
  document.body.dataset.ready = '1';
})();
