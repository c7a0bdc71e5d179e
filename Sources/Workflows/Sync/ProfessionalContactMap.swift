import Foundation
import Records

/// Which Apidae selections feed which category of which office's professional contacts: a file
/// of `office;category;selection` lines (`GUICHET_APIDAE_PRO_CONTACTS`). `office` is an office's
/// number, or `*` for the whole region: each entity then goes to the office whose Apidae member
/// owns it. `#` starts a comment; a header line is allowed.
///
///     # office;category;selection
///     *;Hôtellerie;49063
///     3;Prestataires d'activités;49070
public struct ProfessionalContactMap: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// nil: the office owning each entity (regional mapping).
        public var officeID: Int64?
        public var category: String
        public var selection: Int
        public init(officeID: Int64?, category: String, selection: Int) { self.officeID = officeID; self.category = category; self.selection = selection }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public init(text: String, file: String = "mapping") throws(RecordsError) {
        var entries: [Entry] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let fields = trimmed.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 else { throw .configuration("\(file), line \(number + 1): expected office;category;selection") }
            guard let selection = Int(fields[2]) else {
                if entries.isEmpty && number == 0 { continue }  // a header
                throw .configuration("\(file), line \(number + 1): the selection must be a number")
            }
            guard !fields[1].isEmpty else { throw .configuration("\(file), line \(number + 1): the category is empty") }
            let office: Int64?
            if fields[0] == "*" { office = nil } else if let id = Int64(fields[0]) { office = id } else {
                throw .configuration("\(file), line \(number + 1): the office must be its number or *")
            }
            entries.append(Entry(officeID: office, category: fields[1], selection: selection))
        }
        self.entries = entries
    }

    public static func load(_ path: String) throws(RecordsError) -> ProfessionalContactMap {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .configuration("cannot read \(path)") }
        return try ProfessionalContactMap(text: text, file: path)
    }
}
