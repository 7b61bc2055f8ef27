import Foundation
import Testing
@testable import Byline

/// Each way a rule author can break a rule file gets a message naming the file and line.
@Suite struct RuleFileErrorTests {
    private func error(_ rules: String, file: String = "titles.rules") throws -> String {
        try #require(try Fixtures.loadError([file: rules]))
    }

    @Test func syntaxErrors() throws {
        let message = try error("""
        rule ok.one
          pattern: \\w+
          emit: x=TITLE
          colour: red
        something else
          pattern: orphan
        """)
        #expect(message.contains("titles.rules:4: unknown key 'colour'"))
        #expect(message.contains("titles.rules:5: expected 'define NAME = PATTERN' or 'rule ID'"))
        #expect(message.contains("titles.rules:6: indented line outside a rule"))
    }

    @Test func ruleWithoutPatternOrEmit() throws {
        let message = try error("rule empty.one\n  priority: 3\n")
        #expect(message.contains("titles.rules:1: rule empty.one has no pattern"))
        #expect(message.contains("titles.rules:1: rule empty.one has no emit line"))
    }

    @Test func unknownMacro() throws {
        let message = try error("rule r.one\n  pattern: (?<t>{NOPE})\n  emit: t=TITLE\n")
        #expect(message.contains("titles.rules:2: unknown macro {NOPE}: not a macro defined so far"))
    }

    @Test func unknownGazetteerClass() throws {
        let message = try error("rule r.one\n  pattern: (?<t>{plase/city})\n  emit: t=TITLE\n")
        #expect(message.contains("titles.rules:2: unknown macro {plase/city}: no gazetteer class 'plase/city'"))
    }

    @Test func labelFromALaterPhaseIsUnknown() throws {
        // people.rules runs before titles.rules, so it cannot use TITLE.
        let message = try error("rule p.one\n  pattern: (?<p>{TITLE})\n  emit: p=PERSON\n", file: "people.rules")
        #expect(message.contains("people.rules:2: unknown macro {TITLE}"))
    }

    @Test func patternThatDoesNotCompile() throws {
        let message = try error("rule r.bad\n  pattern: (?<t>Minister\n  emit: t=TITLE\n")
        #expect(message.contains("titles.rules:2: pattern of rule r.bad does not compile: missing closing parenthesis"))
    }

    @Test func emitOfAMissingGroup() throws {
        let message = try error("rule r.one\n  pattern: (?<t>Minister)\n  emit: title=TITLE\n")
        #expect(message.contains("titles.rules:1: rule r.one emits group 'title', which its pattern does not have (named groups: t)"))
    }

    @Test func duplicateIDsAndMacros() throws {
        let message = try error("""
        define NAMEWORD = x
        rule person.first-last
          pattern: (?<t>Minister)
          emit: t=TITLE
        """)
        #expect(message.contains("titles.rules:1: macro NAMEWORD is already defined at"))
        #expect(message.contains("titles.rules:2: rule id person.first-last is already used at"))
    }

    @Test func macroCycle() throws {
        let message = try error("define A = {B}\ndefine B = x{A}\nrule r.one\n  pattern: (?<t>{A})\n  emit: t=TITLE\n")
        #expect(message.contains("titles.rules:4: macro {A} refers to itself (A → B → A)"))
    }

    @Test func failingExampleAndCounterExample() throws {
        let message = try error("""
        rule r.title
          pattern: (?<t>{title})
          emit: t=TITLE
          example: the weather is fine
          example: the foreign minister => t="minister"
          counter: the president spoke
        """)
        #expect(message.contains("titles.rules:4: rule r.title does not match its example \"the weather is fine\""))
        #expect(message.contains("titles.rules:5: rule r.title: expected t=\"minister\" in \"the foreign minister\", found \"foreign minister\""))
        #expect(message.contains("titles.rules:6: rule r.title matches its counter-example \"the president spoke\" (t=\"president\")"))
    }

    @Test func badFlagsPriorityAndExpectations() throws {
        let message = try error("""
        rule r.one
          pattern: (?<t>x)
          emit: t=TITLE
          flags: loud
          priority: high
          example: x => t=x
        """)
        #expect(message.contains("titles.rules:4: unknown flag 'loud'"))
        #expect(message.contains("titles.rules:5: priority must be a whole number"))
        #expect(message.contains("titles.rules:6: bad expectation 't=x'"))
    }

    @Test func pipelineConfErrors() throws {
        let message = try #require(try Fixtures.loadError(["pipeline.conf": "labels: PERSON\nnest: PLACE TITLE\nphase: nowhere.rules\ncolour: red\n"]))
        #expect(message.contains("pipeline.conf:2: expected 'nest: INNER in OUTER'"))
        #expect(message.contains("pipeline.conf:3: file 'nowhere.rules' not found"))
        #expect(message.contains("pipeline.conf:4: unknown key 'colour'"))
    }

    @Test func pathologicalPatternFailsNamingTheRule() throws {
        let url = try Fixtures.ruleSet(replacing: [
            "titles.rules": "rule r.slow\n  pattern: (?<t>(\\w+\\s?)*$)\n  emit: t=TITLE\n",
            "pipeline.conf": "labels: PERSON TITLE PLACE\ngazetteer: lists.def\nmatch-limit: 10000\nphase: titles.rules\n",
        ])
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let annotator = try Pipeline.load(configuration: url).makeAnnotator()
        #expect {
            _ = try annotator.annotate(id: "d", text: String(repeating: "word ", count: 30) + "!")
        } throws: { error in
            "\(error)".contains("rule r.slow (") && "\(error)".contains("titles.rules:1): pattern exceeded its match limit")
        }
    }
}
