import LoopReportLayout

extension EdgePath {
    /// The drawn path as a polyline: what `svgPathData` draws, each Bézier cut into
    /// `curveSegments` straight pieces (the same flattening `SVGDrawingReader` applies).
    package static func polyline(_ points: [Point], curveSegments: Int = 8) -> [Point] {
        PathFlattener.flatten(svgPathData(points), curveSegments: curveSegments)
    }
}
