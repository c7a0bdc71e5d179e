import CRM
import Foundation
import Mail

/// The statistics' charts as standalone SVG documents (the web UI shows them as images).
public enum StatisticsChart {
    /// Requests per month: a line with its points and the months under it.
    public static func months(_ counts: [Statistics.Count], title: String = "Demandes par mois") -> String {
        // One month is a bar, not a line of one dot.
        guard counts.count > 1 else { return bars(counts, title: title) }
        let width = 640.0, height = 260.0, left = 40.0, right = 34.0, top = 36.0, bottom = 40.0
        let maximum = max(1, counts.map(\.count).max() ?? 1)
        let step = counts.count > 1 ? (width - left - right) / Double(counts.count - 1) : 0
        func x(_ i: Int) -> Double { left + Double(i) * step }
        func y(_ v: Int) -> Double { top + (height - top - bottom) * (1 - Double(v) / Double(maximum)) }
        var svg = header(width, height, title)
        svg += gridLines(maximum: maximum, left: left, right: width - right, y: y)
        let points = counts.enumerated().map { String(format: "%.1f,%.1f", x($0.offset), y($0.element.count)) }.joined(separator: " ")
        svg += "<polyline fill=\"none\" stroke=\"#1F5C8C\" stroke-width=\"2.5\" points=\"\(points)\"/>"
        for (i, c) in counts.enumerated() {
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#1F5C8C\"><title>%@ : %d</title></circle>", x(i), y(c.count), HTMLText.escape(c.key), c.count)
            if counts.count <= 13 || i % max(1, counts.count / 12) == 0 {
                svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%@</text>", x(i), height - bottom + 18, HTMLText.escape(c.key))
            }
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, largest first (themes, contact modes…).
    public static func bars(_ counts: [Statistics.Count], title: String = "Thèmes demandés", limit: Int = 12) -> String {
        let shown = Array(counts.prefix(limit))
        let row = 26.0, width = 640.0, label = 190.0, top = 36.0
        let height = top + Double(max(1, shown.count)) * row + 12
        let maximum = max(1, shown.map(\.count).max() ?? 1)
        var svg = header(width, height, title)
        for (i, c) in shown.enumerated() {
            let y = top + Double(i) * row
            let length = (width - label - 60) * Double(c.count) / Double(maximum)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\">%@</text>", label - 8, y + 16, HTMLText.escape(c.key))
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" rx=\"3\" fill=\"#E07A1F\"><title>%@ : %d</title></rect>",
                          label, y + 3, max(1, length), HTMLText.escape(c.key), c.count)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%d</text>", label + length + 6, y + 16, c.count)
        }
        return svg + "</svg>"
    }

    static func header(_ width: Double, _ height: Double, _ title: String) -> String {
        String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%@\" font-family=\"Lato, sans-serif\" fill=\"#222\">",
               width, height, width, height, HTMLText.escape(title))
            + "<title>\(HTMLText.escape(title))</title><text x=\"8\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(HTMLText.escape(title))</text>"
    }

    static func gridLines(maximum: Int, left: Double, right: Double, y: (Int) -> Double) -> String {
        var svg = ""
        for step in 0...4 {
            let value = Int((Double(maximum) * Double(step) / 4).rounded())
            svg += String(format: "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", left, right, y(value), y(value))
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%d</text>", left - 6, y(value) + 4, value)
        }
        return svg
    }
}
