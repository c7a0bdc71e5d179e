import Foundation

/// Selections of records: each agent's draft at the desk, and the baskets attached to requests.
public protocol BasketStore: Sendable {
    /// Inserts (id 0) or replaces a basket of the caller's office.
    func save(_ basket: Basket, by caller: Caller) throws(CRMError) -> Basket
    func basket(id: Int64, by caller: Caller) throws(CRMError) -> Basket
    /// The office's baskets, most recently changed first; those of one request when set.
    func list(requestID: Int64?, by caller: Caller) throws(CRMError) -> [Basket]
    /// The caller's draft basket (no request yet), created empty the first time.
    func draft(by caller: Caller) throws(CRMError) -> Basket
}
