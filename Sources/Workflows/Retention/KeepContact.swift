import CRM
import Consent
import Foundation

/// "Keep my details": the person's answer to a retention warning, from the email's link (a POST:
/// a mail scanner following the link keeps nothing). It counts as an interaction with the office.
public struct KeepContact: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    /// The office's name, for the page.
    public func office(token text: String) throws -> String {
        let token = try desk.token(text, for: .keep)
        return try desk.crm.offices.office(id: token.officeID, by: .regionalAdmin).name
    }

    public func run(token text: String) throws {
        try desk.touch(try desk.token(text, for: .keep))
    }
}
