/// What an import did; `summary` is the one line `guichet import` ends with.
public struct ImportReport: Sendable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var deleted = 0
    public var rejected = 0
    public var communes = 0
    public var references = 0
    public var selections = 0
    /// Files read as Apidae data (an export with none holds nothing Guichet reads).
    public var filesRead = 0
    /// Files passed over inside folders and zips (not Apidae data), with the reason.
    public var skipped: [String] = []
    /// The records inserted or updated, and every record the files held (changed or not).
    public var changed: [Int] = []
    public var seen: [Int] = []
    /// Photos of the records deleted (to remove from the photo cache).
    public var removedPhotos: [String] = []
    /// The first problems met (rejected records, unreadable files), in order; `rejected` counts all.
    public var problems: [RecordsError] = []
    public static let maxProblemsKept = 1000

    public init() {}

    public var summary: String {
        var line = "imported \(inserted), updated \(updated), deleted \(deleted), rejected \(rejected)"
        var extras: [String] = []
        if unchanged > 0 { extras.append("\(unchanged) unchanged") }
        if communes > 0 { extras.append("\(communes) communes") }
        if references > 0 { extras.append("\(references) reference labels") }
        if selections > 0 { extras.append("\(selections) selections") }
        if !extras.isEmpty { line += " (" + extras.joined(separator: ", ") + ")" }
        return line
    }

    mutating func add(_ outcome: BatchOutcome) {
        inserted += outcome.inserted
        updated += outcome.updated
        unchanged += outcome.unchanged
        changed += outcome.changed
    }

    mutating func reject(_ problem: RecordsError) {
        rejected += 1
        if problems.count < Self.maxProblemsKept { problems.append(problem) }
    }
}

/// Where an import stands, for a progress bar.
public struct ImportProgress: Sendable {
    public var bytesDone: Int
    public var bytesTotal: Int
    public var records: Int
    public var file: String
}
