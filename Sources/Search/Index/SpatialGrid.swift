import Foundation
import Records

/// Documents bucketed by cells of 0.1° × 0.1°, so a radius search visits only the cells its
/// bounding box covers. Each cell keeps its documents' positions (single precision) beside their
/// ordinals: deciding who is inside the circle reads the cell alone, not the index's arrays at
/// scattered places (what made a wide radius slow: a cache miss per record).
struct SpatialGrid: Sendable {
    static let cellDegrees = 0.1

    struct Cell: Sendable {
        var ordinals: [UInt32] = []
        var latitudes: [Float] = []
        var longitudes: [Float] = []
    }

    let cells: [Int64: Cell]

    init(cells: [Int64: Cell]) { self.cells = cells }

    init(latitudes: [Double], longitudes: [Double]) {
        var cells: [Int64: Cell] = [:]
        for d in latitudes.indices where !latitudes[d].isNaN {
            let key = Self.key(latitudes[d], longitudes[d])
            cells[key, default: Cell()].ordinals.append(UInt32(d))
            cells[key]!.latitudes.append(Float(latitudes[d]))
            cells[key]!.longitudes.append(Float(longitudes[d]))
        }
        self.cells = cells
    }

    static func cell(_ degrees: Double) -> Int64 { Int64((degrees / cellDegrees).rounded(.down)) }
    static func key(_ lat: Double, _ lon: Double) -> Int64 { key(cell(lat), cell(lon)) }
    static func key(_ latCell: Int64, _ lonCell: Int64) -> Int64 { latCell << 32 | (lonCell & 0xFFFF_FFFF) }

    /// The cells meeting the circle: `inner` cells lie wholly inside it (their records need no
    /// position check), `border` cells may hold records outside. Cells clearly outside are left out.
    func lists(in box: BoundingBox, centre: GeoPoint, radiusKm: Double) -> (inner: [Cell], border: [Cell]) {
        var inner: [Cell] = [], border: [Cell] = []
        let kmPerDegree = GeoPoint.earthRadiusKm * .pi / 180
        let cosCentre = cos(centre.latitude * .pi / 180)
        // The flat estimate is trusted (with a margin) only for radii the counter uses.
        let innerLimit = radiusKm <= 100 ? radiusKm * 0.9 : -1
        for latCell in Self.cell(box.minLat)...Self.cell(box.maxLat) {
            let south = Double(latCell) * Self.cellDegrees, north = south + Self.cellDegrees
            let nearY = centre.latitude < south ? south - centre.latitude : centre.latitude > north ? centre.latitude - north : 0
            let farY = max(abs(centre.latitude - south), abs(north - centre.latitude))
            for lonCell in Self.cell(box.minLon)...Self.cell(box.maxLon) {
                guard let cell = cells[Self.key(latCell, lonCell)] else { continue }
                let west = Double(lonCell) * Self.cellDegrees, east = west + Self.cellDegrees
                let nearX = (centre.longitude < west ? west - centre.longitude : centre.longitude > east ? centre.longitude - east : 0) * cosCentre
                // Generous slack: the flat estimate must never drop a cell the circle reaches.
                if (nearX * nearX + nearY * nearY).squareRoot() * kmPerDegree > radiusKm * 1.1 + 1 { continue }
                let farX = max(abs(centre.longitude - west), abs(east - centre.longitude)) * cosCentre
                if (farX * farX + farY * farY).squareRoot() * kmPerDegree < innerLimit {
                    inner.append(cell)
                } else {
                    border.append(cell)
                }
            }
        }
        return (inner, border)
    }

    /// The documents inside the circle, as a bitmap (ascending order for free): inner cells
    /// whole; in border cells, each document by the flat estimate on the cell's own positions,
    /// then the great circle on them near the edge, and on the index's (`latitudes`,
    /// `longitudes`) only when single precision is too close to call.
    static func inside(_ lists: (inner: [Cell], border: [Cell]), centre: GeoPoint, radiusKm: Double,
                       latitudes: UnsafeBufferPointer<Double>, longitudes: UnsafeBufferPointer<Double>, count: Int) -> Bitmap {
        var bitmap = Bitmap(count: count)
        for cell in lists.inner { for o in cell.ordinals { bitmap.insert(o) } }
        let kmPerDegree = GeoPoint.earthRadiusKm * .pi / 180
        let cosCentre = cos(centre.latitude * .pi / 180)
        // Beyond the estimate's error (under 1.5 % for these radii) and single precision's (metres).
        let band = max(radiusKm * ScanPass.estimateSlack, 0.05)
        let surelyIn = max(0, radiusKm - band) / kmPerDegree, surelyOut = (radiusKm + band) / kmPerDegree
        let (inSquared, outSquared) = (surelyIn * surelyIn, surelyOut * surelyOut)
        for cell in lists.border {
            cell.latitudes.withUnsafeBufferPointer { lats in
                cell.longitudes.withUnsafeBufferPointer { lons in
                    for i in 0..<lats.count {
                        let dy = Double(lats[i]) - centre.latitude, dx = (Double(lons[i]) - centre.longitude) * cosCentre
                        let squared = dx * dx + dy * dy
                        if squared > outSquared { continue }
                        let o = cell.ordinals[i]
                        if squared >= inSquared {
                            // Near the edge: the great circle on the cell's positions (within a metre),
                            // and on the index's exact ones only within metres of the edge.
                            let km = GeoPoint.haversineKm(centre.latitude, centre.longitude, Double(lats[i]), Double(lons[i]))
                            if km > radiusKm + 0.005 { continue }
                            if km >= radiusKm - 0.005 {
                                let d = Int(o)
                                if GeoPoint.haversineKm(centre.latitude, centre.longitude, latitudes[d], longitudes[d]) > radiusKm { continue }
                            }
                        }
                        bitmap.insert(o)
                    }
                }
            }
        }
        return bitmap
    }

    var memoryBytes: Int { cells.values.reduce(0) { $0 + $1.ordinals.capacity * 4 + $1.latitudes.capacity * 4 + $1.longitudes.capacity * 4 + 72 } }
}

/// The latitude/longitude box around a circle; a cheap pre-filter before the exact distance.
struct BoundingBox {
    var minLat, maxLat, minLon, maxLon: Double

    init(centre: GeoPoint, radiusKm: Double) {
        let dLat = radiusKm / GeoPoint.earthRadiusKm * 180 / .pi
        let cosLat = max(0.01, cos(min(89.9, abs(centre.latitude) + dLat) * .pi / 180))
        let dLon = min(180, dLat / cosLat)
        minLat = centre.latitude - dLat
        maxLat = centre.latitude + dLat
        minLon = centre.longitude - dLon
        maxLon = centre.longitude + dLon
    }

    @inline(__always)
    func contains(_ lat: Double, _ lon: Double) -> Bool {
        lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon
    }
}
