import Brochure
import CRM
import Foundation

/// A basket printed as a brochure with its office's branding: the draft at the desk, or the basket
/// of a request. Records need PREMIUM or the brochure add-on; the office's own documents do not.
public struct BasketBrochure: Sendable {
    public let crm: any CRMStores
    public let maker: BrochureMaker

    public init(crm: any CRMStores, maker: BrochureMaker) { self.crm = crm; self.maker = maker }

    /// The caller's draft basket as a PDF (`.booklet`: imposed for folding, for the office's printer).
    public func draft(imposition: Imposition = .none, window: PeriodText.Window? = nil, by caller: Caller) throws -> BrochureMaker.Result {
        try render(try crm.baskets.draft(by: caller), imposition: imposition, window: window, by: caller)
    }

    /// The basket's records as a brochure with the office's documents' pages after them (for print;
    /// `withDocuments` false leaves them out, an email sends them as files of their own); the
    /// documents alone when it has no record.
    public func render(_ basket: Basket, withDocuments: Bool = true, imposition: Imposition = .none, window: PeriodText.Window? = nil,
                       by caller: Caller) throws -> BrochureMaker.Result {
        let office = try crm.offices.office(id: try caller.office(), by: caller)
        guard !basket.isEmpty else { throw WorkflowError.emptySelection }
        let documents = withDocuments ? try OfficeDocuments(crm: crm).files(of: basket, by: caller).map(\.data) : []
        guard !basket.recordIDs.isEmpty || !documents.isEmpty else { throw WorkflowError.emptySelection }
        guard !basket.recordIDs.isEmpty else { return try maker.merge(documents) }
        guard office.mayPrintBrochures else { throw WorkflowError.noBrochureRight(office: office.name) }
        return try maker.render(ids: basket.recordIDs, layout: basket.layout, language: basket.language,
                                branding: try maker.branding(for: office, own: try crm.offices.branding(by: caller)), appending: documents,
                                imposition: imposition, window: window)
    }
}
