import ArgumentParser

/// `--label-map PER=PERSON,LOC=PLACE`: a renaming of labels.
enum LabelMap {
    static func parse(_ text: String?) throws -> [String: String] {
        guard let text else { return [:] }
        var map: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--label-map expects FROM=TO pairs separated by commas, found '\(pair)'")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }
}
