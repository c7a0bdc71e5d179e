import Foundation

/// Which of the office's contacts come from Apidae entities (the professional contacts' sync).
public protocol ApidaeContactStore: Sendable {
    /// The office's links, one per Apidae entity.
    func links(by caller: Caller) throws(CRMError) -> [ApidaeContactLink]
    /// The links of one contact (the contact page's "synchronisé depuis Apidae").
    func links(contactID: Int64, by caller: Caller) throws(CRMError) -> [ApidaeContactLink]
    /// Adds or replaces the link of an entity.
    func save(_ link: ApidaeContactLink, by caller: Caller) throws(CRMError)
    /// Flags the links of entities no longer in their selection; returns how many were flagged.
    func markLeft(structureIDs: [Int], at date: Date, by caller: Caller) throws(CRMError) -> Int
}
