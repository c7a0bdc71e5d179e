import DemoData
import Foundation
import GuichetTestSupport
import Records
import Testing

/// `JSONParser.parse(_:keeping:)` builds only the selected parts of a document: it must fail
/// exactly where the whole parse fails, and build exactly the whole parse's selected parts.
@Suite("Parsing only the parts asked for")
struct PartialParsingTests {
    /// A selection the test can apply to a parsed value as well as hand to the parser.
    indirect enum Keep {
        case all
        case members([(String, Keep)])

        var selection: JSONSelection {
            switch self {
            case .all: .all
            case .members(let m): .keeping(m.map { ($0.0, $0.1.selection) })
            }
        }

        /// What the partial parse should give: the value with only the kept members.
        func applied(to value: JSONValue) -> JSONValue {
            switch (self, value) {
            case (.all, _): value
            case (.members(let keep), .object(let members)):
                .object(members.compactMap { key, v in keep.first { $0.0 == key }.map { (key, $0.1.applied(to: v)) } })
            case (.members, .array(let elements)): .array(elements.map { applied(to: $0) })
            default: value
            }
        }
    }

    static let keep = Keep.members([
        ("id", .all), ("nom", .all),
        ("gestion", .members([("dateModification", .all), ("membreProprietaire", .members([("id", .all)]))])),
        ("illustrations", .members([("traductionFichiers", .all)])),
        ("n\u{e9}", .all), ("esc\"aped", .all),
    ])

    /// Hand-written corners: escapes of every kind, surrogate pairs, a key written with an
    /// escape, numbers of every shape, deep nesting, strings of every length around 8 bytes.
    static let corners = #"""
        {"id": 12, "nom": {"libelleFr": "Caf\u00e9 \"Au bon coin\" \\ \/ \b\f\n\r\t \ud83c\udfd4 fin"},
         "skipped": {"text": "a\\\"b\u0041", "deep": [[[{"x": [1, -2.5e-3, 3E+2, 0, -0, 1.0]}]]], "t": true, "f": false, "n": null},
         "gestion": {"dateModification": "2024-11-28T16:45:10.512+0000", "other": "1234567", "membreProprietaire": {"id": 1006, "nom": "12345678"}},
         "illustrations": [{"type": "IMAGE", "traductionFichiers": [{"url": "https://x.example/a.jpg"}]}, {"nom": "123456789"}],
         "n\u00e9": "escaped key", "esc\"aped": 1, "last": "\ud83d\ude00\\\\"}
        """#

    static func outcome(_ bytes: [UInt8], _ selection: JSONSelection?) -> Result<JSONValue, JSONParser.Failure> {
        Result { () throws(JSONParser.Failure) in
            if let selection { try JSONParser.parse(bytes, keeping: selection) } else { try JSONParser.parse(bytes) }
        }
    }

    static func expectSameOutcome(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let whole = outcome(bytes, nil), part = outcome(bytes, keep.selection), nothing = outcome(bytes, .nothing)
        switch (whole, part, nothing) {
        case let (.success(w), .success(p), .success):
            #expect(p == keep.applied(to: w), sourceLocation: sourceLocation)
        case let (.failure(w), .failure(p), .failure(n)):
            #expect(p.offset == w.offset && p.reason == w.reason, "\(p) vs \(w)", sourceLocation: sourceLocation)
            #expect(n.offset == w.offset && n.reason == w.reason, "\(n) vs \(w)", sourceLocation: sourceLocation)
        default:
            Issue.record("whole: \(whole), part: \(part), nothing: \(nothing)", sourceLocation: sourceLocation)
        }
    }

    @Test func theSelectedPartsAreTheWholeParsesParts() throws {
        let value = try JSONParser.parse(Array(Self.corners.utf8), keeping: Self.keep.selection)
        #expect(value["nom"]?["libelleFr"]?.string == "Café \"Au bon coin\" \\ / \u{8}\u{c}\n\r\t 🏔 fin")
        #expect(value["gestion"]?["membreProprietaire"]?.members?.map(\.0) == ["id"])
        #expect(value["n\u{e9}"]?.string == "escaped key")
        #expect(value["esc\"aped"]?.int == 1)
        #expect(value["skipped"] == nil && value["last"] == nil)
        #expect(value["illustrations"]?.array?.count == 2)
        Self.expectSameOutcome(Array(Self.corners.utf8))
    }

    @Test func numbersWithLeadingZerosAreRefusedAsRFC8259Says() throws {
        for text in ["[007]", "[-01]", "{\"id\": 00}"] {
            #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
            Self.expectSameOutcome(Array(text.utf8))
        }
        #expect(try JSONParser.parse(Array("[0, -0, 0.5, 10, -10e2]".utf8)).array?.count == 5)
    }

    @Test func everyTruncationFailsAtTheSameByteForTheSameReason() {
        let bytes = Array(Self.corners.utf8)
        for end in 0..<bytes.count { Self.expectSameOutcome(Array(bytes[..<end])) }
    }

    /// Each byte in turn replaced by characters that break strings, escapes and structure.
    @Test func everyDamagedByteFailsOrParsesTheSame() {
        let bytes = Array(Self.corners.utf8)
        for offset in bytes.indices {
            for damage: UInt8 in [0x01, 0x0A, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "}"), UInt8(ascii: "u"), UInt8(ascii: "x")] {
                var damaged = bytes
                damaged[offset] = damage
                Self.expectSameOutcome(damaged)
            }
        }
    }

    /// Generated records (with `\r\n` in their texts) with random ASCII bytes damaged, seeded;
    /// whether each is valid JSON agrees with Foundation's parser too (an oracle of its own; a
    /// damaged UTF-8 sequence is left out: the parser reads it as U+FFFD, Foundation refuses it).
    @Test(arguments: Engine.available) func generatedRecordsDamagedAtRandomFailOrParseTheSame(engine: Engine) throws {
        let t = try TemporaryStore(engine)
        let folder = try t.demoExport(records: 40, perFile: 40)
        let file = URL(fileURLWithPath: folder).appendingPathComponent("objets_modifies/objets_modifies-1.json")
        let bytes = try [UInt8](Data(contentsOf: file))
        Self.expectSameOutcome(bytes)
        var random = SplitMix64(seed: 16)
        let damages: [UInt8] = [0x00, 0x1F, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: "0")]
        var failures = 0
        for _ in 0..<400 {
            var damaged = bytes
            var at = Int.random(in: 0..<bytes.count, using: &random)
            while bytes[at] >= 0x80 { at = Int.random(in: 0..<bytes.count, using: &random) }
            damaged[at] = damages.randomElement(using: &random)!
            Self.expectSameOutcome(damaged)
            let context = String(decoding: damaged[max(0, at - 20)..<min(bytes.count, at + 20)], as: UTF8.self)
            let foundation = (try? JSONSerialization.jsonObject(with: Data(damaged))) != nil
            let ours = (try? JSONParser.parse(damaged, keeping: .nothing)) != nil
            #expect(ours == foundation, "\(context)")
            if !ours { failures += 1 }
        }
        #expect(failures > 100)
    }
}
