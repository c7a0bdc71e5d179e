import CRM
import Foundation
import Records

/// Which records an office works with: its own (its Apidae member's), or the whole region's for a
/// PREMIUM office. Search scopes its queries the same way; a record id sent by hand outside the
/// scope is answered as unknown.
public enum RecordScope {
    public static func includes(_ record: RecordSummary, for office: Office) -> Bool {
        office.maySearchRegion || (office.apidaeMember != nil && record.memberId == office.apidaeMember)
    }

    /// The Apidae member a search is limited to: nil for the whole region (a PREMIUM office asking
    /// for it), else the office's own member — and for an office without one, a member no record
    /// has (it sees none, never the region).
    /// - Throws: `regionForbidden` when a START office asks for the region.
    public static func searchMember(for office: Office, wholeRegion: Bool) throws(WorkflowError) -> Int? {
        if wholeRegion {
            guard office.maySearchRegion else { throw .regionForbidden(office: office.name) }
            return nil
        }
        return office.apidaeMember ?? noMember
    }

    /// No Apidae member has this id.
    public static let noMember = -1

    /// The ids of `ids` the office may not use (absent from the cache, or outside its scope), in order.
    public static func outside(_ ids: [Int], for office: Office, in records: RecordStore) throws -> [Int] {
        let usable = Set(try records.summaries(ids: ids).filter { includes($0, for: office) }.map(\.id))
        return ids.filter { !usable.contains($0) }
    }
}
