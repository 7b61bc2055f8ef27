import Testing
@testable import Byline

@Suite struct AnnotationProfileTests {
    @Test func rulesReportWhatTheyTried() throws {
        let annotator = try ShippedGazetteerTests.pipeline.makeAnnotator()
        annotator.profile = AnnotationProfile()
        let text = "Foreign Minister Maria Okafor said the talks would resume. Okafor told reporters in Lagos.\n"
        _ = try annotator.annotate(id: "t", text: text)
        let profile = try #require(annotator.profile)
        #expect(profile.documents == 1 && profile.bytes == text.utf8.count)
        // person.first-last opens with {person/first}: tried at the one first name's start, not scanned.
        let firstLast = try #require(profile.rules["person.first-last"])
        #expect(firstLast.anchoredAttempts == 1 && firstLast.scannedBytes == 0)
        #expect(firstLast.count == 1 && firstLast.callouts > 0)
        // quote.indirect-said scans the sentence before its cue, no further.
        let said = try #require(profile.rules["quote.indirect-said"])
        #expect(said.scannedBytes > 0 && said.scannedBytes < text.utf8.count)
        #expect(said.anchoredAttempts == 0)
        // The document's scan for prerequisite texts is a step of its own, not part of the first rule's time.
        #expect(profile.steps.contains { $0.name == "prerequisite texts" })
        let report = profile.report()
        #expect(report.contains("scanned") && report.contains("anchored") && report.contains("callouts"))
    }
}
