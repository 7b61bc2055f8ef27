extension RandomAccessCollection where Index == Int {
    /// Binary search in a collection partitioned by `isBefore`: every element for which it is true comes
    /// before every element for which it is false. Returns the index of the first element for which it
    /// is false (`endIndex` when there is none).
    public func partitionPoint(_ isBefore: (Element) -> Bool) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if isBefore(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The scalar whose UTF-8 encoding starts at `position` (U+FFFD if the bytes there do not start one).
    func scalar(at position: Int) -> Unicode.Scalar {
        var iterator = self[position...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }
}
