import GuichetTestSupport
import Testing

@Suite("The shared public data is there when it must be")
struct SharedDataPresenceTests {
    /// Tests on real data skip on a fresh clone without ../shared; in CI, or with a mistyped
    /// GUICHET_TESTDATA, skipping them would hide that they never ran: this fails instead.
    @Test func sharedDataIsFoundInCIAndWhereverItIsNamed() {
        #expect(TestData.problem == nil, "\(TestData.problem ?? "")")
    }
}
