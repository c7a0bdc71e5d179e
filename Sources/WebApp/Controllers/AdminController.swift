import Brochure
import CRM
import Foundation
import Hummingbird
import Mail
import Workflows

/// Administration: offices, users, sub-themes (regional admin); criteria, branding, reply
/// template, mail test and API tokens (office admin).
struct AdminController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/admin", .anySignedIn, use: page)
        routes.add(.post, "/admin/offices", .regionalAdmin, use: addOffice)
        routes.add(.post, "/admin/offices/{officeID}", .regionalAdmin, use: updateOffice)
        routes.add(.post, "/admin/users", .anySignedIn, use: inviteUser)
        routes.add(.post, "/admin/users/{userID}/disable", .anySignedIn, objects: ["userID": .user], use: disableUser)
        routes.add(.post, "/admin/users/{userID}/enable", .anySignedIn, objects: ["userID": .user], use: enableUser)
        routes.add(.post, "/admin/sub-themes", .regionalAdmin, use: addSubTheme)
        routes.add(.post, "/admin/criteria", .officeAdmin, use: setCriterion)
        routes.add(.post, "/admin/branding", .officeAdmin, use: setBranding)
        routes.add(.post, "/admin/template", .officeAdmin, use: setTemplate)
        routes.add(.post, "/admin/sender", .officeAdmin, use: setSender)
        routes.add(.post, "/admin/retention", .officeAdmin, use: setRetention)
        routes.add(.post, "/admin/reception-points", .officeAdmin, use: setReceptionPoints)
        routes.add(.post, "/admin/smtp-test", .officeAdmin, use: smtpTest)
        routes.add(.post, "/api/tokens", .officeAdmin, use: createToken)
        routes.add(.post, "/admin/tokens", .officeAdmin, use: createTokenFromPage)
        routes.add(.post, "/admin/tokens/{tokenID}/revoke", .officeAdmin, objects: ["tokenID": .token], use: revokeToken)
        routes.add(.post, "/admin/users/{userID}/reset-password", .anySignedIn, objects: ["userID": .user], use: resetPassword)
    }

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard caller.role != .agent else { throw HTTPError(.forbidden, message: "Réservé aux administrateurs.") }
        let key = request.uri.queryParameters.get("ok").map { String($0) }
        let notice = key.flatMap { DeskLabels.notice($0, context.language) }
        return try await services.blocking.run { [services] in
            var data = try Self.data(caller, notice: notice, context.language, services)
            // The banner stands in the section the save came from (the page opens there).
            if let key, let notice, let section = Self.section(of: key) {
                data["notices"] = [section: notice]
                data["noticeSection"] = section
            }
            return try Pages.render(services, "admin", title: context.text("admin"), context: context, data: data)
        }
    }

    /// The section of the administration page a save's notice belongs to.
    static func section(of notice: String) -> String? {
        let sections = ["office": "offices", "officeUpdated": "offices", "theme": "themes", "user": "users", "userNoMail": "users",
                        "disabled": "users", "enabled": "users", "passwordReset": "users", "tokenRevoked": "tokens", "points": "reception-points",
                        "criterion": "criteria", "branding": "branding", "template": "template", "sender": "template",
                        "retention": "conservation", "consent": "consent", "smtp": "mail"]
        return sections[notice]
    }

    @Sendable func addOffice(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "office") { admin, form, caller in
            guard let tier = Office.Tier(rawValue: form["tier"] ?? "") else { throw CRMError.invalid(field: "tier", reason: "START ou PREMIUM") }
            _ = try admin.addOffice(name: form["name"] ?? "", tier: tier, brochureAddOn: form["addon"] == "on", apidaeMember: form.int("member"), by: caller)
        }
    }

    @Sendable func updateOffice(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("officeID", as: Int64.self)
        let response = try await act(request, context, done: "officeUpdated") { admin, form, caller in
            guard let tier = Office.Tier(rawValue: form["tier"] ?? "") else { throw CRMError.invalid(field: "tier", reason: "START ou PREMIUM") }
            guard form["member"] == nil || form.int("member") != nil else { throw CRMError.invalid(field: "member", reason: "un identifiant numérique") }
            _ = try admin.updateOffice(id, tier: tier, brochureAddOn: form["addon"] == "on", apidaeMember: form.int("member"), by: caller)
        }
        services.hot.clear()  // the office's tier and member are cached for the search
        return response
    }

    /// A user of the caller's office (any office for the regional admin), who chooses their own
    /// password through the invitation sent to them.
    @Sendable func inviteUser(_ request: Request, _ context: WebContext) async throws -> Response {
        let accounts = services.userAccounts
        // Without a mail server the invitation waits in the outbox: the banner says so plainly.
        return try await act(request, context, done: services.mailer == nil ? "userNoMail" : "user") { _, form, caller in
            guard let role = Caller.Role(rawValue: form["role"] ?? "agent") else { throw CRMError.invalid(field: "role", reason: "rôle inconnu") }
            _ = try accounts.invite(email: form["email"] ?? "", name: form["name"] ?? "", role: role, officeID: form.int("office").map(Int64.init),
                                    by: caller)
        }
    }

    @Sendable func disableUser(_ request: Request, _ context: WebContext) async throws -> Response {
        try await setDisabled(true, request, context)
    }

    @Sendable func enableUser(_ request: Request, _ context: WebContext) async throws -> Response {
        try await setDisabled(false, request, context)
    }

    /// Disabling ends the user's sessions and API tokens at once: in the store, then in the caches.
    private func setDisabled(_ disabled: Bool, _ request: Request, _ context: WebContext) async throws -> Response {
        let userID = try context.parameters.require("userID", as: Int64.self)
        let accounts = services.userAccounts
        let response = try await act(request, context, done: disabled ? "disabled" : "enabled") { _, _, caller in
            try accounts.setDisabled(disabled, userID: userID, by: caller)
        }
        await services.sessions.forget(userID: userID)
        services.hot.clear()
        return response
    }

    @Sendable func addSubTheme(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "theme") { admin, form, caller in
            _ = try admin.addSubTheme(theme: form["theme"] ?? "", label: form["label"] ?? "", by: caller)
        }
    }

    @Sendable func setCriterion(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "criterion") { admin, form, caller in
            try admin.setCriterion(name: form["name"] ?? "", choices: (form["choices"] ?? "").split(separator: ",").map(String.init), by: caller)
        }
    }

    @Sendable func setBranding(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "branding") { admin, form, caller in
            // The page's script reads the chosen file and sends it as base64.
            let logo = try form["logo"].map { encoded in
                guard let data = Data(base64Encoded: encoded) else { throw CRMError.invalid(field: "logo", reason: "une image JPEG, PNG ou SVG est attendue") }
                return data
            }
            try admin.setBranding(primary: form["primary"], muted: form["muted"], address: form["address"], legal: form["legal"], logo: logo, by: caller)
        }
    }

    @Sendable func setTemplate(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "template") { admin, form, caller in
            try admin.setReplyTemplate(subject: form["subject"] ?? "", body: form["body"] ?? "", by: caller)
        }
    }

    @Sendable func setSender(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "sender") { admin, form, caller in
            try admin.setSender(replyTo: form["replyTo"], signature: form["signature"], by: caller)
        }
    }

    @Sendable func setRetention(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "retention") { admin, form, caller in
            guard let years = form.int("years"), let warning = form.int("warning"), let messages = form.int("messages"),
                  let action = RetentionPolicy.Action(rawValue: form["action"] ?? "") else {
                throw CRMError.invalid(field: "retention", reason: "des nombres de jours et d'années, et ce qui arrive ensuite")
            }
            try admin.setRetention(RetentionPolicy(inactiveYears: years, warningDays: warning, action: action, messageDays: messages), by: caller)
        }
    }

    @Sendable func setReceptionPoints(_ request: Request, _ context: WebContext) async throws -> Response {
        try await act(request, context, done: "points") { admin, form, caller in
            try admin.setReceptionPoints(form["points"] ?? "", by: caller)
        }
    }

    @Sendable func smtpTest(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let smtp = services.smtp else { throw HTTPError(.unprocessableContent, message: "Aucun serveur SMTP configuré (GUICHET_SMTP_URL).") }
        guard let session = context.session else { throw HTTPError(.unauthorized) }
        do {
            try await services.blocking.run {
                try SMTPTransport(smtp).send(MailMessage(from: smtp.from, to: [try MailAddress(session.user.email, name: session.user.name)],
                                                         subject: "Guichet : test d'envoi", text: "Ce message confirme que Guichet peut envoyer des e-mails.",
                                                         idempotencyKey: "smtp-test-\(UUID().uuidString)"))
            }
        } catch {
            throw HTTPError(.badGateway, message: "Le serveur SMTP a refusé ou n'a pas répondu : \(error)")
        }
        return Pages.redirect("/admin?ok=smtp#mail")
    }

    /// A token made from the admin page: shown once, on the page, never again.
    @Sendable func createTokenFromPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        let admin = services.administration
        return try await services.blocking.run { [services] in
            let token = try admin.createAPIToken(name: form["name"] ?? "", by: caller)
            var data = try Self.data(caller, notice: nil, context.language, services)
            data["newToken"] = token
            return try Pages.render(services, "admin", title: context.text("admin"), context: context, data: data)
        }
    }

    @Sendable func revokeToken(_ request: Request, _ context: WebContext) async throws -> Response {
        let id = try context.parameters.require("tokenID", as: Int64.self)
        let response = try await act(request, context, done: "tokenRevoked") { admin, _, caller in
            try admin.revokeAPIToken(id: id, by: caller)
        }
        services.hot.clear()  // tokens are cached for the API's callers
        return response
    }

    /// The user's password stops working at once; a link lets them choose another.
    @Sendable func resetPassword(_ request: Request, _ context: WebContext) async throws -> Response {
        let userID = try context.parameters.require("userID", as: Int64.self)
        let accounts = services.userAccounts
        let response = try await act(request, context, done: "passwordReset") { _, _, caller in
            _ = try accounts.resetPassword(userID: userID, by: caller)
        }
        await services.sessions.forget(userID: userID)
        return response
    }

    @Sendable func createToken(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let input = try await JSON.decode(TokenInput.self, from: request, context: context)
        let admin = services.administration
        let token = try await services.blocking.run { try admin.createAPIToken(name: input.name, by: caller) }
        return try JSON.response(["token": token], status: .created)
    }

    /// Reads the form, runs the change on the blocking pool, back to the admin page with a notice.
    private func act(_ request: Request, _ context: WebContext, done notice: String,
                     _ change: @escaping @Sendable (Administration, Form, Caller) throws -> Void) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        let admin = services.administration
        try await services.blocking.run { try change(admin, form, caller) }
        return Pages.redirect("/admin?ok=\(notice)" + (Self.section(of: notice).map { "#" + $0 } ?? ""))
    }

    static func data(_ caller: Caller, notice: String?, _ language: UILanguage, _ services: GuichetServices) throws -> [String: Any] {
        let settings = try services.administration.settings(by: caller)
        var data: [String: Any] = [:]
        if let notice { data["notice"] = notice }
        data["users"] = settings.users.map {
            ["id": $0.id, "email": $0.email, "name": $0.name, "role": DeskLabels.role($0.role, language), "office": $0.officeID ?? 0,
             "disabled": $0.disabled, "pending": $0.pending && !$0.disabled, "self": $0.id == caller.userID] as [String: Any]
        }
        data["events"] = settings.events.map {
            ["at": $0.at.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().hour().minute().locale(language.locale)),
             "email": $0.userEmail, "what": DeskLabels.userEvent($0.what, language), "by": $0.by]
        }
        if let region = settings.region {
            data["offices"] = region.offices.map {
                ["id": $0.id, "name": $0.name, "tier": $0.tier.rawValue, "addon": $0.brochureAddOn, "member": $0.apidaeMember.map(String.init) ?? "—",
                 "memberValue": $0.apidaeMember.map(String.init) ?? "", "premium": $0.tier == .premium,
                 "register": region.registerUpdates[$0.id].map { $0.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().locale(language.locale)) }
                    ?? (language == .fr ? "Pas encore de registre" : "No register yet")] as [String: Any]
            }
            data["themes"] = region.themes.map { t in ["key": t.key, "label": t.label, "subs": t.subThemes.map(\.label).joined(separator: ", ")] }
        }
        if let own = settings.office {
            data["points"] = own.receptionPoints.joined(separator: "\n")
            data["tokens"] = own.apiTokens.map {
                ["id": $0.id, "name": $0.name, "by": $0.createdBy ?? "—", "revoked": $0.revokedAt != nil,
                 "at": $0.createdAt.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().locale(language.locale))] as [String: Any]
            }
            data["criteria"] = own.criteria.map { ["name": $0.name, "choices": $0.choices.joined(separator: ", ")] }
            let branding = own.branding
            data["branding"] = ["primary": branding.primary ?? "#1F5C8C", "muted": branding.muted ?? "#5A6169", "address": branding.address ?? "",
                                "legal": branding.legal ?? "", "hasLogo": branding.logo != nil]
            let template = own.replyTemplate
            // The reply as a visitor reads it: a sample visitor and basket, the office's signature once.
            let sample = template.compose(contact: Contact(civility: "Mme", firstName: "Marie", lastName: "Dupont"),
                                          recordNames: ["Château de Menthon", "Plage d'Albigny"], office: own.office.name, agent: caller.userName,
                                          signature: own.sender.signature)
            data["template"] = ["subject": template.subject, "body": template.body, "previewSubject": sample.subject, "previewBody": sample.body]
            data["sender"] = ["replyTo": own.sender.replyTo ?? "", "signature": own.sender.signature ?? ""]
            data["smtp"] = services.smtp.map { $0.url } ?? ""
            let office = own.office
            let consentSettings = try ConsentSettings(desk: services.consent).settings(officeID: office.id, office: office)
            var consent: [String: Any] = ["own": consentSettings.ownWording, "partnersWording": consentSettings.partnersWording]
            // The version shows once a wording is stored (a default is written when first used).
            if let version = consentSettings.ownVersion { consent["ownVersion"] = version }
            if let version = consentSettings.partnersVersion { consent["partnersVersion"] = version }
            consent["partners"] = consentSettings.partners.joined(separator: "\n")
            consent["offices"] = own.otherOffices.map {
                ["id": $0.id, "name": $0.name, "on": consentSettings.partnerOffices.contains($0.id)] as [String: Any]
            }
            consent["hasOffices"] = !own.otherOffices.isEmpty
            data["consent"] = consent
            let retention = own.retention
            data["retention"] = ["years": retention.inactiveYears, "warning": retention.warningDays, "messages": retention.messageDays,
                                 "anonymise": retention.action == .anonymise, "delete": retention.action == .delete] as [String: Any]
        }
        return data
    }
}

struct TokenInput: Codable, Sendable { var name: String }
