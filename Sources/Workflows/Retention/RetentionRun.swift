import CRM
import Consent
import Foundation

/// The daily retention run (the server's job, `guichet retention`): for each office, the contacts
/// whose last interaction nears the office's limit get a reactivation email (they may answer "keep
/// my details"); those past it, warned long enough ago (or who cannot be warned), are anonymised or
/// deleted as the office chose; messages' bodies and attachments older than the office's period
/// are emptied. Each office's run is in its audit log, with its counts.
public struct RetentionRun: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct OfficeReport: Sendable, Codable, Hashable {
        public var officeID: Int64
        public var office: String
        public var warned = 0
        public var anonymised = 0
        public var deleted = 0
        public var messagesPurged = 0

        /// `office: warned W, anonymised A, deleted D, messages purged M`.
        public var summary: String {
            "\(office): warned \(warned), anonymised \(anonymised), deleted \(deleted), messages purged \(messagesPurged)"
        }
    }

    /// - Parameters:
    ///   - officeID: one office, else every office.
    ///   - dryRun: counts what would be done, writes nothing and sends nothing.
    public func run(officeID: Int64? = nil, now: Date = Date(), dryRun: Bool = false) throws -> [OfficeReport] {
        let offices = try desk.crm.offices.all(by: .regionalAdmin).filter { officeID == nil || $0.id == officeID }
        if let officeID, offices.isEmpty { throw CRMError.notFound("office \(officeID)") }
        return try offices.map { try run(office: $0, now: now, dryRun: dryRun) }
    }

    func run(office: Office, now: Date, dryRun: Bool) throws -> OfficeReport {
        let caller = Caller(role: .officeAdmin, officeID: office.id, userName: "conservation des données")
        let crm = desk.crm
        let policy = try crm.retention.policy(by: caller)
        let expiry = policy.expiry(at: now)
        let warningWindow = TimeInterval(policy.warningDays) * 86400
        var report = OfficeReport(officeID: office.id, office: office.name)
        for candidate in try crm.retention.inactive(before: expiry.addingTimeInterval(warningWindow), by: caller) {
            let reachable = try mayWarn(candidate.contact, officeID: office.id) && policy.warningDays > 0
            let expired = candidate.lastInteraction < expiry
            let warnedLongEnough = candidate.warnedAt.map { now.timeIntervalSince($0) >= warningWindow } ?? false
            if expired && (!reachable || warnedLongEnough) {
                if policy.action == .anonymise { report.anonymised += 1 } else { report.deleted += 1 }
                if !dryRun { try forget(candidate.contact, policy: policy, by: caller) }
            } else if reachable && candidate.warnedAt == nil {
                report.warned += 1
                if !dryRun { try warn(candidate, office: office, forgetOn: max(expiry, now).addingTimeInterval(warningWindow), now: now, by: caller) }
            }
        }
        let messagesBefore = now.addingTimeInterval(-TimeInterval(policy.messageDays) * 86400)
        if dryRun {
            report.messagesPurged = try crm.outbox.list(requestID: nil, by: caller).filter {
                $0.createdAt < messagesBefore && [.sent, .refused, .withheld, .failed].contains($0.state) && (!$0.text.isEmpty || !$0.attachments.isEmpty)
            }.count
        } else {
            report.messagesPurged = try crm.retention.purgeMessages(before: messagesBefore, by: caller)
            try crm.audit.record(.retentionRun, detail: "warned \(report.warned), anonymised \(report.anonymised), deleted \(report.deleted), messages purged \(report.messagesPurged)",
                                 by: caller)
        }
        return report
    }

    /// Someone with an address who did not object: the only people a reactivation email may reach.
    func mayWarn(_ contact: Contact, officeID: Int64) throws -> Bool {
        guard let email = contact.email else { return false }
        let subject = desk.keys.subject(email: email)
        if try desk.store.isSuppressed(subject, officeID: officeID) { return false }
        let events = try desk.store.events(officeID: officeID, subject: subject)
        return !events.contains { $0.kind == .objected }
    }

    func warn(_ candidate: RetentionCandidate, office: Office, forgetOn: Date, now: Date, by caller: Caller) throws {
        guard let email = candidate.contact.email else { return }
        let subject = desk.keys.subject(email: email)
        let token = ConsentToken(action: .keep, officeID: office.id, subject: subject, expires: forgetOn, singleUse: false, contact: candidate.contact.id)
        let text = ReactivationEmail(office: office.name, lastInteraction: candidate.lastInteraction, forgetOn: forgetOn,
                                     keepLink: desk.link("keep", token),
                                     unsubscribeLink: desk.unsubscribeLink(officeID: office.id, subject: subject, contact: candidate.contact.id),
                                     english: candidate.contact.language?.lowercased().hasPrefix("en") == true)
        try desk.crm.transaction { tx in
            _ = try tx.outbox.enqueue(OutboxEntry(idempotencyKey: "retention-\(candidate.contact.id)-\(Int(candidate.lastInteraction.timeIntervalSince1970))",
                                                  recipient: email, subject: text.subject, text: text.body, paced: true), by: caller)
            try tx.retention.markWarned(candidate.contact.id, at: now, by: caller)
        }
    }

    /// The person leaves the office's files: their consent events, then their data (requests kept
    /// without identity, or deleted). Not put on the suppression list: they may come back.
    func forget(_ contact: Contact, policy: RetentionPolicy, by caller: Caller) throws {
        if let email = contact.email { _ = try desk.store.erase(subject: desk.keys.subject(email: email), officeID: try caller.office()) }
        let erasure = try desk.crm.contacts.erase(contact.id, keepingRequests: policy.action == .anonymise, by: caller)
        try desk.crm.audit.record(policy.action == .anonymise ? .contactAnonymised : .contactErased, contactID: contact.id,
                                  detail: "retention: " + erasure.summary, by: caller)
    }
}
