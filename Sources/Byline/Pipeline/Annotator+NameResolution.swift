import BylineText

/// In-document name resolution and repetition between phases, and the facts about a document's words
/// they ask for (made once per document, only when a step needs them).
extension Annotator {
    /// In-document name resolution for the `resolve:` labels that come after `phaseCount` phases, then
    /// repetition for the `repeat:` labels there.
    func resolveNames(after phaseCount: Int, _ accepted: [Span], in document: Document,
                      bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var accepted = accepted
        for step in pipeline.configuration?.resolveSteps ?? [] where step.afterPhases == phaseCount {
            timed("name resolution") {
                var resolver = NameResolver(label: step.label, commonWords: commonWords(document))
                let words = nameWords(document)
                (resolver.excludedFromEvidence, resolver.listed, resolver.particles) = (words.excluded, words.listed, words.particles)
                resolver.genders = genders(document)
                let (named, added) = resolver.resolve(accepted, tokens: document.tokens, bytes: bytes)
                accepted = added.isEmpty ? named : pipeline.resolver.resolve(named + added, order: order)
            }
        }
        for step in pipeline.configuration?.repeatSteps ?? [] where step.afterPhases == phaseCount {
            timed("repeated names") {
                var repeater = RepeatResolver(label: step.label)
                repeater.sentenceWordStarts = OffsetSet(commonWords(document).compactMap { $0.value.contains(.sentenceWord) ? $0.key.lowerBound : nil })
                repeater.headlineWordStarts = OffsetSet(headlineWords.map(\.lowerBound))
                if let repeated = repeater.applied(to: accepted, tokens: document.tokens, bytes: bytes) {
                    accepted = pipeline.resolver.resolve(repeated, order: order)
                }
            }
        }
        return accepted
    }

    /// The words name resolution asks about, once per document: for names found by evidence (none without
    /// `evidence-excludes:`), the start offsets of the tokens of lookups whose class `evidence-excludes:`
    /// names and of the tokens of any lookup; the start offsets of one-token lookups whose class
    /// `name-particles:` names.
    func nameWords(_ document: Document) -> NameWords {
        if let known = documentNameWords { return known }
        var words = NameWords()
        if pipeline.excludedFromEvidence.contains(true) {
            for lookup in document.lookups {
                let isExcluded = pipeline.excludedFromEvidence[Int(pipeline.gazetteer.shapes[lookup.entry].classIndex)]
                for t in lookup.tokens {
                    let start = Int(document.tokens[t].start)
                    words.listed.insert(start)
                    if isExcluded { words.excluded.insert(start) }
                }
            }
        }
        if pipeline.nameParticle.contains(true) {
            for lookup in document.lookups where lookup.tokens.count == 1
                && pipeline.nameParticle[Int(pipeline.gazetteer.shapes[lookup.entry].classIndex)] {
                words.particles.insert(lookup.utf8Range.lowerBound)
            }
        }
        documentNameWords = words
        return words
    }

    /// The document's gendered lookups (honorifics, first names), for names and speakers: made when first
    /// asked for, as a rule set of lists alone never asks.
    func genders(_ document: Document) -> GenderEvidence {
        if let known = documentGenders { return known }
        let evidence = GenderEvidence(lookups: document.lookups, gazetteer: pipeline.gazetteer)
        documentGenders = evidence
        return evidence
    }

    /// The one-token gazetteer lookups whose class is a common-word class, by UTF-8 range.
    /// A word in several classes has every kind; the resolver applies each kind's test.
    func commonWords(_ document: Document) -> [Range<Int>: CommonWordKinds] {
        if let known = documentCommonWords { return known }
        var words: [Range<Int>: CommonWordKinds] = [:]
        for lookup in document.lookups where lookup.tokens.count == 1 {
            let classIndex = Int(pipeline.gazetteer.shapes[lookup.entry].classIndex)
            guard let kind = pipeline.commonWordKind[classIndex] else { continue }
            words[lookup.utf8Range, default: []].insert(CommonWordKinds(kind))
        }
        documentCommonWords = words
        return words
    }
}
