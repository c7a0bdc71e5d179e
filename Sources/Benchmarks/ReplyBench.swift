import ArgumentParser
import Foundation
import Mail

/// `guichet bench reply`: one reply with 10 MB of PDF attachments to the SMTP server of
/// GUICHET_SMTP_URL, timed from hand-over to the server's acceptance.
struct ReplyBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reply", abstract: "Time sending a reply with 10 MB of PDF attachments.")

    @Option(help: "Megabytes of attachments (split over 4 PDFs).") var megabytes = 10
    @Option(help: "Sends to time; the median is reported.") var runs = 5

    func run() throws {
        let configuration = try SMTPConfiguration.fromEnvironment()
        var state: UInt64 = 7
        func pdf(_ bytes: Int) -> Data {
            var data = Data("%PDF-1.5\n".utf8)
            data.reserveCapacity(bytes)
            while data.count < bytes {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                withUnsafeBytes(of: state) { data.append(contentsOf: $0) }
            }
            return data
        }
        let parts = (0..<4).map { MailMessage.Attachment(fileName: "fiche-\($0 + 1).pdf", data: pdf(megabytes * 1_000_000 / 4)) }
        let transport = SMTPTransport(configuration)
        var times: [Double] = []
        for i in 0..<runs {
            let message = MailMessage(from: configuration.from, to: [try MailAddress("bench@example.org")], subject: "Votre sélection (bench \(i))",
                                      text: "Bonjour,\n\nVoici votre sélection.\n", attachments: parts, idempotencyKey: "bench-\(UUID().uuidString)")
            let started = Date()
            try transport.send(message)
            times.append(Date().timeIntervalSince(started))
        }
        let median = times.sorted()[times.count / 2]
        say(String(format: "reply with %d MB of PDF attachments to %@: median %.3f s over %d sends (min %.3f, max %.3f); target ≤ 0.300 s",
                   megabytes, configuration.url, median, runs, times.min() ?? 0, times.max() ?? 0))
    }
}
