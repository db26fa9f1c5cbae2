// Plain geometry values shared by the layout engine, the drawing metrics and the renderer.
// Screen coordinates: x grows to the right, y grows downwards.

package struct Point: Sendable, Hashable {
    package var x: Double
    package var y: Double
    package init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

package struct Size: Sendable, Hashable {
    package var width: Double
    package var height: Double
    package init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// An axis-aligned box; `x`, `y` is the top-left corner.
package struct Rect: Sendable, Hashable {
    package var x: Double
    package var y: Double
    package var width: Double
    package var height: Double
    package init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    package var minX: Double { x }
    package var maxX: Double { x + width }
    package var minY: Double { y }
    package var maxY: Double { y + height }
    package var midX: Double { x + width / 2 }
    package var midY: Double { y + height / 2 }

    /// Euclidean distance from `p` to the box (0 inside or on the border).
    package func distance(to p: Point) -> Double {
        let dx = max(minX - p.x, 0, p.x - maxX)
        let dy = max(minY - p.y, 0, p.y - maxY)
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// A directed edge between two node indices.
package struct GraphEdge: Sendable, Hashable {
    package var from: Int
    package var to: Int
    package init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }
}
