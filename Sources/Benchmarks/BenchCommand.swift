import ArgumentParser

public struct BenchCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print Guichet's figures beside their anchor's (run a release build).",
        subcommands: [SearchBench.self, BrochureBench.self, ReplyBench.self]
    )
}
