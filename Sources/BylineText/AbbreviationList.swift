/// English abbreviations that carry a period, and whether that period may end a sentence.
///
/// ICU's sentence-break suppressions miss most of the abbreviations news uses (Dr., Gov., Sen., St., Inc.,
/// No., U.S., e.g.), so the tokenizer keeps its own list. Extra entries can be loaded from a rule set
/// (see `parse(line:)`).
public struct AbbreviationList: Sendable {
    /// How an abbreviation behaves at a possible sentence end.
    public enum Kind: String, Sendable {
        /// Comes before a name or number and never ends a sentence ("Dr.", "Gov.", "Sen.", "St.", "Mt.").
        case prefix
        /// Is an abbreviation only before a number ("No. 10", "Art. 5", "pp. 4-9").
        case number
        /// Can end a sentence: it does when the next word opens a sentence ("... Apple Inc. The company").
        case general
    }

    /// Keyed by the lower-cased form without its final period ("dr", "u.s", "e.g").
    private var kinds: [String: Kind] = [:]

    public init() {}

    /// The kind of an abbreviation, given its text without the final period, in any case.
    public func kind(of formWithoutPeriod: String) -> Kind? { kinds[formWithoutPeriod.lowercased()] }

    /// Adds an abbreviation; `form` may be written with or without its final period.
    public mutating func add(_ form: String, kind: Kind) {
        var key = form.lowercased()
        if key.hasSuffix(".") { key.removeLast() }
        kinds[key] = kind
    }

    public var count: Int { kinds.count }

    /// Parses a line of an abbreviation list: `FORM<TAB>KIND` (kind defaults to `general`).
    /// Returns nil for blank and comment lines; throws a message for a bad kind.
    public static func parse(line: Substring) throws -> (String, Kind)? {
        let trimmed = line.trimmingWhitespace
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: true)
        let kindName = fields.count > 1 ? String(fields[1].trimmingWhitespace) : Kind.general.rawValue
        guard let kind = Kind(rawValue: kindName) else {
            throw AbbreviationListError(message: "unknown abbreviation kind '\(kindName)' (expected prefix, number or general)")
        }
        return (String(fields[0]), kind)
    }

    /// The built-in English list.
    public static let english: AbbreviationList = {
        var list = AbbreviationList()
        let prefixes = """
            Mr Mrs Ms Mx Messrs Mmes Dr Drs Prof Profs Gov Govs Sen Sens Rep Reps Gen Lt Col Maj Capt Cpt Cmdr \
            Cdr Adm Brig Sgt Cpl Pvt Pfc Spc Ens Lieut Gens Adj Supt Insp Det Amb Atty Hon Rev Revs Fr Msgr Sr \
            Sra Srta Mme Mlle Pres Sec Treas Comdr Cmdt Rt St Ste Mt Ft Pt Sens Assemb Rabbi Sheikh
            """
        let numbers = "No Nos Art Arts Vol Vols pp p Fig Figs Nr Ch Sec Para Ex"
        let general = """
            Inc Co Corp Ltd Plc Bros Jr Sr Esq etc vs v e.g i.e cf al approx est dept univ assn assoc govt natl \
            intl a.m p.m A.M P.M U.S U.K U.N E.U D.C U.S.A U.A.E Ph.D M.D B.A M.A LL.B Jan Feb Mar Apr Jun Jul Aug \
            Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Ave Blvd Rd Hwy Sq Ct Pl Ln Pkwy \
            Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb \
            Nebr Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa Penn R.I S.C S.D Tenn Tex Vt Va Wash W.Va Wis Wyo \
            min max tel ext dist mfg bldg
            """
        for word in prefixes.split(separator: " ") { list.add(String(word), kind: .prefix) }
        for word in numbers.split(separator: " ") { list.add(String(word), kind: .number) }
        for word in general.split(separator: " ") where list.kind(of: String(word)) == nil {
            list.add(String(word), kind: .general)
        }
        // "Sr." means Senior far more often than Señor in English news; it can end a sentence.
        list.add("Sr", kind: .general)
        return list
    }()
}

/// A malformed line in an abbreviation list.
public struct AbbreviationListError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public var trimmingWhitespace: Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
        let last = s.lastIndex(where: { !$0.isWhitespace })!
        return s[first...last]
    }
}
