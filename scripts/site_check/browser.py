"""Checks 4 and 5: the site in a real headless Chromium, driven by selenium through
chromedriver, served over HTTP on loopback.

Check 4 (Browser), on each page: no console error (level SEVERE: script errors, failed
loads), no failed request, every <svg> rendered with a non-zero size (unless it is not
rendered on purpose), and a full-page screenshot.
Check 5 (axe-core and diagram contrast), on the chosen pages, in the light and the dark
colour scheme: zero axe-core violations for WCAG 2.0/2.1 A and AA and best practices,
and every diagram mark at >= 3:1 against its diagram's background.

The site is served under a subpath (/site-check/site/), so that a script that fetches an
absolute /path fails here as it would when the site is hosted under a subpath. Chromium
reaches nothing but loopback: every other host name fails to resolve and every other
address goes to a closed proxy port."""

import base64
import functools
import http.server
import os
import shutil
import tempfile
import threading
import time
from urllib.parse import quote, unquote, urlsplit

from . import contrast
from .report import CheckResult

PREFIX = "/site-check/site/"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
MAX_SCREENSHOT_HEIGHT = 16000
SETTLE_MS = 50

CHROME_ARGUMENTS = [
    "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
    "--window-size=1280,900", "--force-device-scale-factor=1", "--hide-scrollbars",
    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-domain-reliability", "--disable-breakpad",
    "--disable-client-side-phishing-detection", "--mute-audio", "--lang=en-US",
    "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication",
    # Nothing but loopback: names other than 127.0.0.1 do not resolve, and other
    # addresses go to a proxy on a closed port (loopback always bypasses a proxy).
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--proxy-server=127.0.0.1:9",
]

WAIT_JS = """
const done = arguments[arguments.length - 1];
const settle = arguments[0];
function ready() {
  if (document.readyState !== 'complete') { setTimeout(ready, 20); return; }
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), settle))));
}
ready();
"""

SVG_SIZE_JS = """
const SKIP = 'defs, symbol, pattern, marker, clipPath, mask, template';
const out = {total: 0, sized: 0, hidden: 0, exempt: 0, zero: []};
// Diagrams in closed <details> are measured opened (then closed again).
const closed = Array.from(document.querySelectorAll('details:not([open])'));
closed.forEach(d => { d.open = true; });
document.querySelectorAll('svg').forEach((svg, index) => {
  out.total++;
  if (svg.parentElement && svg.parentElement.closest(SKIP)) { out.exempt++; return; }
  const visible = svg.checkVisibility ? svg.checkVisibility() : svg.getClientRects().length > 0;
  if (!visible) { out.hidden++; return; }
  const r = svg.getBoundingClientRect();
  if (r.width > 0 && r.height > 0) { out.sized++; return; }
  if (svg.getAttribute('aria-hidden') === 'true') { out.exempt++; return; }
  let what = 'svg';
  if (svg.id) what += '#' + svg.id;
  const cls = svg.getAttribute('class');
  if (cls) what += '.' + cls.trim().split(/\\s+/).join('.');
  const title = svg.querySelector(':scope > title');
  const label = svg.getAttribute('aria-label') || (title && title.textContent.trim()) || '';
  if (label) what += ' "' + label.slice(0, 60) + '"';
  out.zero.push({what: what, index: index + 1, width: r.width, height: r.height,
                 attrs: ['width', 'height', 'viewBox'].map(a => svg.hasAttribute(a) ? a + '="' + svg.getAttribute(a) + '"' : null).filter(x => x).join(' ')});
});
closed.forEach(d => { d.open = false; });
return out;
"""

