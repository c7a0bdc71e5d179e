import CRM
import Foundation

/// What the administration page shows: the users and their account events, then the region's
/// offices and themes (regional admin) or the office's own settings (office admin).
public struct AdminSettings: Sendable {
    public var users: [User]
    public var events: [UserEvent]
    public var region: Region?
    public var office: OfficeSettings?

    public struct Region: Sendable {
        public var offices: [Office]
        /// When each office last updated its register of processing.
        public var registerUpdates: [Int64: Date]
        public var themes: [Theme]
    }

    public struct OfficeSettings: Sendable {
        public var office: Office
        public var receptionPoints: [String]
        public var apiTokens: [APIToken]
        public var criteria: [Criterion]
        public var branding: OfficeBranding
        public var replyTemplate: ReplyComposer
        public var sender: OfficeSender
        public var retention: RetentionPolicy
        /// The region's other offices (partners the consent may name).
        public var otherOffices: [Office]
    }
}

extension Administration {
    public func settings(by caller: Caller) throws -> AdminSettings {
        var settings = AdminSettings(users: try crm.users.all(by: caller), events: try crm.users.events(by: caller))
        if caller.role == .regionalAdmin {
            settings.region = .init(offices: try crm.offices.all(by: caller),
                                    registerUpdates: Dictionary(try crm.registers.updates(by: caller).map { ($0.officeID, $0.updatedAt) },
                                                                uniquingKeysWith: { a, _ in a }),
                                    themes: try crm.lists.themes())
        } else {
            let office = try crm.offices.office(id: try caller.office(), by: caller)
            settings.office = .init(office: office, receptionPoints: try crm.offices.receptionPoints(by: caller),
                                    apiTokens: try crm.offices.apiTokens(by: caller), criteria: try crm.lists.criteria(by: caller),
                                    branding: try crm.offices.branding(by: caller), replyTemplate: try crm.offices.replyTemplate(by: caller),
                                    sender: try crm.offices.sender(by: caller), retention: try crm.retention.policy(by: caller),
                                    otherOffices: try crm.offices.all(by: .regionalAdmin).filter { $0.id != office.id })
        }
        return settings
    }

    /// The reply-to address and signature of the office's messages.
    public func setSender(replyTo: String?, signature: String?, by caller: Caller) throws {
        try crm.offices.setSender(OfficeSender(replyTo: replyTo, signature: signature?.replacingOccurrences(of: "\r\n", with: "\n")), by: caller)
    }

    /// The office's reception points, one a line (empty lines dropped by the store).
    public func setReceptionPoints(_ text: String, by caller: Caller) throws {
        try crm.offices.setReceptionPoints(text.split(whereSeparator: \.isNewline).map(String.init), by: caller)
    }

    public func revokeAPIToken(id: Int64, by caller: Caller) throws { try crm.offices.revokeAPIToken(id: id, by: caller) }
}
