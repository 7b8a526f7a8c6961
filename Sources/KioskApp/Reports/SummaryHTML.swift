import Foundation
import KioskCore

/// The summary as one self-contained HTML file for a board: inline CSS and SVG charts, no scripts,
/// nothing fetched from the network, laid out to print on A4.
public enum SummaryHTML {
    public static func render(_ report: SummaryReport, day: Day) -> String {
        let language = report.language
        let k = report.options.minimumCell
        var html = """
            <!doctype html>
            <html lang="\(report.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(report.title))</title>
            <style>\(css)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(report.title))</h1>
            <p class="meta">\(escape(metaLine(report, day: day)))</p>
            </header>

            """
        for group in report.groups {
            html += "<section class=\"group\">\n"
            if report.groups.count > 1 || !group.key.isEmpty { html += "<h2>\(escape(group.label))</h2>\n" }
            if group.interviews.table.grandTotal == .belowMinimum {
                html += "<p class=\"too-few\">\(escape(SummaryReports.tooFewLine(minimum: k, language: language)))</p>\n</section>\n"
                continue
            }
            html += block(group.interviews, minimum: k, chart: false, language: language)
            for table in group.questions { html += block(table, minimum: k, chart: true, language: language) }
            for table in group.scores { html += block(table, minimum: k, chart: true, language: language) }
            if let referrals = group.referrals { html += block(referrals, minimum: k, chart: true, language: language) }
            if let declined = group.declined { html += block(declined, minimum: k, chart: true, language: language) }
            if let coverage = group.coverage { html += block(coverage, minimum: k, chart: false, language: language) }
            html += "</section>\n"
        }
        html += "<footer>\n<p>\(escape(method(k, language: language)))</p>\n</footer>\n</body>\n</html>\n"
        return html
    }

    static func metaLine(_ report: SummaryReport, day: Day) -> String {
        let language = report.language
        var parts = [Phrasebook(language).text("summary_html.form", ["form_id": "\(report.formID)"])]
        parts.append(SummaryReports.periodLine(report.options, language: language).trimmingCharacters(in: CharacterSet(charactersIn: ".")))
        if !report.options.groupBy.isEmpty {
            parts.append((Phrasebook(language).text("summary_html.split_by_gender_and")) + report.options.groupBy.map(\.description).joined(separator: ", "))
        } else {
            parts.append(Phrasebook(language).text("summary_html.split_by_gender"))
        }
        parts.append(Phrasebook(language).text("summary_html.made", ["day": "\(day)"]))
        return parts.joined(separator: " · ")
    }

    static func method(_ k: Int, language: Language) -> String {
        Phrasebook(language).text("summary_html.method", ["k": "\(k)"])
    }

    static func block(_ item: SummaryReport.Table, minimum: Int, chart: Bool, language: Language) -> String {
        let table = item.table
        var html = "<div class=\"block\">\n<h3>\(escape(item.title))</h3>\n<table>\n<thead><tr><th></th>"
        for column in table.columns { html += "<th>\(escape(column.label))</th>" }
        html += "<th>\(Phrasebook(language).text("summary_html.total"))</th></tr></thead>\n<tbody>\n"
        for (r, row) in table.rows.enumerated() {
            html += "<tr><th scope=\"row\">\(escape(row.label))</th>"
            for c in table.columns.indices {
                html += "<td>\(cell(table.cells[r][c], share: table.share(row: r, column: c), minimum: minimum))</td>"
            }
            html += "<td class=\"total\">\(cell(table.rowTotals[r], share: chart ? table.totalShare(row: r) : nil, minimum: minimum))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        // A chart only when it has bars: one made only of hidden rows says nothing.
        if chart, table.rows.indices.contains(where: { (table.totalShare(row: $0) ?? 0) > 0 }) {
            html += svgChart(table, minimum: minimum)
        }
        return html + "</div>\n"
    }

    static func cell(_ value: PublishedCount, share: Double?, minimum: Int) -> String {
        let text = escape(value.text(minimum: minimum))
        guard let share else { return text }
        return "\(text) <span class=\"share\">\(SummaryReports.percent(share))</span>"
    }

    /// Horizontal bars of each row's share of all interviews; suppressed rows get no bar.
    static func svgChart(_ table: PublishedTable, minimum: Int) -> String {
        let rowHeight = 22
        let labelWidth = 260
        let barWidth = 360
        let height = rowHeight * table.rows.count + 6
        var svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\">\n"
        let short = table.rows.map { $0.label.count > 34 ? String($0.label.prefix(33)) + "…" : $0.label }
        // Shortened labels that would read the same are written out in full.
        let labels = Set(short).count == short.count ? short : table.rows.map(\.label)
        for (r, _) in table.rows.enumerated() {
            let y = r * rowHeight + 4
            let label = labels[r]
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(label))</text>"
            if let share = table.totalShare(row: r) {
                let width = max(share > 0 ? 1 : 0, Int((share * Double(barWidth)).rounded()))
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" rx=\"2\"></rect>"
                svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 14)\">\(SummaryReports.percent(share))</text>\n"
            } else {
                svg += "<text class=\"hidden\" x=\"\(labelWidth + 6)\" y=\"\(y + 14)\">\(escape(table.rowTotals[r].text(minimum: minimum)))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    static func escape(_ text: String) -> String {
        escaping(text) { markupEntity($0) ?? ($0 == "'" ? "&#39;" : nil) }
    }

    static let css = """
        :root { color-scheme: light; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b; line-height: 1.4; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; }
        h2 { font-size: 1.3rem; border-bottom: 2px solid #3d5a80; padding-bottom: .2rem; margin-top: 2rem; }
        h3 { font-size: 1rem; margin: 1.4rem 0 .4rem; }
        h3 small { color: #666; font-weight: normal; }
        .meta, footer { color: #555; font-size: .85rem; }
        table { border-collapse: collapse; font-size: .85rem; margin-bottom: .5rem; }
        th, td { padding: .2rem .5rem; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
        th[scope=row] { text-align: left; font-weight: normal; white-space: normal; max-width: 18rem; }
        thead th { border-bottom: 2px solid #999; }
        td.total { font-weight: bold; }
        .share { color: #666; font-size: .75rem; }
        svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
        svg.chart rect { fill: #3d5a80; }
        svg.chart text { fill: #333; }
        svg.chart text.hidden { fill: #888; }
        footer { margin-top: 2rem; border-top: 1px solid #ccc; padding-top: .5rem; }
        @page { size: A4; margin: 15mm; }
        @media print { body { margin: 0; max-width: none; } .block { break-inside: avoid; } h2 { break-after: avoid; } }
        """
}
