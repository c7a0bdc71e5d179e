import Brochure
import Foundation
import Workflows

/// The same brochure through WeasyPrint (HTML + CSS) and Typst, run from the benchmark's Python
/// environment. Both get the same texts, photo files, Lato from `Fonts/files`, the QR codes as
/// SVG files and the office's logo, header and footer; each times its own render call.
struct BrochureBenchOthers {
    let folder: URL
    let python: String
    let fonts: String
    let branding: Branding

    /// The environment's Python, made by `scripts/bench-setup.sh` when missing.
    static func python(venv: String, home: GuichetHome) throws -> String {
        let python = URL(fileURLWithPath: venv).appendingPathComponent("bin/python").path
        if !FileManager.default.isExecutableFile(atPath: python) {
            say("setting up WeasyPrint and Typst in \(venv) (scripts/bench-setup.sh)…")
            guard try shell("/bin/bash", [home.folder.appendingPathComponent("scripts/bench-setup.sh").path, venv]).status == 0 else {
                throw BenchError("scripts/bench-setup.sh failed: WeasyPrint and Typst need pip access to PyPI")
            }
        }
        return python
    }

    func weasyPrint(_ records: [BrochureRecord], photos: [URL]) throws -> BrochureBenchResult {
        let work = try assets(records)
        var html = """
        <!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
        @font-face { font-family: Lato; src: url("file://\(fonts)/Lato-Regular.ttf"); }
        @font-face { font-family: Lato; font-weight: bold; src: url("file://\(fonts)/Lato-Bold.ttf"); }
        @page { size: A4; margin: 15mm 15mm 18mm 15mm;
          @bottom-center { content: "\(css(branding.office)) — " counter(page) "/" counter(pages); font: 8pt Lato; color: \(branding.muted.hex); } }
        body { font: 10pt Lato; margin: 0; }
        section { page-break-after: always; height: 262mm; overflow: hidden; }
        header { display: flex; justify-content: space-between; border-bottom: 1pt solid \(branding.primary.hex); height: 14mm; margin-bottom: 4mm; }
        header img { height: 14mm; } header p { text-align: right; font-size: 8.5pt; color: \(branding.muted.hex); margin: 0; }
        .photo { width: 100%; height: 95mm; object-fit: cover; display: block; }
        h1 { font-size: 24pt; margin: 6pt 0 2pt; } .type { font-size: 8pt; font-weight: bold; color: \(branding.primary.hex); }
        .description { text-align: justify; hyphens: auto; white-space: pre-line; } .facts { font-size: 9pt; white-space: pre-line; }
        .qr { width: 28mm; height: 28mm; float: right; }
        </style></head><body>
        """
        for (i, r) in records.enumerated() {
            html += """
            <section><header><img src="\(work.logo)"><p><b>\(escape(branding.office))</b><br>\(escape(branding.address ?? ""))</p></header>
            <img class="photo" src="file://\(photos[i % photos.count].path)"><h1>\(escape(r.name))</h1><div class="type">\(escape(r.typeLabel.uppercased()))</div>
            <p class="description">\(escape(r.description))</p><p class="facts"><b>Contact</b>\n\(escape(facts(r)))</p>
            <img class="qr" src="\(work.qr[i])"></section>
            """
        }
        html += "</body></html>"
        let source = folder.appendingPathComponent("weasyprint.html"), output = folder.appendingPathComponent("weasyprint-\(records.count).pdf")
        try html.write(to: source, atomically: true, encoding: .utf8)
        let script = """
        import json, sys, time, weasyprint
        started = time.perf_counter()
        document = weasyprint.HTML(filename=sys.argv[1]).render()
        document.write_pdf(sys.argv[2])
        print(json.dumps({"seconds": time.perf_counter() - started, "pages": len(document.pages)}))
        """
        return try runPython("WeasyPrint", script, [source.path, output.path], output: output)
    }

