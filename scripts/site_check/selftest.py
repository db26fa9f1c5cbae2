"""`site-check --self-test`: writes a small site shaped like LoopReport's output (a
dashboard, iteration, group and block pages, assets/site.css with light and dark themes,
assets/search.js reading search-index.json, inline lr-diagram SVGs, a standalone SVG) into
a temporary folder, checks that it passes, then breaks a copy in one way per check and
checks that each fault is reported where it was made.

`python3 -m site_check.selftest DIR` (from scripts/) only writes the two sites, to
look at or to run site-check on by hand."""

import io
import shutil
import sys
import tempfile
from pathlib import Path

LIGHT = ("--lr-bg:#ffffff;--lr-text:#1f2933;--lr-muted:#52606d;--lr-grid:#d9dee4;--lr-band:#f4f6f8;"
         "--lr-bar:#3a6db5;--lr-critical:#c0390b;--lr-critical-outline:#5c1a04;--lr-milestone:#6a2fc4;"
         "--lr-link:#52606d;--lr-node:#e8f0fb;--lr-node-stroke:#3a6db5;--lr-series-1:#3a6db5;"
         "--lr-series-2:#c0390b;")
DARK = ("--lr-bg:#14181d;--lr-text:#e4e7eb;--lr-muted:#a9b4c0;--lr-grid:#3b4450;--lr-band:#1b2027;"
        "--lr-bar:#6fa3ee;--lr-critical:#ff8a50;--lr-critical-outline:#ffd9c4;--lr-milestone:#b892ff;"
        "--lr-link:#a9b4c0;--lr-node:#1f2a3a;--lr-node-stroke:#6fa3ee;--lr-series-1:#6fa3ee;"
        "--lr-series-2:#ff8a50;")
DIAGRAM_RULES = """
.lr-diagram{font-family:sans-serif;font-size:12px;max-width:100%;height:auto}
.lr-diagram text{fill:var(--lr-text)}
.lr-diagram .bg{fill:var(--lr-bg)}
.lr-diagram .band{fill:var(--lr-band)}
.lr-diagram .grid{stroke:var(--lr-grid);stroke-width:1}
.lr-diagram .bar{fill:var(--lr-bar)}
.lr-diagram .bar.critical{fill:var(--lr-critical);stroke:var(--lr-critical-outline);stroke-width:2}
.lr-diagram .milestone{fill:var(--lr-milestone)}
.lr-diagram .link{fill:none;stroke:var(--lr-link);stroke-width:1.2}
.lr-diagram .arrowhead{fill:var(--lr-link)}
.lr-diagram .node rect{fill:var(--lr-node);stroke:var(--lr-node-stroke);stroke-width:1.2}
.lr-diagram .series{fill:none;stroke-width:2}
.lr-diagram .s1{stroke:var(--lr-series-1)}
.lr-diagram .s2{stroke:var(--lr-series-2)}
.lr-diagram .hatch{stroke:var(--lr-muted)}
"""

SITE_CSS = """:root{color-scheme:light dark;--page:#ffffff;--text:#1f2933;--muted:#52606d;--accent:#1d4f91;--card:#f4f6f8;%s}
@media (prefers-color-scheme: dark){:root{--page:#0f1216;--text:#e4e7eb;--muted:#a9b4c0;--accent:#8ab4f8;--card:#1b2027;%s}}
html{background:var(--page);color:var(--text)}
body{margin:0;font:16px/1.5 system-ui,sans-serif}
a{color:var(--accent)}
header,main,footer{padding:0 1.5rem}
nav ul{display:flex;gap:1rem;list-style:none;padding:0}
.card{background:var(--card);padding:.5rem 1rem;border-radius:6px}
.muted{color:var(--muted)}
.icon{width:1em;height:1em;vertical-align:-.125em}
.diagram-row{display:flex;gap:1rem}
%s""" % (LIGHT, DARK, DIAGRAM_RULES)

SEARCH_JS = """'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const list = document.getElementById('search-results');
  if (!list) return;
  const root = document.documentElement.dataset.root || '';
  fetch(root + 'search-index.json').then(r => {
    if (!r.ok) throw new Error('search index: HTTP ' + r.status);
    return r.json();
  }).then(index => {
    for (const entry of index.pages) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = root + entry.url;
      link.textContent = entry.title;
      item.append(link);
      list.append(item);
    }
  }).catch(error => console.error(error.message));
});
"""

SEARCH_INDEX = """{"pages":[{"url":"index.html","title":"Dashboard"},
{"url":"iterations/iteration-1.html","title":"Iteration 1"},
{"url":"groups/group-1.html","title":"Group 1: Storage"},
{"url":"blocks/block-1-1.html","title":"Block 1.1: Segment format"},
{"url":"blocks/block-1-2.html","title":"Block 1.2: Compaction"}]}
"""

