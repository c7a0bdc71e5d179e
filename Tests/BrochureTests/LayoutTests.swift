import Brochure
import Foundation
import GuichetTestSupport
import Testing

@Suite("Layout files")
struct LayoutTests {
    static let folder = TestData.repository.appendingPathComponent("Layouts").path

    @Test(arguments: Layout.available(in: folder))
    func shippedLayoutsLoad(_ name: String) throws {
        let layout = try Layout.named(name, in: Self.folder)
        #expect(!layout.blocks.isEmpty)
    }

    @Test func shipsTheIssuesLayouts() {
        #expect(Set(Layout.available(in: Self.folder)).isSuperset(of: ["fiche-a4", "liste-a4", "livret-a5", "guide-a4"]))
    }

    @Test(arguments: [
        ("page: B9\nname: x\nblocks: [title]", "page", "unknown size \"B9\""),
        ("page: A4\nname: x\nblocks: [title, banner]", "blocks[1]", "unknown block \"banner\""),
        ("page: A4\nname: x\nblocks:\n  - photo: {height: -3}", "blocks[0].photo.height", "must be greater than 0"),
        ("page: A4\nname: x\nmode: poster\nblocks: [title]", "mode", "not sheet, list or booklet"),
        ("page: A4\nname: x\nmargins: {top: 10, right: 10, bottom: 10}\nblocks: [title]", "margins.left", "missing"),
        ("page: A5\nname: x\nmargins: 70\nblocks: [title]", "margins", "leave less than 20 mm"),
        ("page: A4\nname: x\ncolumns: 2\nblocks: [title]", "columns", "only booklets"),
        ("page: A4\nname: x\nmode: booklet\ncolumns: 7\nblocks: [title]", "columns", "whole number from 1 to 4"),
        ("page: A4\nname: x\nheader: 90\nblocks: [title]", "header", "three quarters"),
        ("page: A4\nname: x\ngutter: 3\nblocks: [title]", "gutter", "unknown field"),
        ("page: A4\nname: x\nblocks: []", "blocks", "non-empty list"),
        ("page: [210, 297\nname: x", "-", "not valid YAML"),
    ])
    func brokenLayoutIsRefusedWithFileFieldAndReason(_ yaml: String, _ field: String, _ reason: String) throws {
        let t = try TemporaryStore()
        let path = try t.file("broken.yaml", yaml)
        do {
            _ = try Layout.load(path: path)
            Issue.record("accepted a broken layout")
        } catch {
            #expect(error.file == "broken.yaml")
            #expect(error.field == field)
            #expect(error.reason.contains(reason), "\(error)")
        }
    }
}
