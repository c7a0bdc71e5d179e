import Records

/// Communes of Auvergne-Rhône-Alpes used when no gazetteer is given (INSEE, postal code, name,
/// position of the town centre).
enum DemoCommunes {
    static let builtIn: [Commune] = [
        ("74010", "74000", "Annecy", 45.8992, 6.1294), ("73065", "73000", "Chambéry", 45.5646, 5.9178),
        ("73008", "73100", "Aix-les-Bains", 45.6885, 5.9153), ("38185", "38000", "Grenoble", 45.1885, 5.7245),
        ("69123", "69001", "Lyon", 45.7640, 4.8357), ("42218", "42000", "Saint-Étienne", 45.4397, 4.3872),
        ("63113", "63000", "Clermont-Ferrand", 45.7772, 3.0870), ("74056", "74400", "Chamonix-Mont-Blanc", 45.9237, 6.8694),
        ("43157", "43000", "Le Puy-en-Velay", 45.0434, 3.8858), ("15014", "15000", "Aurillac", 44.9264, 2.4397),
        ("26362", "26000", "Valence", 44.9334, 4.8924), ("01053", "01000", "Bourg-en-Bresse", 46.2052, 5.2255),
        ("03310", "03200", "Vichy", 46.1277, 3.4260), ("07010", "07100", "Annonay", 45.2397, 4.6708),
        ("26198", "26200", "Montélimar", 44.5581, 4.7509), ("74119", "74500", "Évian-les-Bains", 46.4010, 6.5897),
        ("74173", "74120", "Megève", 45.8567, 6.6175), ("73011", "73200", "Albertville", 45.6755, 6.3925),
        ("73054", "73700", "Bourg-Saint-Maurice", 45.6186, 6.7694), ("38548", "38250", "Villard-de-Lans", 45.0707, 5.5530),
        ("38544", "38200", "Vienne", 45.5255, 4.8746), ("42187", "42300", "Roanne", 46.0367, 4.0683),
        ("63430", "63300", "Thiers", 45.8564, 3.5477), ("63236", "63240", "Le Mont-Dore", 45.5756, 2.8094),
        ("15219", "15140", "Salers", 45.1393, 2.4955), ("07330", "07150", "Vallon-Pont-d'Arc", 44.4070, 4.3945),
        ("26113", "26150", "Die", 44.7536, 5.3700), ("01034", "01300", "Belley", 45.7592, 5.6881),
        ("03190", "03000", "Moulins", 46.5660, 3.3330), ("73257", "73440", "Les Belleville", 45.3000, 6.5800),
        ("05061", "05100", "Briançon", 44.8986, 6.6436), ("74081", "74200", "Thonon-les-Bains", 46.3705, 6.4793),
    ].map { Commune(insee: $0.0, postalCode: $0.1, name: $0.2, latitude: $0.3, longitude: $0.4) }

    /// Départements of Auvergne-Rhône-Alpes, for picking communes out of the national gazetteer.
    static let regionDepartments: Set<String> = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]
}