SPRITE = """<svg aria-hidden="true" width="0" height="0" style="position:absolute">
<defs><symbol id="icon-check" viewBox="0 0 16 16"><path d="M2 8l4 4 8-8" fill="none" stroke="currentColor" stroke-width="2"/></symbol></defs>
</svg>"""


def gantt(prefix, bar_class="bar", extra=""):
    """An inline Gantt-like diagram in LoopReport's classes."""
    return f"""<svg xmlns="http://www.w3.org/2000/svg" class="lr-diagram lr-gantt" width="520" height="150" viewBox="0 0 520 150" aria-labelledby="{prefix}-title">
<title id="{prefix}-title">Gantt chart of Group 1</title>
<defs>
<marker id="{prefix}-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path class="arrowhead" d="M0 0 L8 4 L0 8 z"/></marker>
<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern>
</defs>
<rect class="bg" x="0" y="0" width="520" height="150"/>
<rect class="band" x="0" y="40" width="520" height="30"/>
<line class="grid" x1="120" y1="20" x2="120" y2="140"/>
<text x="8" y="60">Block 1.1</text><text x="8" y="90">Block 1.2</text><text x="8" y="120">Buffer</text>
<a href="../blocks/block-1-1.html"><title>Block 1.1: Segment format</title><rect class="{bar_class} critical" x="120" y="46" width="120" height="18"/></a>
<a href="../blocks/block-1-2.html#summary"><title>Block 1.2: Compaction</title><rect class="{bar_class}" x="250" y="76" width="160" height="18"/></a>
<rect class="buffer" x="410" y="106" width="60" height="18" fill="url(#{prefix}-hatch)"/>
<path class="link" d="M240 55 L245 55 L245 85 L250 85" marker-end="url(#{prefix}-arrow)"/>
<path class="milestone" d="M480 115 l8 -8 l8 8 l-8 8 z"><title>Release</title></path>
<g class="series s1"><path d="M120 140 L240 130 L410 125"/></g>
<g class="node"><rect x="300" y="10" width="60" height="20" rx="3"/><text x="306" y="24">1.2</text></g>
{extra}</svg>"""


def page(title, body, depth=0, head_extra="", scripts=True):
    root = "../" * depth
    script = f'<script src="{root}assets/search.js" defer></script>' if scripts else ""
    return f"""<!DOCTYPE html>
<html lang="en" data-root="{root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - Tessera Search Index</title>
<link rel="stylesheet" href="{root}assets/site.css">
{head_extra}{script}
</head>
<body>
{SPRITE}
<header>
<p><a href="{root}index.html">Tessera Search Index</a></p>
<nav aria-label="Site">
<ul>
<li><a href="{root}index.html">Dashboard</a></li>
<li><a href="{root}iterations/iteration-1.html">Iteration 1</a></li>
<li><a href="{root}groups/group-1.html#blocks">Group 1</a></li>
<li><a href="{root}blocks/">All blocks</a></li>
</ul>
</nav>
</header>
<main id="main">
<h1>{title}</h1>
{body}
</main>
<footer><p class="muted">Generated by LoopReport. <a href="https://example.org/loopreport">About</a></p></footer>
</body>
</html>
"""


def good_site():
    """{relative path: text} of a site that passes every check."""
    files = {
        "assets/site.css": SITE_CSS,
        "assets/search.js": SEARCH_JS,
        "search-index.json": SEARCH_INDEX,
        "assets/gantt.svg": gantt("file").replace(' aria-labelledby="file-title"', "").replace(
            "<title id=", "<style>svg.lr-diagram{%s}\n%s</style><title id=" % (LIGHT, DIAGRAM_RULES), 1),
    }
    files["index.html"] = page("Dashboard", f"""
<section aria-labelledby="status"><h2 id="status">Status</h2>
<p class="card"><svg class="icon" aria-hidden="true"><use href="#icon-check"/></svg> 12 of 17 blocks done;
critical path 1.1 &rarr; 1.2. See <a href="#timeline">the timeline</a>,
<a href="groups/group-1.html#blocks">Group 1</a> and <a href="blocks/block-1-2.html#summary">Block 1.2</a>.</p>
</section>
<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
<div class="diagram-row">{gantt("dash").replace("../blocks/", "blocks/")}</div>
<p><a href="assets/gantt.svg">The Gantt chart as an SVG file</a></p>
<details><summary>Baseline plan</summary>{gantt("base").replace("../blocks/", "blocks/")}</details>
</section>
<section aria-labelledby="search"><h2 id="search">Pages</h2><ul id="search-results"></ul></section>
""")
    files["iterations/iteration-1.html"] = page("Iteration 1", """
<p>Reassessment after <a href="../groups/group-1.html">Group 1</a>: estimates rose by 20&nbsp;%.</p>
<h2 id="discoveries">Discoveries</h2>
<p>Compaction needs a tombstone pass (<a href="../blocks/block-1-2.html#summary">Block 1.2</a>).</p>
""", depth=1)
    files["groups/group-1.html"] = page("Group 1: Storage", f"""
<h2 id="blocks">Blocks</h2>
<ul><li><a href="../blocks/block-1-1.html">1.1 Segment format</a></li>
<li><a href="../blocks/block-1-2.html">1.2 Compaction</a></li></ul>
{gantt("group")}
""", depth=1)
    files["blocks/index.html"] = page("Blocks", """
<ul><li><a href="block-1-1.html">1.1 Segment format</a></li><li><a href="block-1-2.html">1.2 Compaction</a></li></ul>
""", depth=1)
    files["blocks/block-1-1.html"] = page("Block 1.1: Segment format", """
<p id="summary">3 days, done. Next: <a href="block-1-2.html">Block 1.2</a>.</p>
""", depth=1)
    files["blocks/block-1-2.html"] = page("Block 1.2: Compaction", """
<p id="summary">5 days (estimate 3), in progress. Depends on <a href="block-1-1.html#summary">Block 1.1</a>.</p>
<p class="card note">Note: the tombstone pass was added in <a href="../iterations/iteration-1.html#discoveries">Iteration 1</a>.</p>
""", depth=1)
    return files


