import CRM
import Foundation
import Hummingbird

extension GuichetServer {
    func addContactRoutes(_ routes: RouteBuilder) {
        routes.add(.get, "/contacts/{contactID}", .signedIn, objects: ["contactID": .contact]) { _, context in
            let caller = try context.requireCaller()
            let id = try context.parameters.require("contactID", as: Int64.self)
            let c = try self.services.crm.contact(id: id, by: caller)
            let requests = try self.services.crm.requests(contactID: id, by: caller).map { try self.requestRow($0, caller, context.language) }
            let replies = try self.services.crm.requests(contactID: id, by: caller).flatMap { try self.services.crm.outbox(requestID: $0.id, by: caller) }
                .map { ["subject": $0.subject, "state": DeskLabels.outbox($0.state, context.language), "date": Self.day($0.createdAt, context.language)] }
            let duplicates = try self.services.crm.duplicates(of: id, by: caller).map {
                ["id": $0.id, "name": $0.displayName, "email": $0.email ?? "", "postalCode": $0.postalCode ?? ""] as [String: Any]
            }
            let identity: [String: Any] = [
                "id": c.id, "name": c.displayName, "civility": c.civility ?? "", "email": c.email ?? "", "phone": c.phone ?? c.mobile ?? "",
                "address": [c.address, [c.postalCode, c.commune].compactMap { $0 }.joined(separator: " "), c.country].compactMap { $0 }
                    .filter { !$0.isEmpty }.joined(separator: ", "),
                "language": c.language ?? "", "notes": c.notes ?? "",
                "kind": c.kind == .professional ? (context.language == .fr ? "Professionnel" : "Professional") : (context.language == .fr ? "Particulier" : "Individual"),
            ]
            return try Pages.render(self.services, "contact", title: c.displayName, context: context,
                                    data: ["contact": Self.nonEmpty(identity), "requests": requests, "replies": replies, "duplicates": duplicates])
        }

        routes.add(.post, "/contacts/{contactID}/merge", .signedIn, objects: ["contactID": .contact]) { request, context in
            let caller = try context.requireCaller()
            let kept = try context.parameters.require("contactID", as: Int64.self)
            _ = try self.services.crm.contact(id: kept, by: caller)  // another office's contact: 404 before anything else
            guard let duplicate = try await Form.read(request, context: context).int("duplicate") else {
                throw HTTPError(.unprocessableContent, message: "Choisissez le doublon à fusionner.")
            }
            _ = try self.services.crm.merge(Int64(duplicate), into: kept, by: caller)
            return Pages.redirect("/contacts/\(kept)")
        }

        routes.add(.get, "/api/contacts/{contactID}", .signedIn, objects: ["contactID": .contact]) { _, context in
            try JSON.response(try self.services.crm.contact(id: try context.parameters.require("contactID", as: Int64.self), by: try context.requireCaller()))
        }

        routes.add(.get, "/api/contacts/{contactID}/duplicates", .signedIn, objects: ["contactID": .contact]) { _, context in
            try JSON.response(try self.services.crm.duplicates(of: try context.parameters.require("contactID", as: Int64.self), by: try context.requireCaller()))
        }
    }
}