    func typst(_ records: [BrochureRecord], photos: [URL]) throws -> BrochureBenchResult {
        let work = try assets(records)
        var source = """
        #set page(paper: "a4", margin: (top: 15mm, right: 15mm, bottom: 18mm, left: 15mm),
          header: [#grid(columns: (1fr, 1fr), image("\(work.logo)", height: 14mm),
            align(right, text(size: 8.5pt, fill: rgb("\(branding.muted.hex)"))[*\(typ(branding.office))* \\ \(typ(branding.address ?? ""))]))
            #line(length: 100%, stroke: rgb("\(branding.primary.hex)"))],
          header-ascent: 4mm,
          footer: align(center, text(size: 8pt, fill: rgb("\(branding.muted.hex)"))[\(typ(branding.office)) — #context counter(page).display("1/1", both: true)]))
        #set text(font: "Lato", size: 10pt, lang: "fr")
        #set par(justify: true)

        """
        for (i, r) in records.enumerated() {
            if i > 0 { source += "#pagebreak()\n" }
            source += """
            #image("\(photos[i % photos.count].path)", width: 100%, height: 95mm, fit: "cover")
            #text(size: 24pt, weight: "bold")[\(typ(r.name))]
            #text(size: 8pt, weight: "bold", fill: rgb("\(branding.primary.hex)"))[\(typ(r.typeLabel.uppercased()))]

            \(r.description.split(separator: "\n", omittingEmptySubsequences: false).map { typ(String($0)) }.joined(separator: " \\\n"))

            #text(size: 9pt)[*Contact* \\ \(facts(r).split(separator: "\n").map { typ(String($0)) }.joined(separator: " \\\n"))]
            #align(right, image("\(work.qr[i])", width: 28mm))

            """
        }
        let file = folder.appendingPathComponent("brochure.typ"), output = folder.appendingPathComponent("typst-\(records.count).pdf")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let script = """
        import json, sys, time, typst
        started = time.perf_counter()
        typst.compile(sys.argv[1], output=sys.argv[2], root="/", font_paths=[sys.argv[3]], ignore_system_fonts=True)
        seconds = time.perf_counter() - started
        pages = open(sys.argv[2], "rb").read().count(b"/Type /Page\\n") or open(sys.argv[2], "rb").read().count(b"/Type/Page")
        print(json.dumps({"seconds": seconds, "pages": pages}))
        """
        return try runPython("Typst", script, [file.path, output.path, fonts], output: output)
    }

    /// Logo and QR codes as files, for renderers that read images from paths.
    func assets(_ records: [BrochureRecord]) throws -> (logo: String, qr: [String]) {
        let dir = folder.appendingPathComponent("assets")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let logo = dir.appendingPathComponent("logo.svg")
        try (branding.logo ?? Data("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>".utf8)).write(to: logo)
        let qr = try records.map { r in
            let file = dir.appendingPathComponent("qr-\(r.id).svg")
            try QRCode(r.qrURL).svg.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        return (logo.path, qr)
    }

    func runPython(_ name: String, _ script: String, _ arguments: [String], output: URL) throws -> BrochureBenchResult {
        say("rendering with \(name)…")
        let started = Date()
        let result = try shell(python, ["-c", script] + arguments)
        let wall = Date().timeIntervalSince(started)
        guard result.status == 0, let line = result.output.split(separator: "\n").last,
              let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let seconds = json["seconds"] as? Double, let pages = json["pages"] as? Int else {
            throw BenchError("\(name) failed: \(result.output.suffix(2000))")
        }
        let bytes = (try? output.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        return BrochureBenchResult(name: name, pages: pages, render: seconds, process: wall, bytes: bytes)
    }

    func facts(_ r: BrochureRecord) -> String {
        var lines = r.addressLines
        if let p = r.phone { lines.append("Tél. \(p)") }
        if let e = r.email { lines.append("Mél \(e)") }
        if let w = r.website { lines.append("Site web \(w)") }
        if let o = r.opening { lines.append("Ouverture  \(o)") }
        if let p = r.prices { lines.append("Tarifs  \(p)") } else if r.isFree { lines.append("Tarifs  Gratuit") }
        return lines.joined(separator: "\n")
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    func css(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }

    /// Typst markup with every special character escaped.
    func typ(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\#*_`$<>@[]~=-+/\"'".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// Runs a command, returning its exit status and its standard output and error together.
func shell(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