# Whether the page is wider than the window (a horizontal scrollbar), and the outermost
# elements that stick out (not counting those inside a scrolling or clipping box).
OVERFLOW_JS = """
const vw = document.documentElement.clientWidth;
const sw = document.documentElement.scrollWidth;
if (sw <= vw + 1) return null;
function clipped(el) {
  for (let n = el.parentElement; n && n !== document.body; n = n.parentElement)
    if (getComputedStyle(n).overflowX !== 'visible') return true;
  return false;
}
function describe(el) {
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  const cls = el.getAttribute('class');
  if (cls) text += '.' + cls.trim().split(/\\s+/).join('.');
  return text;
}
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= vw + 1 || clipped(el)) continue;
  const p = el.parentElement;
  if (p && p !== document.body && p.getBoundingClientRect().right > vw + 1) continue;
  const path = [];
  for (let n = el; n && n !== document.body && path.length < 4; n = n.parentElement) path.unshift(describe(n));
  const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  out.push(path.join(' > ') + (text ? ' "' + text + '"' : '') + ' (right edge ' + Math.round(r.right) + 'px)');
  if (out.length >= 3) break;
}
return {scrollWidth: sw, viewport: vw, elements: out};
"""

AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
const tags = arguments[0];
function target(t) { return Array.isArray(t) ? t.map(target).join(' >> ') : String(t); }
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => done({
    version: axe.version,
    violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: target(n.target), summary: n.failureSummary || ''}))})),
    incomplete: r.incomplete.map(v => ({id: v.id, count: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => target(n.target))})),
    passes: r.passes.length}))
  .catch(e => done({error: String((e && e.stack) || e)}));
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output directory under PREFIX; records every request's status."""

    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **{
        ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
        ".svg": "image/svg+xml", ".css": "text/css", ".html": "text/html", ".wasm": "application/wasm",
    })

    def __init__(self, *args, recorder=None, **kwargs):
        self.recorder = recorder
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        path = urlsplit(path).path
        return super().translate_path("/" + path[len(PREFIX):])

    def send_head(self):
        path = urlsplit(self.path).path
        if path == "/favicon.ico":
            self.send_response(204)  # the browser asks for it by itself
            self.end_headers()
            return None
        if not path.startswith(PREFIX):
            self.send_error(404, "Outside the site's subpath")
            return None
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code="-", size="-"):
        try:
            code = int(code)
        except (TypeError, ValueError):
            code = 0
        self.recorder.record(self.path, code)

    def log_message(self, format, *args):
        pass


class _Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []

    def record(self, path, code):
        with self.lock:
            self.requests.append((path, code))

    def take(self):
        with self.lock:
            taken, self.requests = self.requests, []
        return taken


class SiteServer:
    def __init__(self, root):
        self.recorder = _Recorder()
        handler = functools.partial(_Handler, directory=str(root), recorder=self.recorder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}{PREFIX}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="site-check-http", daemon=True)
        self.thread.start()

    def url(self, rel):
        return self.base + quote(rel)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def screenshot_name(page, theme):
    stem = page[:-5] if page.endswith(".html") else page
    stem = stem.replace("/", "__")
    return f"{stem}.png" if theme == "light" else f"{stem}.{theme}.png"


class BrowserSession:
    def __init__(self, chromium, chromedriver):
        os.environ.setdefault("SE_OFFLINE", "true")  # selenium must not fetch drivers
        os.environ.setdefault("SE_AVOID_STATS", "true")
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="site-check-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in CHROME_ARGUMENTS:
            options.add_argument(argument)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(executable_path=chromedriver, log_output=os.devnull)
        try:
            self.driver = webdriver.Chrome(options=options, service=service)
        except WebDriverException as error:
            shutil.rmtree(self.profile, ignore_errors=True)
            message = (getattr(error, "msg", None) or str(error)).strip().splitlines()
            raise RuntimeError(
                f"could not start {chromium} through {chromedriver}: "
                + " ".join(message[:3])
                + " (chromium and chromium-driver must be the same version: apt-get install -y chromium chromium-driver)"
            ) from None
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(120)
        caps = self.driver.capabilities
        self.version = caps.get("browserVersion") or caps.get("version") or "?"
        self.theme = None

    def set_theme(self, theme):
        if theme != self.theme:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": [
                {"name": "prefers-color-scheme", "value": theme},
                {"name": "prefers-reduced-motion", "value": "reduce"},
            ]})
            self.theme = theme

    def load(self, url):
        """Loads url; returns the console entries logged while it loaded."""
        self.console()  # drop what earlier pages logged
        self.driver.get(url)
        self.driver.execute_async_script(WAIT_JS, SETTLE_MS)
        return self.console()

    def console(self):
        try:
            return self.driver.get_log("browser")
        except Exception:  # noqa: BLE001 - a driver without the log endpoint
            return []

    def screenshot(self, path):
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics.get("contentSize")
        width = max(1, int(size["width"] + 0.5))
        height = max(1, min(MAX_SCREENSHOT_HEIGHT, int(size["height"] + 0.5)))
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "optimizeForSpeed": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


