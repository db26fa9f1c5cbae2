import LoopReportSource
import LoopReportSupport

/// Page markup is written into the renderer's output buffer: markup as is, every piece of
/// document or model text escaped.
typealias HTML = MarkdownHTML.Output

extension MarkdownHTML.Output {
    /// `<a href="…">text</a>`.
    mutating func link(_ href: String, _ text: String, class className: StaticString? = nil) {
        raw("<a href=\""); self.text(href); raw("\"")
        if let className { raw(" class=\""); raw(className); raw("\"") }
        raw(">"); self.text(text); raw("</a>")
    }

    /// Text with cross-references linked, written in place (the renderer borrows this buffer).
    mutating func prose(_ text: String, _ resolver: CrossReferenceResolver?) {
        var renderer = MarkdownHTML.Renderer(resolver: resolver, options: .init(), capacity: 0)
        swap(&self, &renderer.out)
        renderer.prose(text)
        swap(&self, &renderer.out)
    }

    /// A table: headers (a trailing `#` marks a numeric column), then rows of cells, each
    /// cell written by the caller.
    mutating func table<Row>(
        caption: String? = nil, headers: [String], rows: [Row],
        cell: (inout MarkdownHTML.Output, Row, Int) -> Void
    ) {
        raw("<div class=\"table-wrap\" tabindex=\"0\"><table>")
        if let caption { raw("<caption>"); text(caption); raw("</caption>") }
        raw("<thead><tr>")
        let numeric = headers.map { $0.hasSuffix("#") }
        for (header, numeric) in zip(headers, numeric) {
            raw(numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
            text(numeric ? String(header.dropLast()) : header)
            raw("</th>")
        }
        raw("</tr></thead><tbody>")
        for row in rows {
            raw("<tr>")
            for column in headers.indices {
                raw(numeric[column] ? "<td class=\"num\">" : "<td>")
                cell(&self, row, column)
                raw("</td>")
            }
            raw("</tr>")
        }
        raw("</tbody></table></div>")
    }

    /// A status badge: ok, warn, bad or neutral.
    mutating func badge(_ label: String, _ level: BadgeLevel) {
        switch level {
        case .ok: raw("<span class=\"badge badge-ok\">")
        case .warn: raw("<span class=\"badge badge-warn\">")
        case .bad: raw("<span class=\"badge badge-bad\">")
        case .neutral: raw("<span class=\"badge badge-neutral\">")
        }
        text(label)
        raw("</span>")
    }

    /// A labelled meter: `<progress>` with the value in words beside it.
    mutating func meter(label: String, href: String? = nil, percent: Double) {
        let value = max(0, min(100, percent))
        raw("<div class=\"meter\"><span class=\"label\">")
        if let href { link(href, label) } else { text(label) }
        raw("</span><progress max=\"100\" value=\""); raw(numberText(value, decimals: 0))
        raw("\" aria-label=\""); text(label); raw("\"></progress><span>"); raw(numberText(value, decimals: 0)); raw("%</span></div>")
    }

    /// A diagram in its scrolling frame, with the same data as a table in a disclosure below.
    mutating func diagram(_ svg: [UInt8], tableSummary: String, table: (inout MarkdownHTML.Output) -> Void) {
        raw("<figure class=\"diagram\" tabindex=\"0\">"); raw(svg); raw("</figure>")
        raw("<details class=\"data\"><summary>"); text(tableSummary); raw("</summary>")
        table(&self)
        raw("</details>")
    }
}

enum BadgeLevel { case ok, warn, bad, neutral }

/// Days as people write them: `1 day`, `2.5 days`.
func daysText(_ value: Double) -> String {
    numberText(value) + (value == 1 ? " day" : " days")
}

/// Text escaped for HTML content or attribute values (the one escaper of the site).
package func htmlEscaped(_ text: String) -> String {
    var html = HTML(capacity: text.utf8.count + 16)
    html.text(text)
    return html.string
}
