//! The front-matter schema: YAML text → validated [`ArticleMeta`], and back.
//!
//! Parsing is lenient about shape (a single name where a list is expected)
//! and strict about meaning (a date must be a real day). Every problem of a
//! file is collected, each pointing at its line, so one run fixes them all.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::content::date::PubDate;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, Unknown};
use crate::slug::Slug;

/// The fields dateline itself understands; anything else is passed to templates as `extra`.
pub const KNOWN_FIELDS: &[&str] = &[
    "title",
    "date",
    "author",
    "agency",
    "dateline",
    "summary",
    "source",
    "topics",
    "countries",
    "countries_named",
    "people",
    "people_about",
    "draft",
    "slug",
    "roles",
];

/// An article's validated front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleMeta {
    /// The headline.
    pub title: String,
    /// When it was published.
    pub date: PubDate,
    /// Bylines, in order (empty when unsigned).
    pub authors: Vec<String>,
    /// The news agency or service.
    pub agency: Option<String>,
    /// The city the story was filed from.
    pub dateline: Option<String>,
    /// The lead, one or two sentences.
    pub summary: Option<String>,
    /// Where the text came from (a path or URL).
    pub source: Option<String>,
    /// Topic names.
    pub topics: Vec<String>,
    /// Countries the story is about.
    pub countries: Vec<String>,
    /// Every country the story names (the ones it is about among them).
    pub countries_named: Vec<String>,
    /// Every person the story names.
    pub people: Vec<String>,
    /// The people the story is about, when not all of `people` (`None`: all of them).
    pub people_about: Option<Vec<String>>,
    /// Left out of the build unless drafts are asked for.
    pub draft: bool,
    /// URL slug chosen by the author instead of the file name.
    pub slug: Option<Slug>,
    /// Titles people were named with (`Leon E. Panetta: Defense Secretary`).
    pub roles: BTreeMap<String, String>,
    /// Fields dateline does not know, for templates.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Parses and validates the YAML of one front-matter block. `file` names the
/// file in diagnostics and `first_line` is the file line the YAML starts on.
pub fn parse_meta(yaml: &str, file: &Path, first_line: usize) -> Result<ArticleMeta, Vec<Diagnostic>> {
    let shift = first_line - 1;
    let map = field_map(yaml, file, shift)?;
    let mut fields = Fields { yaml, file, shift, problems: Vec::new() };

    let title = fields.required_text(&map, "title", "add a headline, e.g. `title: Countering al-Qaida in Mali`");
    let date = match fields.required_text(&map, "date", "add the publication day, e.g. `date: 2012-10-24`") {
        Some(text) => match PubDate::parse(&text) {
            Ok(date) => Some(date),
            Err(e) => {
                fields.problem(
                    "date",
                    format!("`date`: {e}"),
                    "write the day as `date: 2012-10-24`, or a time as `date: 2012-10-24T09:30:00+09:00`",
                );
                None
            }
        },
        None => None,
    };
    let meta_authors = fields.list(&map, "author");
    let agency = fields.text(&map, "agency");
    let dateline = fields.text(&map, "dateline");
    let summary = fields.text(&map, "summary");
    let source = fields.text(&map, "source");
    let topics = fields.list(&map, "topics");
    let countries = fields.list(&map, "countries");
    let countries_named = fields.list(&map, "countries_named");
    let people = fields.list(&map, "people");
    let people_about = map.contains_key("people_about").then(|| fields.list(&map, "people_about"));
    let draft = fields.flag(&map, "draft");
    let slug = fields.text(&map, "slug").map(|s| Slug::from_name(&s));
    let roles = fields.text_map(&map, "roles");
    let extra = map
        .iter()
        .filter(|(k, _)| !KNOWN_FIELDS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), frontmatter::unknown_to_json(v)))
        .collect();

    let problems = fields.problems;
    match (title, date) {
        (Some(title), Some(date)) if problems.is_empty() => Ok(ArticleMeta {
            title,
            date,
            authors: meta_authors,
            agency,
            dateline,
            summary,
            source,
            topics,
            countries,
            countries_named,
            people,
            people_about,
            draft,
            slug,
            roles,
            extra,
        }),
        _ => Err(problems),
    }
}

/// The front matter's fields by name. Parsed as a YAML value first: its
/// maps refuse duplicate keys, which a typed map would silently resolve to
/// the last one.
fn field_map(yaml: &str, file: &Path, shift: usize) -> Result<BTreeMap<String, Unknown>, Vec<Diagnostic>> {
    let bad_yaml = |message: String, line: usize, column: usize| {
        vec![Diagnostic::error(file, format!("front matter is not valid YAML: {message}"))
            .at(line + shift, column)
            .help("each line is `field: value`; quote values that contain `: `, `#`, or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `'`, `\"`, `%` or `@`")]
    };
    match frontmatter::parse::<Unknown>(yaml) {
        Ok(Unknown::Null) => Ok(BTreeMap::new()),
        Ok(Unknown::Mapping(mapping)) => {
            let mut map = BTreeMap::new();
            for (key, value) in mapping {
                match key {
                    Unknown::String(k) => {
                        map.insert(k, value);
                    }
                    other => {
                        return Err(bad_yaml(format!("field names must be text, found {}", kind(&other)), 1, 1));
                    }
                }
            }
            Ok(map)
        }
        Ok(other) => {
            Err(bad_yaml(format!("the front matter must be `field: value` lines, found {}", kind(&other)), 1, 1))
        }
        Err(e) => Err(bad_yaml(e.message, e.line, e.column)),
    }
}

