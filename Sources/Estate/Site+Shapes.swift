import Foundation
import Geometry

extension Site {
    /// A plot's outline in the site's metres: its drawn polygon (`site.plots_from`), else its `width` × `depth`
    /// rectangle centred on `(x, y)` and rotated counter-clockwise by `rotation` degrees (as the SVG map draws it),
    /// else `nil` (a typed plot with no width or depth has only its centroid).
    public func shape(of plot: Plot) -> Shape? {
        if let drawn = drawing?.plots[plot.id] { return drawn }
        guard let w = plot.width, let d = plot.depth, w > 0, d > 0 else { return nil }
        let a = (plot.rotation ?? 0) * .pi / 180
        let (c, s) = (cos(a), sin(a))
        let corners = [(-w / 2, -d / 2), (w / 2, -d / 2), (w / 2, d / 2), (-w / 2, d / 2), (-w / 2, -d / 2)]
        return .polygon(Polygon(exterior: corners.map { dx, dy in
            Point2D(x: plot.x + dx * c - dy * s, y: plot.y + dx * s + dy * c)
        }))
    }
}
