import Foundation

/// A contact list as offices get them (a fair's sign-up sheet, a spreadsheet saved as CSV): UTF-8
/// (with or without a BOM) or Windows-1252, `;`, `,` or tab separated, a header row, fields quoted
/// or not. Rows keep the line they start on, for the import's report. A row whose quote is never
/// closed is reported, not allowed to swallow the rest of the file (CSV.swift would read it to the
/// end without a word, so the reading is done here).
public struct ContactFile: Sendable {
    /// Why a row of a contact file is not imported.
    public enum Problem: Sendable, Hashable, Codable, CustomStringConvertible {
        case unclosedQuote
        case columns(found: Int, expected: Int)
        case invalidEmail(String)
        case noIdentity

        public var description: String {
            switch self {
            case .unclosedQuote: "a quote (\") is never closed"
            case let .columns(found, expected): "\(found) columns where the header has \(expected)"
            case let .invalidEmail(text): "\"\(text)\" is not an email address"
            case .noIdentity: "neither an email address nor a name"
            }
        }
    }

    public var header: [String]
    public var rows: [Row]
    /// Rows that could not be read (their quote never closes).
    public var broken: [Int]
    public var separator: Character
    public var encoding: String

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    public init(data: Data) throws(CRMError) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text: String
        if let utf8 = String(data: bytes, encoding: .utf8) {
            (text, encoding) = (utf8, "UTF-8")
        } else if let cp1252 = String(data: bytes, encoding: .windowsCP1252) {
            (text, encoding) = (cp1252, "Windows-1252")
        } else {
            throw .invalid(field: "file", reason: "ni du texte UTF-8 ni du Windows-1252")
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw .invalid(field: "file", reason: "le fichier est vide")
        }
        separator = Self.separator(of: lines[first])
        var records: [Row] = [], broken: [Int] = []
        var index = first
        while index < lines.count {
            if lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1; continue }
            switch Self.record(lines, from: index, separator: separator) {
            case let .success((fields, next)):
                records.append(Row(line: index + 1, fields: fields))
                index = next
            case .failure:
                broken.append(index + 1)
                index += 1
            }
        }
        guard let header = records.first else { throw .invalid(field: "file", reason: "pas de ligne d'en-têtes") }
        self.header = header.fields
        rows = Array(records.dropFirst())
        self.broken = broken
    }

    struct Unclosed: Error {}

    /// One record starting at `lines[start]` (a quoted field may span lines); the index after it.
    static func record(_ lines: [String], from start: Int, separator: Character) -> Result<([String], Int), Unclosed> {
        var fields: [String] = [], field = "", quoted = false, atFieldStart = true
        var index = start
        var characters = Array(lines[index])
        var i = 0
        while true {
            if i == characters.count {
                if quoted {
                    index += 1
                    guard index < lines.count else { return .failure(Unclosed()) }
                    field.append("\n")
                    characters = Array(lines[index]); i = 0
                    continue
                }
                fields.append(field.trimmingCharacters(in: .whitespaces))
                return .success((fields, index + 1))
            }
            let c = characters[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < characters.count, characters[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"", atFieldStart || field.trimmingCharacters(in: .whitespaces).isEmpty {
                quoted = true; field = ""
            } else if c == separator {
                fields.append(field.trimmingCharacters(in: .whitespaces)); field = ""; atFieldStart = true; i += 1
                continue
            } else {
                field.append(c)
            }
            atFieldStart = false
            i += 1
        }
    }

    /// The separator the header row uses most, outside quotes: `;` (French spreadsheets), `,` or tab.
    static func separator(of header: String) -> Character {
        var counts: [Character: Int] = [";": 0, ",": 0, "\t": 0]
        var quoted = false
        for c in header {
            if c == "\"" { quoted.toggle() } else if !quoted, counts[c] != nil { counts[c]! += 1 }
        }
        return [";", ",", "\t"].max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && $0 == ";") } ?? ";"
    }
}
