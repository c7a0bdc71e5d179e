import Foundation

/// The offices' own PDF documents. Files are kept once by content (SHA-256); each office sees only
/// its own documents.
public protocol DocumentStore: Sendable {
    /// Adds a document to the caller's office (office admins only); the same file uploaded again
    /// by the office is refused (`invalid`, naming the document that has it).
    func add(_ document: OfficeDocument, data: Data, by caller: Caller) throws(CRMError) -> OfficeDocument
    func document(id: Int64, by caller: Caller) throws(CRMError) -> OfficeDocument
    /// The file's bytes.
    func data(id: Int64, by caller: Caller) throws(CRMError) -> Data
    /// The office's documents whose title or file name contains `text` (all when nil), by title.
    func documents(matching text: String?, by caller: Caller) throws(CRMError) -> [OfficeDocument]
    /// Removes a document (office admins only); its file goes when no office holds it any more.
    func remove(id: Int64, by caller: Caller) throws(CRMError)
}
