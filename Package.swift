// swift-tools-version:6.1
import PackageDescription

/// The programs' release builds link GNU's C++ library (the Swift runtime's) statically when
/// `.build/static-libstdc++/` holds `libstdc++.a` (Scripts/kiosk and Scripts/benchmark.sh put a link to it
/// there): loading and binding libstdc++.so took about half a millisecond of every start (BENCHMARKS.md).
/// Without it the release build links the shared library as before.
let staticLibstdcxx: [LinkerSetting] = [
    .unsafeFlags(["-L", Context.packageDirectory + "/.build/static-libstdc++"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "ScreeningKiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kiosk", targets: ["kiosk"]),
        .executable(name: "kiosk-server", targets: ["kiosk-server"]),
        .executable(name: "kiosk-spreadsheets", targets: ["kiosk-spreadsheets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.1.1"),
    ],
    targets: [
        // The pure core: form model, loading and validation, expressions, scoring,
        // referral rules, the interview state machine, summaries. No I/O.
        .target(
            name: "KioskCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Adapter: the anonymized answer store (GRDB over SQLite).
        .target(
            name: "KioskStore",
            dependencies: ["KioskCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // GNU readline as a system library.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // utf8proc's Unicode tables as a system library.
        .systemLibrary(name: "CUtf8proc", providers: [.apt(["libutf8proc-dev"])]),
        // Display width of text in terminal columns, by grapheme cluster, and the bidi isolates.
        .target(name: "TextWidth", dependencies: ["CUtf8proc"]),
        // Adapter: terminal input and output (readline on a TTY, plain lines otherwise).
        .target(name: "KioskTerminal", dependencies: ["CReadline"]),
        // Adapter: the central PostgreSQL store many kiosks feed (postgres-nio).
        .target(
            name: "KioskServer",
            dependencies: ["KioskCore", "KioskStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Use cases that wire the core to files, the store and a console.
        // The shipped language files (Questionnaires/languages links here) go with the binary as its fallback.
        .target(
            name: "KioskApp",
            dependencies: [
                "KioskCore", "KioskStore", "KioskTerminal", "TextWidth", .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/languages")]
        ),
        // The commands, shared by both programs. The central server's work is behind `CentralServer`,
        // which only kiosk-server implements, so the kiosk itself links no network code.
        .target(
            name: "KioskCommands",
            dependencies: [
                "KioskApp", "KioskCore", "KioskStore", "KioskTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Adapter: .xlsx workbooks, the ZIP container and its XML parts, for kiosk-spreadsheets (the XML
        // library loads libxml2 and ICU, which the kiosk's start does without).
        .target(
            name: "KioskSpreadsheets",
            dependencies: [
                "KioskApp", "KioskCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "SWXMLHash", package: "SWXMLHash"),
            ]
        ),
        // The central server's use cases (sync, server set-up, counts on the server) for kiosk-server.
        .target(
            name: "KioskCentral",
            dependencies: ["KioskCommands", "KioskApp", "KioskCore", "KioskStore", "KioskServer"]
        ),
        // The kiosk: every command; those for the central server are handed to kiosk-server beside it,
        // those that read or write .xlsx files to kiosk-spreadsheets.
        .executableTarget(name: "kiosk", dependencies: ["KioskCommands"], linkerSettings: staticLibstdcxx),
        // The same commands with the central server's implementation (SwiftNIO, PostgreSQL client).
        .executableTarget(name: "kiosk-server", dependencies: ["KioskCommands", "KioskCentral"], linkerSettings: staticLibstdcxx),
        // The same commands with the .xlsx reader and writer.
        .executableTarget(name: "kiosk-spreadsheets", dependencies: ["KioskCommands", "KioskApp", "KioskSpreadsheets"], linkerSettings: staticLibstdcxx),
        // The shipped language files installed for tests (not in the kiosk).
        .target(name: "KioskTestSupport", dependencies: ["KioskCore"]),
        // A seeded random generator for generated benchmark data and random tests (not in the kiosk).
        .target(name: "SeededRandom"),
        // A throwaway PostgreSQL cluster for the server tests and benchmarks (not in the kiosk).
        .target(name: "TestPostgres"),
        // Benchmarks (not part of `swift test`): `Scripts/benchmark.sh` builds and runs it.
        .executableTarget(
            name: "kiosk-bench",
            dependencies: [
                "KioskApp", "KioskStore", "KioskCore", "KioskServer", "KioskCentral", "SeededRandom", "TestPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "KioskCoreTests",
            dependencies: ["KioskCore", "KioskTestSupport", "SeededRandom", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore", "KioskCore", "KioskTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KioskAppTests", dependencies: ["KioskApp", "KioskCore", "KioskStore", "KioskTerminal", "TextWidth", "KioskTestSupport", "SeededRandom", .product(name: "SwiftCSV", package: "SwiftCSV")]),
        .testTarget(name: "KioskSpreadsheetsTests", dependencies: ["KioskSpreadsheets", "KioskApp", "KioskCore", "KioskTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Against a real PostgreSQL server, started for the tests in a temporary directory.
        .testTarget(
            name: "KioskServerTests",
            dependencies: ["KioskServer", "KioskCentral", "KioskStore", "KioskCore", "KioskApp", "KioskTestSupport", "TestPostgres", "SeededRandom",
                           .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Runs the built `kiosk` binary: piped stdin, and a pseudo-terminal for the readline path.
        .testTarget(
            name: "KioskEndToEndTests",
            dependencies: ["kiosk", "kiosk-server", "kiosk-spreadsheets", "KioskApp", "KioskSpreadsheets", "KioskCore", "KioskStore", "TextWidth", "SeededRandom", "TestPostgres", "KioskTestSupport", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
