import CPango
import Foundation

/// The fonts brochures may use: only the files of one folder (`Fonts/files`), through a fontconfig
/// configuration of its own, so no system font can slip into a PDF.
///
/// `@unchecked Sendable`: Pango's font map and fontconfig's configuration are not safe to use from
/// two threads at once. Every use of them goes through `exclusive` (the renderer takes it for a
/// whole brochure), so a library shared by a server's threads is used by one of them at a time.
public final class FontLibrary: @unchecked Sendable {
    let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    public let folder: String
    private let lock = NSLock()
    /// A second library of the same folder, for drawing on another thread at the same time (see
    /// `companion()`); made the first time it is needed.
    private var twin: FontLibrary?

    /// Runs `body` while no other thread uses this library.
    public func exclusive<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The same fonts through a font map and configuration of their own, for a second thread
    /// drawing part of the same document. Call while holding this library (`exclusive`): the
    /// companion is made once and kept; holding it too, always after this one, keeps two renders
    /// from waiting on each other.
    public func companion() throws(BrochureError) -> FontLibrary {
        if let twin { return twin }
        let made = try FontLibrary(folder: folder, required: [])
        twin = made
        return made
    }

    /// - Throws: `missingFont` naming the first family of `required` the folder does not hold.
    public init(folder: String, required families: [String]) throws(BrochureError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .fontFolder(path: folder, reason: "no such folder (run scripts/fonts.sh)")
        }
        guard let config = FcConfigCreate() else { throw .fontFolder(path: folder, reason: "fontconfig could not start") }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-fontconfig").path
        let xml = "<?xml version=\"1.0\"?><fontconfig><cachedir>\(cache)</cachedir></fontconfig>"
        _ = FcConfigParseAndLoadFromMemory(config, xml, 1)
        guard FcConfigAppFontAddDir(config, folder) == 1, FcConfigBuildFonts(config) == 1 else {
            FcConfigDestroy(config)
            throw .fontFolder(path: folder, reason: "fontconfig could not read it")
        }
        for family in families where !Self.has(family, in: config) {
            FcConfigDestroy(config)
            throw .missingFont(family: family, folder: folder)
        }
        guard let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else {
            FcConfigDestroy(config)
            throw .fontFolder(path: folder, reason: "pango could not create a font map")
        }
        pango_fc_font_map_set_config(guichet_pango_fc_font_map(map), config)
        self.config = config
        self.fontMap = map
        self.folder = folder
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    /// Whether the configuration holds at least one face of `family`.
    static func has(_ family: String, in config: OpaquePointer) -> Bool {
        guard let pattern = FcPatternCreate(), let properties = FcObjectSetCreate() else { return false }
        defer { FcPatternDestroy(pattern); FcObjectSetDestroy(properties) }
        _ = FcPatternAddString(pattern, FC_FAMILY, family)
        _ = FcObjectSetAdd(properties, FC_FAMILY)
        guard let set = FcFontList(config, pattern, properties) else { return false }
        defer { FcFontSetDestroy(set) }
        return set.pointee.nfont > 0
    }
}
