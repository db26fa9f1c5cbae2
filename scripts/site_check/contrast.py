"""WCAG colour contrast, and the non-text (3:1) contrast of diagram marks: every
svg.lr-diagram's .bar, .milestone, .node rect, .link and .series marks against the
diagram's rect.bg (or the page behind it). axe-core has no rule for graphics, so the
browser collects computed colours (COLLECT_JS) and the arithmetic is done here."""

NON_TEXT_MINIMUM = 3.0
MARK_SELECTOR = ".bar, .milestone, .node rect, .link, .series"


def _linear(channel):
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    r, g, b = rgb[:3]
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a, b):
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def over(rgba, backdrop, alpha_scale=1.0):
    """rgba (alpha 0..1) composited over an opaque rgb backdrop."""
    r, g, b, a = rgba
    a = max(0.0, min(1.0, a * alpha_scale))
    return tuple(a * c + (1 - a) * d for c, d in zip((r, g, b), backdrop[:3]))


def page_background(layers, canvas):
    """layers: background colours from the diagram's parent outwards (nearest first)."""
    colour = tuple(canvas[:3])
    for rgba in reversed(layers):
        colour = over(rgba, colour)
    return colour


def hex_colour(rgb):
    return "#" + "".join(f"{int(round(c)):02x}" for c in rgb[:3])


# Collects, for every svg.lr-diagram, the background and each mark's paints. Colours
# come back as [r, g, b, a] in sRGB (0-255, alpha 0-1); CSS colour syntaxes that are not
# rgb()/rgba() (oklch, color-mix, ...) are converted by painting them on a canvas.
COLLECT_JS = r"""
const maxMarks = arguments[0];
const selector = arguments[1];
const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const ctx = canvas.getContext('2d', {willReadFrequently: true});
const probe = document.createElement('span').style;
function rgba(value) {
  if (!value) return null;
  value = value.trim();
  if (value === 'none' || value === 'transparent') return null;
  if (value.startsWith('url(')) return 'url';
  let m = value.match(/^rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/);
  if (m) {
    let a = m[4] === undefined ? 1 : parseFloat(m[4]) / (m[5] ? 100 : 1);
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
  }
  probe.color = '';
  probe.color = value;
  if (!probe.color) return 'unknown';
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = value;
  ctx.fillRect(0, 0, 1, 1);
  const d = ctx.getImageData(0, 0, 1, 1).data;
  return [d[0], d[1], d[2], d[3] / 255];
}
function paint(value, style) {
  if (value && value.toLowerCase().includes('currentcolor')) value = style.color;
  return rgba(value);
}
function describe(el) {
  let text = el.tagName.toLowerCase();
  if (el.id) text += '#' + el.id;
  const cls = el.getAttribute('class');
  if (cls) text += '.' + cls.trim().split(/\s+/).join('.');
  for (let n = el; n && n.tagName && n.tagName.toLowerCase() !== 'svg'; n = n.parentNode) {
    const t = Array.from(n.children || []).find(c => c.tagName.toLowerCase() === 'title');
    if (t && t.textContent.trim()) { text += ' "' + t.textContent.trim().slice(0, 50) + '"'; break; }
  }
  return text;
}
const canvasDark = matchMedia('(prefers-color-scheme: dark)').matches &&
    /dark/.test(getComputedStyle(document.documentElement).colorScheme || '');
const SHAPES = 'path, rect, circle, ellipse, line, polyline, polygon, use';
const SKIP = 'defs, marker, pattern, clipPath, mask, symbol';
const out = [];
document.querySelectorAll('svg.lr-diagram').forEach((svg, index) => {
  if (svg.parentElement && svg.parentElement.closest(SKIP)) return;
  const box = svg.getBoundingClientRect();
  const rendered = (svg.checkVisibility ? svg.checkVisibility() : true) && box.width > 0 && box.height > 0;
  const title = svg.querySelector(':scope > title');
  const name = svg.id ? '#' + svg.id :
      (svg.getAttribute('aria-label') || (title && title.textContent.trim()) || '').slice(0, 60);
  const layers = [];
  for (let n = svg.parentElement; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (Array.isArray(c) && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  const bgRect = svg.querySelector('rect.bg');
  let bg = null;
  if (bgRect) {
    const s = getComputedStyle(bgRect);
    bg = paint(s.fill, s);
    if (Array.isArray(bg)) bg[3] *= parseFloat(s.fillOpacity) * parseFloat(s.opacity);
  }
  const found = new Set();
  svg.querySelectorAll(selector).forEach(el => {
    if (el.closest(SKIP)) return;
    if (el.matches(SHAPES)) found.add(el);
    else el.querySelectorAll(SHAPES).forEach(s => { if (!s.closest(SKIP)) found.add(s); });
  });
  let marks = Array.from(found).filter(el => {
    for (let n = el; n && n !== svg; n = n.parentElement)
      if (n.getAttribute && n.getAttribute('aria-hidden') === 'true') return false;
    return true;
  });
  const total = marks.length;
  if (marks.length > maxMarks) {
    const step = marks.length / maxMarks;
    marks = Array.from({length: maxMarks}, (_, i) => marks[Math.floor(i * step)]);
  }
  const data = marks.map(el => {
    const s = getComputedStyle(el);
    let opacity = 1;
    for (let n = el; n && n !== svg; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
    const r = el.getBoundingClientRect();
    return {
      what: describe(el),
      visible: s.display !== 'none' && s.visibility !== 'hidden' && (r.width > 0 || r.height > 0),
      fill: paint(s.fill, s), fillOpacity: parseFloat(s.fillOpacity),
      stroke: paint(s.stroke, s), strokeOpacity: parseFloat(s.strokeOpacity),
      strokeWidth: parseFloat(s.strokeWidth) || 0, opacity: opacity,
    };
  });
  out.push({index: index, name: name, rendered: rendered, bg: bg, layers: layers,
            canvas: canvasDark ? [18, 18, 18] : [255, 255, 255], total: total, marks: data});
});
return out;
"""


def evaluate(diagrams):
    """Yields (diagram, background rgb, failures, measured, unmeasured) per diagram; a
    failure is (mark description, best ratio, paint descriptions)."""
    for diagram in diagrams:
        page_bg = page_background(diagram["layers"], diagram["canvas"])
        bg = diagram["bg"]
        background = over(bg, page_bg) if isinstance(bg, list) else page_bg
        failures = []
        measured = unmeasured = 0
        for mark in diagram["marks"]:
            if not mark["visible"]:
                continue
            paints = []
            fill, stroke = mark["fill"], mark["stroke"]
            if isinstance(fill, list):
                alpha = mark["fillOpacity"] * mark["opacity"]
                if fill[3] * alpha > 0:
                    colour = over(fill, background, alpha)
                    paints.append(("fill", colour, contrast_ratio(colour, background)))
            if isinstance(stroke, list) and mark["strokeWidth"] > 0:
                alpha = mark["strokeOpacity"] * mark["opacity"]
                if stroke[3] * alpha > 0:
                    colour = over(stroke, background, alpha)
                    paints.append(("stroke", colour, contrast_ratio(colour, background)))
            if not paints:
                unmeasured += 1  # pattern/gradient paint, or nothing painted
                continue
            measured += 1
            best = max(ratio for _, _, ratio in paints)
            if best < NON_TEXT_MINIMUM:
                failures.append((mark["what"], best,
                                 ", ".join(f"{kind} {hex_colour(c)} {ratio:.2f}:1" for kind, c, ratio in paints)))
        yield diagram, background, failures, measured, unmeasured
