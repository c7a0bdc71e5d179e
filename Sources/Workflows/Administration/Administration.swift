import Brochure
import CRM
import Foundation

/// What the regional admin and the office admins manage: offices, users, API tokens, the
/// regional sub-themes, the office's criteria, branding and reply template. The web admin page
/// and the command line both come here; the stores check who may do what.
public struct Administration: Sendable {
    public let crm: any CRMStores

    public init(crm: any CRMStores) { self.crm = crm }

    public func addOffice(name: String, tier: Office.Tier, brochureAddOn: Bool, apidaeMember: Int?, by caller: Caller) throws -> Office {
        try crm.offices.add(name: name, tier: tier, brochureAddOn: brochureAddOn, apidaeMember: apidaeMember, by: caller)
    }

    /// The regional admin changes an office's tier, add-on or Apidae member id.
    public func updateOffice(_ id: Int64, tier: Office.Tier, brochureAddOn: Bool, apidaeMember: Int?, by caller: Caller) throws -> Office {
        var office = try crm.offices.office(id: id, by: caller)
        office.tier = tier; office.brochureAddOn = brochureAddOn; office.apidaeMember = apidaeMember
        return try crm.offices.update(office, by: caller)
    }

    /// A user with a password chosen by whoever runs the server (the command line's bootstrap of
    /// the regional admin, and the demo); the web invites users instead (`UserAccounts`).
    public func addUser(email: String, name: String, role: Caller.Role, officeID: Int64?, password: String, by caller: Caller) throws -> User {
        let office = caller.role == .regionalAdmin ? officeID : caller.officeID
        return try crm.users.add(email: email, name: name, role: role, officeID: office, password: password, by: caller)
    }

    public func createAPIToken(name: String, by caller: Caller) throws -> String {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 80 else { throw CRMError.invalid(field: "name", reason: "de 1 à 80 caractères") }
        return try crm.offices.createAPIToken(name: name, by: caller)
    }

    public func addSubTheme(theme: String, label: String, by caller: Caller) throws -> Theme.SubTheme {
        try crm.lists.addSubTheme(theme: theme, label: label, by: caller)
    }

    public func setCriterion(name: String, choices: [String], by caller: Caller) throws {
        try crm.lists.setCriterion(Criterion(name: name, choices: choices.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
                                   by: caller)
    }

    /// The office's branding; `logo` replaces the current one when given (JPEG, PNG or SVG).
    public func setBranding(primary: String?, muted: String?, address: String?, legal: String?, logo: Data?, by caller: Caller) throws {
        try crm.transaction { tx in
            var branding = try tx.offices.branding(by: caller)
            branding.primary = primary
            branding.muted = muted
            branding.address = address
            branding.legal = legal
            if let logo {
                do { _ = try ImageFormat.validated(logo) } catch {
                    throw CRMError.invalid(field: "logo", reason: "une image JPEG, PNG ou SVG est attendue (\(error))")
                }
                branding.logo = logo
            }
            try tx.offices.setBranding(branding, by: caller)
        }
    }

    public func setReplyTemplate(subject: String, body: String, by caller: Caller) throws {
        let template = try ReplyComposer(subject: subject, body: body.replacingOccurrences(of: "\r\n", with: "\n"))
        try crm.offices.setReplyTemplate(template, by: caller)
    }

    /// The office's retention policy; the change is in its audit log.
    public func setRetention(_ policy: RetentionPolicy, by caller: Caller) throws {
        try crm.retention.setPolicy(policy, by: caller)
        try crm.audit.record(.registerChanged, detail: "retention: \(policy.inactiveYears) years, warned \(policy.warningDays) days before, \(policy.action.rawValue), messages \(policy.messageDays) days",
                             by: caller)
    }
}
