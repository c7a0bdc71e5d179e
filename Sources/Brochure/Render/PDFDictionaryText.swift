import Foundation

/// Small edits of a dictionary cairo wrote, as text: the references a key holds, the key's value
/// replaced, an entry added first.
enum PDFDictionaryText {
    /// The objects `key` names: `/K 12 0 R` or `/K [ 12 0 R 13 0 R ]` (bare numbers in the array,
    /// marked content, are skipped).
    static func references(_ key: String, in body: String) -> [Int] {
        guard let value = valueRange(key, in: body) else { return [] }
        let tokens = body[value].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "[" || $0 == "]" })
        var objects: [Int] = []
        var i = 0
        while i < tokens.count {
            if i + 2 < tokens.count, tokens[i + 2] == "R", let object = Int(tokens[i]) {
                objects.append(object)
                i += 3
            } else {
                i += 1
            }
        }
        return objects
    }

    /// `body` with the value of `key` (an array or one reference) replaced by an array of `objects`.
    static func replacing(_ key: String, in body: String, with objects: [Int]) -> String? {
        guard let value = valueRange(key, in: body) else { return nil }
        return String(body[..<value.lowerBound]) + "[ " + objects.map { "\($0) 0 R" }.joined(separator: " ") + " ]" + String(body[value.upperBound...])
    }

    /// Where the value of `key` lies: `[ … ]` (not nested) or `N G R`.
    static func valueRange(_ key: String, in body: String) -> Range<String.Index>? {
        guard let found = body.range(of: key + " ") else { return nil }
        let rest = body[found.upperBound...]
        if rest.hasPrefix("[") {
            return rest.firstIndex(of: "]").map { rest.startIndex..<rest.index(after: $0) }
        }
        return rest.range(of: " R").map { rest.startIndex..<$0.upperBound }
    }

    /// `entry` added as the dictionary's first entry.
    static func inserting(_ entry: String, into dictionary: String) -> String {
        "<< " + entry + "\n   " + dictionary.dropFirst(2).trimmingCharacters(in: .whitespaces)
    }
}
