import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

extension PostgresSession {
    /// COPY … FROM STDIN in text format: the rows are encoded here and streamed in one go.
    func copy(into table: String, columns: [String], rows: [[SQLValue]]) throws(StorageError) {
        guard !rows.isEmpty else { return }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rows.count * 256)
        for row in rows {
            for (i, value) in row.enumerated() {
                if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                CopyText.write(value, into: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        let connection = self.connection, logger = self.logger, data = buffer
        do {
            try EventLoopExecutor.wait(on: connection.eventLoop) {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
            }
        } catch {
            let mapped = PostgresValues.storageError(error)
            if case .unavailable = mapped { markBroken() }
            throw mapped
        }
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// COPY's text format: `\N` for NULL; backslash, tab, newline and carriage return escaped;
/// bytes as `\\x` and hex.
enum CopyText {
    static func write(_ value: SQLValue, into buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case let .integer(i): buffer.writeString(String(i))
        case let .real(d): buffer.writeString(d.isFinite ? "\(d)" : "NaN")
        case let .text(s):
            var s = s
            s.withUTF8 { bytes in
                // Most text has nothing to escape: written in one go.
                guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
                    buffer.writeBytes(bytes)
                    return
                }
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                    case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                    case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                    case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                    default: buffer.writeInteger(byte)
                    }
                }
            }
        case let .blob(data):
            buffer.writeStaticString("\\\\x")
            // Two hex digits a byte, written straight into the buffer's storage.
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: data.count * 2) { out in
                data.withUnsafeBytes { input in
                    for (i, byte) in input.enumerated() {
                        out[2 * i] = hexDigits[Int(byte >> 4)]
                        out[2 * i + 1] = hexDigits[Int(byte & 0x0f)]
                    }
                }
                return data.count * 2
            }
        }
    }
}

/// Runs async postgres-nio calls (COPY has no other form) from a blocking thread: the task runs
/// on the connection's event loop, never on the cooperative pool, so a caller that blocks a
/// cooperative thread cannot starve it.
final class EventLoopExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    static func wait(on eventLoop: any EventLoop, _ operation: @escaping @Sendable () async throws -> Void) throws {
        precondition(!eventLoop.inEventLoop, "a blocking wait on the event loop it needs")
        let done = DispatchSemaphore(value: 0)
        let failure = NIOLockedValueBox<(any Error)?>(nil)
        let executor = EventLoopExecutor(eventLoop)
        Task(executorPreference: executor) {
            do { try await operation() } catch { failure.withLockedValue { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = failure.withLockedValue({ $0 }) { throw error }
    }
}