/// Reads typed fields out of the YAML map, collecting problems as it goes.
struct Fields<'a> {
    yaml: &'a str,
    file: &'a Path,
    shift: usize,
    problems: Vec<Diagnostic>,
}

impl Fields<'_> {
    fn problem(&mut self, key: &str, message: String, help: &str) {
        let mut d = Diagnostic::error(self.file, message).help(help);
        if let Some((line, col)) = frontmatter::locate_key(self.yaml, key) {
            d = d.at(line + self.shift, col);
        }
        self.problems.push(d);
    }

    /// Text that must be there: an absent, null or blank value is a problem.
    fn required_text(&mut self, map: &BTreeMap<String, Unknown>, key: &str, help: &str) -> Option<String> {
        if !map.contains_key(key) {
            self.problems
                .push(Diagnostic::error(self.file, format!("`{key}` is missing")).at(self.shift.max(1), 1).help(help));
            return None;
        }
        let before = self.problems.len();
        let text = self.text(map, key);
        if text.is_none() && self.problems.len() == before {
            self.problem(key, format!("`{key}` is empty"), help);
        }
        text
    }

    /// A single line of text; numbers and booleans are taken as their text.
    fn text(&mut self, map: &BTreeMap<String, Unknown>, key: &str) -> Option<String> {
        let value = map.get(key)?;
        match scalar_text(value) {
            Some(text) => {
                let text = one_line(&text);
                if text.is_empty() { None } else { Some(text) }
            }
            None if matches!(value, Unknown::Null) => None,
            None => {
                self.problem(
                    key,
                    format!("`{key}` must be text, found {}", kind(value)),
                    "write it on one line: `field: value`",
                );
                None
            }
        }
    }

    /// A list of names; a single name is a list of one. Blank and repeated entries are dropped.
    fn list(&mut self, map: &BTreeMap<String, Unknown>, key: &str) -> Vec<String> {
        let items: Vec<&Unknown> = match map.get(key) {
            None | Some(Unknown::Null) => return Vec::new(),
            Some(Unknown::Sequence(items)) => items.iter().collect(),
            Some(other) => vec![other],
        };
        let mut out: Vec<String> = Vec::new();
        for item in items {
            match scalar_text(item) {
                Some(text) => {
                    let text = one_line(&text);
                    if !text.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&text)) {
                        out.push(text);
                    }
                }
                None if matches!(item, Unknown::Null) => {}
                None => {
                    self.problem(
                        key,
                        format!("`{key}` must be a list of names, found {} in it", kind(item)),
                        "write `field: [Mali, Niger]` or one `- name` per line",
                    );
                    return Vec::new();
                }
            }
        }
        out
    }

    /// A map of names to one line of text each (`roles`).
    fn text_map(&mut self, map: &BTreeMap<String, Unknown>, key: &str) -> BTreeMap<String, String> {
        let help = "write `roles: {Leon E. Panetta: Defense Secretary}`";
        match map.get(key) {
            None | Some(Unknown::Null) => BTreeMap::new(),
            Some(Unknown::Mapping(m)) => {
                let mut out = BTreeMap::new();
                for (k, v) in m {
                    match (scalar_text(k), scalar_text(v)) {
                        (Some(k), Some(v)) => {
                            out.insert(one_line(&k), one_line(&v));
                        }
                        _ => {
                            self.problem(key, format!("`{key}` must map names to text"), help);
                            return BTreeMap::new();
                        }
                    }
                }
                out
            }
            Some(other) => {
                self.problem(key, format!("`{key}` must be a map, found {}", kind(other)), help);
                BTreeMap::new()
            }
        }
    }

    fn flag(&mut self, map: &BTreeMap<String, Unknown>, key: &str) -> bool {
        match map.get(key) {
            None | Some(Unknown::Null) => false,
            Some(Unknown::Bool(b)) => *b,
            Some(other) => {
                self.problem(
                    key,
                    format!("`{key}` must be true or false, found {}", kind(other)),
                    "write `draft: true` or `draft: false`",
                );
                false
            }
        }
    }
}

