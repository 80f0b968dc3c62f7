//! All of dateline's YAML: splitting a Markdown file into its front matter and
//! body, parsing YAML with positions, and writing it back.
//!
//! Nothing else in the crate names the YAML crate, so changing it is a change
//! to this file alone. It knows the syntax, not the schema: which fields an
//! article has is `content::meta`'s business.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML problem at a 1-based line and column of the text given to [`parse`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What the parser said.
    pub message: String,
}

/// A Markdown file cut in two at its front-matter fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The 1-based line of the file on which `yaml` starts.
    pub yaml_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The file does not start with `---`.
    #[error("the file does not start with a front-matter block")]
    NoOpening,
    /// There is an opening `---` but no closing one.
    #[error("the front matter opened on line 1 is never closed")]
    NoClosing,
}

/// A Markdown file from its front matter and body: the inverse of [`split`].
pub fn join(yaml: &str, body: &str) -> String {
    let newline = if yaml.is_empty() || yaml.ends_with('\n') { "" } else { "\n" };
    format!("---\n{yaml}{newline}---\n{body}")
}

/// Cuts `text` into front matter and body. The file must open with a `---`
/// line (after an optional BOM) and the front matter ends at the next line
/// that is exactly `---` (or `...`).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = ["---\r\n", "---\n"].iter().find_map(|fence| text.strip_prefix(fence)).ok_or(SplitError::NoOpening)?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare == "..." {
            return Ok(Split { yaml: &rest[..offset], yaml_line: 2, body: &rest[offset + line.len()..] });
        }
        offset += line.len();
    }
    Err(SplitError::NoClosing)
}

/// Parses YAML text into `T`, with the position of the first problem.
pub fn parse<T: DeserializeOwned>(yaml: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
        YamlError { line: line.max(1), column: column.max(1), message: clean_message(&e.to_string()) }
    })
}

/// Writes `value` as YAML (without the `---` fences).
pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError { line: 1, column: 1, message: e.to_string() })
}

/// A YAML value of unknown shape, for fields dateline passes through to
/// templates without interpreting (the article's `extra`).
pub type Unknown = serde_yaml::Value;

/// Converts a YAML value to JSON so templates can see it; keys that are not
/// strings are written as their YAML text.
pub fn unknown_to_json(value: &Unknown) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Unknown::Null => J::Null,
        Unknown::Bool(b) => J::Bool(*b),
        Unknown::Number(n) => {
            if let Some(i) = n.as_i64() {
                J::from(i)
            } else if let Some(u) = n.as_u64() {
                J::from(u)
            } else {
                n.as_f64().and_then(serde_json::Number::from_f64).map_or(J::Null, J::Number)
            }
        }
        Unknown::String(s) => J::String(s.clone()),
        Unknown::Sequence(items) => J::Array(items.iter().map(unknown_to_json).collect()),
        Unknown::Mapping(map) => J::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Unknown::String(s) => s.clone(),
                        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
                    };
                    (key, unknown_to_json(v))
                })
                .collect(),
        ),
        Unknown::Tagged(tagged) => unknown_to_json(&tagged.value),
    }
}

/// The 1-based line and the column where the value of top-level `key` starts
/// in `yaml`, for pointing at a field that parsed but is not valid.
pub fn locate_key(yaml: &str, key: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let value_at = rest.len() - rest.trim_start().len();
        Some((i + 1, key.len() + 2 + value_at))
    })
}

/// Serde's messages carry "at line L column C", which we show separately.
fn clean_message(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let mut end = i + " at line ".len() + digits;
        if let Some(col) = out[end..].strip_prefix(" column ") {
            end += " column ".len() + col.find(|c: char| !c.is_ascii_digit()).unwrap_or(col.len());
        }
        out.replace_range(i..end, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.yaml_line, 2);
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn reports_missing_fences() {
        assert_eq!(split("title: A\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::NoClosing));
    }

    #[test]
    fn yaml_errors_carry_line_and_column() {
        let err = parse::<BTreeMap<String, String>>("title: A\ndate: [2012\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
    }

    #[test]
    fn positions_are_taken_out_of_messages() {
        assert_eq!(
            clean_message("did not find ',' at line 2 column 1, while parsing"),
            "did not find ',', while parsing"
        );
        assert_eq!(clean_message("bad at line 3"), "bad");
    }

    #[test]
    fn locates_top_level_keys() {
        assert_eq!(locate_key("title: A\ndate:   x\n", "date"), Some((2, 9)));
        assert_eq!(locate_key("title: A\n", "date"), None);
        assert_eq!(locate_key("dates: x\n", "date"), None);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
        assert!(parse::<Unknown>(bomb).is_err());
    }
}
