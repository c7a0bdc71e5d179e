// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Guichet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "guichet", targets: ["guichet"]),
        .library(name: "Records", targets: ["Records"]),
        .library(name: "Search", targets: ["Search"]),
        .library(name: "Mail", targets: ["Mail"]),
        .library(name: "CRM", targets: ["CRM"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The database owner: one per process, SQLite (GRDB) embedded or PostgreSQL (postgres-nio) for a
        // region; rows and values common to both, migrations, transactions, advisory locks.
        .target(
            name: "Storage",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Apidae model, import (files, folders, export zips, gazetteer) and the SQLite cache.
        .target(
            name: "Records",
            dependencies: [
                "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CCurl",
            ]
        ),
        // The in-memory search index over the cache: text, types, radius, dates, scope, facets.
        .target(name: "Search", dependencies: ["Records", .product(name: "Crypto", package: "swift-crypto")]),
        // Cairo (PDF surface), Pango (text layout) with fontconfig, librsvg (SVG logos), libqrencode:
        // C behind system targets.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        // poppler-glib: office PDF documents checked on upload and their pages drawn into brochures.
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // zlib: an office PDF's streams measured (inflated and counted) before poppler draws them.
        .systemLibrary(name: "CZStream", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl for the Apidae API and exports, photos and SMTP; variadic setopt through shims.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The brochure renderer: Swift wrappers owning the C pointers, fonts from Fonts/ only.
        .target(name: "Brochure", dependencies: ["CCairo", "CPango", "CRsvg", "CPoppler", "CQREncode", "CCurl", "CZStream", "Records", "Yams"]),
        // Email: messages with attachments, sent over SMTP by libcurl.
        .target(name: "Mail", dependencies: ["CCurl"]),
        // Offices, contacts, requests, baskets, the outbox: storage behind a protocol, SQLite first.
        .target(name: "CRM", dependencies: [
            "Mail", "Storage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "CSV", package: "CSV.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Consent: purposes, wordings, append-only events, signed links, the suppression list and the
        // send gate the outbox asks (no HTTP inside).
        .target(name: "Consent", dependencies: [
            "CRM", "Storage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The counter's workflows across modules: a basket's brochure, the reply with it attached.
        .target(name: "Workflows", dependencies: [
            "Records", "Brochure", "CRM", "Mail", "Consent", "Storage",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The web app for counter staff: Hummingbird routes, sessions, templates, the JSON API.
        .target(
            name: "WebApp",
            dependencies: [
                "Records", "Search", "Brochure", "CRM", "Mail", "Consent", "Workflows", "DemoData", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates"), .copy("Public")]
        ),
        // Deterministic generator of realistic Apidae export records (demo and scale).
        .target(name: "DemoData", dependencies: ["Records"]),
        // `guichet bench …`: search, brochure and reply benchmarks beside their anchors (release builds).
        .target(
            name: "Benchmarks",
            dependencies: [
                "Records", "Search", "DemoData", "Brochure", "Mail", "Workflows",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The command line: parses, calls the use cases, prints.
        .executableTarget(
            name: "guichet",
            dependencies: [
                "Records", "Search", "DemoData", "Brochure", "CRM", "Mail", "Consent", "Workflows", "WebApp", "Benchmarks", "Storage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Locating ../shared/data (or $GUICHET_TESTDATA) and temporary stores, for the test targets.
        .target(name: "GuichetTestSupport", dependencies: ["Records", "DemoData", "CZStream", "Storage"], path: "Tests/Support", exclude: ["Python"]),
        .testTarget(
            name: "RecordsTests",
            dependencies: ["Records", "DemoData", "GuichetTestSupport", "Storage", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "GuichetTestSupport"]),
        .testTarget(name: "BrochureTests", dependencies: ["Brochure", "Records", "GuichetTestSupport", "CPoppler"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "GuichetTestSupport"]),
        .testTarget(name: "CRMTests", dependencies: ["CRM", "Mail", "GuichetTestSupport", "Storage", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ConsentTests", dependencies: ["Consent", "CRM", "Mail", "GuichetTestSupport", "Storage", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "WorkflowTests", dependencies: [
            "Workflows", "CRM", "Mail", "Records", "Brochure", "Storage", "GuichetTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "WebAppTests", dependencies: [
            "WebApp", "CRM", "Consent", "Records", "Search", "Workflows", "Storage", "GuichetTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "Records", "DemoData", "GuichetTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
