import Records

/// Words the generated names and texts are made of, per type, in French, English and German.
enum DemoVocabulary {
    struct Kind {
        var type: ObjectType
        /// Relative frequency among generated records.
        var weight: Int
        /// Name heads in FR, EN, DE.
        var heads: [(String, String, String)]
        var blurbs: [(String, String, String)]
    }

    static let places = [
        "du Lac", "des Alpages", "les Marmottes", "le Chamois", "l'Edelweiss", "du Mont-Blanc", "du Vieux Moulin",
        "du Château", "de la Forêt", "de la Source", "la Prairie", "de la Cascade", "du Vallon", "les Tilleuls",
        "les Glycines", "les Noyers", "les Bruyères", "les Cèdres", "des Pins", "l'Écureuil", "du Grand Pré",
        "le Belvédère", "de la Combe", "du Roc", "le Soleil", "l'Étoile", "des Neiges", "des Vignes", "des Coteaux",
        "de la Châtaigneraie", "du Pic Blanc", "les Gentianes", "la Bergerie", "du Col", "des Sapins", "la Clairière",
        "des Trois Vallées", "les Myrtilles", "du Pont Vieux", "de l'Abbaye", "Saint-Jacques", "Sainte-Anne",
        "la Grange", "des Cimes", "le Chalet Blanc", "du Lavoir", "la Ferme Basse", "des Oliviers", "les Lavandes",
        "du Belvédère", "de la Tour", "du Prieuré", "des Remparts", "la Cordée", "les Crêtes", "du Torrent",
    ]

