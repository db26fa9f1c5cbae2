import LoopReportAnalysis
import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// A measurement table as a line chart: the first column on x, one line per series, a
/// panel per unit (time and memory are not drawn against one axis), log axes where the
/// values span orders of magnitude, each series with its own marker shape as well as its
/// colour, and the fitted growth class in the legend.
package struct ResultChart: Sendable {
    /// The drawing as SVG markup (UTF-8), as pages embed it.
    package var markup: [UInt8]
    package var svg: String { String(decoding: markup, as: UTF8.self) }
    package var width: Double
    package var height: Double
    /// The panels drawn: their unit and series indices.
    package var panels: [(unit: String, series: [Int], logY: Bool)]

    static let width = 680.0
    static let panelHeight = 220.0
    static let left = 64.0
    static let right = 16.0
    static let top = 12.0
    static let axisLabelSpace = 44.0

    package static func render(_ table: MeasurementAnalysis, options: DiagramOptions) -> ResultChart {
        // Panels: series grouped by display unit, in column order.
        var panels: [(unit: String, series: [Int], logY: Bool)] = []
        for (s, series) in table.series.enumerated() where !series.points.isEmpty {
            if let p = panels.firstIndex(where: { $0.unit == series.unit }) {
                panels[p].series.append(s)
                panels[p].logY = panels[p].logY || series.logScaleY
            } else {
                panels.append((series.unit, [s], series.logScaleY))
            }
        }
        let legendRows = table.series.filter { !$0.points.isEmpty }.count
        let legendHeight = Double(legendRows) * 18 + 8
        let panelBlock = panelHeight + axisLabelSpace
        let height = (top + Double(panels.count) * panelBlock + legendHeight + 8).rounded(.up)
        let allX = table.series.flatMap { $0.points.map(\.x) }
        let xScale = Scale(values: allX, log: table.logScaleX, from: left, to: width - right)

        var svg = SVGBuilder(capacity: 8192)
        let name = table.title.isEmpty ? "Measurements" : table.title
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lr-diagram lr-chart\"")
        svg.attribute("width", width); svg.attribute("height", height)
        svg.raw(" viewBox=\"0 0 "); svg.number(width); svg.raw(" "); svg.number(height); svg.raw("\" role=\"img\"")
        if !options.standalone { svg.attribute("aria-label", name) }
        svg.raw(">")
        svg.title(name)
        svg.raw("<desc>"); svg.escaped(description(table)); svg.raw("</desc>")
        if options.standalone { svg.raw("<style>"); svg.rawString(DiagramStyle.standaloneStyle); svg.raw("</style>") }
        svg.rect(x: 0, y: 0, width: width, height: height, class: "bg")

        for (p, panel) in panels.enumerated() {
            let panelTop = top + Double(p) * panelBlock
            let bottom = panelTop + panelHeight
            let values = panel.series.flatMap { table.series[$0].points.map(\.y) }
            let yScale = Scale(values: values, log: panel.logY, from: bottom, to: panelTop + 8, includeZero: !panel.logY)
            // Grid and axes.
            for tick in yScale.ticks() {
                let y = yScale.position(tick)
                svg.line(x1: left, y1: y, x2: width - right, y2: y, class: "grid")
                svg.text(Self.label(tick), x: left - 6, y: y + 4, class: "muted", anchor: .end)
            }
            for tick in xScale.ticks() {
                let x = xScale.position(tick)
                svg.line(x1: x, y1: panelTop + 8, x2: x, y2: bottom, class: "grid")
                svg.text(Self.label(tick), x: x, y: bottom + 16, class: "muted", anchor: .middle)
            }
            svg.line(x1: left, y1: bottom, x2: width - right, y2: bottom, class: "axis")
            svg.line(x1: left, y1: panelTop + 8, x2: left, y2: bottom, class: "axis")
            svg.text(
                table.scaleName + (table.logScaleX ? " (log scale)" : ""), x: (left + width - right) / 2, y: bottom + 34,
                class: "muted", anchor: .middle)
            let unitLabel = (panel.unit.isEmpty ? "value" : panel.unit) + (panel.logY ? ", log scale" : "")
            svg.raw("<text class=\"muted\" text-anchor=\"middle\" transform=\"translate(14 ")
            svg.number(panelTop + panelHeight / 2); svg.raw(") rotate(-90)\">"); svg.escaped(unitLabel); svg.raw("</text>")
            // Lines and markers.
            for s in panel.series {
                let series = table.series[s]
                let style = s % 5
                let points = series.points.map { (x: xScale.position($0.x), y: yScale.position($0.y)) }
                svg.raw("<path class=\"series s"); svg.integer(style + 1); svg.raw("\" d=\"")
                svg.polylinePath(points)
                svg.raw("\"/>")
                for point in points { marker(&svg, shape: s % 4, x: point.x, y: point.y, style: style) }
            }
        }

        // Legend: marker, name, fitted growth.
        var y = top + Double(panels.count) * panelBlock + 8
        for (s, series) in table.series.enumerated() where !series.points.isEmpty {
            marker(&svg, shape: s % 4, x: left + 6, y: y + 5, style: s % 5)
            var text = series.name + (series.unit.isEmpty ? "" : " (\(series.unit))")
            if let fit = series.fit { text += " — grows like \(fit.bestModel.notation)" }
            svg.text(text, x: left + 18, y: y + 9, class: "")
            y += 18
        }
        svg.raw("</svg>\n")
        return ResultChart(markup: svg.markup, width: width, height: height, panels: panels)
    }

    static func marker(_ svg: inout SVGBuilder, shape: Int, x: Double, y: Double, style: Int) {
        svg.raw("<path class=\"s"); svg.integer(style + 1); svg.raw("\" d=\"")
        switch shape {
        case 0:  // circle (as two arcs)
            svg.raw("M"); svg.number(x - 4); svg.raw(" "); svg.number(y); svg.raw(" a4 4 0 1 0 8 0 a4 4 0 1 0 -8 0")
        case 1:  // square
            svg.raw("M"); svg.number(x - 3.5); svg.raw(" "); svg.number(y - 3.5); svg.raw(" h7 v7 h-7 Z")
        case 2:  // triangle
            svg.raw("M"); svg.number(x); svg.raw(" "); svg.number(y - 5); svg.raw(" l4.5 8 h-9 Z")
        default:  // diamond
            svg.raw("M"); svg.number(x); svg.raw(" "); svg.number(y - 5); svg.raw(" l5 5 l-5 5 l-5 -5 Z")
        }
        svg.raw("\"/>")
    }

    static func description(_ table: MeasurementAnalysis) -> String {
        var parts: [String] = []
        let series = table.series.filter { !$0.points.isEmpty }
        parts.append("\(series.count) series against \(table.scaleName)" + (table.logScaleX ? " (log scale)" : "") + ".")
        for s in series {
            var text = "\(s.name): \(s.points.count) points"
            if let first = s.points.first, let last = s.points.last {
                text += ", from \(label(first.y)) to \(label(last.y))\(s.unit.isEmpty ? "" : " " + s.unit)"
            }
            if let fit = s.fit { text += ", grows like \(fit.bestModel.notation)" }
            parts.append(text + ".")
        }
        for claim in table.claims { parts.append(claim.explanation) }
        return parts.joined(separator: " ")
    }

    /// Tick text: thousands as `10k`, millions as `1M`, otherwise up to two decimals.
    static func label(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000, (value / 1_000_000).rounded() == value / 1_000_000 { return numberText(value / 1_000_000) + "M" }
        if magnitude >= 1_000, (value / 1_000 * 10).rounded() == value / 1_000 * 10 { return numberText(value / 1_000) + "k" }
        if magnitude > 0, magnitude < 0.01 { return String(value) }
        return numberText(value)
    }
}

