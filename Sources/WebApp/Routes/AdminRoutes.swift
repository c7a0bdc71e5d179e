import Brochure
import CRM
import Foundation
import Hummingbird
import Mail

extension GuichetServer {
    func addAdminRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/admin", .anySignedIn) { request, context in
            let caller = try context.requireCaller()
            guard caller.role != .agent else { throw HTTPError(.forbidden, message: "Réservé aux administrateurs.") }
            return try Pages.render(self.services, "admin", title: context.text("admin"), context: context,
                                    data: try self.adminData(caller, notice: request.uri.queryParameters.get("ok").flatMap { DeskLabels.notice($0, context.language) }))
        }

        routes.add(.post, "/admin/offices", .regionalAdmin) { request, context in
            let form = try await Form.read(request, context: context)
            guard let tier = Office.Tier(rawValue: form["tier"] ?? "") else { throw CRMError.invalid(field: "tier", reason: "START ou PREMIUM") }
            _ = try self.services.crm.addOffice(name: form["name"] ?? "", tier: tier, brochureAddOn: form["addon"] == "on",
                                                apidaeMember: form.int("member"), by: try context.requireCaller())
            return Pages.redirect("/admin?ok=office")
        }

        routes.add(.post, "/admin/users", .anySignedIn) { request, context in
            let caller = try context.requireCaller()
            let form = try await Form.read(request, context: context)
            guard let role = Caller.Role(rawValue: form["role"] ?? "agent") else { throw CRMError.invalid(field: "role", reason: "rôle inconnu") }
            let office = caller.role == .regionalAdmin ? form.int("office").map(Int64.init) : caller.officeID
            _ = try self.services.crm.addUser(email: form["email"] ?? "", name: form["name"] ?? "", role: role, officeID: office,
                                              password: form["password"] ?? "", by: caller)
            return Pages.redirect("/admin?ok=user")
        }

        routes.add(.post, "/admin/sub-themes", .regionalAdmin) { request, context in
            let form = try await Form.read(request, context: context)
            _ = try self.services.crm.addSubTheme(theme: form["theme"] ?? "", label: form["label"] ?? "", by: try context.requireCaller())
            return Pages.redirect("/admin?ok=theme")
        }

        routes.add(.post, "/admin/criteria", .officeAdmin) { request, context in
            let form = try await Form.read(request, context: context)
            let choices = (form["choices"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            try self.services.crm.setCriterion(Criterion(name: form["name"] ?? "", choices: choices), by: try context.requireCaller())
            return Pages.redirect("/admin?ok=criterion")
        }

        routes.add(.post, "/admin/branding", .officeAdmin) { request, context in
            let caller = try context.requireCaller()
            let form = try await Form.read(request, context: context)
            var branding = try self.services.crm.branding(by: caller)
            branding.primary = form["primary"]
            branding.muted = form["muted"]
            branding.address = form["address"]
            branding.legal = form["legal"]
            if let encoded = form["logo"] {
                // The page's script reads the chosen file and sends it as base64.
                guard let data = Data(base64Encoded: encoded), ImageFormat(of: data) != nil else {
                    throw CRMError.invalid(field: "logo", reason: "une image JPEG, PNG ou SVG est attendue")
                }
                branding.logo = data
            }
            try self.services.crm.setBranding(branding, by: caller)
            return Pages.redirect("/admin?ok=branding")
        }

        routes.add(.post, "/admin/template", .officeAdmin) { request, context in
            let form = try await Form.read(request, context: context)
            let template = try ReplyComposer(subject: form["subject"] ?? "", body: (form["body"] ?? "").replacingOccurrences(of: "\r\n", with: "\n"))
            try self.services.crm.setReplyTemplate(template, by: try context.requireCaller())
            return Pages.redirect("/admin?ok=template")
        }

        routes.add(.post, "/admin/smtp-test", .officeAdmin) { _, context in
            guard let smtp = self.services.smtp else { throw HTTPError(.unprocessableContent, message: "Aucun serveur SMTP configuré (GUICHET_SMTP_URL).") }
            guard let session = context.session else { throw HTTPError(.unauthorized) }
            do {
                try SMTPTransport(smtp).send(MailMessage(from: smtp.from, to: [try MailAddress(session.user.email, name: session.user.name)],
                                                         subject: "Guichet : test d'envoi", text: "Ce message confirme que Guichet peut envoyer des e-mails.",
                                                         idempotencyKey: "smtp-test-\(UUID().uuidString)"))
            } catch {
                throw HTTPError(.badGateway, message: "Le serveur SMTP a refusé ou n'a pas répondu : \(error)")
            }
            return Pages.redirect("/admin?ok=smtp")
        }

        routes.add(.post, "/api/tokens", .officeAdmin) { request, context in
            let input = try await JSON.decode(TokenInput.self, from: request, context: context)
            return try JSON.response(["token": try self.services.crm.createAPIToken(name: input.name, by: try context.requireCaller())], status: .created)
        }
    }

    func adminData(_ caller: Caller, notice: String?) throws -> [String: Any] {
        var data: [String: Any] = [:]
        if let notice { data["notice"] = notice }
        data["users"] = try services.crm.users(by: caller).map { ["email": $0.email, "name": $0.name, "role": $0.role.rawValue, "office": $0.officeID ?? 0] }
        if caller.role == .regionalAdmin {
            data["offices"] = try services.crm.offices(by: caller).map {
                ["id": $0.id, "name": $0.name, "tier": $0.tier.rawValue, "addon": $0.brochureAddOn, "member": $0.apidaeMember.map(String.init) ?? "—"] as [String: Any]
            }
            data["themes"] = try services.crm.themes().map { t in ["key": t.key, "label": t.label, "subs": t.subThemes.map(\.label).joined(separator: ", ")] }
        } else {
            data["criteria"] = try services.crm.criteria(by: caller).map { ["name": $0.name, "choices": $0.choices.joined(separator: ", ")] }
            let branding = try services.crm.branding(by: caller)
            data["branding"] = ["primary": branding.primary ?? "#1F5C8C", "muted": branding.muted ?? "#5A6169", "address": branding.address ?? "",
                                "legal": branding.legal ?? "", "hasLogo": branding.logo != nil]
            let template = try services.crm.replyTemplate(by: caller)
            data["template"] = ["subject": template.subject, "body": template.body]
            data["smtp"] = services.smtp.map { $0.url } ?? ""
        }
        return data
    }

}

struct TokenInput: Codable, Sendable { var name: String }