    static let kinds: [Kind] = [
        Kind(type: .hotellerie, weight: 12,
             heads: [("Hôtel", "Hotel", "Hotel"), ("Hôtel-restaurant", "Hotel and restaurant", "Hotel-Restaurant"),
                     ("Auberge", "Inn", "Gasthof"), ("Grand Hôtel", "Grand Hotel", "Grand Hotel")],
             blurbs: [("Chambres calmes avec vue, petit déjeuner maison et parking privé.",
                       "Quiet rooms with a view, home-made breakfast and private parking.",
                       "Ruhige Zimmer mit Aussicht, hausgemachtes Frühstück und Privatparkplatz.")]),
        Kind(type: .hebergementLocatif, weight: 20,
             heads: [("Gîte", "Holiday cottage", "Ferienhaus"), ("Chalet", "Chalet", "Chalet"),
                     ("Appartement", "Apartment", "Ferienwohnung"), ("Meublé", "Furnished rental", "Ferienwohnung")],
             blurbs: [("Location tout confort pour 2 à 8 personnes, jardin, terrasse et équipement bébé.",
                       "Comfortable rental for 2 to 8 people, garden, terrace and baby equipment.",
                       "Komfortable Unterkunft für 2 bis 8 Personen, Garten, Terrasse und Babyausstattung.")]),
        Kind(type: .hebergementCollectif, weight: 6,
             heads: [("Gîte d'étape", "Hikers' lodge", "Wanderherberge"), ("Refuge", "Mountain hut", "Berghütte"),
                     ("Centre de vacances", "Holiday centre", "Ferienzentrum"), ("Auberge de jeunesse", "Youth hostel", "Jugendherberge")],
             blurbs: [("Dortoirs et chambres, demi-pension, accueil des groupes et des randonneurs.",
                       "Dormitories and rooms, half board, groups and hikers welcome.",
                       "Schlafsäle und Zimmer, Halbpension, Gruppen und Wanderer willkommen.")]),
        Kind(type: .hotelleriePleinAir, weight: 6,
             heads: [("Camping", "Campsite", "Campingplatz"), ("Camping municipal", "Municipal campsite", "Gemeindecampingplatz"),
                     ("Aire naturelle", "Nature campsite", "Naturcampingplatz")],
             blurbs: [("Emplacements ombragés, piscine chauffée, location de mobil-homes au bord de la rivière.",
                       "Shaded pitches, heated pool, mobile homes for rent by the river.",
                       "Schattige Stellplätze, beheiztes Schwimmbad, Mobilheime am Fluss.")]),
        Kind(type: .feteEtManifestation, weight: 18,
             heads: [("Fête", "Festival", "Fest"), ("Marché nocturne", "Night market", "Nachtmarkt"),
                     ("Concert", "Concert", "Konzert"), ("Festival", "Festival", "Festival"), ("Foire", "Fair", "Messe"),
                     ("Randonnée gourmande", "Gourmet walk", "Genusswanderung")],
             blurbs: [("Animations pour toute la famille, buvette et producteurs locaux. Entrée libre.",
                       "Entertainment for the whole family, refreshments and local producers. Free entry.",
                       "Unterhaltung für die ganze Familie, Getränke und lokale Erzeuger. Eintritt frei.")]),
        Kind(type: .activite, weight: 8,
             heads: [("Parapente", "Paragliding", "Gleitschirmfliegen"), ("Canyoning", "Canyoning", "Canyoning"),
                     ("Balade à cheval", "Horse ride", "Reitausflug"), ("Escalade", "Climbing", "Klettern"),
                     ("Visite guidée", "Guided tour", "Führung")],
             blurbs: [("Encadrement par des moniteurs diplômés, matériel fourni, à partir de 8 ans.",
                       "Supervised by qualified instructors, equipment provided, from age 8.",
                       "Betreuung durch diplomierte Lehrer, Ausrüstung gestellt, ab 8 Jahren.")]),
        Kind(type: .equipement, weight: 8,
             heads: [("Piscine", "Swimming pool", "Schwimmbad"), ("Sentier", "Trail", "Wanderweg"),
                     ("Via ferrata", "Via ferrata", "Klettersteig"), ("Base de loisirs", "Leisure park", "Freizeitpark"),
                     ("Aire de pique-nique", "Picnic area", "Picknickplatz")],
             blurbs: [("Accès libre toute l'année, parking à proximité, accessible aux poussettes.",
                       "Free access all year round, parking nearby, pushchair friendly.",
                       "Ganzjährig frei zugänglich, Parkplatz in der Nähe, kinderwagengerecht.")]),
        Kind(type: .patrimoineCulturel, weight: 6,
             heads: [("Musée", "Museum", "Museum"), ("Église", "Church", "Kirche"), ("Château", "Castle", "Schloss"),
                     ("Chapelle", "Chapel", "Kapelle"), ("Maison", "House", "Haus")],
             blurbs: [("Édifice remarquable, visites commentées en été, boutique et expositions temporaires.",
                       "Remarkable building, guided tours in summer, shop and temporary exhibitions.",
                       "Bemerkenswertes Gebäude, Führungen im Sommer, Laden und Wechselausstellungen.")]),
        Kind(type: .patrimoineNaturel, weight: 4,
             heads: [("Cascade", "Waterfall", "Wasserfall"), ("Gorges", "Gorge", "Schlucht"), ("Lac", "Lake", "See"),
                     ("Belvédère", "Viewpoint", "Aussichtspunkt")],
             blurbs: [("Site naturel protégé, panorama exceptionnel, sentier d'interprétation.",
                       "Protected natural site, outstanding panorama, interpretation trail.",
                       "Geschütztes Naturgebiet, herrliches Panorama, Lehrpfad.")]),
        Kind(type: .restauration, weight: 8,
             heads: [("Restaurant", "Restaurant", "Restaurant"), ("Brasserie", "Brasserie", "Brasserie"),
                     ("Crêperie", "Creperie", "Crêperie"), ("Ferme-auberge", "Farm inn", "Bauernhof-Gasthaus")],
             blurbs: [("Cuisine de saison et produits du terroir, terrasse, menu enfant.",
                       "Seasonal cooking and local produce, terrace, children's menu.",
                       "Saisonale Küche und regionale Produkte, Terrasse, Kindermenü.")]),
        Kind(type: .degustation, weight: 2,
             heads: [("Cave", "Wine cellar", "Weinkeller"), ("Fromagerie", "Cheese dairy", "Käserei"),
                     ("Domaine", "Estate", "Weingut")],
             blurbs: [("Vente directe et dégustation, visite de la cave sur rendez-vous.",
                       "Direct sales and tasting, cellar tours by appointment.",
                       "Direktverkauf und Verkostung, Kellerbesichtigung nach Vereinbarung.")]),
        Kind(type: .commerceEtService, weight: 2,
             heads: [("Location de vélos", "Bike hire", "Fahrradverleih"), ("Boulangerie", "Bakery", "Bäckerei"),
                     ("Taxi", "Taxi", "Taxi")],
             blurbs: [("Ouvert 7 jours sur 7 en saison, réservation conseillée.",
                       "Open 7 days a week in season, booking advised.",
                       "In der Saison täglich geöffnet, Reservierung empfohlen.")]),
    ]

    /// "de" before a commune's name as French says it: "d'Annecy", "du Puy-en-Velay",
    /// "des Houches", "de la Clusaz", "de Chamonix".
    static func of(_ commune: String) -> String {
        for (article, contracted) in [("Le ", "du "), ("Les ", "des "), ("La ", "de la "), ("L'", "de l'")] where commune.hasPrefix(article) {
            return contracted + commune.dropFirst(article.count)
        }
        if let first = commune.first, "AEIOUYÉÈÊÂÎÔ".contains(first) { return "d'" + commune }
        return "de " + commune
    }
}
