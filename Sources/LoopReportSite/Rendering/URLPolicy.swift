extension MarkdownHTML {
    /// Which link and image destinations may become `href` / `src`, and in what form.
    ///
    /// Allowed: `http:` and `https:` with a plain host name, `mailto:`, relative paths,
    /// `?query` and `#fragment`. Anything with another scheme — or anything that a browser
    /// could read as one after its own clean-up (leading controls and spaces stripped,
    /// tabs and newlines removed anywhere) — is refused. A colon before the first `/`, `?`
    /// or `#` is taken as a scheme, so obfuscations such as `java\tscript:`, ` JaVaScRiPt:`
    /// or `&#106;avascript:` (cmark has already decoded the entity) all fail.
    ///
    /// An allowed URL is percent-encoded where it holds characters a URL may not contain
    /// (spaces, non-ASCII, `"<>\^`{|}[]`, stray `%`, a second `#`), so the attribute is
    /// always a valid URL for the Nu checker and a `\` can never turn into a `/`.
    enum URLPolicy {
        struct Allowed: Equatable {
            /// The URL to write (still to be attribute-escaped).
            var url: String
            /// `http(s)://` or `//host`: a link that leaves the site.
            var isExternal: Bool
        }

        static func check(_ destination: String) -> Allowed? {
            // What a browser's URL parser does first: trim C0 controls and spaces, drop tab/LF/CR.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(destination.utf8.count)
            for c in destination.utf8 where c != 0x09 && c != 0x0A && c != 0x0D { bytes.append(c) }
            var start = 0, end = bytes.count
            while start < end, bytes[start] <= 0x20 { start += 1 }
            while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
            let s = bytes[start..<end]
            guard !s.isEmpty else { return nil }

            // The first `:`, `/`, `?` or `#` decides: a colon first means a scheme.
            var isExternal = false
            var rest = s.startIndex
            if let first = s.firstIndex(where: { $0 == 0x3A || $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }),
                s[first] == 0x3A
            {
                let scheme = String(decoding: s[s.startIndex..<first].map(lower), as: UTF8.self)
                switch scheme {
                case "http", "https":
                    let afterColon = first + 1
                    guard s[afterColon...].starts(with: [0x2F, 0x2F]),
                        validAuthority(s[(afterColon + 2)...])
                    else { return nil }
                    isExternal = true
                case "mailto":
                    guard first + 1 < s.endIndex else { return nil }
                default:
                    return nil
                }
                rest = first + 1
            } else if s.starts(with: [0x2F, 0x2F]) {
                // Scheme-relative `//host/path`.
                guard validAuthority(s[(s.startIndex + 2)...]) else { return nil }
                isExternal = true
            }

            var out: [UInt8] = []
            out.reserveCapacity(s.count + 8)
            out.append(contentsOf: s[s.startIndex..<rest])
            var sawHash = s[s.startIndex..<rest].contains(0x23)
            var i = rest
            while i < s.endIndex {
                let c = s[i]
                if c == 0x25 {
                    if i + 2 < s.endIndex, isHex(s[i + 1]), isHex(s[i + 2]) {
                        out.append(c)
                    } else {
                        out.append(contentsOf: [0x25, 0x32, 0x35])
                    }
                } else if c == 0x23 {
                    if sawHash { percent(c, into: &out) } else { out.append(c); sawHash = true }
                } else if isURLSafe(c) {
                    out.append(c)
                } else {
                    percent(c, into: &out)
                }
                i += 1
            }
            return Allowed(url: String(decoding: out, as: UTF8.self), isExternal: isExternal)
        }

        /// `host`, `host:port`, a host of letters, digits, `-` and `.`, ending at `/`, `?`, `#`
        /// or the end. No user info (no `@`), no IP literals: nothing a reader could be misled by.
        private static func validAuthority(_ s: ArraySlice<UInt8>) -> Bool {
            let end = s.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }) ?? s.endIndex
            let authority = s[s.startIndex..<end]
            var host = authority
            if let colon = authority.firstIndex(of: 0x3A) {
                let port = authority[(colon + 1)...]
                guard port.count <= 5, port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                    port.reduce(0, { $0 * 10 + Int($1 - 0x30) }) <= 65535
                else { return false }
                host = authority[authority.startIndex..<colon]
            }
            guard !host.isEmpty, host.first != 0x2E, host.first != 0x2D else { return false }
            var previous: UInt8 = 0
            for c in host {
                let ok = isAlphanumeric(c) || c == 0x2D || c == 0x2E
                guard ok, !(c == 0x2E && previous == 0x2E) else { return false }
                previous = c
            }
            return true
        }

        private static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

        private static func isAlphanumeric(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        }

        private static func isHex(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
        }

        /// Unreserved and sub-delimiter characters, `:`, `@`, `/`, `?`: kept as they are.
        private static func isURLSafe(_ c: UInt8) -> Bool {
            if isAlphanumeric(c) { return true }
            switch c {
            case 0x2D, 0x2E, 0x5F, 0x7E,  // - . _ ~
                0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D,  // ! $ & ' ( ) * + , ; =
                0x3A, 0x40, 0x2F, 0x3F:  // : @ / ?
                return true
            default:
                return false
            }
        }

        private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

        private static func percent(_ c: UInt8, into out: inout [UInt8]) {
            out.append(0x25)
            out.append(hexDigits[Int(c >> 4)])
            out.append(hexDigits[Int(c & 0x0F)])
        }
    }
}
