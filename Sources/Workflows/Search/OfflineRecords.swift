import Records

/// What a tablet keeps for the offline counter: the office's own records in compact form, tagged
/// by the records' revision (the gazetteer too: an import may add communes).
public struct OfflineRecords: Sendable {
    public let records: RecordStore

    public init(records: RecordStore) { self.records = records }

    /// Changes so far to the records and the gazetteer: what a device's copy is tagged with.
    public func revision() throws -> Int { try records.revision() }

    /// The records of Apidae member `member`, by name, `limit` at most.
    public func ownRecords(member: Int, limit: Int) throws -> [CompactRecord] { try records.memberRecords(member, limit: limit) }
}
