import Foundation
import Yams

/// A branding file that cannot be used, with where and why.
public typealias BrandingError = BrochureFileError

extension Branding {
    /// The branding of `member` from `folder` (`MEMBER.yaml`); `nil` when the member has none.
    public static func forMember(_ member: String, in folder: String) throws(BrandingError) -> Branding? {
        let path = (folder as NSString).appendingPathComponent("\(member).yaml")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try load(path: path)
    }

    /// Reads a branding file:
    ///
    /// ```yaml
    /// office: Office de Tourisme du Lac
    /// logo: lac-logo.svg            # JPEG, PNG or SVG, relative to this file
    /// colors: {primary: "#1F5C8C", muted: "#5A6169"}
    /// address: 1 place du Port, 74000 Annecy
    /// legal: "SPL Tourisme du Lac — IM074100012"
    /// ```
    public static func load(path: String) throws(BrandingError) -> Branding {
        let file = (path as NSString).lastPathComponent
        func fail(_ field: String, _ reason: String) -> BrandingError { BrandingError(file: file, field: field, reason: reason) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw fail("-", "cannot read the file") }
        let map: Node.Mapping
        do {
            guard let parsed = try Yams.compose(yaml: text)?.mapping else { throw fail("-", "expected a mapping of fields") }
            map = parsed
        } catch let error as BrandingError {
            throw error
        } catch {
            throw fail("-", "not valid YAML: \(error)")
        }
        let known: Set<String> = ["office", "logo", "colors", "address", "legal"]
        for key in map.keys.compactMap(\.string) where !known.contains(key) {
            throw fail(key, "unknown field (known: \(known.sorted().joined(separator: ", ")))")
        }
        func field(_ key: String) throws(BrandingError) -> String? {
            guard let node = map[key] else { return nil }
            guard let value = node.scalar?.string, !value.isEmpty else { throw fail(key, "expected text") }
            return value
        }
        guard let office = try field("office") else { throw fail("office", "missing") }
        var branding = Branding(office: office, address: try field("address"), legal: try field("legal"))
        if let logo = try field("logo") {
            let logoPath = logo.hasPrefix("/") ? logo : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(logo)
            guard let data = FileManager.default.contents(atPath: logoPath) else { throw fail("logo", "cannot read \(logo)") }
            guard ImageFormat(of: data) != nil else { throw fail("logo", "\(logo) is neither JPEG, PNG nor SVG") }
            do { _ = try ImageFormat.validated(data) } catch { throw fail("logo", "\(logo): \(error)") }
            branding.logo = data
        }
        if let colors = map["colors"] {
            guard let colorMap = colors.mapping else { throw fail("colors", "expected {primary: \"#RRGGBB\", muted: \"#RRGGBB\"}") }
            for (key, node) in colorMap {
                let name = key.string ?? "?"
                guard let hex = node.scalar?.string, let color = Color(hex: hex) else {
                    throw fail("colors.\(name)", "expected a colour as \"#RRGGBB\"")
                }
                switch name {
                case "primary": branding.primary = color
                case "muted": branding.muted = color
                default: throw fail("colors.\(name)", "unknown colour (primary, muted)")
                }
            }
        }
        return branding
    }
}
