import CRM
import Foundation
import GuichetTestSupport
import Storage
import Testing

@Suite("The paced worker's count of the last minute reads the last minute only")
struct PacedClaimsPlanTests {
    /// Every tick asks, per campaign, how many of its messages any node took in the last minute:
    /// without `crm-27`, every paced message ever sent was read to answer.
    @Test func theLastMinutesClaimsAreARangeOfTheIndex() throws {
        let f = try TwoOffices(.sqlite)
        let plan = try f.store.owner.read { db in
            try db.rows("""
                EXPLAIN QUERY PLAN SELECT count(*) FROM crm_outbox s WHERE s.paced = 1 AND s.office_id = ?
                AND s.campaign_id IS NOT DISTINCT FROM ? AND s.claimed_at > ?
                """, [f.a.id, nil as Int64?, Date().timeIntervalSince1970 - 60]).map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH s USING INDEX crm_outbox_paced_claimed (paced=? AND claimed_at>?)"], "\(plan)")
    }
}
