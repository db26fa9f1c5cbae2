#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a POSIX mutex: the one lock type of the stages and the server.
///
/// Not `Synchronization.Mutex`: on Linux that waits with raw futex calls, which
/// ThreadSanitizer cannot see, so `make test-sanitizers` reported every access made under it
/// as a data race. pthread mutexes are intercepted, and cost the same here.
package final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    /// Allocated once and never moved: a pthread mutex must keep its address.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    package func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

extension Locked where Value == Void {
    /// A lock around state kept elsewhere (an object's own properties): runs `body` while
    /// holding it, with no `inout` access of the empty value (ThreadSanitizer reported one as
    /// racing between serve's file watcher and a reload stream, both holding the lock).
    package convenience init() { self.init(()) }

    package func locked<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