def _replace(files, rel, old, new):
    assert old in files[rel], (rel, old)
    files[rel] = files[rel].replace(old, new, 1)


# (check name prefix, page, text in the message): each must be reported on the broken site.
EXPECTED_FAULTS = [
    ("Links", "index.html:", "blocks/block-9.html does not exist"),
    ("Links", "iterations/iteration-1.html:", 'no element with id "nope" in groups/group-1.html'),
    ("Links", "groups/group-1.html:", "absolute path"),
    ("Links", "blocks/block-1-1.html:", 'no element with id "missing-pattern" in this page'),
    ("SVG XML", "groups/group-1.html:", "HTML entity &nbsp;"),
    ("Nu HTML Checker", "blocks/block-1-1.html:", "Stray end tag"),
    ("Browser", "blocks/block-1-1.html", "renders 0x0"),
    ("Browser", "blocks/block-1-2.html", "renders 300x0"),
    ("Browser", "iterations/iteration-1.html", "console error: "),
    ("Browser", "iterations/iteration-1.html", "notDefinedAnywhere"),
    ("Browser", "blocks/index.html", "search index: HTTP 404"),
    ("axe-core", "index.html", "[light] color-contrast"),
    ("axe-core", "blocks/block-1-2.html", "[dark] color-contrast"),
    ("axe-core", "groups/group-1.html", "image-alt"),
    ("Diagram contrast", "groups/group-1.html", "[light] diagram"),
]
# Faults that must not be reported (so the dark-only one is not also a light one).
UNEXPECTED_FAULTS = [
    ("axe-core", "blocks/block-1-2.html", "[light] color-contrast"),
]
BROKEN_PAGES = "index.html,iterations/iteration-1.html,groups/group-1.html,blocks/block-1-1.html,blocks/block-1-2.html"


