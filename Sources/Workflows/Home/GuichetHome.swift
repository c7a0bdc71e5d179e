import Foundation

/// The folder that holds Guichet's files — `Layouts/`, `Branding/`, `Fonts/files/` — so that
/// `guichet` runs from any directory. Found from `--home`, else `GUICHET_HOME`, else the checkout
/// the executable was built in (the README's set-up), else the folders above the executable.
public struct GuichetHome: Sendable, Hashable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder.standardizedFileURL }

    public var layouts: String { folder.appendingPathComponent("Layouts").path }
    public var branding: String { folder.appendingPathComponent("Branding").path }
    public var fonts: String { folder.appendingPathComponent("Fonts/files").path }

    /// - Parameter flag: `--home`, when given.
    /// - Throws: `HomeError` naming every folder it looked in.
    public static func locate(flag: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: URL? = Bundle.main.executableURL) throws(HomeError) -> GuichetHome {
        if let named = flag ?? environment["GUICHET_HOME"] {
            let home = GuichetHome(folder: URL(fileURLWithPath: named))
            guard home.isComplete else { throw HomeError(looked: [home.folder.path], named: true) }
            return home
        }
        var candidates = [checkout]
        if let executable {
            var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            while folder.pathComponents.count > 1 {
                candidates.append(folder)
                folder.deleteLastPathComponent()
            }
        }
        for folder in candidates where GuichetHome(folder: folder).isComplete { return GuichetHome(folder: folder) }
        throw HomeError(looked: candidates.map(\.path), named: false)
    }

    /// The checkout this file was compiled from.
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Holds the layouts and branding folders (fonts are checked when the renderer loads them,
    /// with their own error).
    var isComplete: Bool {
        var isFolder: ObjCBool = false
        return [layouts, branding].allSatisfy { FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && isFolder.boolValue }
    }
}

public struct HomeError: Error, CustomStringConvertible, Sendable {
    public var looked: [String]
    /// Named by --home or GUICHET_HOME (else searched).
    public var named: Bool

    public var description: String {
        named ? "Guichet's home \(looked[0]) has no Layouts/ and Branding/ folders (--home or GUICHET_HOME)"
            : "Guichet's home (Layouts/, Branding/, Fonts/files/) was not found; looked in \(looked.joined(separator: ", ")). "
              + "Name it with --home or GUICHET_HOME."
    }
}
