import Foundation
import NIOCore
import PostgresNIO

/// Values to and from postgres-nio's wire formats.
enum PostgresValues {
    static func bindings(_ arguments: SQLArguments) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument?.sqlValue ?? .null {
            case .null: bindings.appendNull()
            case let .integer(i): bindings.append(i)
            case let .real(d): bindings.append(d)
            case let .text(s): bindings.append(s)
            case let .blob(data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        return bindings
    }

    static func value(_ cell: PostgresCell) throws(StorageError) -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8, .oid:
                return .integer(try Int64(from: &bytes, type: cell.dataType, format: cell.format, context: .default))
            case .float4, .float8:
                return .real(try Double(from: &bytes, type: cell.dataType, format: cell.format, context: .default))
            case .bool:
                return .integer(try Bool(from: &bytes, type: cell.dataType, format: cell.format, context: .default) ? 1 : 0)
            case .numeric:
                let decimal = try Decimal(from: &bytes, type: cell.dataType, format: cell.format, context: .default)
                if decimal == decimal.rounded(), let i = Int64(exactly: NSDecimalNumber(decimal: decimal).doubleValue), abs(i) < 1 << 53 {
                    return .integer(i)
                }
                return .real(NSDecimalNumber(decimal: decimal).doubleValue)
            case .bytea:
                return .blob(Data(bytes.readableBytesView))
            default:
                return .text(bytes.readString(length: bytes.readableBytes) ?? "")
            }
        } catch {
            throw .failed("column \(cell.columnName): cannot read a value of type \(cell.dataType)")
        }
    }

    /// The error without the statement's bound values (which may be personal data).
    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        guard let error = error as? PSQLError else { return .unavailable("\(type(of: error)): \(error)") }
        guard error.code == .server, let info = error.serverInfo else {
            return .unavailable("\(error.code)")
        }
        let state = info[.sqlState] ?? ""
        let message = "\(info[.message] ?? "server error") (\(state))"
        if state.hasPrefix("23") { return .constraint(message) }
        if state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300" { return .unavailable(message) }
        return .failed(message)
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