/// A linear or logarithmic axis mapping values to pixels, with readable ticks.
struct Scale {
    var low: Double
    var high: Double
    let log: Bool
    let from: Double
    let to: Double

    init(values: [Double], log: Bool, from: Double, to: Double, includeZero: Bool = false) {
        let usable = log ? values.filter { $0 > 0 } : values
        var low = usable.min() ?? 0, high = usable.max() ?? 1
        self.log = log && !usable.isEmpty
        if self.log {
            low = power10(floor(log10(low)))
            high = power10(ceil(log10(high)))
            if low == high { high = low * 10 }
        } else {
            if includeZero { low = min(0, low); high = max(0, high) }
            if low == high { high = low + 1 }
            let step = Scale.niceStep((high - low) / 5)
            low = floor(low / step) * step
            high = ceil(high / step) * step
        }
        self.low = low
        self.high = high
        self.from = from
        self.to = to
    }

    func position(_ value: Double) -> Double {
        let t: Double
        if log { t = (log10(max(value, low)) - log10(low)) / (log10(high) - log10(low)) } else { t = (value - low) / (high - low) }
        return from + t * (to - from)
    }

    /// At most `maximumTicks`: a scale over values no step can cross in doubles (`1e20` to
    /// `1e20 + 1`) or over infinity would otherwise never end.
    func ticks() -> [Double] {
        guard low.isFinite, high.isFinite, high >= low else { return [] }
        if log {
            var ticks: [Double] = []
            var v = low
            let span = log10(high) - log10(low)
            let decades = span.isFinite ? span.rounded() : 0
            while v <= high * 1.0001, v > 0, v.isFinite, ticks.count < Self.maximumTicks {
                ticks.append(v)
                if decades <= 2 { for m in [2.0, 5.0] where v * m < high { ticks.append(v * m) } }
                v *= 10
            }
            return ticks.sorted()
        }
        let step = Scale.niceStep((high - low) / 5)
        var ticks: [Double] = []
        var v = low
        while v <= high + step * 1e-6, ticks.count < Self.maximumTicks {
            ticks.append((v / step).rounded() * step)
            guard v + step > v else { break }
            v += step
        }
        return ticks
    }

    static let maximumTicks = 60

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = power10(floor(log10(raw)))
        for m in [1.0, 2.0, 5.0, 10.0] where m * power >= raw { return m * power }
        return 10 * power
    }
}

func power10(_ x: Double) -> Double { pow(10, x) }
