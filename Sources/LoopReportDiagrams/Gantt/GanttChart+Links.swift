import LoopReportAnalysis

/// The dependency arrows: from the end of a source bar (its start, for start-to-start) to
/// the start of the target's, routed between rows around the bars in their way, under the
/// bars; critical ones and those closing a cycle marked.
extension GanttChart.Chart {
    /// Draws an arrow per link between the rows shown; returns them.
    func drawLinks(_ body: inout SVGBuilder) -> [GanttDiagram.Arrow] {
        let links = schedule.links(among: Array(rowOfTask.keys))
        guard !links.isEmpty else { return [] }
        var arrows: [GanttDiagram.Arrow] = []
        let occupied = rows.map { occupiedInterval($0) }
        for link in links {
            let from = rowOfTask[link.from]!, to = rowOfTask[link.to]!
            let source = schedule.tasks[link.from], target = schedule.tasks[link.to]
            let critical =
                source.critical && target.critical && !link.startToStart
                && abs(target.earlyStart - source.earlyFinish) < 1e-9
            let points = route(from: from, to: to, startToStart: link.startToStart, occupied: occupied)
            body.raw("<path class=\"link")
            if link.cut { body.raw(" cut") } else if critical { body.raw(" critical") }
            if link.startToStart { body.raw(" ss") }
            body.raw("\" d=\"")
            body.polylinePath(points)
            body.raw("\" marker-end=\"url(#"); body.rawString(options.id)
            body.raw(link.cut ? "-arrow-cut" : critical ? "-arrow-critical" : "-arrow")
            body.raw(")\"/>")
            arrows.append(
                GanttDiagram.Arrow(
                    from: source.id, to: target.id, startToStart: link.startToStart,
                    critical: critical, cut: link.cut, points: points))
        }
        return arrows
    }

    /// The x-interval a row's marks occupy (bar, baseline, milestone), padded.
    func occupiedInterval(_ row: GanttChart.RowSpec) -> (Double, Double)? {
        let barHeight = GanttChart.barHeight
        var low = Double.infinity, high = -Double.infinity
        if let s = row.start, let f = row.finish {
            low = min(low, startX(s)); high = max(high, finishX(f))
            if f - s < 1e-9 { low -= barHeight / 2 + 1; high += barHeight / 2 + 1 }
        }
        if let b = row.baseline { low = min(low, startX(b.start)); high = max(high, max(startX(b.start) + 1, finishX(b.finish))) }
        return low <= high ? (low - 3, high + 3) : nil
    }

    /// An arrow from the source bar's end (its start, for start-to-start) to the target
    /// bar's start: out horizontally, down (or up) between rows at an x no bar of a row in
    /// between covers (jogging along the gaps between rows where needed), and into the
    /// target from the left.
    func route(from: Int, to: Int, startToStart: Bool, occupied: [(Double, Double)?]) -> [(x: Double, y: Double)] {
        let rowsTop = rowsTop, rowHeight = GanttChart.rowHeight, barInset = GanttChart.barInset, barHeight = GanttChart.barHeight
        let stub = 8.0
        let source = rows[from], target = rows[to]
        let y1 = rowsTop + Double(from) * rowHeight + barInset + barHeight / 2
        let y2 = rowsTop + Double(to) * rowHeight + barInset + barHeight / 2
        // A milestone's diamond reaches half its height either side of its date.
        let sourceHalf = source.finish == source.start ? barHeight / 2 + 1 : 0
        let sourceStart = startX(source.start ?? 0) - sourceHalf, sourceEnd = finishX(source.finish ?? 0) + sourceHalf
        let targetX = startX(target.start ?? 0) - (target.finish == target.start ? barHeight / 2 + 1 : 0)
        let x1 = startToStart ? sourceStart : sourceEnd
        var points: [(x: Double, y: Double)] = [(x1, y1)]
        let entry = targetX - stub
        var x: Double
        if startToStart {
            x = min(x1 - stub, entry)
        } else {
            x = entry >= x1 + stub ? entry : x1 + stub
        }
        points.append((x, y1))
        let step = to > from ? 1 : -1
        // The gap line between row r and its neighbour in the direction of travel.
        func gap(after r: Int) -> Double { rowsTop + Double(step > 0 ? r + 1 : r) * rowHeight }
        var r = from
        var y = gap(after: r)
        points.append((x, y))
        r += step
        while r != to {
            if let (low, high) = occupied[r], x > low, x < high {
                // Step aside along the gap: to the side nearer the entry point.
                let left = low, right = high
                let newX = abs(left - entry) <= abs(right - entry) ? left : right
                x = newX
                points.append((x, y))
            }
            y = gap(after: r)
            points.append((x, y))
            r += step
        }
        // In the target's row: come in from the left.
        if x > entry || x < entry {
            points.append((entry, y))
            x = entry
        }
        points.append((x, y2))
        points.append((targetX, y2))
        return simplify(points)
    }

    /// Drops repeated and collinear middle points.
    func simplify(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        var result: [(x: Double, y: Double)] = []
        for p in points {
            if let last = result.last, abs(last.x - p.x) < 1e-9, abs(last.y - p.y) < 1e-9 { continue }
            if result.count >= 2 {
                let a = result[result.count - 2], b = result[result.count - 1]
                if (abs(a.x - b.x) < 1e-9 && abs(b.x - p.x) < 1e-9) || (abs(a.y - b.y) < 1e-9 && abs(b.y - p.y) < 1e-9) {
                    result[result.count - 1] = p
                    continue
                }
            }
            result.append(p)
        }
        return result
    }

    /// The arrowheads the links refer to (plain, critical, cut), in the document's definitions.
    func arrowMarkers(_ b: inout SVGBuilder, id: String) {
        for (suffix, cls) in [("-arrow", "arrowhead"), ("-arrow-critical", "arrowhead critical"), ("-arrow-cut", "arrowhead cut")] {
            b.raw("<marker id=\""); b.rawString(id + suffix)
            b.raw(
                "\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 0 L8 4 L0 8 Z\" class=\""
            )
            b.rawString(cls); b.raw("\"/></marker>")
        }
    }
}
