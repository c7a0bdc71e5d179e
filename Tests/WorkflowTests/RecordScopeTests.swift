import CRM
import Testing
import Workflows

@Suite("Which records an office works with")
struct RecordScopeTests {
    @Test func anOfficeWithoutAMemberSeesNoRecordNeverTheRegion() throws {
        let start = Office(id: 1, name: "Sans membre", tier: .start)
        let premium = Office(id: 2, name: "Premium", tier: .premium, apidaeMember: 1001)
        #expect(try RecordScope.searchMember(for: start, wholeRegion: false) == RecordScope.noMember)
        #expect(throws: WorkflowError.regionForbidden(office: "Sans membre")) { try RecordScope.searchMember(for: start, wholeRegion: true) }
        #expect(try RecordScope.searchMember(for: premium, wholeRegion: true) == nil)
        #expect(try RecordScope.searchMember(for: premium, wholeRegion: false) == 1001)
    }
}
