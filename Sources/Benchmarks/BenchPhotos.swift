import Foundation

/// Deterministic photo-like JPEGs for the brochure benchmark: smooth landscapes of gradients,
/// hills and grain, encoded by libjpeg's `cjpeg` (quality 82), about 150–250 KB at 1200×800.
enum BenchPhotos {
    static func make(count: Int, in folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try (0..<count).map { i in
            let file = folder.appendingPathComponent(String(format: "photo-%04d.jpg", i))
            if !FileManager.default.fileExists(atPath: file.path) { try encode(ppm(seed: UInt64(i)), to: file) }
            return file
        }
    }

    static func ppm(seed: UInt64, width: Int = 1200, height: Int = 800) -> Data {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let sky = (Double(next() % 80) + 120, Double(next() % 60) + 160, 235.0)
        let ground = (Double(next() % 90) + 40, Double(next() % 80) + 110, Double(next() % 60) + 40)
        let phase = Double(next() % 1000) / 100, amplitude = Double(next() % 90) + 60
        var data = Data("P6\n\(width) \(height)\n255\n".utf8)
        data.reserveCapacity(data.count + width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let hill = Double(height) * 0.55 + sin(Double(x) / 140 + phase) * amplitude + sin(Double(x) / 37) * 12
                let grain = Double(next() % 24) - 12
                let t = Double(y) / Double(height)
                let c = Double(y) < hill
                    ? (sky.0 * (1 - t * 0.5), sky.1 * (1 - t * 0.3), sky.2)
                    : (ground.0 + grain, ground.1 + grain * 1.2, ground.2 + grain)
                data.append(UInt8(max(0, min(255, c.0 + grain * 0.3))))
                data.append(UInt8(max(0, min(255, c.1 + grain * 0.3))))
                data.append(UInt8(max(0, min(255, c.2 + grain * 0.3))))
            }
        }
        return data
    }

    static func encode(_ ppm: Data, to file: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cjpeg", "-quality", "82", "-outfile", file.path]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(ppm)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("cjpeg failed (install libjpeg-turbo-progs: scripts/system-packages.sh)")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