def _short_console(message, server):
    return message.replace(server.base, "").replace(f"http://127.0.0.1:{server.port}", "")


class BrowserChecks:
    def __init__(self, site, label, chromium, chromedriver, axe_path, axe_version,
                 browse_pages, axe_pages, screenshots, max_marks=50):
        self.site = site
        self.label = label
        self.chromium = chromium
        self.chromedriver = chromedriver
        self.axe_source = axe_path.read_text(encoding="utf-8") if axe_pages else ""
        self.axe_version = ".".join(map(str, axe_version)) if axe_version else "?"
        self.browse_pages = browse_pages
        self.axe_pages = axe_pages
        self.screenshots = screenshots
        self.max_marks = max_marks
        self.browser = CheckResult("Browser")
        self.axe = CheckResult(f"axe-core {self.axe_version}")
        self.diagrams = CheckResult("Diagram contrast")
        self.console_errors = 0
        self.console_warnings = 0
        self.failed_requests = 0
        self.wide_pages = 0
        self.svg_stats = {"total": 0, "sized": 0, "hidden": 0, "exempt": 0, "zero": 0}
        self.axe_counts = []  # (page, theme, violations)
        self.diagram_stats = {"diagrams": 0, "measured": 0, "unmeasured": 0, "failing": 0, "total": 0}
        self.timing = {"start": 0.0, "load": 0.0, "svg": 0.0, "screenshot": 0.0, "axe": 0.0, "contrast": 0.0}

    def run(self):
        started = time.monotonic()
        if not self.axe_pages:
            self.axe.skipped = "no pages chosen"
            self.diagrams.skipped = "no pages chosen"
        if self.screenshots:
            os.makedirs(self.screenshots, exist_ok=True)
            marker = os.path.join(self.screenshots, ".site-check")
            if os.path.exists(marker):  # ours from an earlier run: drop stale pictures
                for name in os.listdir(self.screenshots):
                    if name.endswith(".png"):
                        os.remove(os.path.join(self.screenshots, name))
            open(marker, "w").close()
        server = SiteServer(self.site.root)
        session = None
        try:
            t0 = time.monotonic()
            session = BrowserSession(self.chromium, self.chromedriver)
            self.timing["start"] = time.monotonic() - t0
            self.browser.detail(f"Chromium {session.version} headless, pages served at {server.base}")
            axe_set = set(self.axe_pages)
            broken_in_a_row = 0
            for number, page in enumerate(self.browse_pages):
                try:
                    self.visit(session, server, page, "light", axe=page in axe_set)
                    if page in axe_set:
                        self.visit(session, server, page, "dark", axe=True)
                    broken_in_a_row = 0
                except Exception as error:  # noqa: BLE001 - the browser failed on this page
                    text = (getattr(error, "msg", None) or str(error) or type(error).__name__).strip()
                    self.browser.fail(self.label(page), f"the browser failed on this page: {text.splitlines()[0]}")
                    broken_in_a_row += 1
                    if broken_in_a_row >= 3:
                        rest = len(self.browse_pages) - number - 1
                        if rest:
                            self.browser.fail("", f"gave up after 3 pages in a row failed: {rest} page(s) not checked")
                        break
        finally:
            if session is not None:
                session.close()
            server.close()
        s = self.svg_stats
        self.browser.summary = (
            f"{len(self.browse_pages)} page(s) loaded: {self.console_errors} console error(s), "
            f"{self.console_warnings} console warning(s), {self.failed_requests} failed request(s); "
            f"<svg>: {s['sized']} sized, {s['zero']} zero-size, {s['hidden']} not rendered, "
            f"{s['exempt']} exempt; {self.wide_pages} page(s) wider than the window (warnings)"
            + (f"; screenshots in {self.screenshots}" if self.screenshots else ""))
        if self.axe_pages:
            counts = {}
            for page, theme, n in self.axe_counts:
                counts.setdefault(page, {})[theme] = n
            per = ", ".join(f"{page} {c.get('light', '-')}/{c.get('dark', '-')}" for page, c in counts.items())
            self.axe.summary = f"{len(self.axe_pages)} page(s); violations light/dark: {per}"
            d = self.diagram_stats
            self.diagrams.summary = (
                f"{d['diagrams']} diagram view(s) on {len(self.axe_pages)} page(s) x light/dark: "
                f"{d['measured']} mark(s) measured (of {d['total']}), {d['unmeasured']} unmeasurable "
                f"(pattern/gradient), {d['failing']} below 3:1")
        total = time.monotonic() - started
        self.browser.detail("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.timing.items()))
        self.browser.seconds = total
        self.axe.seconds = total
        self.diagrams.seconds = total
        return [self.browser, self.axe, self.diagrams]

    def visit(self, session, server, page, theme, axe):
        where = self.label(page)
        tag = "" if theme == "light" else f" [{theme}]"
        session.set_theme(theme)
        server.recorder.take()
        t0 = time.monotonic()
        try:
            entries = session.load(server.url(page))
        except Exception as error:  # noqa: BLE001 - report and go on with the next page
            text = (getattr(error, "msg", None) or str(error)).strip().splitlines()
            self.browser.fail(where, f"page did not load{tag}: {' '.join(text[:2])}")
            return
        console_text = []
        self.timing["load"] += time.monotonic() - t0
        for entry in entries:
            message = _short_console(entry.get("message", ""), server)
            console_text.append(entry.get("message", ""))
            if entry.get("level") == "SEVERE":
                self.console_errors += 1
                self.browser.fail(where, f"console error{tag}: {message}")
            elif entry.get("level") == "WARNING":
                self.console_warnings += 1
                self.browser.warn(where, f"console warning{tag}: {message}")
        for path, code in server.recorder.take():
            if code < 400:
                continue
            url = f"http://127.0.0.1:{server.port}{path}"
            if any(url in text for text in console_text):
                continue  # already reported as a console error
            self.failed_requests += 1
            shown = path[len(PREFIX):] if path.startswith(PREFIX) else path
            why = "" if path.startswith(PREFIX) else " (an absolute path: outside the site's subpath)"
            self.browser.fail(where, f"request for {unquote(shown)} failed with HTTP {code}{why}{tag}")
        t0 = time.monotonic()
        if theme == "light":
            overflow = session.driver.execute_script(OVERFLOW_JS)
            if overflow:
                self.wide_pages += 1
                self.browser.warn(where, f"the page is {overflow['scrollWidth']}px wide in a "
                                         f"{overflow['viewport']}px window (horizontal scrolling): "
                                         + ", ".join(overflow["elements"] or ["no single element found"]))
            sizes = session.driver.execute_script(SVG_SIZE_JS)
            for key in ("total", "sized", "hidden", "exempt"):
                self.svg_stats[key] += sizes[key]
            for svg in sizes["zero"]:
                self.svg_stats["zero"] += 1
                self.browser.fail(where, f"<svg> #{svg['index']} in the page ({svg['what']}"
                                         f"{', ' + svg['attrs'] if svg['attrs'] else ''}) renders "
                                         f"{svg['width']:g}x{svg['height']:g}: give it a size or a viewBox "
                                         "(or aria-hidden=\"true\" if it is an empty icon)")
        self.timing["svg"] += time.monotonic() - t0
        t0 = time.monotonic()
        if self.screenshots and (theme == "light" or axe):
            try:
                session.screenshot(os.path.join(self.screenshots, screenshot_name(page, theme)))
            except Exception as error:  # noqa: BLE001
                self.browser.warn(where, f"screenshot failed{tag}: {error}")
        self.timing["screenshot"] += time.monotonic() - t0
        if axe:
            t0 = time.monotonic()
            self.run_axe(session, page, theme)
            t1 = time.monotonic()
            self.run_contrast(session, page, theme)
            self.timing["axe"] += t1 - t0
            self.timing["contrast"] += time.monotonic() - t1

    def run_axe(self, session, page, theme):
        where = self.label(page)
        driver = session.driver
        try:
            driver.execute_script(self.axe_source + "\n;return typeof axe;")
            result = driver.execute_async_script(AXE_RUN_JS, AXE_TAGS)
        except Exception as error:  # noqa: BLE001
            self.axe.fail(where, f"[{theme}] axe-core did not run: {str(error).strip().splitlines()[0]}")
            self.axe_counts.append((page, theme, "?"))
            return
        if result.get("error"):
            self.axe.fail(where, f"[{theme}] axe-core failed: {result['error'].splitlines()[0]}")
            self.axe_counts.append((page, theme, "?"))
            return
        violations = result["violations"]
        self.axe_counts.append((page, theme, len(violations)))
        for v in violations:
            lines = [f"[{theme}] {v['id']} ({v.get('impact') or 'n/a'}): {v['help']} "
                     f"- {len(v['nodes'])} element(s)"]
            for node in v["nodes"][:4]:
                summary = " ".join(line.strip() for line in node["summary"].splitlines() if line.strip())
                if len(summary) > 300:
                    summary = summary[:297] + "..."
                lines.append(f"      {node['target']}: {summary}")
            if len(v["nodes"]) > 4:
                lines.append(f"      ... and {len(v['nodes']) - 4} more")
            self.axe.fail(where, "\n".join(lines))
        incomplete = [f"{i['id']} x{i['count']} ({'; '.join(i.get('targets', []))})"
                      for i in result.get("incomplete", [])]
        if incomplete:
            self.axe.detail(f"{page} [{theme}]: needs review (not failures): {', '.join(incomplete)}")

    def run_contrast(self, session, page, theme):
        where = self.label(page)
        try:
            diagrams = session.driver.execute_script(contrast.COLLECT_JS, self.max_marks, contrast.MARK_SELECTOR)
        except Exception as error:  # noqa: BLE001
            self.diagrams.fail(where, f"[{theme}] could not read the diagrams' colours: {str(error).splitlines()[0]}")
            return
        stats = self.diagram_stats
        for diagram, background, failures, measured, unmeasured in contrast.evaluate(diagrams):
            if not diagram["rendered"]:
                continue
            stats["diagrams"] += 1
            stats["measured"] += measured
            stats["unmeasured"] += unmeasured
            stats["total"] += diagram["total"]
            name = f"diagram {diagram['index'] + 1}" + (f" ({diagram['name']})" if diagram["name"] else "")
            if not isinstance(diagram["bg"], list):
                self.diagrams.warn(where, f"[{theme}] {name} has no rect.bg with a solid fill; "
                                          f"measured against the page background {contrast.hex_colour(background)}")
            for what, ratio, paints in failures:
                stats["failing"] += 1
                self.diagrams.fail(where, f"[{theme}] {name}: {what} at {ratio:.2f}:1 against the background "
                                          f"{contrast.hex_colour(background)} (needs 3:1; {paints})")
