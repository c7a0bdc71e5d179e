import Foundation

/// Visitors' requests (demandes), each recorded by one office.
public protocol RequestStore: Sendable {
    /// Checks party, stay, themes (regional list) and extra fields (the office's criteria).
    func add(_ request: InformationRequest, by caller: Caller) throws(CRMError) -> InformationRequest
    func request(id: Int64, by caller: Caller) throws(CRMError) -> InformationRequest
    /// The office's request recorded from a device's entry `entryID`, if any.
    func request(entryID: String, by caller: Caller) throws(CRMError) -> InformationRequest?
    /// The office's requests, newest first; those of one contact when `contactID` is set.
    func list(contactID: Int64?, by caller: Caller) throws(CRMError) -> [InformationRequest]
    func setStatus(_ status: InformationRequest.Status, requestID: Int64, by caller: Caller) throws(CRMError)
}