fn scalar_text(value: &Unknown) -> Option<String> {
    match value {
        Unknown::String(s) => Some(s.clone()),
        Unknown::Number(n) => Some(n.to_string()),
        Unknown::Bool(b) => Some(b.to_string()),
        Unknown::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

fn kind(value: &Unknown) -> &'static str {
    match value {
        Unknown::Null => "nothing",
        Unknown::Bool(_) => "true/false",
        Unknown::Number(_) => "a number",
        Unknown::String(_) => "text",
        Unknown::Sequence(_) => "a list",
        Unknown::Mapping(_) => "a map",
        Unknown::Tagged(_) => "a tagged value",
    }
}

/// Collapses whitespace and drops control characters: a title or name is one line.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Front matter as written by `ingest`: the same fields, in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrontMatterOut {
    /// The headline.
    pub title: String,
    /// `YYYY-MM-DD` or RFC 3339.
    pub date: String,
    /// One byline as text, several as a list.
    #[serde(skip_serializing_if = "Authors::is_empty")]
    pub author: Authors,
    /// The agency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// The dateline city.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The lead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The input's path or URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Topic names.
    pub topics: Vec<String>,
    /// Countries the story is about.
    pub countries: Vec<String>,
    /// Every country the story names, when it names more than it is about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries_named: Vec<String>,
    /// Every person the story names.
    pub people: Vec<String>,
    /// The people the story is about, when it names others in passing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people_about: Option<Vec<String>>,
    /// The title each person was named with, where one was.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, String>,
}

/// Bylines: written as a plain string when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Authors {
    /// One author.
    One(String),
    /// Several (or none).
    Many(Vec<String>),
}

impl Authors {
    /// From a list of names.
    pub fn from_vec(mut names: Vec<String>) -> Authors {
        if names.len() == 1 { Authors::One(names.remove(0)) } else { Authors::Many(names) }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Authors::Many(v) if v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<ArticleMeta, Vec<Diagnostic>> {
        parse_meta(yaml, Path::new("a.md"), 2)
    }

    #[test]
    fn full_front_matter() {
        let m = parse("title: Mali\ndate: 2012-10-24\nauthor: Jim Garamone\ncountries: [Mali, Yemen, mali]\npeople: Leon E. Panetta\nregion: Sahel\n").unwrap();
        assert_eq!(m.title, "Mali");
        assert_eq!(m.authors, ["Jim Garamone"]);
        assert_eq!(m.countries, ["Mali", "Yemen"]);
        assert_eq!(m.people, ["Leon E. Panetta"]);
        assert_eq!(m.extra["region"], serde_json::json!("Sahel"));
    }

    #[test]
    fn people_about_is_absent_unless_written() {
        assert_eq!(parse("title: A\ndate: 2012-10-24\npeople: [B C]\n").unwrap().people_about, None);
        let m = parse("title: A\ndate: 2012-10-24\npeople: [B C, D E]\npeople_about: [B C]\n").unwrap();
        assert_eq!(m.people_about.as_deref(), Some(&["B C".to_string()][..]));
        let none = parse("title: A\ndate: 2012-10-24\npeople: [B C]\npeople_about: []\n").unwrap();
        assert_eq!(none.people_about.as_deref(), Some(&[][..]), "an empty list: about nobody");
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let errs = parse("title: [a, b]\ndate: 2012-02-30\ndraft: maybe\n").unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)], "{errs:#?}");
    }

    #[test]
    fn missing_title_and_date() {
        let errs = parse("author: X\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message.contains("title") && errs[1].message.contains("date"));
    }

    #[test]
    fn blank_title_and_date_are_errors_at_their_lines() {
        for (yaml, line) in
            [("title: A\ndate:\n", 3), ("title: A\ndate: \"\"\n", 3), ("title: ' '\ndate: 2012-10-24\n", 2)]
        {
            let errors = parse(yaml).unwrap_err();
            assert_eq!(errors.len(), 1, "{yaml}: {errors:?}");
            assert!(errors[0].message.ends_with("is empty"), "{yaml}: {}", errors[0].message);
            assert_eq!(errors[0].line, Some(line), "{yaml}");
        }
    }

    #[test]
    fn yaml_syntax_errors_are_shifted_to_file_lines() {
        let errs = parse("title: A\ndate: 2012-10-24\ncountries: [Mali\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].line.unwrap() >= 4, "{errs:?}");
    }

    #[test]
    fn titles_are_one_line() {
        let m = parse("title: \"A\\nB\\u0007 C\"\ndate: 2012-10-24\n").unwrap();
        assert_eq!(m.title, "A B C");
    }

    #[test]
    fn ingest_output_parses_back() {
        let out = FrontMatterOut {
            title: "Yes: no".into(),
            date: "2012-10-24".into(),
            author: Authors::from_vec(vec!["Jim Garamone".into()]),
            agency: Some("American Forces Press Service".into()),
            dateline: Some("Washington".into()),
            summary: None,
            source: Some("sources/a.txt".into()),
            topics: vec!["defense".into()],
            countries: vec!["Norway".into(), "NO".into()],
            countries_named: vec!["Norway".into(), "NO".into(), "Sweden".into()],
            people: vec![],
            people_about: None,
            roles: BTreeMap::from([("Jim Smith".to_string(), "Mayor".to_string())]),
        };
        let yaml = frontmatter::to_yaml(&out).unwrap();
        let m = parse(&yaml).unwrap();
        assert_eq!(m.title, "Yes: no");
        assert_eq!(m.countries, ["Norway", "NO"]);
        assert_eq!(m.countries_named, ["Norway", "NO", "Sweden"]);
        assert_eq!(m.authors, ["Jim Garamone"]);
        assert_eq!(m.roles["Jim Smith"], "Mayor");
    }
}
