import Foundation

/// France's departments as a tile grid: one square per department, placed near where it lies.
/// Positions were computed once from the mean position of each department's communes in La Poste's
/// public postal-code base (data.gouv.fr, Licence Ouverte), snapped to a 13 × 12 grid by an optimal
/// assignment; the overseas departments sit on a row of their own. Names: INSEE's official list.
/// No shape is shipped: equal squares let small departments (Paris and its ring) be seen at all.
enum DepartmentGrid {
    struct Tile: Sendable {
        let code: String
        let name: String
        let column: Int
        let row: Int
    }

    static let columns = 13
    static let rows = 14

    static let tiles: [Tile] = [
        Tile(code: "76", name: "Seine-Maritime", column: 4, row: 0),
        Tile(code: "80", name: "Somme", column: 5, row: 0),
        Tile(code: "62", name: "Pas-de-Calais", column: 6, row: 0),
        Tile(code: "59", name: "Nord", column: 7, row: 0),
        Tile(code: "14", name: "Calvados", column: 3, row: 1),
        Tile(code: "27", name: "Eure", column: 4, row: 1),
        Tile(code: "95", name: "Val-d'Oise", column: 5, row: 1),
        Tile(code: "60", name: "Oise", column: 6, row: 1),
        Tile(code: "93", name: "Seine-Saint-Denis", column: 7, row: 1),
        Tile(code: "02", name: "Aisne", column: 8, row: 1),
        Tile(code: "08", name: "Ardennes", column: 9, row: 1),
        Tile(code: "57", name: "Moselle", column: 10, row: 1),
        Tile(code: "50", name: "Manche", column: 2, row: 2),
        Tile(code: "61", name: "Orne", column: 3, row: 2),
        Tile(code: "78", name: "Yvelines", column: 4, row: 2),
        Tile(code: "92", name: "Hauts-de-Seine", column: 5, row: 2),
        Tile(code: "75", name: "Paris", column: 6, row: 2),
        Tile(code: "94", name: "Val-de-Marne", column: 7, row: 2),
        Tile(code: "51", name: "Marne", column: 8, row: 2),
        Tile(code: "55", name: "Meuse", column: 9, row: 2),
        Tile(code: "54", name: "Meurthe-et-Moselle", column: 10, row: 2),
        Tile(code: "67", name: "Bas-Rhin", column: 11, row: 2),
        Tile(code: "29", name: "Finistère", column: 0, row: 3),
        Tile(code: "22", name: "Côtes-d'Armor", column: 1, row: 3),
        Tile(code: "35", name: "Ille-et-Vilaine", column: 2, row: 3),
        Tile(code: "53", name: "Mayenne", column: 3, row: 3),
        Tile(code: "72", name: "Sarthe", column: 4, row: 3),
        Tile(code: "28", name: "Eure-et-Loir", column: 5, row: 3),
        Tile(code: "91", name: "Essonne", column: 6, row: 3),
        Tile(code: "77", name: "Seine-et-Marne", column: 7, row: 3),
        Tile(code: "10", name: "Aube", column: 8, row: 3),
        Tile(code: "52", name: "Haute-Marne", column: 9, row: 3),
        Tile(code: "88", name: "Vosges", column: 10, row: 3),
        Tile(code: "68", name: "Haut-Rhin", column: 11, row: 3),
        Tile(code: "56", name: "Morbihan", column: 1, row: 4),
        Tile(code: "44", name: "Loire-Atlantique", column: 2, row: 4),
        Tile(code: "49", name: "Maine-et-Loire", column: 3, row: 4),
        Tile(code: "37", name: "Indre-et-Loire", column: 4, row: 4),
        Tile(code: "41", name: "Loir-et-Cher", column: 5, row: 4),
        Tile(code: "45", name: "Loiret", column: 6, row: 4),
        Tile(code: "58", name: "Nièvre", column: 7, row: 4),
        Tile(code: "89", name: "Yonne", column: 8, row: 4),
        Tile(code: "21", name: "Côte-d'Or", column: 9, row: 4),
        Tile(code: "70", name: "Haute-Saône", column: 10, row: 4),
        Tile(code: "90", name: "Territoire de Belfort", column: 11, row: 4),
        Tile(code: "85", name: "Vendée", column: 2, row: 5),
        Tile(code: "79", name: "Deux-Sèvres", column: 3, row: 5),
        Tile(code: "86", name: "Vienne", column: 4, row: 5),
        Tile(code: "36", name: "Indre", column: 5, row: 5),
        Tile(code: "18", name: "Cher", column: 6, row: 5),
        Tile(code: "03", name: "Allier", column: 7, row: 5),
        Tile(code: "71", name: "Saône-et-Loire", column: 8, row: 5),
        Tile(code: "39", name: "Jura", column: 9, row: 5),
        Tile(code: "25", name: "Doubs", column: 10, row: 5),
        Tile(code: "17", name: "Charente-Maritime", column: 3, row: 6),
        Tile(code: "16", name: "Charente", column: 4, row: 6),
        Tile(code: "87", name: "Haute-Vienne", column: 5, row: 6),
        Tile(code: "23", name: "Creuse", column: 6, row: 6),
        Tile(code: "63", name: "Puy-de-Dôme", column: 7, row: 6),
        Tile(code: "69", name: "Rhône", column: 8, row: 6),
        Tile(code: "01", name: "Ain", column: 9, row: 6),
        Tile(code: "73", name: "Savoie", column: 10, row: 6),
        Tile(code: "74", name: "Haute-Savoie", column: 11, row: 6),
        Tile(code: "33", name: "Gironde", column: 3, row: 7),
        Tile(code: "24", name: "Dordogne", column: 4, row: 7),
        Tile(code: "19", name: "Corrèze", column: 5, row: 7),
        Tile(code: "15", name: "Cantal", column: 6, row: 7),
        Tile(code: "43", name: "Haute-Loire", column: 7, row: 7),
        Tile(code: "42", name: "Loire", column: 8, row: 7),
        Tile(code: "38", name: "Isère", column: 9, row: 7),
        Tile(code: "05", name: "Hautes-Alpes", column: 10, row: 7),
        Tile(code: "40", name: "Landes", column: 3, row: 8),
        Tile(code: "47", name: "Lot-et-Garonne", column: 4, row: 8),
        Tile(code: "46", name: "Lot", column: 5, row: 8),
        Tile(code: "12", name: "Aveyron", column: 6, row: 8),
        Tile(code: "48", name: "Lozère", column: 7, row: 8),
        Tile(code: "07", name: "Ardèche", column: 8, row: 8),
        Tile(code: "26", name: "Drôme", column: 9, row: 8),
        Tile(code: "04", name: "Alpes-de-Haute-Provence", column: 10, row: 8),
        Tile(code: "06", name: "Alpes-Maritimes", column: 11, row: 8),
        Tile(code: "64", name: "Pyrénées-Atlantiques", column: 3, row: 9),
        Tile(code: "32", name: "Gers", column: 4, row: 9),
        Tile(code: "82", name: "Tarn-et-Garonne", column: 5, row: 9),
        Tile(code: "81", name: "Tarn", column: 6, row: 9),
        Tile(code: "34", name: "Hérault", column: 7, row: 9),
        Tile(code: "30", name: "Gard", column: 8, row: 9),
        Tile(code: "84", name: "Vaucluse", column: 9, row: 9),
        Tile(code: "83", name: "Var", column: 10, row: 9),
        Tile(code: "65", name: "Hautes-Pyrénées", column: 4, row: 10),
        Tile(code: "31", name: "Haute-Garonne", column: 5, row: 10),
        Tile(code: "09", name: "Ariège", column: 6, row: 10),
        Tile(code: "11", name: "Aude", column: 7, row: 10),
        Tile(code: "13", name: "Bouches-du-Rhône", column: 9, row: 10),
        Tile(code: "2B", name: "Haute-Corse", column: 12, row: 10),
        Tile(code: "66", name: "Pyrénées-Orientales", column: 6, row: 11),
        Tile(code: "2A", name: "Corse-du-Sud", column: 12, row: 11),
        Tile(code: "971", name: "Guadeloupe", column: 0, row: 13),
        Tile(code: "972", name: "Martinique", column: 1, row: 13),
        Tile(code: "973", name: "Guyane", column: 2, row: 13),
        Tile(code: "974", name: "La Réunion", column: 3, row: 13),
        Tile(code: "976", name: "Mayotte", column: 4, row: 13),
    ]
}

