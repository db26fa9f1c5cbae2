// LoopReport offline search: the index is a local script (search-index.js, the same data as
// search-index.json), loaded the first time the search box is used, so search works from
// file:// and without any network. Pages are complete without this script.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  if (!input) return;
  var root = input.getAttribute("data-root") || "";
  var box = document.getElementById("search-results");
  var loading = null;

  function load() {
    if (window.LOOPREPORT_SEARCH) return Promise.resolve(window.LOOPREPORT_SEARCH);
    if (loading) return loading;
    loading = new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = root + "search-index.js";
      script.onload = function () { resolve(window.LOOPREPORT_SEARCH || []); };
      script.onerror = function () { resolve([]); };
      document.head.appendChild(script);
    });
    return loading;
  }

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function search(entries, query) {
    var words = terms(query);
    if (words.length === 0) return [];
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], title = e.t.toLowerCase(), text = e.x, score = 0, all = true;
      for (var w = 0; w < words.length; w++) {
        if (title.indexOf(words[w]) >= 0) score += 10;
        else if (text.indexOf(words[w]) >= 0) score += 1;
        else { all = false; break; }
      }
      if (all) found.push({ entry: e, score: score });
    }
    found.sort(function (a, b) { return b.score - a.score || (a.entry.t < b.entry.t ? -1 : 1); });
    return found.slice(0, 50).map(function (f) { return f.entry; });
  }

  function render(list, results, limit) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var ul = document.createElement("ul");
    results.slice(0, limit).forEach(function (e) {
      var li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
      a.href = root + e.u;
      kind.className = "kind";
      kind.textContent = e.k;
      a.appendChild(kind);
      a.appendChild(document.createTextNode(e.t));
      li.appendChild(a);
      ul.appendChild(li);
    });
    if (results.length === 0) {
      var li = document.createElement("li");
      li.textContent = "No matches";
      li.style.padding = ".45rem .7rem";
      ul.appendChild(li);
    }
    list.appendChild(ul);
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    var query = input.value;
    load().then(function (entries) {
      if (input.value !== query) return;
      if (terms(query).length === 0) { box.hidden = true; return; }
      render(box, search(entries, query), 12);
      box.hidden = false;
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { box.hidden = true; input.blur(); }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target) && event.target !== input) box.hidden = true;
  });

  // The search page lists every match for ?q=.
  var page = document.getElementById("search-page-results");
  if (page) {
    var match = /[?&]q=([^&]*)/.exec(window.location.search);
    var query = match ? decodeURIComponent(match[1].replace(/\+/g, " ")) : "";
    if (query) {
      input.value = query;
      load().then(function (entries) {
        var heading = document.getElementById("search-page-heading");
        var results = search(entries, query);
        heading.textContent = results.length + " result" + (results.length === 1 ? "" : "s") + " for “" + query + "”";
        render(page, results, 50);
      });
    }
  }
})();