def broken_site():
    files = good_site()
    # Links: a missing file, a missing anchor in another page, an absolute path,
    # a url(#id) to nothing.
    _replace(files, "index.html", "<p><a href=\"assets/gantt.svg\">",
             "<p><a href=\"blocks/block-9.html\">Block 9</a> <a href=\"assets/gantt.svg\">")
    _replace(files, "iterations/iteration-1.html", 'href="../groups/group-1.html"',
             'href="../groups/group-1.html#nope"')
    _replace(files, "groups/group-1.html", "<h2 id=\"blocks\">Blocks</h2>",
             "<h2 id=\"blocks\">Blocks</h2><p><a href=\"/blocks/block-1-1.html\">Absolute</a></p>")
    # SVG XML: an HTML entity inside an inline SVG (valid HTML, not XML).
    _replace(files, "groups/group-1.html", "<text x=\"8\" y=\"60\">Block 1.1</text>",
             "<text x=\"8\" y=\"60\">Block&nbsp;1.1</text>")
    # Nu: invalid HTML. Browser: a zero-size diagram. Links: url(#missing-pattern).
    _replace(files, "blocks/block-1-1.html", "<p id=\"summary\">",
             "<div><p>Unbalanced</span></div>\n"
             "<div class=\"diagram-row\"><svg class=\"lr-diagram\" role=\"img\" aria-label=\"Empty chart\" "
             "width=\"0\" height=\"0\"><rect class=\"bg\" width=\"10\" height=\"10\" "
             "fill=\"url(#missing-pattern)\"/></svg></div>\n<p id=\"summary\">")
    # Browser: a zero-size diagram in a closed <details> (measured opened).
    _replace(files, "blocks/block-1-2.html", "<p class=\"card note\">",
             "<details><summary>History</summary><svg class=\"lr-diagram\" role=\"img\" aria-label=\"Estimate history\" "
             "width=\"300\" height=\"0\"><rect class=\"bg\" width=\"10\" height=\"10\"/></svg></details>\n"
             "<p class=\"card note\">")
    # Browser: a console error from a script.
    _replace(files, "iterations/iteration-1.html", "<h2 id=\"discoveries\">",
             "<script>notDefinedAnywhere();</script>\n<h2 id=\"discoveries\">")
    # Browser: a script fetching by absolute path (404 under a subpath).
    _replace(files, "blocks/index.html", "<ul>", "<ul id=\"search-results\"></ul>\n<ul>")
    files["blocks/index.html"] = files["blocks/index.html"].replace('data-root="../"', 'data-root="/"')
    # axe: low-contrast text (light), text that is low-contrast in dark only, an image without alt.
    _replace(files, "index.html", "12 of 17 blocks done;", "<span style=\"color:#b0b0b0\">12 of 17 blocks done;</span>")
    files["assets/site.css"] += "@media (prefers-color-scheme: dark){.note{color:#2a2f36}}\n"
    _replace(files, "groups/group-1.html", "<h2 id=\"blocks\">",
             "<img src=\"../assets/gantt.svg\" width=\"52\" height=\"15\">\n<h2 id=\"blocks\">")
    # Diagram contrast: bars hardly distinguishable from the background.
    _replace(files, "groups/group-1.html", "<svg xmlns",
             "<style>.lr-diagram .pale{fill:#e6e9ee}</style>\n<svg xmlns")
    files["groups/group-1.html"] = files["groups/group-1.html"].replace('class="bar"', 'class="bar pale"')
    files["groups/group-1.html"] = files["groups/group-1.html"].replace('class="bar critical"', 'class="bar pale"')
    return files


def write_site(files, root):
    root = Path(root)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _run(output, extra, skip_browser):
    from .cli import parse_args, run_checks
    from .report import Printer

    argv = [str(output), "--no-screenshots"] + extra + (["--skip-browser"] if skip_browser else [])
    buffer = io.StringIO()
    code, results = run_checks(parse_args(argv), Printer(max_problems=1000, stream=buffer))
    return code, results, buffer.getvalue()


def _found(results, check, where, text):
    for result in results:
        if result.name.startswith(check):
            for problem in result.problems:
                if where in problem.where and text in problem.message:
                    return True
    return False


def run_self_test(skip_browser=False):
    browser_checks = ("Browser", "axe-core", "Diagram contrast")
    failures = []
    with tempfile.TemporaryDirectory(prefix="site-check-self-test-") as tmp:
        good = write_site(good_site(), Path(tmp, "good"))
        shots = Path(tmp, "shots")
        code, results, text = _run(good, [], skip_browser)
        if code != 0:
            failures.append("the good site did not pass:\n" + text)
        else:
            print(f"self-test: the good site passes ({len(results)} checks)")
        # The screenshots folder may not be inside the site.
        from .cli import parse_args, resolve_screenshots
        try:
            resolve_screenshots(parse_args([str(good), "--screenshots", str(good / "shots")]), good.resolve())
            failures.append("a screenshots folder inside OUTPUT_DIR was accepted")
        except ValueError:
            pass
        del shots

        broken = write_site(broken_site(), Path(tmp, "broken"))
        code, results, text = _run(broken, ["--pages", BROKEN_PAGES], skip_browser)
        if code != 1:
            failures.append(f"the broken site exited {code}, not 1")  # counted with the faults
        cases = [c for c in EXPECTED_FAULTS if not (skip_browser and c[0] in browser_checks)]
        for check, where, message in cases:
            if _found(results, check, where, message):
                print(f"self-test: caught  {check}: {where} {message}")
            else:
                failures.append(f"not caught: {check}: {where} ... {message}")
        for check, where, message in UNEXPECTED_FAULTS:
            if _found(results, check, where, message):
                failures.append(f"reported but should not be: {check}: {where} ... {message}")
        if failures:
            failures.append("site-check's output on the broken site:\n" + text)
    total = 1 + len(cases) + len(UNEXPECTED_FAULTS) + 1  # good site, faults, non-faults, screenshots folder
    failed = len([f for f in failures if not f.startswith("site-check's output")])
    if failures:
        for failure in failures:
            print("self-test: FAILED: " + failure)
    else:
        print("self-test: all checks pass the good site and catch every fault")
    print(f"self-test: {total - failed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="site-check-fake-"))
    for name, files in (("good", good_site()), ("broken", broken_site())):
        if (target / name).exists():
            shutil.rmtree(target / name)
        write_site(files, target / name)
    print(f"wrote {target}/good and {target}/broken")
