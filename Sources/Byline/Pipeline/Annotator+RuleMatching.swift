import BylineText

/// Running one rule over a document: the span class index its patterns read, the windows it may match in,
/// and the find-all or anchored loop over them.
extension Annotator {
    /// Puts the accepted spans (and quoted regions, as `QUOTED`, and headline words, as `HEADLINE`) into the
    /// span class index.
    func rebuildLabelIndex(_ accepted: [Span], quoted: [QuotedRegion] = [], bytes: UnsafeBufferPointer<UInt8>) {
        guard !pipeline.spanClassOfLabel.isEmpty else { return }
        let classes = pipeline.spanClassOfLabel.values
        index.removeAll(classes)
        // Labels come in runs and are short: comparing with the last one is cheaper than hashing each.
        var lastLabel = "", lastClass: Int? = nil
        for span in accepted {
            if span.label != lastLabel {
                lastLabel = span.label
                lastClass = pipeline.spanClassOfLabel[span.label]
            }
            if let spanClass = lastClass { index.add(span.utf8Range, to: spanClass) }
        }
        if let spanClass = pipeline.spanClassOfLabel[QuoteAttributor.quotedLabel] {
            for region in quoted { index.add(region.outer, to: spanClass) }
        }
        if let spanClass = pipeline.spanClassOfLabel[HeadlineFinder.label] {
            for word in headlineWords { index.add(word, to: spanClass) }
        }
        index.seal(sorting: classes, in: bytes)
        nearWindows.removeAll(keepingCapacity: true)
        lines.forgetClasses(pipeline.spanClasses.count)
    }

    /// Runs one rule over the whole text, calling `body` for each match: a find-all scan over the places
    /// its windows allow, or, for a rule whose every match opens with a span of some classes
    /// (`CompiledRule.startSlots`), an anchored attempt at each such span's start there (the same
    /// matches, left to right, without trying every byte in between).
    func run(_ rule: CompiledRule, _ bytes: UnsafeBufferPointer<UInt8>, _ body: (RegexMatch) -> Void) throws {
        guard profile == nil else {
            let started = monotonicNanoseconds()
            var matches = 0
            scannedBytes = 0
            anchoredAttempts = 0
            callouts = 0
            defer {
                profile!.addRule(rule.id, monotonicNanoseconds() - started, matches: matches,
                                 scannedBytes: scannedBytes, anchoredAttempts: anchoredAttempts, callouts: callouts)
            }
            return try runUnprofiled(rule, bytes) { match in
                matches += 1
                body(match)
            }
        }
        try runUnprofiled(rule, bytes, body)
    }

