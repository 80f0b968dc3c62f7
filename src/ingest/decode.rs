//! Raw bytes → clean UTF-8 text: BOMs, UTF-16, legacy Windows-1252/Latin-1,
//! line endings and stray control characters.
//!
//! Scraped files arrive in whatever encoding their site used. Valid UTF-8 is
//! taken as is; UTF-8 with a few stray bytes (a Windows-1252 quote pasted
//! into a UTF-8 page) keeps its UTF-8 and reads only those bytes as
//! Windows-1252; anything else single-byte is read as Windows-1252 (a
//! superset of Latin-1's printable range), which is what such files almost
//! always are.

/// The encoding a file turned out to be in, for `--explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, was dropped).
    Utf8,
    /// UTF-16 with a byte-order mark.
    Utf16,
    /// Windows-1252 / Latin-1.
    Windows1252,
    /// UTF-8 but for this many stray bytes, each read as Windows-1252.
    Utf8WithStrayBytes(usize),
    /// The encoding a web page declares (`<meta charset="Shift_JIS">`), by its name.
    Declared(&'static str),
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Encoding::Utf8 => write!(f, "UTF-8"),
            Encoding::Utf16 => write!(f, "UTF-16"),
            Encoding::Windows1252 => write!(f, "Windows-1252"),
            Encoding::Utf8WithStrayBytes(n) => write!(f, "UTF-8 but for {n} stray bytes, read as Windows-1252"),
            Encoding::Declared(name) => write!(f, "{name}"),
        }
    }
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

/// A web page's bytes decoded: in the encoding it declares when it
/// declares one, else as [`decode`] reads text; with a warning when the
/// declaration and the bytes disagree.
pub fn decode_html(bytes: &[u8]) -> Result<(String, Encoding, Option<String>), NotText> {
    let declared = declared_charset(bytes).and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let has_bom =
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]) || bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let Some(declared) = declared.filter(|_| !has_bom) else {
        let (text, encoding) = decode(bytes)?;
        return Ok((text, encoding, None));
    };
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    let utf8_label = declared == encoding_rs::UTF_8;
    if utf8_label || (is_utf8 && declared.is_single_byte()) {
        let (text, encoding) = decode(bytes)?;
        let warning = match (utf8_label, is_utf8) {
            (true, false) => Some(match encoding {
                Encoding::Utf8WithStrayBytes(_) => format!("the page is {encoding}"),
                _ => format!("the page says it is UTF-8 but is not; read as {encoding}"),
            }),
            (false, true) if bytes.iter().any(|b| !b.is_ascii()) => {
                Some(format!("the page says it is {} but is UTF-8; read as UTF-8", declared.name()))
            }
            _ => None,
        };
        return Ok((text, encoding, warning));
    }
    let (text, had_errors) = declared.decode_without_bom_handling(bytes);
    let warning = had_errors
        .then(|| format!("the page says it is {} but some bytes are not in it; those are dropped", declared.name()));
    let encoding = Encoding::Declared(declared.name());
    let text = clean(&text);
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok((text, encoding, warning))
}

/// How far into a page its `<head>` is searched for a charset.
const HEAD_SCAN: usize = 64 * 1024;

/// How many bytes a browser reads for a charset before parsing.
const PRESCAN: usize = 1024;

/// The `charset` a page declares in its `<head>` (`<meta charset>` or the
/// `http-equiv` content type). Browsers look in the first 1,024 bytes and
/// then again when the parser meets the tag; saved pages put long scripts
/// and styles first, so the whole head is searched (up to 64 KiB).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD_SCAN)]).to_ascii_lowercase();
    // A browser's prescan reads the first 1,024 bytes whatever they hold;
    // past them, only the `<head>`.
    // Measured in the decoded text: each stray byte became a 3-byte U+FFFD.
    let prescan = String::from_utf8_lossy(&bytes[..bytes.len().min(PRESCAN)]).len().min(head.len());
    let end = ["</head", "<body"].iter().filter_map(|tag| head.find(tag)).min().unwrap_or(head.len()).max(prescan);
    let mut rest = &head[..end];
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(label) = charset_in(tag) {
            return Some(label.to_string());
        }
    }
    None
}

