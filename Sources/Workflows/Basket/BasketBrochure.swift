import Brochure
import CRM
import Foundation

/// A basket printed as a brochure with its office's branding: the draft at the desk, or the basket
/// of a request. Needs PREMIUM or the brochure add-on.
public struct BasketBrochure: Sendable {
    public let crm: any CRMStores
    public let maker: BrochureMaker

    public init(crm: any CRMStores, maker: BrochureMaker) { self.crm = crm; self.maker = maker }

    /// The caller's draft basket as a PDF.
    public func draft(by caller: Caller) throws -> BrochureMaker.Result {
        try render(try crm.baskets.draft(by: caller), by: caller)
    }

    public func render(_ basket: Basket, by caller: Caller) throws -> BrochureMaker.Result {
        let office = try crm.offices.office(id: try caller.office(), by: caller)
        guard office.mayPrintBrochures else { throw WorkflowError.noBrochureRight(office: office.name) }
        guard !basket.recordIDs.isEmpty else { throw WorkflowError.emptySelection }
        return try maker.render(ids: basket.recordIDs, layout: basket.layout, language: basket.language,
                                branding: try maker.branding(for: office, own: try crm.offices.branding(by: caller)))
    }
}
