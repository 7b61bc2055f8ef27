import Foundation

/// Runs a function over a stream of inputs on several threads and hands the results back on the calling
/// thread, in input order (or as they finish, when `ordered` is false). At most `capacity` inputs are in
/// flight, so memory stays flat however long the stream is. Each worker thread owns a `State` (an
/// `Annotator`, say) made once by `makeState`, so nothing a worker touches is shared.
public final class OrderedWorkerPool<Input, Output, State> {
    public let workers: Int
    public let ordered: Bool
    public let capacity: Int
    private let makeState: () throws -> State
    private let work: (inout State, Input) -> Output

    private let condition = NSCondition()
    private var pending: [(Int, Input)] = []
    private var pendingHead = 0
    private var finished: [Int: Output] = [:]
    private var finishedOrder: [Int] = []
    private var closed = false
    private var states: [State] = []

    /// - Parameters:
    ///   - workers: threads; 1 runs everything on the calling thread.
    ///   - capacity: inputs read ahead of the oldest one not yet emitted (default: 4 per worker).
    public init(workers: Int, ordered: Bool = true, capacity: Int? = nil, makeState: @escaping () throws -> State,
                work: @escaping (inout State, Input) -> Output) {
        self.workers = max(1, workers)
        self.ordered = ordered
        self.capacity = max(self.workers, capacity ?? self.workers * 4)
        self.makeState = makeState
        self.work = work
    }

    /// Feeds the inputs `produce` yields (it calls its argument once per input, in order) and calls `emit`
    /// with each result on this thread. An error thrown by `produce` or `emit` stops the feed; the workers
    /// finish what they hold and the error is rethrown. Returns the workers' states, for merging what they
    /// gathered.
    public func run(produce: ((Input) throws -> Void) throws -> Void, emit: (Output) throws -> Void) throws -> [State] {
        try withoutActuallyEscaping(produce) { produce in
            try withoutActuallyEscaping(emit) { emit in try run(produce, emit) }
        }
    }

    /// A worker's state, owned by that worker's thread until it ends.
    private final class Box: @unchecked Sendable {
        var state: State
        init(_ state: State) { self.state = state }
    }

    private func run(_ produce: @escaping ((Input) throws -> Void) throws -> Void, _ emit: @escaping (Output) throws -> Void) throws -> [State] {
        if workers == 1 {
            var state = try makeState()
            try produce { input in try emit(work(&state, input)) }
            return [state]
        }
        var made: [Box] = []
        for _ in 0..<workers { made.append(Box(try makeState())) }
        let done = DispatchGroup()
        for box in made {
            done.enter()
            let thread = Thread { [self] in
                while let (sequence, input) = next() {
                    let output = work(&box.state, input)
                    finish(sequence, output)
                }
                condition.lock()
                states.append(box.state)
                condition.unlock()
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        made.removeAll()
        var sequence = 0, emitted = 0, nextInOrder = 0
        var failure: Error? = nil

        /// Emits the results that are ready; waits for more while `mustWait()` holds.
        func drain(waitingWhile mustWait: () -> Bool) {
            condition.lock()
            while true {
                var ready: [Output] = []
                if ordered {
                    while let output = finished.removeValue(forKey: nextInOrder) {
                        ready.append(output)
                        nextInOrder += 1
                    }
                } else {
                    for key in finishedOrder { if let output = finished.removeValue(forKey: key) { ready.append(output) } }
                    finishedOrder.removeAll(keepingCapacity: true)
                }
                if !ready.isEmpty {
                    condition.unlock()
                    for output in ready {
                        emitted += 1
                        if failure == nil { do { try emit(output) } catch { failure = error } }
                    }
                    condition.lock()
                    continue
                }
                if !mustWait() { break }
                condition.wait()
            }
            condition.unlock()
        }

        do {
            try produce { input in
                if let failure { throw failure }
                drain { sequence - emitted >= capacity }
                condition.lock()
                pending.append((sequence, input))
                sequence += 1
                condition.signal()
                condition.unlock()
            }
        } catch {
            if failure == nil { failure = error }
        }
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        drain { emitted < sequence }
        done.wait()
        if let failure { throw failure }
        return states
    }

    private func next() -> (Int, Input)? {
        condition.lock()
        defer { condition.unlock() }
        while pendingHead >= pending.count {
            if closed { return nil }
            condition.wait()
        }
        let item = pending[pendingHead]
        pendingHead += 1
        if pendingHead >= 256, pendingHead * 2 >= pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        return item
    }

    private func finish(_ sequence: Int, _ output: Output) {
        condition.lock()
        finished[sequence] = output
        if !ordered { finishedOrder.append(sequence) }
        condition.broadcast()
        condition.unlock()
    }
}
