import Brochure
import Foundation
import GuichetTestSupport
import Records
import Workflows

/// A cache, the Apidae stand-in, and records to serve: what the sync tests share.
struct ApidaeSyncFixture {
    let t: TemporaryStore
    let standIn: ApidaeStandIn
    let photos: PhotoCache

    init() throws {
        t = try TemporaryStore()
        standIn = try ApidaeStandIn()
        // The stand-in's own port is allowed (as GUICHET_FETCH_ALLOW_HOSTS would say), not the whole machine.
        photos = try PhotoCache(folder: t.folder.appendingPathComponent("photos").path,
                                fetcher: HTTPFetcher(timeout: 5, policy: FetchPolicy(allowedHosts: ["127.0.0.1:\(standIn.port)"])))
    }

    func sync(selections: [Int] = [1], attempts: Int = 3, timeout: Int = 10, contacts: ProfessionalContactSync? = nil) -> ApidaeSync {
        ApidaeSync(records: t.store, configuration: standIn.configuration(selections: selections, attempts: attempts, timeout: timeout),
                   photos: photos, contacts: contacts, staging: t.folder.appendingPathComponent("staging"))
    }

    /// A record as Apidae serves it, changed at `day` of January 2026, with a photo when named.
    static func object(_ id: Int, day: Int = 1, name: String? = nil, type: String = "HOTELLERIE", photo: String? = nil, extra: String = "") -> Data {
        let illustration = photo.map { ",\"illustrations\":[{\"type\":\"IMAGE\",\"traductionFichiers\":[{\"locale\":\"fr\",\"url\":\"\($0)\",\"urlFiche\":\"\($0)\"}]}]" } ?? ""
        return Data(sampleRecord(id: id, name: name ?? "Hôtel \(id)", type: type, modified: String(format: "2026-01-%02dT10:00:00.000+0000", day),
                                 extra: illustration + extra).utf8)
    }

    /// A 2 × 2 JPEG.
    static let jpeg = Data(base64Encoded: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD3X4b6Ppk/w78LTT6dZySyaVau7vApZmMKkkkjkmiiivlcR/Fn6v8AM+Kxf8efq/zP/9k=")!

    func ids() throws -> Set<Int> {
        var ids: Set<Int> = []
        try t.store.forEachIndexRow { ids.insert($0.id) }
        return ids
    }
}
