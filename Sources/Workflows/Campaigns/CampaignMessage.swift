import CRM
import Foundation
import Mail

/// A campaign's message for one contact: the office's template filled, then the sender's identity
/// and the visible unsubscribe and preferences links every marketing message carries; the same in
/// HTML (the text's paragraphs, links made clickable).
struct CampaignMessage {
    var subject: String
    var text: String
    var html: String

    init(campaign: Campaign, contact: Contact, recordNames: [String], office: String, address: String?, partners: [String],
         unsubscribeLink: String, preferencesLink: String) throws {
        let template = try ReplyComposer(subject: campaign.subject, body: campaign.body)
        let filled = template.compose(contact: contact, recordNames: recordNames, office: office, agent: campaign.createdBy)
        let english = contact.language?.lowercased().hasPrefix("en") == true
        let sender = [office, address].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " — ")
        let why: String = switch (campaign.purpose == .partnerMarketing, english) {
        case (false, false): "Vous recevez ce message parce que vous avez accepté de recevoir les communications de \(office)."
        case (false, true): "You receive this message because you agreed to receive \(office)'s communications."
        case (true, false): "Vous recevez ce message parce que vous avez accepté de recevoir les informations des partenaires de \(office)"
            + (partners.isEmpty ? "." : " (\(partners.joined(separator: ", "))).")
        case (true, true): "You receive this message because you agreed to receive information from \(office)'s partners"
            + (partners.isEmpty ? "." : " (\(partners.joined(separator: ", "))).")
        }
        let footer = [
            "—", sender, why,
            (english ? "Unsubscribe: " : "Se désinscrire : ") + unsubscribeLink,
            (english ? "Your choices: " : "Vos choix : ") + preferencesLink,
        ]
        subject = filled.subject
        text = filled.body + "\n\n" + footer.joined(separator: "\n")
        let paragraphs = filled.body.components(separatedBy: "\n\n").map { "<p>\(Self.html($0))</p>" }.joined(separator: "\n")
        html = """
            <!DOCTYPE html>
            <html lang="\(english ? "en" : "fr")"><head><meta charset="utf-8"><title>\(HTMLText.escape(filled.subject))</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; max-width: 40em; margin: auto; padding: 1em; color: #222">
            \(paragraphs)
            <hr style="border: none; border-top: 1px solid #ccc; margin-top: 2em">
            <p style="font-size: 0.85em; color: #555">\(HTMLText.escape(sender))<br>\(HTMLText.escape(why))<br>
            <a href="\(HTMLText.escape(unsubscribeLink))">\(english ? "Unsubscribe" : "Se désinscrire")</a> ·
            <a href="\(HTMLText.escape(preferencesLink))">\(english ? "Your choices" : "Vos choix")</a></p>
            </body></html>
            """
    }

    /// A paragraph of text as HTML: escaped, lines kept, http(s) links clickable.
    static func html(_ paragraph: String) -> String {
        paragraph.components(separatedBy: "\n").map { line in
            line.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                let word = String(word)
                guard word.hasPrefix("https://") || word.hasPrefix("http://") else { return HTMLText.escape(word) }
                return "<a href=\"\(HTMLText.escape(word))\">\(HTMLText.escape(word))</a>"
            }.joined(separator: " ")
        }.joined(separator: "<br>\n")
    }
}
