import CRM
import Foundation
import Hummingbird
import Workflows

/// A PREMIUM office's campaigns (office admins): the list, a draft's message and segment with how
/// many the consent gate lets through, the launch, and what became of it.
struct CampaignController {
    let services: GuichetServices

    func register(on routes: RouteBuilder) {
        routes.add(.get, "/campaigns", .officeAdmin, use: list)
        routes.add(.post, "/campaigns", .officeAdmin, use: create)
        routes.add(.get, "/campaigns/{campaignID}", .officeAdmin, objects: ["campaignID": .campaign], use: show)
        routes.add(.post, "/campaigns/{campaignID}", .officeAdmin, objects: ["campaignID": .campaign], use: save)
        routes.add(.post, "/campaigns/{campaignID}/launch", .officeAdmin, objects: ["campaignID": .campaign], use: launch)
    }

    var campaigns: Campaigns { Campaigns(desk: services.consent, brochures: services.brochures) }

    @Sendable func list(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let use = campaigns, language = context.language
        return try await services.blocking.run { [services] in
            let rows = try use.list(by: caller).map { c -> [String: Any] in
                let report = try use.report(campaignID: c.id, by: caller)
                return ["id": c.id, "name": c.name, "purpose": CampaignLabels.purpose(c, language), "state": CampaignLabels.state(c, language),
                        "sent": report.counts.sent, "waiting": report.counts.waiting,
                        "date": (c.launchedAt ?? c.createdAt).formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().locale(language.locale))]
            }
            return try Pages.render(services, "campaigns", title: context.text("campaigns"), context: context, data: ["campaigns": rows])
        }
    }

    @Sendable func create(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await Form.read(request, context: context)
        let use = campaigns
        let reOptIn = form["reOptIn"] == "on"
        let english = context.language == .en
        let created = try await services.blocking.run {
            try use.save(Campaign(name: form["name"] ?? "", purpose: form["purpose"] == "partners" ? .partnerMarketing : .marketing,
                                  reOptIn: reOptIn, subject: reOptIn ? "" : (english ? "News from {office}" : "Les nouvelles de {office}"),
                                  body: reOptIn ? "" : (english ? "Hello {prenom},\n\n…\n\n{office}" : "Bonjour {prenom},\n\n…\n\n{office}")), by: caller)
        }
        return Pages.redirect("/campaigns/\(created.id)")
    }

    @Sendable func show(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("campaignID", as: Int64.self)
        let use = campaigns, language = context.language
        let notice = request.uri.queryParameters.get("ok")
        return try await services.blocking.run { [services] in
            let campaign = try use.campaign(id: id, by: caller)
            var data = CampaignLabels.form(campaign, themes: try use.themes(), language)
            data["notice"] = notice.flatMap { DeskLabels.notice($0, language) }
            if campaign.state == .draft {
                let audience = try use.audience(campaign, by: caller)
                data["audience"] = ["recipients": audience.recipients.count, "excluded": audience.excluded.count,
                                    "reasons": CampaignLabels.reasons(audience.reasons, language), "hasReasons": !audience.excluded.isEmpty] as [String: Any]
            } else {
                let report = try use.report(campaignID: id, by: caller)
                let c = report.counts
                data["report"] = ["waiting": c.waiting, "sent": c.sent, "withheld": c.withheld, "failed": c.failed, "unsubscribed": c.unsubscribed,
                                  "excluded": c.excluded, "reasons": CampaignLabels.reasons(report.excludedReasons, language),
                                  "hasReasons": !report.excludedReasons.isEmpty] as [String: Any]
            }
            return try Pages.render(services, "campaign", title: campaign.name, context: context, data: data)
        }
    }

    @Sendable func save(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("campaignID", as: Int64.self)
        let form = try await Form.read(request, context: context)
        let use = campaigns
        try await services.blocking.run {
            var campaign = try use.campaign(id: id, by: caller)
            try CampaignLabels.apply(form, to: &campaign)
            if form["brochure"] == "on" {
                campaign.basketID = try use.keepSelection(for: campaign, by: caller)
            } else if form["keepBrochure"] != "on" {
                campaign.basketID = nil
            }
            _ = try use.save(campaign, by: caller)
        }
        return Pages.redirect("/campaigns/\(id)?ok=campaign")
    }

    @Sendable func launch(_ request: Request, _ context: WebContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.require("campaignID", as: Int64.self)
        let use = campaigns
        _ = try await services.blocking.draw(limited: false) { try use.launch(campaignID: id, by: caller) }
        return Pages.redirect("/campaigns/\(id)?ok=launched")
    }
}