    func runUnprofiled(_ rule: CompiledRule, _ bytes: UnsafeBufferPointer<UInt8>, _ body: (RegexMatch) -> Void) throws {
        let index = rule.order - pipeline.gazetteer.lists.count
        // Spans that end inside a word need the character-by-character walk.
        let exact = rule.slots.contains { self.index.endsInsideWord[$0] }
        let matcher = exact ? exactMatchers[index]! : matchers[index]
        do {
            try self.index.flat.withUnsafeBufferPointer { flat in
              try self.index.startBits.withUnsafeBufferPointer { bits in
                slotCount = rule.slots.count
                for (slot, spanClass) in rule.slots.enumerated() {
                    slotKeys[slot] = UnsafeBufferPointer(rebasing: flat[self.index.ranges[spanClass]])
                    slotBits[slot] = bits.isEmpty ? nil : bits.baseAddress! + spanClass * self.index.startWords
                    slotMarks[slot] = rule.slotMarks[slot]
                    cachedStart[slot] = -1
                }
                defer { slotCount = 0 }
                // Where matches may start: around spans of the `near:` classes (the lines around them, from
                // the non-blank line before a span's line to the end of the line it ends on; the sentence
                // before each span; or each span's start), on the lines of a `needs:` text up to it, on the
                // lines that hold the pattern's prerequisites; with several, where all allow; never inside
                // an `outside:` class's span (a condition, kept also with the windows of the promises
                // turned off). Nil: anywhere. Upper bounds are inclusive; matches may run past a window.
                var windows: [Range<Int>]?
                for near in rule.near where windowsEnabled {
                    let key = NearWindowKey(spanClass: near.spanClass, scope: near.scope)
                    let these: [Range<Int>]
                    if let known = nearWindows[key] {
                        these = known
                    } else {
                        let keys = UnsafeBufferPointer(rebasing: flat[self.index.ranges[near.spanClass]])
                        these = switch near.scope {
                        case .lines: Self.windows(around: keys, in: bytes)
                        case .sentence: Self.windows(before: keys, in: sentenceRanges)
                        case .start: Self.windows(startingAt: keys)
                        }
                        nearWindows[key] = these
                    }
                    windows = windows.map { Self.intersection($0, these) } ?? these
                }
                // Once no window is left, the rest cannot add one.
                for texts in pipeline.needsTextSets[index] where windowsEnabled && windows?.isEmpty != true {
                    let these = lines.textScan.windows(needing: texts)
                    windows = windows.map { Self.intersection($0, these) } ?? these
                }
                if windows?.isEmpty != true, let these = prerequisiteWindows(index, flat) {
                    windows = windows.map { Self.intersection($0, these) } ?? these
                }
                if windows?.isEmpty != true { windows = outsideWindows(rule, windows, flat, bytes) }
                if anchoringEnabled, let anchored = exact ? exactAnchoredMatchers[index] : anchoredMatchers[index] {
                    // Every match starts where a span of a start slot's class does: try those starts only.
                    var next = 0
                    var w = 0
                    try forEachStart(of: rule.startSlots) { start in
                        guard start >= next else { return }
                        if let windows {
                            while w < windows.count && windows[w].upperBound < start { w += 1 }
                            guard w < windows.count, windows[w].lowerBound <= start else { return }
                        }
                        anchoredAttempts += 1
                        if let match = try anchored.match(in: bytes, at: start) {
                            body(match)
                            next = max(match.range(ofGroup: 0)?.upperBound ?? start + 1, start + 1)
                        }
                    }
                } else if let windows {
                    var next = 0
                    for window in windows {
                        guard window.upperBound >= next else { continue }
                        scannedBytes += window.upperBound + 1 - max(window.lowerBound, next)
                        try matcher.forEachMatch(in: bytes, from: max(window.lowerBound, next), startingBefore: window.upperBound) { match in
                            body(match)
                            next = max(next, match.range.upperBound, match.range.lowerBound + 1)
                            return true
                        }
                    }
                } else {
                    scannedBytes += bytes.count
                    try matcher.forEachMatch(in: bytes) { match in
                        body(match)
                        return true
                    }
                }
              }
            }
        } catch let error as TextError {
            throw AnnotationError.rule(id: rule.id, location: rule.location, error: error)
        }
    }

    /// Calls `body` with each place where a span of one of `slots` starts, in order, once each (the
    /// running rule's slots, set up in `slotKeys`).
    func forEachStart(of slots: [Int], _ body: (Int) throws -> Void) rethrows {
        var previous = -1
        if slots.count == 1 {
            for key in slotKeys[slots[0]] {
                let start = Int(key >> 32)
                if start != previous { try body(start) }
                previous = start
            }
            return
        }
        // Several classes: merge their sorted starts.
        var positions = [Int](repeating: 0, count: slots.count)
        while true {
            var least = Int.max
            for (k, slot) in slots.enumerated() {
                let keys = slotKeys[slot]
                while positions[k] < keys.count && Int(keys[positions[k]] >> 32) <= previous { positions[k] += 1 }
                if positions[k] < keys.count { least = min(least, Int(keys[positions[k]] >> 32)) }
            }
            guard least != Int.max else { return }
            try body(least)
            previous = least
        }
    }

    /// `windows` (nil: the whole text) without the spans of the rule's `outside:` classes; nil when it has none.
    func outsideWindows(_ rule: CompiledRule, _ windows: [Range<Int>]?, _ flat: UnsafeBufferPointer<UInt64>,
                        _ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var windows = windows
        for spanClass in rule.outside {
            let keys = UnsafeBufferPointer(rebasing: flat[index.ranges[spanClass]])
            windows = Self.windows(windows ?? [0..<bytes.count], outside: keys)
        }
        return windows
    }
}
