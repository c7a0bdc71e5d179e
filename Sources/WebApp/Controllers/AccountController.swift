import CRM
import Foundation
import Hummingbird
import Workflows

/// One's own account (the password), and the page an invitation link opens.
struct AccountController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/account", .anySignedIn, use: page)
        routes.add(.post, "/account/password", .anySignedIn, use: changePassword)
        routes.add(.get, "/invitation/{token}", .open, use: invitation)
        routes.add(.post, "/invitation/{token}", .open, use: acceptInvitation)
    }

    @Sendable func page(_ request: Request, _ context: WebContext) async throws -> Response {
        let notice = request.uri.queryParameters.get("ok").flatMap { DeskLabels.notice($0, context.language) }
        return try await services.blocking.run { [services] in
            try Pages.render(services, "account", title: context.text("account"), context: context, data: notice.map { ["notice": $0] } ?? [:])
        }
    }

    /// The new password, then every other session of the user ends (this one stays).
    @Sendable func changePassword(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard let session = context.session else { throw HTTPError(.forbidden, message: "Le mot de passe se change depuis une session du navigateur.") }
        let form = try await Form.read(request, context: context)
        let accounts = services.userAccounts
        do {
            // Password checks run on the one-thread password pool, like sign-ins.
            try await services.blocking.password {
                try accounts.changePassword(current: form["current"] ?? "", new: form["password"] ?? "", confirmation: form["confirmation"] ?? "",
                                            keeping: session.id, by: caller)
            }
        } catch let error as CRMError {
            guard case let .invalid(field, reason) = error else { throw error }
            return try await services.blocking.run { [services] in
                try Pages.render(services, "account", title: context.text("account"), context: context,
                                 data: ["error": "\(FieldNames.french(field)) : \(reason)."], status: .unprocessableContent)
            }
        }
        if let userID = caller.userID { await services.sessions.forget(userID: userID, keeping: session.id) }
        return Pages.redirect("/account?ok=password")
    }

    @Sendable func invitation(_ request: Request, _ context: WebContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let accounts = services.userAccounts
        let invited = try await services.blocking.run { try accounts.invitation(token: token) }
        return try await form(context, token: token, invited: invited, error: nil, status: .ok)
    }

    /// The invited person's password: the link is used up, they sign in.
    @Sendable func acceptInvitation(_ request: Request, _ context: WebContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await Form.read(request, context: context)
        let accounts = services.userAccounts
        do {
            let user = try await services.blocking.password {
                try accounts.accept(token: token, password: form["password"] ?? "", confirmation: form["confirmation"] ?? "")
            }
            // Every session the user had ended in the store; the cache forgets them now too.
            await services.sessions.forget(userID: user.id)
        } catch let error as CRMError {
            guard case let .invalid(field, reason) = error else { throw error }
            let invited = try await services.blocking.run { try accounts.invitation(token: token) }
            return try await self.form(context, token: token, invited: invited, error: "\(FieldNames.french(field)) : \(reason).", status: .unprocessableContent)
        }
        return Pages.redirect("/login")
    }

    private func form(_ context: WebContext, token: String, invited: User, error: String?, status: HTTPResponse.Status) async throws -> Response {
        try await services.blocking.run { [services] in
            var data: [String: Any] = ["token": token, "invited": invited.email]
            if let error { data["error"] = error }
            return try Pages.render(services, "invitation", title: context.text("setPassword"), context: context, data: data, status: status)
        }
    }
}
