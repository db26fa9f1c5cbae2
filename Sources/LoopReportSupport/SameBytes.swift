#if canImport(Glibc)
import Glibc
#endif

/// Whether two byte arrays hold the same bytes: `memcmp`, as Array's `==` compares element by
/// element, ten times slower on whole pages; arrays sharing their storage (a page reused from
/// the last build) are not compared at all.
package func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in x.baseAddress == y.baseAddress || memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 }
    }
}
