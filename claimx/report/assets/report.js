/* claimx report: draws the page from the JSON block. Article text only ever goes into
   textContent / createTextNode, never into innerHTML. No request leaves the page. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("claimx-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var claims = DATA.claims, events = DATA.events, outletNames = DATA.outlets;
  var hasEvents = !!DATA.meta.hasEvents;
  var EVENT_CHUNK = 20, CLAIM_CHUNK = 50, CLAIMS_PER_OUTLET = 3, OPEN_FIRST = 1;
  var openMode = "first"; /* which event cards show their claims: "first", "all" or "none" */
  var ROLE_LABEL = { action: "action", actor: "actor", target: "target", location: "place", date: "date",
    killed: "killed", injured: "injured" };
  var SLOT_ROLE = { actor: "actor", target: "target", location: "location", date: "date", killed: "killed",
    injured: "injured", event: "action", negation: "action" };
  var STATUS_LABEL = { contested: "disputed", corroborated: "corroborated", single: "single source" };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function svgEl(tag, attrs, cls) {
    var n = document.createElementNS(SVGNS, tag);
    for (var k in attrs) n.setAttribute(k, String(attrs[k]));
    if (cls) n.setAttribute("class", cls);
    return n;
  }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function typeLabel(t) { return String(t || "other").replace(/_/g, " "); }

  /* ---- derived fields, computed once ---- */
  claims.forEach(function (c) {
    var f = c.f;
    c.outlet = outletNames[c.o];
    c.place = f.location_norm || f.location || f.admin1 || "";
    c.when = f.date_norm || c.pub || "";
    c.blob = [c.s, f.actor, f.actor_norm, f.target, f.target_norm, f.location, f.location_norm, f.admin1,
      f.attributed_to, f.action, c.doc, c.outlet].join("\n").toLowerCase();
  });
  events.forEach(function (e) {
    e.places = [e.pl || "", e.a1 || ""];
    e.c.forEach(function (i) { e.places.push(claims[i].f.location || "", claims[i].f.admin1 || ""); });
    e.blob = null;
  });
  function eventBlob(e) {
    if (e.blob === null) {
      e.blob = e.c.map(function (i) { return claims[i].blob; }).join("\n") + "\n" +
        [e.pl, e.a1, e.id].concat(e.o, e.act || [], e.tgt || []).join("\n").toLowerCase();
    }
    return e.blob;
  }

  /* ---- filters ---- */
  var state = { q: "", outlet: "", place: "", from: "", to: "", type: "",
    tab: hasEvents ? "contested" : "claims", shown: 0 };

  function dateSpan(d) {
    if (!d) return null;
    if (d.length === 4) return [d + "-01-01", d + "-12-31"];
    if (d.length === 7) return [d + "-01", d + "-31"];
    return [d, d];
  }
  function dateOk(d) {
    if (!state.from && !state.to) return true;
    var s = dateSpan(d);
    if (!s) return false;
    return !(state.from && s[1] < state.from) && !(state.to && s[0] > state.to);
  }
  function placeOk(values) {
    if (!state.place) return true;
    var p = state.place.toLowerCase();
    return values.some(function (v) { return v && v.toLowerCase().indexOf(p) >= 0; });
  }
  function eventOk(e, skip) {
    if (state.type && e.t !== state.type) return false;
    if (state.outlet && e.o.indexOf(state.outlet) < 0) return false;
    if (skip !== "place" && !placeOk(e.places)) return false;
    if (skip !== "date" && !dateOk(e.d)) return false;
    if (state.q && eventBlob(e).indexOf(state.q) < 0) return false;
    return true;
  }
  function claimOk(c, skip) {
    if (state.type && c.f.action_type !== state.type) return false;
    if (state.outlet && c.outlet !== state.outlet) return false;
    if (skip !== "place" && !placeOk([c.place, c.f.location || "", c.f.admin1 || ""])) return false;
    if (skip !== "date" && !dateOk(c.when)) return false;
    if (state.q && c.blob.indexOf(state.q) < 0) return false;
    return true;
  }

  /* ---- header ---- */
  function stat(parent, n, label, cls) {
    var s = el("span", "stat" + (cls ? " " + cls : ""));
    s.appendChild(el("b", null, fmt(n)));
    s.appendChild(document.createTextNode(" " + label));
    parent.appendChild(s);
  }
  function drawStats() {
    var box = $("stats"), docs = {};
    claims.forEach(function (c) { docs[c.doc] = 1; });
    stat(box, claims.length, "claims");
    stat(box, Object.keys(docs).length, "articles");
    stat(box, outletNames.length, "outlets");
    if (hasEvents) {
      var n = { contested: 0, corroborated: 0, single: 0 };
      events.forEach(function (e) { n[e.st] += 1; });
      stat(box, events.length, "events");
      stat(box, n.contested, "disputed", "contested");
      stat(box, n.corroborated, "corroborated", "corroborated");
      stat(box, n.single, "single-source");
    }
    if (DATA.meta.notes.length) {
      box.parentNode.appendChild(el("p", "notes", "Note: " + DATA.meta.notes.join("; ")));
    }
  }

  /* ---- filter controls ---- */
  function fillSelect(sel, values) {
    values.forEach(function (v) {
      var o = el("option", null, v[1]);
      o.value = v[0];
      sel.appendChild(o);
    });
  }
  function setupFilters() {
    var oc = {}, tc = {}, pc = {};
    claims.forEach(function (c) {
      oc[c.outlet] = (oc[c.outlet] || 0) + 1;
      tc[c.f.action_type] = (tc[c.f.action_type] || 0) + 1;
      if (c.place) pc[c.place] = (pc[c.place] || 0) + 1;
      if (c.f.admin1) pc[c.f.admin1] = (pc[c.f.admin1] || 0) + 1;
    });
    function ranked(counts) {
      return Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    }
    fillSelect($("f-outlet"), ranked(oc).map(function (k) { return [k, k + " (" + oc[k] + ")"]; }));
    fillSelect($("f-type"), ranked(tc).map(function (k) { return [k, typeLabel(k) + " (" + tc[k] + ")"]; }));
    var dl = $("place-list");
    ranked(pc).slice(0, 400).forEach(function (k) { var o = el("option"); o.value = k; dl.appendChild(o); });
    var timer = null;
    function read() {
      state.q = $("f-q").value.trim().toLowerCase();
      state.outlet = $("f-outlet").value;
      state.place = $("f-place").value.trim();
      state.from = $("f-from").value;
      state.to = $("f-to").value;
      state.type = $("f-type").value;
      redraw();
    }
    ["f-q", "f-place"].forEach(function (id) {
      $(id).addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(read, 180); });
    });
    ["f-outlet", "f-from", "f-to", "f-type", "f-place"].forEach(function (id) {
      $(id).addEventListener("change", read);
    });
    $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); read(); });
    $("filters").addEventListener("reset", function () { setTimeout(read, 0); });
  }
  function setFilter(id, value) { $(id).value = value; $(id).dispatchEvent(new Event("change")); }

  /* ---- tabs and lists ---- */
  var TABS = hasEvents ? [["contested", "Disputed events"], ["corroborated", "Corroborated events"],
    ["single", "Single-source events"], ["claims", "All claims"], ["outlets", "Outlets"]] :
    [["claims", "Claims"], ["outlets", "Outlets"]];
  var current = [], observer = null;

  function drawTabs(counts) {
    var nav = $("tabs");
    nav.replaceChildren();
    TABS.forEach(function (t) {
      var b = el("button", "tab t-" + t[0], t[1]);
      b.type = "button";
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(state.tab === t[0]));
      if (counts[t[0]] !== undefined) b.appendChild(el("span", "n", fmt(counts[t[0]])));
      b.addEventListener("click", function () { state.tab = t[0]; redraw(); window.scrollTo(0, 0); });
      nav.appendChild(b);
    });
  }

  function redraw() {
    var lists = { contested: [], corroborated: [], single: [], claims: [] };
    if (hasEvents) events.forEach(function (e, i) { if (eventOk(e)) lists[e.st].push(i); });
    claims.forEach(function (c, i) { if (claimOk(c)) lists.claims.push(i); });
    drawTabs({ contested: lists.contested.length, corroborated: lists.corroborated.length,
      single: lists.single.length, claims: lists.claims.length });
    var panel = $("panel");
    panel.replaceChildren();
    if (observer) observer.disconnect();
    if (state.tab === "outlets") {
      drawOutlets(panel);
    } else {
      current = lists[state.tab];
      state.shown = 0;
      if (state.tab !== "claims" && current.length) panel.appendChild(eventToolbar(current.length));
      if (!current.length) panel.appendChild(el("p", "empty", "Nothing matches these filters."));
      else { panel.appendChild(el("div", "items")); more(); }
    }
    drawMap();
    drawTimeline();
  }

  var TAB_HELP = {
    contested: "events whose outlets disagree, the most widely reported first",
    corroborated: "events reported alike by more than one outlet",
    single: "events only one outlet reported"
  };
  function eventToolbar(n) {
    var bar = el("div", "toolbar");
    bar.appendChild(el("span", "help", plural(n, "event") + ": " + TAB_HELP[state.tab] + "."));
    [["open all", "all"], ["close all", "none"]].forEach(function (b) {
      var btn = el("button", "linkish", b[0]);
      btn.type = "button";
      btn.addEventListener("click", function () { openMode = b[1]; redraw(); });
      bar.appendChild(btn);
    });
    return bar;
  }

  function more() {
    var panel = $("panel"), box = panel.querySelector(".items");
    var old = panel.querySelector(".more");
    if (old) old.remove();
    var isClaims = state.tab === "claims", step = isClaims ? CLAIM_CHUNK : EVENT_CHUNK;
    var end = Math.min(current.length, state.shown + step);
    var frag = document.createDocumentFragment();
    for (var k = state.shown; k < end; k++) {
      frag.appendChild(isClaims ? claimRow(current[k]) : eventCard(events[current[k]], openMode === "all" || (openMode === "first" && k < OPEN_FIRST)));
    }
    box.appendChild(frag);
    state.shown = end;
    if (end < current.length) {
      var b = el("button", "more", "Show more (" + fmt(current.length - end) + " left)");
      b.type = "button";
      b.addEventListener("click", more);
      panel.appendChild(b);
      if ("IntersectionObserver" in window) {
        observer = new IntersectionObserver(function (entries) {
          if (entries.some(function (x) { return x.isIntersecting; })) { observer.disconnect(); more(); }
        }, { rootMargin: "600px" });
        observer.observe(b);
      }
    }
  }

  /* ---- one claim ---- */
  function sentence(c, hot) {
    var q = el("blockquote", "sent"), pos = 0, s = c.s;
    c.m.forEach(function (m) {
      if (m[0] < pos) return;
      if (m[0] > pos) q.appendChild(document.createTextNode(s.slice(pos, m[0])));
      var mk = el("mark", "m m-" + m[2] + (hot[m[2]] ? " m-dispute" : ""));
      mk.appendChild(document.createTextNode(s.slice(m[0], m[1])));
      mk.appendChild(el("span", "m-tag", ROLE_LABEL[m[2]] || m[2]));
      q.appendChild(mk);
      pos = m[1];
    });
    if (pos < s.length) q.appendChild(document.createTextNode(s.slice(pos)));
    return q;
  }
  function slotRow(dl, label, value, norm, hot) {
    if ((value === undefined || value === null || value === "") && !hot) return;
    var pair = el("div", "slot");
    pair.appendChild(el("dt", null, label));
    var dd = el("dd", hot ? "hl" : null, value === undefined || value === null ? "—" : value);
    if (norm && norm !== value) dd.appendChild(el("span", "norm", " → " + norm));
    pair.appendChild(dd);
    dl.appendChild(pair);
  }
  function claimBody(c) {
    var f = c.f, hot = {}, roles = {};
    (c.ds || []).forEach(function (s) { hot[s] = 1; roles[SLOT_ROLE[s] || s] = 1; });
    var box = el("div", "claim");
    var dl = el("dl", "slots");
    slotRow(dl, "actor", f.actor, f.actor_norm, hot.actor);
    slotRow(dl, "action", f.action + " (" + typeLabel(f.action_type) + ")", null, hot.event);
    slotRow(dl, "target", f.target, f.target_norm, hot.target);
    var where = [];
    if (f.location_norm && f.location_norm !== f.location) where.push(f.location_norm);
    if (f.admin1 && f.admin1 !== (f.location_norm || f.location)) where.push(f.admin1);
    if (f.country && f.country !== "Syria" && f.country !== f.location) where.push(f.country);
    slotRow(dl, "place", f.location || f.location_norm, where.join(", ") || null, hot.location);
    slotRow(dl, "date", f.date, f.date_norm, hot.date);
    slotRow(dl, "killed", f.killed, null, hot.killed);
    slotRow(dl, "injured", f.injured, null, hot.injured);
    slotRow(dl, "says who", f.attributed_to, null, false);
    if (c.neg || c.hed || hot.negation) {
      slotRow(dl, "stance", c.neg ? "denied" : c.hed ? "alleged / uncertain" : "asserted", null, hot.negation);
    }
    box.appendChild(dl);
    box.appendChild(sentence(c, roles));
    var meta = el("div", "cmeta");
    meta.appendChild(el("span", null, c.doc));
    if (c.pub) meta.appendChild(el("span", null, "published " + c.pub));
    meta.appendChild(el("span", null, "confidence " + c.conf));
    if (c.neg) meta.appendChild(el("span", "flag neg", "denied"));
    if (c.hed) meta.appendChild(el("span", "flag hed", "hedged"));
    box.appendChild(meta);
    return box;
  }
  function claimRow(i) {
    var c = claims[i], row = el("div", "claimrow");
    var head = el("div", "cmeta");
    var who = el("button", "linkish who", c.outlet);
    who.type = "button";
    who.addEventListener("click", function () { setFilter("f-outlet", c.outlet); });
    head.appendChild(who);
    if (c.e !== undefined) {
      var e = events[c.e];
      var go = el("button", "linkish", STATUS_LABEL[e.st] + " event " + e.id);
      go.type = "button";
      go.addEventListener("click", function () {
        state.tab = e.st; $("f-q").value = e.id.toLowerCase(); state.q = e.id.toLowerCase(); redraw();
      });
      head.appendChild(go);
    }
    row.appendChild(head);
    row.appendChild(claimBody(c));
    return row;
  }

  /* ---- one event ---- */
  function plural(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }
  function shortList(items, n) {
    return items.slice(0, n).join(" / ") + (items.length > n ? " +" + (items.length - n) : "");
  }
  function reasonList(rels, n, total) {
    var ul = el("ul");
    rels.slice(0, n).forEach(function (r) {
      var li = el("li");
      li.appendChild(el("span", "slotchip", r[3]));
      li.appendChild(document.createTextNode(r[4] || "(no reason given)"));
      li.appendChild(el("span", "norm", " — " + claims[r[0]].outlet + " vs " + claims[r[1]].outlet));
      ul.appendChild(li);
    });
    var left = Math.max(total, rels.length) - n;
    if (left > 0 && rels.length > n) {
      var li = el("li", "norm"), b = el("button", "linkish", "show more");
      b.type = "button";
      b.addEventListener("click", function () { ul.replaceWith(reasonList(rels, n + 20, total)); });
      li.appendChild(document.createTextNode("and " + fmt(left) + " more: "));
      li.appendChild(b);
      ul.appendChild(li);
    } else if (left > 0) {
      ul.appendChild(el("li", "norm", "and " + fmt(left) + " more in relations.jsonl"));
    }
    return ul;
  }
  function outletGrid(e) {
    var groups = {}, order = [];
    e.c.forEach(function (i) {
      var o = claims[i].outlet;
      if (!groups[o]) { groups[o] = []; order.push(o); }
      groups[o].push(i);
    });
    var cols = el("div", "outlets");
    order.forEach(function (o) {
      var col = el("section", "outlet");
      var h = el("h4", null, o);
      h.appendChild(el("small", null, plural(groups[o].length, "claim")));
      col.appendChild(h);
      var list = groups[o];
      list.slice(0, CLAIMS_PER_OUTLET).forEach(function (i) { col.appendChild(claimBody(claims[i])); });
      if (list.length > CLAIMS_PER_OUTLET) {
        var b = el("button", "linkish", "show " + (list.length - CLAIMS_PER_OUTLET) + " more");
        b.type = "button";
        b.addEventListener("click", function () {
          list.slice(CLAIMS_PER_OUTLET).forEach(function (i) { col.insertBefore(claimBody(claims[i]), b); });
          b.remove();
        });
        col.appendChild(b);
      }
      cols.appendChild(col);
    });
    return cols;
  }
  var HOLDERS_SHOWN = 6;
  function disputeBlock(d) {
    var box = el("section", "dispute");
    var head = el("div", "dispute-head");
    head.appendChild(el("span", "slotchip", d[0]));
    head.appendChild(document.createTextNode(plural(d[2].length, "position")));
    box.appendChild(head);
    var cols = el("div", "positions");
    d[2].forEach(function (p) {
      var col = el("div", "position");
      var v = el("div", "pos-value", p[0]);
      if (p[3]) v.appendChild(el("span", "norm", " (alleged)"));
      col.appendChild(v);
      var who = el("ul", "pos-holders");
      p[1].slice(0, HOLDERS_SHOWN).forEach(function (h) { who.appendChild(el("li", null, h)); });
      if (p[1].length > HOLDERS_SHOWN) {
        var more = el("li", "norm"), b = el("button", "linkish", "and " + fmt(p[1].length - HOLDERS_SHOWN) + " more");
        b.type = "button";
        b.addEventListener("click", function () {
          p[1].slice(HOLDERS_SHOWN).forEach(function (h) { who.insertBefore(el("li", null, h), more); });
          more.remove();
        });
        more.appendChild(b);
        who.appendChild(more);
      }
      col.appendChild(who);
      col.appendChild(el("blockquote", "pos-evidence", p[2]));
      cols.appendChild(col);
    });
    box.appendChild(cols);
    return box;
  }
  function eventCard(e, open) {
    var card = el("article", "event " + e.st);
    var head = el("div", "ev-head");
    head.appendChild(el("span", "badge " + e.st, STATUS_LABEL[e.st]));
    var title = [typeLabel(e.t)];
    if (e.pl) title.push(e.pl + (e.a1 ? ", " + e.a1 : ""));
    title.push(e.d || "date unknown");
    head.appendChild(el("h3", null, title.join(" · ")));
    var meta = [plural(e.o.length, "outlet"), plural(e.c.length, "claim")];
    if (e.k) meta.push("killed " + (e.k[0] === e.k[2] ? e.k[1] : e.k[0] + "–" + e.k[2] + " (best " + e.k[1] + ")"));
    if (e.act) meta.push("by " + shortList(e.act, 3));
    meta.push(e.id);
    head.appendChild(el("span", "ev-meta", meta.join(" · ")));
    card.appendChild(head);
    var contra = e.r.filter(function (r) { return r[2] === "contradicts"; });
    var corro = e.r.filter(function (r) { return r[2] === "corroborates"; });
    var box = null;
    if (e.st === "contested") {
      box = el("div", "disputes");
      var line = el("div");
      line.appendChild(el("b", null, "Disputed: "));
      (e.ds || []).forEach(function (s) { line.appendChild(el("span", "slotchip", s)); });
      if (!contra.length && !e.dp) line.appendChild(document.createTextNode("marked contested by the resolver"));
      box.appendChild(line);
      (e.dp || []).forEach(function (d) { box.appendChild(disputeBlock(d)); });
      card.appendChild(box);
    } else if (corro.length) {
      card.appendChild(el("div", "agree", plural(e.nr[1], "corroborating pair") + ", e.g. " + (corro[0][4] || "")));
    }
    var bar = el("div", "ev-bar");
    var toggle = el("button", "toggle");
    toggle.type = "button";
    bar.appendChild(toggle);
    bar.appendChild(el("span", "ev-outlets", e.o.join(" · ")));
    if (e.pl) {
      var pin = el("button", "linkish", "only this place");
      pin.type = "button";
      pin.addEventListener("click", function () { setFilter("f-place", e.pl); });
      bar.appendChild(pin);
    }
    card.appendChild(bar);
    var body = el("div", "ev-body");
    card.appendChild(body);
    function setOpen(isOpen) {
      if (box && contra.length && !e.dp) {
        var old = box.querySelector("ul");
        if (old) old.remove();
        box.appendChild(reasonList(contra, isOpen ? 4 : 2, e.nr[0]));
      }
      body.replaceChildren();
      if (isOpen) body.appendChild(outletGrid(e));
      toggle.textContent = isOpen ? "▾ hide the claims" :
        "▸ compare " + (e.o.length > 1 ? "the " + e.o.length + " outlets' " : "the ") + plural(e.c.length, "claim");
      toggle.setAttribute("aria-expanded", String(isOpen));
      card.classList.toggle("open", isOpen);
    }
    toggle.addEventListener("click", function () { setOpen(!card.classList.contains("open")); });
    setOpen(open);
    return card;
  }

  /* ---- outlets ---- */
  function drawOutlets(panel) {
    panel.appendChild(el("h2", null, "Agreement by outlet"));
    panel.appendChild(el("p", "help", "Agreement: of the claim pairs judged between this outlet and another one, " +
      "the share that corroborate. Shared events: events another outlet also reported. For the whole input."));
    var cols = ["Outlet", "Claims", "Articles", "Events", "Shared events", "Corroborated", "Contradicted",
      "Agreement"];
    var rows = DATA.table.map(function (r) {
      var judged = r[5] + r[6];
      return r.concat([judged ? r[5] / judged : -1]);
    });
    var table = el("table", "grid"), sortCol = 1, sortDir = -1;
    var thead = el("thead"), tr = el("tr"), tbody = el("tbody");
    cols.forEach(function (name, ci) {
      var th = el("th", null, name);
      th.addEventListener("click", function () {
        sortDir = sortCol === ci ? -sortDir : (ci === 0 ? 1 : -1);
        sortCol = ci;
        fillRows();
      });
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.appendChild(thead);
    table.appendChild(tbody);
    function fillRows() {
      rows.sort(function (a, b) {
        var x = a[sortCol], y = b[sortCol];
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir || (a[0] < b[0] ? -1 : 1);
      });
      tbody.replaceChildren();
      rows.forEach(function (r) {
        var row = el("tr");
        var name = el("td"), b = el("button", "linkish", r[0]);
        b.type = "button";
        b.addEventListener("click", function () { state.tab = hasEvents ? "contested" : "claims"; setFilter("f-outlet", r[0]); });
        name.appendChild(b);
        row.appendChild(name);
        for (var k = 1; k <= 6; k++) row.appendChild(el("td", null, fmt(r[k])));
        var agree = el("td");
        if (r[7] >= 0) {
          var bar = el("span", "bar" + (r[7] < 0.5 ? " low" : ""));
          bar.style.width = Math.round(r[7] * 60) + "px";
          agree.appendChild(bar);
          agree.appendChild(document.createTextNode(Math.round(r[7] * 100) + "%"));
        } else agree.textContent = "—";
        row.appendChild(agree);
        tbody.appendChild(row);
      });
    }
    fillRows();
    panel.appendChild(table);
    drawMatrix(panel);
  }
  function drawMatrix(panel) {
    if (!DATA.pairs.length) return;
    var cell = {}, seen = {};
    DATA.pairs.forEach(function (p) {
      cell[p[0] + "\u0000" + p[1]] = p; cell[p[1] + "\u0000" + p[0]] = p;
      seen[p[0]] = (seen[p[0]] || 0) + p[2] + p[3]; seen[p[1]] = (seen[p[1]] || 0) + p[2] + p[3];
    });
    var names = Object.keys(seen).sort(function (a, b) { return seen[b] - seen[a] || (a < b ? -1 : 1); });
    names = names.slice(0, 16);
    panel.appendChild(el("h2", null, "Outlet against outlet"));
    panel.appendChild(el("p", "help", "Each cell: claim pairs that corroborate / contradict. " +
      "Green: under a quarter contradict; yellow: under half; red: half or more."));
    var table = el("table", "grid matrix"), head = el("tr");
    head.appendChild(el("th"));
    names.forEach(function (n) { head.appendChild(el("th", "rot", n)); });
    table.appendChild(head);
    names.forEach(function (a) {
      var tr = el("tr");
      tr.appendChild(el("th", null, a));
      names.forEach(function (b) {
        var p = cell[a + "\u0000" + b], td;
        if (!p) { td = el("td", "c0", "·"); }
        else {
          var share = p[3] / (p[2] + p[3]);
          td = el("td", share < 0.25 ? "c1" : share < 0.5 ? "c2" : "c3", p[2] + " / " + p[3]);
          td.title = a + " vs " + b + ": " + p[2] + " corroborate, " + p[3] + " contradict";
        }
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    panel.appendChild(table);
  }

  /* ---- map ---- */
  function mapItems(skip) {
    if (hasEvents) return events.filter(function (e) { return eventOk(e, skip); });
    return claims.filter(function (c) { return claimOk(c, skip); });
  }
  function drawMap() {
    var g = document.querySelector("#map .dots");
    g.replaceChildren();
    var groups = {}, missing = 0, items = mapItems("place");
    items.forEach(function (it) {
      if (!it.pt) { missing += 1; return; }
      var key = it.pt[0] + "," + it.pt[1];
      var grp = groups[key] || (groups[key] = { pt: it.pt, n: 0, hot: 0, names: {} });
      grp.n += 1;
      if (it.st === "contested") grp.hot += 1;
      var name = hasEvents ? it.pl : it.place;
      if (name) grp.names[name] = (grp.names[name] || 0) + 1;
    });
    var keys = Object.keys(groups).sort(function (a, b) { return groups[b].n - groups[a].n; });
    var maxN = keys.length ? groups[keys[0]].n : 1;
    keys.forEach(function (k) {
      var grp = groups[k];
      var names = Object.keys(grp.names).sort(function (a, b) { return grp.names[b] - grp.names[a]; });
      var sel = state.place && names.some(function (n) { return n.toLowerCase().indexOf(state.place.toLowerCase()) >= 0; });
      var r = 2.5 + 16 * Math.sqrt(grp.n / maxN);
      var c = svgEl("circle", { cx: grp.pt[0], cy: grp.pt[1], r: r.toFixed(1) }, "dot" + (sel ? " sel" : ""));
      var t = svgEl("title", {});
      t.textContent = (names.slice(0, 3).join(" / ") || "unnamed place") + ": " + grp.n +
        (hasEvents ? " event(s), " + grp.hot + " disputed" : " claim(s)");
      c.appendChild(t);
      c.addEventListener("click", function () { if (names[0]) setFilter("f-place", names[0]); });
      g.appendChild(c);
      if (grp.hot) {
        var h = svgEl("circle", { cx: grp.pt[0], cy: grp.pt[1], r: Math.max(2, r * Math.sqrt(grp.hot / grp.n)).toFixed(1) }, "dot-hot");
        g.appendChild(h);
      }
    });
    $("map-note").textContent = fmt(items.length - missing) + " on the map" +
      (missing ? ", " + fmt(missing) + " without a place on it" : "");
  }

  /* ---- timeline ---- */
  function monthNo(d) { return +d.slice(0, 4) * 12 + (+d.slice(5, 7) - 1); }
  function monthKey(n) { var m = n % 12 + 1; return Math.floor(n / 12) + "-" + (m < 10 ? "0" : "") + m; }
  var months = (function () {
    /* The span of the dated items, without far-off outliers (a misread year such as 0700 or 3110):
       months beyond five inter-quartile ranges of the middle half are left out and counted. */
    var all = hasEvents ? events.map(function (e) { return e.d; }) : claims.map(function (c) { return c.when; });
    var ns = all.filter(function (d) { return d && d.length >= 7; }).map(monthNo).sort(function (a, b) { return a - b; });
    if (!ns.length) return [];
    var q1 = ns[Math.floor(ns.length / 4)], q3 = ns[Math.floor(ns.length * 3 / 4)], iqr = Math.max(q3 - q1, 6);
    var lo = Math.max(ns[0], q1 - 5 * iqr), hi = Math.min(ns[ns.length - 1], q3 + 5 * iqr);
    var inside = ns.filter(function (n) { return n >= lo && n <= hi; });
    lo = inside[0]; hi = inside[inside.length - 1];
    var out = [];
    for (var n = lo; n <= hi && out.length < 600; n++) out.push(monthKey(n));
    return out;
  })();
  function drawTimeline() {
    var svg = $("timeline");
    svg.replaceChildren();
    if (!months.length) { $("time-note").textContent = "no dated items"; return; }
    var W = 600, top = 18, base = 146, left = 4;
    var idx = {}, tot = months.map(function () { return 0; }), hot = tot.slice(), undated = 0, outside = 0;
    months.forEach(function (m, i) { idx[m] = i; });
    mapItems("date").forEach(function (it) {
      var d = hasEvents ? it.d : it.when;
      if (!d || d.length < 7) { undated += 1; return; }
      var i = idx[d.slice(0, 7)];
      if (i === undefined) { outside += 1; return; }
      tot[i] += 1;
      if (it.st === "contested") hot[i] += 1;
    });
    var max = Math.max.apply(null, tot.concat([1]));
    var bw = (W - 2 * left) / months.length;
    svg.appendChild(svgEl("line", { x1: left, y1: base + 0.5, x2: W - left, y2: base + 0.5 }, "tl-axis"));
    months.forEach(function (m, i) {
      var x = left + i * bw, h = (base - top) * tot[i] / max, hh = (base - top) * hot[i] / max;
      var inRange = (!state.from || m + "-31" >= state.from) && (!state.to || m + "-01" <= state.to);
      var grp = svgEl("g", {}, inRange ? "" : "tl-dim");
      if (tot[i]) {
        grp.appendChild(svgEl("rect", { x: x + 0.5, y: base - h, width: Math.max(bw - 1, 1), height: h - hh }, "tl-bar"));
        if (hot[i]) grp.appendChild(svgEl("rect", { x: x + 0.5, y: base - hh, width: Math.max(bw - 1, 1), height: hh }, "tl-hot"));
      }
      var hit = svgEl("rect", { x: x, y: top, width: bw, height: base - top, fill: "transparent" });
      var t = svgEl("title", {});
      t.textContent = m + ": " + tot[i] + (hasEvents ? " event(s), " + hot[i] + " disputed" : " claim(s)");
      hit.appendChild(t);
      hit.addEventListener("click", function () {
        $("f-from").value = m + "-01";
        setFilter("f-to", m + "-" + String(new Date(+m.slice(0, 4), +m.slice(5, 7), 0).getDate()));
      });
      grp.appendChild(hit);
      svg.appendChild(grp);
      if (m.slice(5) === "01" || i === 0) {
        var lab = svgEl("text", { x: Math.max(x, 12), y: base + 14 }, "tl-label");
        lab.textContent = m.slice(5) === "01" || months.length < 13 ? m.slice(0, 4) : "";
        svg.appendChild(lab);
        svg.appendChild(svgEl("line", { x1: x, y1: base, x2: x, y2: base + 4 }, "tl-axis"));
      }
    });
    var peak = svgEl("text", { x: W - left, y: 10 }, "tl-label tl-peak");
    peak.textContent = "max " + max + " a month";
    svg.appendChild(peak);
    var notes = [];
    if (undated) notes.push(fmt(undated) + " without a month");
    if (outside) notes.push(fmt(outside) + " dated outside " + months[0].slice(0, 4) + "–" + months[months.length - 1].slice(0, 4));
    $("time-note").textContent = notes.join(", ");
  }

  drawStats();
  setupFilters();
  redraw();
  document.documentElement.setAttribute("data-ready", "1");
})();
