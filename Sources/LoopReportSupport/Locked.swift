import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A value behind a `Synchronization.Mutex`: the one lock type of the stages and the server.
///
/// On Linux the mutex waits with raw futex calls, which ThreadSanitizer cannot see: unannotated,
/// `make test-sanitizers` reported every access made under it as a data race. So each hold of
/// the lock is announced to ThreadSanitizer (`__tsan_acquire` on taking it, `__tsan_release`
/// before leaving it, on this object's address) when its runtime is in the process; otherwise
/// the announcements are two untaken branches.
package final class Locked<Value>: @unchecked Sendable {
    private let mutex = Mutex(())
    /// Read and written only while `mutex` is held.
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value while holding the lock.
    package func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        let address = Unmanaged.passUnretained(self).toOpaque()
        return try mutex.withLock { _ in
            ThreadSanitizer.acquire?(address)
            defer { ThreadSanitizer.release?(address) }
            return try body(&value)
        }
    }
}

extension Locked where Value == Void {
    /// A lock around state kept elsewhere (an object's own properties, a C library's tables).
    package convenience init() { self.init(()) }

    package func locked<R>(_ body: () throws -> R) rethrows -> R {
        try withLock { _ in try body() }
    }
}

/// ThreadSanitizer's synchronisation annotations, found in the process at start (nil without
/// its runtime, that is in every build but `swift build --sanitize=thread`).
private enum ThreadSanitizer {
    typealias Annotation = @convention(c) (UnsafeMutableRawPointer?) -> Void
    static let acquire = function("__tsan_acquire")
    static let release = function("__tsan_release")

    private static func function(_ name: String) -> Annotation? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: Annotation.self) }
    }
}
