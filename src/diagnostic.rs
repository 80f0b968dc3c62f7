//! The one shape for a problem found in a user's file: where it is, what is
//! wrong, and what to write instead.
//!
//! Library code collects these instead of printing them or stopping at the
//! first one, so a run reports every broken file at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the run, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file was skipped; the run exits with code 1.
    Error,
    /// The file was used, but something in it deserves a look.
    Warning,
}

/// A problem in a user's file, with its position when one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user would type it (relative to the site root when possible).
    pub path: PathBuf,
    /// 1-based line, when the problem has a position.
    pub line: Option<usize>,
    /// 1-based column, when the problem has a position.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `path`, without a position yet.
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `path`, without a position yet.
    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// The same diagnostic at a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The same diagnostic with advice on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or less, when the position is unknown).
    pub fn location(&self) -> String {
        let mut s = printable_path(&self.path);
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.location(), printable(&self.message, true))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable(help, true))?;
        }
        Ok(())
    }
}

/// A path as it may be printed to a terminal: control characters (a file
/// name can hold escape sequences that recolour or rewrite the screen)
/// shown as `\u{1b}`.
pub fn printable_path(path: &Path) -> String {
    printable(&path.display().to_string(), false).into_owned()
}

/// `text` with control characters escaped; line breaks and tabs are kept
/// when `keep_lines`.
pub fn printable(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(keep_lines && (c == '\n' || c == '\t'));
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_path_line_column_then_help() {
        let d = Diagnostic::error("content/a.md", "`date` is missing").at(3, 7).help("add `date: 2012-10-24`");
        assert_eq!(d.to_string(), "content/a.md:3:7: error: `date` is missing\n  help: add `date: 2012-10-24`");
    }

    #[test]
    fn terminal_escapes_in_names_are_shown_not_run() {
        let d = Diagnostic::error("content/\u{1b}[2Jx\n.md", "bad \u{1b}]0;title\u{7}").at(1, 1);
        assert_eq!(d.to_string(), "content/\\u{1b}[2Jx\\u{a}.md:1:1: error: bad \\u{1b}]0;title\\u{7}");
    }

    #[test]
    fn without_position_shows_only_the_path() {
        let d = Diagnostic::warning("x.md", "odd");
        assert_eq!(d.to_string(), "x.md: warning: odd");
        assert!(!d.is_error());
    }
}
