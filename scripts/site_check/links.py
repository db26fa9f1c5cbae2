"""Check 3: every relative reference in every page (href, src, srcset, poster, action,
object data, and url(...) in style attributes, <style> and stylesheets) resolves to a file
in the output directory, every #fragment names an id in its target page, and nothing uses
an absolute /path (the site must work from file:// and under any subpath)."""

import posixpath
import time
from collections import Counter
from urllib.parse import unquote, urlsplit

from .report import CheckResult
from .site import Ref, css_urls

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "ftp", "sms", "news", "irc"}
HARMLESS_SCHEMES = {"data", "about", "blob"}


class LinkStats:
    def __init__(self):
        self.internal = 0
        self.fragments = 0
        self.same_page = 0
        self.external = Counter()
        self.targets = set()


def _fragment_ok(fragment, ids):
    fragment = unquote(fragment)
    if fragment == "" or fragment.startswith(":~:"):
        return True  # the top of the page; a text fragment
    if fragment in ids:
        return True
    return fragment.lower() == "top"  # HTML scrolls to the top for #top


class LinkChecker:
    def __init__(self, site, allow_absolute, label):
        self.site = site
        self.allow_absolute = allow_absolute
        self.label = label
        self.result = CheckResult("Links")
        self.stats = LinkStats()

    def target_ids(self, rel):
        lower = rel.lower()
        if lower.endswith((".html", ".htm")):
            return self.site.scan(rel).ids
        if lower.endswith(".svg"):
            return self.site.svg_file_ids(rel)
        return None  # no ids to check in other kinds of file

    def check_ref(self, source, ref, same_page_ids):
        """source: the page or stylesheet the reference is in (relative path)."""
        stats = self.stats
        where = self.label(source, ref.line)
        value = ref.value.strip()
        what = ref.describe()
        if value == "":
            if ref.kind != "attr":
                self.result.fail(where, f"{what}: empty URL")
            else:
                stats.same_page += 1
            return
        if value.startswith("#"):
            if same_page_ids is None:
                return  # url(#id) in a stylesheet: which page it applies to is unknown
            stats.same_page += 1
            stats.fragments += 1
            if not _fragment_ok(value[1:], same_page_ids):
                self.result.fail(where, f"{what}: no element with id \"{unquote(value[1:])}\" in this page")
            return
        try:
            parts = urlsplit(value)
        except ValueError as error:
            self.result.fail(where, f"{what}: malformed URL ({error})")
            return
        scheme = parts.scheme.lower()
        if scheme or value.startswith("//"):
            if scheme == "file":
                self.result.fail(where, f"{what}: file: URLs only work on the machine that built the site")
            elif scheme == "javascript":
                stats.external["javascript"] += 1
            elif scheme in HARMLESS_SCHEMES:
                stats.external[scheme] += 1
            else:
                stats.external[scheme or "//"] += 1
            return
        path = unquote(parts.path)
        if path == "":
            stats.same_page += 1  # "?query" or "?q#frag" on this page
            target = source
        else:
            if path.startswith("/"):
                if not self.allow_absolute:
                    self.result.fail(where, f"{what}: absolute path (breaks file:// and subpath hosting; "
                                            f"use a relative URL, or --allow-absolute)")
                    return
                target = posixpath.normpath(path.lstrip("/") or ".")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
            if target == ".." or target.startswith("../"):
                self.result.fail(where, f"{what}: points outside the output directory ({target})")
                return
            if path.endswith("/"):
                target = posixpath.join(target, "index.html") if target != "." else "index.html"
            stats.internal += 1
            stats.targets.add(target)
            full = self.site.path(target)
            if full.is_dir():
                self.result.fail(where, f"{what}: {target} is a directory (link to {target}/index.html)")
                return
            if not full.is_file():
                self.result.fail(where, f"{what}: {target} does not exist")
                return
        if parts.fragment:
            stats.fragments += 1
            ids = self.target_ids(target) if target != source or same_page_ids is None else same_page_ids
            if ids is not None and not _fragment_ok(parts.fragment, ids):
                self.result.fail(where, f"{what}: no element with id \"{unquote(parts.fragment)}\" in {target}")

    def run(self):
        started = time.monotonic()
        site = self.site
        for page in site.pages:
            scan = site.scan(page)
            if scan.base_href:
                line, href = scan.base_href
                self.result.fail(self.label(page, line),
                                 f'<base href="{href}"> changes how every relative URL resolves; '
                                 "the site must not use it")
            for ref in scan.refs:
                self.check_ref(page, ref, scan.ids)
        for sheet in site.css_files:
            try:
                text = site.read(sheet)
            except OSError as error:
                self.result.fail(self.label(sheet), f"cannot read: {error}")
                continue
            for offset, url in css_urls(text):
                line = text.count("\n", 0, offset) + 1
                self.check_ref(sheet, Ref(line, "css", "", url, kind="css"), None)
        stats = self.stats
        external = sum(stats.external.values())
        by_scheme = ", ".join(f"{k}: {v}" for k, v in sorted(stats.external.items()))
        self.result.summary = (
            f"{len(site.pages)} page(s), {len(site.css_files)} stylesheet(s): "
            f"{stats.internal} internal reference(s) to {len(stats.targets)} file(s), "
            f"{stats.fragments} #fragment(s), {stats.same_page} same-page; "
            f"{external} external (not fetched{': ' + by_scheme if by_scheme else ''})")
        self.result.seconds = time.monotonic() - started
        return self.result


def check_links(site, allow_absolute, label):
    return LinkChecker(site, allow_absolute, label).run()
