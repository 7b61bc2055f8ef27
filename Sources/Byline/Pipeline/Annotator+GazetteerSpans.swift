/// The spans the gazetteer lists give before any rule runs: one per text and label.
extension Annotator {
    /// Spans of the lists that emit a label. Where several entries name the same text with the same label
    /// ("Paris" in France and in Texas), one span stands for them: the entry of the earlier list in
    /// `lists.def`, then the larger `population`, then the earlier line.
    func gazetteerSpans(_ document: Document) -> [Span] {
        // One lookup per (range, label): the lookups of one range stand together (the matcher reports a
        // start's matches length by length), so a label is looked for among its range's few spans only.
        var best: [Int] = []  // lookup indices
        var rangeStart = 0  // where the current range's spans begin in `best`
        let lookups = document.lookups, gazetteer = pipeline.gazetteer
        for (index, lookup) in lookups.enumerated() {
            let list = Int(gazetteer.shapes[lookup.entry].list)
            guard let label = gazetteer.lists[list].emitLabel else { continue }
            if let last = best.last, lookups[last].utf8Range != lookup.utf8Range { rangeStart = best.count }
            if let known = best[rangeStart...].firstIndex(where: { gazetteer.lists[Int(gazetteer.shapes[lookups[$0].entry].list)].emitLabel == label }) {
                if prefer(gazetteer.entries[lookup.entry], over: gazetteer.entries[lookups[best[known]].entry]) { best[known] = index }
            } else {
                best.append(index)
            }
        }
        if entrySpanAttributes.count > 100_000 { entrySpanAttributes.removeAll() }
        return best.map { index in
            let lookup = lookups[index]
            let list = gazetteer.lists[Int(gazetteer.shapes[lookup.entry].list)]
            return Span(label: list.emitLabel!, utf8Range: lookup.utf8Range, rule: list.ruleID, priority: list.priority(tokenCount: lookup.tokens.count),
                        attributes: spanAttributes(ofEntry: lookup.entry))
        }
    }

    /// A gazetteer span's attributes: its entry's, with its `class` and canonical `id`. Kept per entry, as
    /// the same names (countries, capitals) come back in document after document.
    func spanAttributes(ofEntry index: Int) -> [String: String] {
        if let known = entrySpanAttributes[index] { return known }
        let entry = pipeline.gazetteer.entries[index]
        var attributes = entry.attributes
        attributes["class"] = pipeline.gazetteer.classes[entry.classIndex]
        if !entry.canonicalID.isEmpty { attributes["id"] = entry.canonicalID }
        entrySpanAttributes[index] = attributes
        return attributes
    }

    func prefer(_ a: GazetteerEntry, over b: GazetteerEntry) -> Bool {
        if a.list != b.list { return a.list < b.list }
        let pa = Int(a.attribute("population") ?? "") ?? -1, pb = Int(b.attribute("population") ?? "") ?? -1
        return pa > pb
    }
}
