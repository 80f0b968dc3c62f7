//! A stable 64-bit fingerprint of bytes, for telling whether a file or a
//! page changed between two builds.
//!
//! FNV-1a: tiny, dependency-free and stable across Rust versions (unlike
//! `DefaultHasher`), which matters because slugs derived from it end up in URLs.

/// The FNV-1a hash of `bytes`.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn known_vectors() {
        assert_eq!(fingerprint(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fingerprint(b"ab"), fingerprint(b"ba"));
    }
}
