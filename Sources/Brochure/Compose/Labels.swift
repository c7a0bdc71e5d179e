/// The fixed words printed on brochures, per language (French fallback).
enum Labels {
    static let table: [String: [String: String]] = [
        "fr": ["continued": "suite", "contents": "Sommaire", "selection": "Votre sélection", "contact": "Contact", "opening": "Ouverture", "prices": "Tarifs", "free": "Gratuit", "phone": "Tél.",
               "email": "Mél", "website": "Site web"],
        "en": ["continued": "continued", "contents": "Contents", "selection": "Your selection", "contact": "Contact", "opening": "Opening times", "prices": "Prices", "free": "Free", "phone": "Tel.",
               "email": "E-mail", "website": "Website"],
        "de": ["continued": "Fortsetzung", "contents": "Inhalt", "selection": "Ihre Auswahl", "contact": "Kontakt", "opening": "Öffnungszeiten", "prices": "Preise", "free": "Kostenlos", "phone": "Tel.",
               "email": "E-Mail", "website": "Webseite"],
        "nl": ["continued": "vervolg", "contents": "Inhoud", "selection": "Uw selectie", "contact": "Contact", "opening": "Openingstijden", "prices": "Prijzen", "free": "Gratis", "phone": "Tel.",
               "email": "E-mail", "website": "Website"],
        "it": ["continued": "segue", "contents": "Indice", "selection": "La vostra selezione", "contact": "Contatti", "opening": "Apertura", "prices": "Tariffe", "free": "Gratuito", "phone": "Tel.",
               "email": "E-mail", "website": "Sito web"],
        "es": ["continued": "continuación", "contents": "Índice", "selection": "Su selección", "contact": "Contacto", "opening": "Horario", "prices": "Tarifas", "free": "Gratis", "phone": "Tel.",
               "email": "Correo", "website": "Sitio web"],
    ]

    static func text(_ key: String, _ language: String) -> String {
        table[language]?[key] ?? table["fr"]![key]!
    }
}
