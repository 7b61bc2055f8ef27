// swift-tools-version:6.0
import PackageDescription

// Layout (see docs/architecture.md): BylineText is the only module that sees the ICU and PCRE2 C APIs.
// It imports FoundationEssentials, never Foundation, because Foundation on Linux bundles its own ICU
// whose C types clash with the system headers (../shared/PLATFORM.md). Every other module imports
// Foundation freely and uses BylineText's Swift API.
let package = Package(
    name: "Byline",
    products: [
        .executable(name: "byline", targets: ["byline"]),
        .library(name: "Byline", targets: ["Byline"]),
        .library(name: "BylineText", targets: ["BylineText"]),
        .library(name: "BylineFormats", targets: ["BylineFormats"]),
        .library(name: "BylineEval", targets: ["BylineEval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "BylineText", dependencies: ["CICU", "CPCRE2"]),
        .target(name: "Byline", dependencies: ["BylineText"]),
        .target(name: "BylineFormats", dependencies: ["Byline", "BylineText"]),
        .target(name: "BylineEval", dependencies: ["Byline", "BylineFormats"]),
        .executableTarget(
            name: "byline",
            dependencies: [
                "Byline", "BylineEval", "BylineFormats", "BylineText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BylineTextTests", dependencies: ["BylineText"]),
        // Tests find their fixtures next to their sources (#filePath), so no resource bundles.
        .testTarget(name: "BylineTests", dependencies: ["Byline", "BylineText"], exclude: ["Fixtures"]),
        .testTarget(name: "BylineFormatsTests", dependencies: ["BylineFormats", "Byline"], exclude: ["Fixtures"]),
        .testTarget(name: "BylineEvalTests", dependencies: ["BylineEval", "Byline", "BylineFormats"]),
    ],
    swiftLanguageModes: [.v5]
)