extension DepartmentGrid {
    /// The tiles with the requests counted for each, shaded from light (few) to the app's blue
    /// (most); a department with none stays grey. Ready for the statistics page's SVG.
    static func map(_ counts: [String: Int], size: Int = 34, gap: Int = 3) -> [String: Any] {
        let most = max(1, counts.values.max() ?? 1)
        let tiles = Self.tiles.map { tile -> [String: Any] in
            let count = counts[tile.code] ?? 0
            // Light to dark by the share of the largest count (square root: small counts stay visible).
            let share = count == 0 ? 0 : 0.15 + 0.85 * (Double(count) / Double(most)).squareRoot()
            let fill = count == 0 ? "#eef1f4" : Self.shade(share)
            return ["code": tile.code, "name": tile.name, "count": count, "x": tile.column * (size + gap), "y": tile.row * (size + gap),
                    "size": size, "fill": fill, "textX": tile.column * (size + gap) + size / 2, "textY": tile.row * (size + gap) + size / 2 + 4,
                    "ink": share > 0.55 ? "#ffffff" : "#1d2b36"]
        }
        return ["tiles": tiles, "width": columns * (size + gap), "height": rows * (size + gap)]
    }

    /// Between #dbe9f6 and #1f5f99.
    static func shade(_ share: Double) -> String {
        let from = (219.0, 233.0, 246.0), to = (31.0, 95.0, 153.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * share).rounded()) }
        return String(format: "#%02x%02x%02x", mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
    }
}
