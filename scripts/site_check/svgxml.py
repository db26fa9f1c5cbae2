"""Check 2: every inline <svg>...</svg> in every page, and every .svg file, is
well-formed XML (so HTML entities such as &nbsp; and unquoted or valueless attributes
are errors)."""

import re
import time
import xml.etree.ElementTree as ET

from .report import CheckResult

SVG_NS = "{http://www.w3.org/2000/svg}"
XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")


def _explain(text, error):
    """ElementTree's message, made specific for the usual HTML-isms."""
    message = str(error)
    message = re.sub(r":\s*line \d+, column \d+$", "", message)
    if message.startswith("undefined entity"):
        line, column = error.position
        lines = text.split("\n")
        if 0 < line <= len(lines):
            match = ENTITY.match(lines[line - 1], column)
            if match:
                name = match.group(1)
                return (f"HTML entity &{name}; is not XML (write the character itself "
                        f"or a numeric reference like &#160;)")
    if message.startswith("unbound prefix"):
        return ("not well-formed XML: a namespace prefix without its declaration (xlink:href needs "
                'xmlns:xlink="http://www.w3.org/1999/xlink" on the <svg>; plain href needs none)')
    return f"not well-formed XML: {message}"


def _position(span, error):
    """Page line:column of a parse error inside an inline SVG."""
    line, column = error.position
    page_line = span.line + line - 1
    page_column = (span.column + column if line == 1 else column) + 1
    return page_line, page_column


def check_svg_xml(site, label):
    """label(rel, line=None, column=None) formats a location."""
    started = time.monotonic()
    result = CheckResult("SVG XML")
    inline = 0
    pages_with_svg = 0
    for page in site.pages:
        scan = site.scan(page)
        for line, message in scan.errors:
            result.fail(label(page, line), message)
        if scan.svgs:
            pages_with_svg += 1
        for span in scan.svgs:
            inline += 1
            text = scan.source[span.start:span.end]
            try:
                root = ET.fromstring(text)
            except ET.ParseError as error:
                line, column = _position(span, error)
                result.fail(label(page, line, column), "inline <svg>: " + _explain(text, error))
                continue
            if root.tag not in ("svg", SVG_NS + "svg"):
                result.fail(label(page, span.line), f"inline SVG parsed to <{root.tag}>")
    for rel in site.svg_files:
        try:
            text = site.read(rel)
            root = ET.fromstring(text)
        except ET.ParseError as error:
            result.fail(label(rel, *error.position), _explain(text, error))
            continue
        except (OSError, UnicodeError) as error:
            result.fail(label(rel), f"cannot read: {error}")
            continue
        if root.tag != SVG_NS + "svg":
            result.fail(label(rel, 1), f'root element is <{root.tag}>, not <svg xmlns="http://www.w3.org/2000/svg"> '
                                       "(a standalone SVG needs the SVG namespace to render)")
    result.summary = (f"{inline} inline SVG(s) in {pages_with_svg} of {len(site.pages)} page(s), "
                      f"{len(site.svg_files)} SVG file(s)")
    result.seconds = time.monotonic() - started
    return result