/// The charset label a `<meta>` tag's text names (`charset=utf-8`, also
/// inside `content="text/html; charset=utf-8"`), if one.
fn charset_in(tag: &str) -> Option<&str> {
    tag.match_indices("charset").find_map(|(i, _)| {
        let value = tag[i + 7..].trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace());
        Some(&value[..end.unwrap_or(value.len())]).filter(|label| !label.is_empty())
    })
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
            Err(_) => mostly_utf8(bytes)
                .unwrap_or_else(|| (bytes.iter().map(|&b| windows_1252(b)).collect(), Encoding::Windows1252)),
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

/// Text that is UTF-8 but for some stray bytes: more valid multi-byte
/// characters than bytes that are not UTF-8 (Windows-1252 text holds almost
/// no valid multi-byte sequences, so it never passes). The stray bytes are
/// read as Windows-1252.
fn mostly_utf8(bytes: &[u8]) -> Option<(String, Encoding)> {
    let (mut multibyte, mut stray) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        stray += chunk.invalid().len();
    }
    if multibyte <= stray {
        return None;
    }
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().map(|&b| windows_1252(b)));
    }
    Some((text, Encoding::Utf8WithStrayBytes(stray)))
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
    fn a_page_in_the_encoding_it_declares() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("<html><head><meta charset=\"Shift_JIS\"></head><body>日本語の記事</body></html>");
        let (text, enc, warning) = decode_html(&sjis).unwrap();
        assert!(text.contains("日本語の記事"), "{text}");
        assert_eq!((enc, warning), (Encoding::Declared("Shift_JIS"), None));
        let (euc, _, _) = encoding_rs::EUC_KR
            .encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">한국어");
        assert!(decode_html(&euc).unwrap().0.contains("한국어"));
    }

    #[test]
    fn a_page_that_is_not_what_it_declares_says_so() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("<meta charset=\"utf-8\">日本語");
        let (_, _, warning) = decode_html(&sjis).unwrap();
        assert!(warning.is_some_and(|w| w.contains("UTF-8 but is not")));
        let (_, enc, warning) = decode_html("<meta charset=\"iso-8859-1\">Café".as_bytes()).unwrap();
        assert_eq!(enc, Encoding::Utf8);
        assert!(warning.is_some_and(|w| w.contains("is UTF-8")));
    }

    #[test]
    fn utf8_with_a_few_stray_bytes_keeps_its_utf8() {
        // A UTF-8 page with one Windows-1252 quote pasted in.
        let bytes = b"<meta charset=\"utf-8\"><p>S\xC3\xA3o Paulo, Z\xC3\xBCrich, Qu\xC3\xA9bec and \x93quoted\x94</p>";
        let (text, enc, warning) = decode_html(bytes).unwrap();
        assert!(text.contains("São Paulo, Zürich, Québec and “quoted”"), "{text}");
        assert_eq!(enc, Encoding::Utf8WithStrayBytes(2));
        assert!(warning.is_some_and(|w| w.contains("2 stray bytes")));
        // Windows-1252 text with one accidental valid pair stays Windows-1252.
        let (text, enc) = decode(b"Caf\xE9 cr\xE8me \xC3\xA9 na\xEFve").unwrap();
        assert_eq!(enc, Encoding::Windows1252);
        assert!(text.starts_with("Café crème"), "{text}");
    }

    #[test]
    fn a_charset_declared_after_long_scripts_is_found() {
        let script = format!("<script>{}</script>", "var x = 1;\n".repeat(300));
        let page = format!("<html><head>{script}<meta charset=\"windows-1251\"></head><body>Новости</body></html>");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
        let (text, enc, _) = decode_html(&bytes).unwrap();
        assert_eq!(enc, Encoding::Declared("windows-1251"));
        assert!(text.contains("Новости"), "{text}");
        // A charset named in the body past the browser's prescan is not the page's; within it, it is.
        let late =
            format!("<html><head></head><body>{}<meta charset=\"windows-1251\"></body></html>", "x".repeat(2000));
        assert_eq!(declared_charset(late.as_bytes()), None);
        let early = "<html><body><meta charset=\"windows-1251\">x</body></html>";
        assert_eq!(declared_charset(early.as_bytes()).as_deref(), Some("windows-1251"));
        // A meta that says "charset" without naming one does not end the search.
        let named_later = r#"<head><meta name="charset-note" content="x"><meta charset="koi8-r"></head>"#;
        assert_eq!(declared_charset(named_later.as_bytes()).as_deref(), Some("koi8-r"));
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
