"""The files of a built site and what one pass of an HTML parser finds in each page:
ids, references (href, src, ...), `url(...)` references, and the source spans of the
inline `<svg>` elements."""

import bisect
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm")
# Attributes that hold one URL, on any element (href covers a, area, link and SVG's a,
# use, image; src covers img, script, iframe, source, track, embed, input, audio, video).
URL_ATTRIBUTES = {"href", "xlink:href", "src", "poster", "action", "formaction"}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


class Ref:
    """One reference from a page (or stylesheet) to a URL."""

    __slots__ = ("line", "tag", "attr", "value", "kind")

    def __init__(self, line, tag, attr, value, kind="attr"):
        self.line = line
        self.tag = tag
        self.attr = attr
        self.value = value
        self.kind = kind  # "attr" (href/src/...), "css" (url() in CSS), "srcset"

    def describe(self):
        if self.kind == "css":
            return f"url({self.value})"
        return f'<{self.tag} {self.attr}="{self.value}">'


class SvgSpan:
    __slots__ = ("line", "column", "start", "end")

    def __init__(self, line, column, start, end):
        self.line = line
        self.column = column
        self.start = start
        self.end = end


class PageScan:
    def __init__(self):
        self.ids = set()
        self.refs = []
        self.svgs = []
        self.base_href = None
        self.errors = []  # (line, message) the scan itself noticed
        self.source = ""


def css_urls(text):
    """Every url(...) and @import target in CSS text, with its offset."""
    for match in CSS_URL.finditer(text):
        value = next(g for g in match.groups() if g is not None)
        yield match.start(), value.strip()
    for match in CSS_IMPORT.finditer(text):
        value = next(g for g in match.groups() if g is not None)
        yield match.start(), value.strip()


class _Scanner(HTMLParser):
    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self.scan.source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._svg_depth = 0
        self._svg_start = None
        self._in_style = False
        self._style_line = 0

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _line_of(self, offset):
        return bisect.bisect_right(self._line_starts, offset)

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag, attrs, self_closing):
        line, column = self.getpos()
        scan = self.scan
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                scan.ids.add(value)
            if name in URL_ATTRIBUTES or (name == "data" and tag == "object"):
                scan.refs.append(Ref(line, tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    parts = candidate.split()
                    if parts:
                        scan.refs.append(Ref(line, tag, name, parts[0], kind="srcset"))
            if "url(" in value.lower():
                for _, url in css_urls(value):
                    scan.refs.append(Ref(line, tag, name, url, kind="css"))
        if tag == "base":
            href = dict(attrs).get("href")
            if href:
                scan.base_href = (line, href)
        if tag == "style" and not self_closing:
            self._in_style = True
            self._style_line = line
        if tag == "svg":
            if self._svg_depth == 0:
                self._svg_start = (line, column, self._offset())
            if self_closing:
                if self._svg_depth == 0:
                    end = self._svg_start[2] + len(self.get_starttag_text() or "")
                    self._close_svg(end)
            else:
                self._svg_depth += 1

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if tag == "svg" and self._svg_depth > 0:
            self._svg_depth -= 1
            if self._svg_depth == 0:
                offset = self._offset()
                end = self.scan.source.find(">", offset)
                self._close_svg(len(self.scan.source) if end < 0 else end + 1)

    def _close_svg(self, end):
        line, column, start = self._svg_start
        self.scan.svgs.append(SvgSpan(line, column, start, end))
        self._svg_start = None

    def handle_data(self, data):
        if not self._in_style:
            return
        lower = data.lower()
        if "url(" in lower or "@import" in lower:
            base_line = self.getpos()[0]
            for offset, url in css_urls(data):
                line = base_line + data.count("\n", 0, offset)
                self.scan.refs.append(Ref(line, "style", "", url, kind="css"))

    def close(self):
        super().close()
        if self._svg_depth > 0 and self._svg_start is not None:
            self.scan.errors.append((self._svg_start[0], "<svg> is never closed"))


def scan_html(source):
    scanner = _Scanner(source)
    scanner.feed(source)
    scanner.close()
    return scanner.scan


class Site:
    """The output directory: its pages, SVG files and stylesheets, scanned on demand."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self.pages = []
        self.svg_files = []
        self.css_files = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames.sort()
            for name in filenames:
                rel = Path(dirpath, name).relative_to(self.root).as_posix()
                lower = name.lower()
                if lower.endswith(PAGE_SUFFIXES):
                    self.pages.append(rel)
                elif lower.endswith(".svg"):
                    self.svg_files.append(rel)
                elif lower.endswith(".css"):
                    self.css_files.append(rel)
        self.pages.sort()
        self.svg_files.sort()
        self.css_files.sort()
        self._scans = {}
        self._svg_ids = {}

    def path(self, rel):
        return self.root / rel

    def read(self, rel):
        return self.path(rel).read_text(encoding="utf-8", errors="replace")

    def scan(self, rel):
        if rel not in self._scans:
            self._scans[rel] = scan_html(self.read(rel))
        return self._scans[rel]

    def svg_file_ids(self, rel):
        """The ids in a standalone SVG file (empty when it does not parse)."""
        if rel not in self._svg_ids:
            ids = set()
            try:
                for element in ET.parse(self.path(rel)).iter():
                    if "id" in element.attrib:
                        ids.add(element.attrib["id"])
            except (ET.ParseError, OSError):
                pass
            self._svg_ids[rel] = ids
        return self._svg_ids[rel]
