//! Raw bytes → clean UTF-8 text: BOMs, UTF-16, legacy Windows-1252/Latin-1,
//! line endings and stray control characters.
//!
//! Scraped files arrive in whatever encoding their site used. Valid UTF-8 is
//! taken as is; anything else single-byte is read as Windows-1252 (a superset
//! of Latin-1's printable range), which is what such files almost always are.

/// The encoding a file turned out to be in, for `--explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, was dropped).
    Utf8,
    /// UTF-16 with a byte-order mark.
    Utf16,
    /// Windows-1252 / Latin-1.
    Windows1252,
}

/// Why a file is not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    /// Nothing but whitespace.
    #[error("the file is empty")]
    Empty,
    /// NUL bytes or mostly control characters: an image, an archive, a PDF…
    #[error("the file is binary, not text")]
    Binary,
}

/// Decodes and cleans a file's bytes.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), NotText> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8)
    } else if let Some(text) = utf16(bytes) {
        (text, Encoding::Utf16)
    } else if looks_binary(bytes) {
        return Err(NotText::Binary);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), Encoding::Utf8),
            Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), Encoding::Windows1252),
        }
    };
    let text = clean(&text);
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok((text, encoding))
}

fn utf16(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest
        .chunks_exact(2)
        .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    Some(char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

/// NUL bytes, or more than 10% control bytes in the first 8 KiB, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    controls * 10 > head.len()
}

/// Windows-1252 → Unicode; the five unassigned bytes become U+FFFD.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž', '\u{FFFD}',
        '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Normalizes line endings to `\n`, tabs and odd spaces to spaces, and drops
/// other control characters (NUL, the wire's STX/ETX, zero-width marks).
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0C}' => out.push('\n'),
            '\t' | '\u{A0}' | '\u{2007}' | '\u{202F}' => out.push(' '),
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FFFD}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let (text, enc) = decode(b"\xEF\xBB\xBFTitle\r\nBody\rEnd").unwrap();
        assert_eq!(text, "Title\nBody\nEnd");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn windows_1252_is_detected_and_converted() {
        let (text, enc) = decode(b"Caf\xE9 \x93quoted\x94 \x96 S\xE3o Tom\xE9").unwrap();
        assert_eq!(text, "Café “quoted” – São Tomé");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn utf16_with_bom() {
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Hé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&bytes).unwrap().0, "Hé");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean("a\u{2}b\u{3}c\u{7f}d\te"), "abcd e");
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b"  \n\t "), Err(NotText::Empty));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Err(NotText::Binary));
    }
}
