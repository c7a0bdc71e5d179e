import CSV
import Foundation

/// A text as a spreadsheet cell that cannot run: LibreOffice and Excel read a cell that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (`=HYPERLINK(…)` typed as a
/// department would open a link from the office admin's statistics). Such a cell is written with
/// a leading apostrophe, which spreadsheets show as text.
public enum SpreadsheetCell {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func safe(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }
}

extension CSVWriter {
    /// Writes a row whose every cell is made safe for spreadsheets: every CSV the app writes goes
    /// through here.
    func writeSafe(row: [String]) throws {
        try write(row: row.map(SpreadsheetCell.safe))
    }
}

/// A table as CSV text for spreadsheets: `;`-separated UTF-8, every cell made safe.
public enum SpreadsheetTable {
    public static func csv(header: [String], rows: [[String]]) throws(CRMError) -> String {
        do {
            let writer = try CSVWriter(stream: .toMemory(), delimiter: ";")
            try writer.writeSafe(row: header)
            for row in rows { try writer.writeSafe(row: row) }
            writer.stream.close()
            let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw .storage("CSV: \(error)")
        }
    }
}
