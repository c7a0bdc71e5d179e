import ArgumentParser
import CRM
import Foundation

/// The office a command works for. The command line is the server operator's tool: it acts as
/// that office's admin.
struct OfficeOption: ParsableArguments {
    @Option(help: "Office id (see `guichet office list`).") var office: Int64

    func caller(_ name: String = "guichet (command line)") -> Caller {
        Caller(role: .officeAdmin, officeID: office, userName: name)
    }
}

extension SQLCRM {
    /// The CRM shares the record cache's file.
    static func open(_ database: DatabaseOptions) throws -> SQLCRM { SQLCRM(owner: try database.open()) }
}

func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
