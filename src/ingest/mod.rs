//! Raw scraped sources → normalized front-matter Markdown in `content/`,
//! with countries, people and topics extracted.
//!
//! The only step that writes into `content/`. It never overwrites a file a
//! person edited (see `manifest`) unless forced, writes atomically, and one
//! bad input never stops the batch.

pub mod byline;
pub mod chrome;
pub mod dateline;
pub mod decode;
pub mod emit;
pub mod html;
pub mod lead;
pub mod manifest;
pub mod nesting;
pub mod page_date;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::archive::Taxonomy;
use crate::config::SitePaths;
use crate::content;
use crate::content::meta::{Authors, FrontMatterOut};
use crate::diagnostic::Diagnostic;
use crate::disk::{self, Durability};
use crate::extract::{Entities, Extractor, Found, Story};
use crate::fingerprint::fingerprint;
use crate::progress::Progress;
use crate::slug::Slug;
use dateline::PartialDate;
use manifest::Manifest;
use text::{Block, Layout};

/// Choices for one ingest run.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Where normalized articles go (default `content/` of the site).
    pub content: PathBuf,
    /// Report what would be written without writing.
    pub dry_run: bool,
    /// Overwrite content files even if a person edited them.
    pub force: bool,
    /// Collect, per article, which phrase produced each field and entity.
    pub explain: bool,
    /// Date for datelines without a year and sources without any date
    /// (otherwise the source file's modification time).
    pub default_date: Option<Date>,
}

/// What happened to one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A content file was written (new, or refreshed from a changed source).
    Written(PathBuf),
    /// The content file already held exactly this.
    Unchanged(PathBuf),
    /// Not ingested, for a reason that is not an error (not an article file,
    /// empty, or a content file a person edited).
    Skipped(String),
    /// The input could not be ingested, for these reasons (with the line
    /// and column where one is known).
    Failed(Vec<Diagnostic>),
}

impl Outcome {
    /// A failure of `path`, for `message`.
    fn failed(path: &Path, message: impl Into<String>) -> Outcome {
        Outcome::Failed(vec![Diagnostic::error(path, message)])
    }
}

/// Why a raw source is not an article dateline can write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAnArticle {
    /// The HTML extractor found no main text.
    #[error("no article found in the page: {0}")]
    NoArticle(String),
    /// Nothing that reads as a headline.
    #[error("no headline found: the first lines hold no title")]
    NoHeadline,
    /// A headline and nothing after it.
    #[error("no story text found after the headline")]
    NoText,
    /// No date in the source and no fallback.
    #[error("no date: the source has none and no --default-date was given")]
    NoDate,
}

impl NotAnArticle {
    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            NotAnArticle::NoArticle(_) | NotAnArticle::NoText => {
                "a source holds one story: its headline, then its paragraphs; check that this file is an article"
            }
            NotAnArticle::NoHeadline => {
                "put the headline on the first line of the story (in a web page: its <title> or <h1>)"
            }
            NotAnArticle::NoDate => "give the day with --default-date 2012-10-24, or add a dateline to the story",
        }
    }
}

/// What a source is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Plain text (a wire story, a page saved as text).
    Text,
    /// A saved web page.
    Html,
}

/// The day to fall back on: for datelines without a year (the nearest such
/// day) and for sources with no date at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// None: an undated source fails.
    None,
    /// `--default-date`.
    DefaultDate(Date),
    /// The source file's modification time.
    FileTime(Date),
}

impl Fallback {
    fn date(self) -> Option<Date> {
        match self {
            Fallback::None => None,
            Fallback::DefaultDate(d) | Fallback::FileTime(d) => Some(d),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Fallback::DefaultDate(_) => "--default-date",
            _ => "the file's modification time",
        }
    }
}

/// One input and its outcome.
#[derive(Debug, Clone)]
pub struct InputReport {
    /// The input file, as given.
    pub input: PathBuf,
    /// What happened.
    pub outcome: Outcome,
    /// `--explain` lines.
    pub explanation: Vec<String>,
    /// What the user should know even without `--explain` (an encoding
    /// that does not match the bytes).
    pub warnings: Vec<String>,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default)]
pub struct IngestReport {
    /// Every input, in order.
    pub inputs: Vec<InputReport>,
    /// Wall time.
    pub elapsed: Duration,
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
}

impl IngestReport {
    fn count(&self, pred: fn(&Outcome) -> bool) -> usize {
        self.inputs.iter().filter(|i| pred(&i.outcome)).count()
    }

    /// Inputs that failed.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed(_)))
    }

    /// One line: counts and throughput.
    pub fn summary(&self) -> String {
        let written = self.count(|o| matches!(o, Outcome::Written(_)));
        let unchanged = self.count(|o| matches!(o, Outcome::Unchanged(_)));
        let skipped = self.count(|o| matches!(o, Outcome::Skipped(_)));
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 { self.inputs.len() as f64 / secs } else { 0.0 };
        format!(
            "{} inputs: {written} {}, {unchanged} unchanged, {skipped} skipped, {} failed in {secs:.2} s ({rate:.0} inputs/s)",
            self.inputs.len(),
            if self.dry_run { "would be written" } else { "written" },
            self.failed()
        )
    }
}

/// What a raw source says, before anything is written.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Its parts.
    pub layout: Layout,
    /// Metadata of an HTML page.
    pub page: Option<html::PageMeta>,
    /// The headline.
    pub title: String,
    /// The publication day.
    pub date: Date,
    /// Where the day came from.
    pub date_why: String,
    /// The dateline city in its usual spelling.
    pub dateline_city: Option<String>,
    /// Extracted countries, people and topics.
    pub entities: Entities,
}

/// Reads one raw source; `fallback` gives the year to datelines without one
/// and the date to undated sources.
pub fn analyze(
    text: &str,
    kind: SourceKind,
    fallback: Fallback,
    extractor: &Extractor,
) -> Result<Analysis, NotAnArticle> {
    let (layout, page) = match kind {
        SourceKind::Html => {
            let (layout, page) = html::parse(text).map_err(NotAnArticle::NoArticle)?;
            (layout, Some(page))
        }
        SourceKind::Text => (text::parse(text), None),
    };
    // Zero-width and other invisible characters do not make a headline.
    let title = layout
        .title
        .as_deref()
        .map(|t| t.chars().filter(|c| !is_invisible(*c)).collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or(NotAnArticle::NoHeadline)?;
    if layout.blocks.is_empty() {
        return Err(NotAnArticle::NoText);
    }
    let (date, date_why) = resolve_date(&layout, page.as_ref(), fallback).ok_or(NotAnArticle::NoDate)?;
    let dateline_city = layout.dateline.as_ref().map(|d| {
        extractor
            .countries()
            .city(&d.city)
            .map(|(name, _)| name.to_string())
            .unwrap_or_else(|| dateline::normal_case(&d.city))
    });
    let body_text = layout.body_text();
    let entities = extractor.extract(&layout.story(&title, &body_text, Some(date.year())));
    Ok(Analysis { layout, page, title, date, date_why, dateline_city, entities })
}

impl Layout {
    /// What the entity extractor reads: `title`, `body` (see [`Layout::body_text`]), this dateline
    /// and authors, and the `year` it was written.
    pub fn story<'a>(&'a self, title: &'a str, body: &'a str, year: Option<i16>) -> Story<'a> {
        Story {
            year,
            title,
            body,
            dateline_city: self.dateline.as_ref().map(|d| d.city.as_str()),
            dateline_region: self.dateline.as_ref().and_then(|d| d.region.as_deref()),
            authors: &self.authors,
        }
    }
}

/// Characters that take no room on screen (zero-width spaces and joiners,
/// bidirectional marks, soft hyphens).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// A source ready to be written.
struct Normalized {
    file_text: String,
    year: i16,
    month: i8,
    slug: Slug,
    source_key: String,
}

/// Ingests every file under `inputs` into the content folder.
pub fn ingest(
    inputs: &[PathBuf],
    site: &SitePaths,
    options: &IngestOptions,
    extractor: &Extractor,
    progress: &dyn Progress,
) -> IngestReport {
    let started = Instant::now();
    let mut reports: Vec<InputReport> = Vec::new();
    let mut files = Vec::new();
    for input in inputs {
        let (found, problems) = collect(input);
        files.extend(found.into_iter().map(|f| {
            let key = source_key(&f, input, site);
            (f, key)
        }));
        for (at, why) in problems {
            let outcome = Outcome::failed(&at, why);
            reports.push(InputReport { input: at, outcome, explanation: vec![], warnings: vec![] });
        }
    }
    let normalized = read_and_normalize(files, options, extractor, progress);
    let written =
        if options.dry_run { plan_only(normalized, options) } else { write_all(normalized, options, progress) };
    match written {
        Ok(done) => reports.extend(done),
        Err(why) => return IngestReport::stopped(reports, why, started),
    }
    IngestReport { inputs: reports, elapsed: started.elapsed(), dry_run: options.dry_run }
}

/// A source read and normalized (or why not), with what was said of it.
type NormalizedInput = (PathBuf, Result<Normalized, Outcome>, Notes);

/// Reads and normalizes every source, in parallel.
fn read_and_normalize(
    files: Vec<(PathBuf, String)>,
    options: &IngestOptions,
    extractor: &Extractor,
    progress: &dyn Progress,
) -> Vec<NormalizedInput> {
    progress.start("Reading", files.len());
    let decoded: Vec<(PathBuf, String, Result<Source, Outcome>)> = files
        .into_par_iter()
        .map(|(f, key)| {
            let r = read_source(&f);
            progress.advance(1);
            (f, key, r)
        })
        .collect();
    progress.finish();

    progress.start("Normalizing", decoded.len());
    let normalized = decoded
        .into_par_iter()
        .map(|(path, key, source)| {
            let mut notes = Notes::default();
            if let Ok(Source { warning: Some(w), .. }) = &source {
                notes.warnings.push(w.clone());
            }
            let result = source.and_then(|s| normalize(&path, key, s, options, extractor, &mut notes.explanation));
            progress.advance(1);
            (path, result, notes)
        })
        .collect();
    progress.finish();
    normalized
}

/// `--dry-run`: planned against what is there, written nowhere.
fn plan_only(normalized: Vec<NormalizedInput>, options: &IngestOptions) -> Result<Vec<InputReport>, String> {
    let manifest = Manifest::load(&options.content).map_err(|e| e.to_string())?;
    let known = Known::scan(&options.content, &manifest);
    let mut claimed = HashSet::new();
    let mut reports = Vec::new();
    for (path, result, mut notes) in normalized {
        let outcome = match result {
            Ok(n) => match plan(n, &known, &manifest, &mut claimed, options, &mut notes.explanation) {
                Plan::Done(outcome, _) => outcome,
                Plan::Write { target, .. } => Outcome::Written(target),
            },
            Err(outcome) => outcome,
        };
        reports.push(notes.report(path, outcome));
    }
    Ok(reports)
}

/// Writes every normalized source under the content folder's lock.
fn write_all(
    normalized: Vec<NormalizedInput>,
    options: &IngestOptions,
    progress: &dyn Progress,
) -> Result<Vec<InputReport>, String> {
    // One ingest at a time writes into a content folder; a second waits.
    let content = &options.content;
    let _lock = manifest::lock(content, || {
        progress
            .note(&format!("another dateline ingest is writing into {}; waiting for it to finish", content.display()))
    })
    .map_err(|e| e.to_string())?;
    // Temporary files of a run that was killed (none can be in use now).
    let _ = disk::remove_temporaries(content);
    let mut manifest = Manifest::load(content).map_err(|e| e.to_string())?;
    let known = Known::scan(content, &manifest);

    // Targets are chosen one after another (two sources may want one path);
    // the writes, each fsynced, then run in parallel, each recorded in the
    // manifest's journal before its file is replaced.
    let mut claimed = HashSet::new();
    let planned: Vec<(PathBuf, Plan, Notes)> = normalized
        .into_iter()
        .map(|(path, result, mut notes)| {
            let plan = match result {
                Ok(n) => plan(n, &known, &manifest, &mut claimed, options, &mut notes.explanation),
                Err(outcome) => Plan::Done(outcome, None),
            };
            (path, plan, notes)
        })
        .collect();
    let journal = std::sync::Mutex::new(&mut manifest);
    progress.start("Writing", planned.len());
    let finished: Vec<(PathBuf, Outcome, Option<Settled>, Notes)> = planned
        .into_par_iter()
        .map(|(path, plan, notes)| {
            let (outcome, settled) = match plan {
                Plan::Done(outcome, settled) => (outcome, settled),
                Plan::Write { target, rel, print, source, text, replaces } => {
                    write_planned(content, &journal, &target, &rel, print, &source, &text, replaces.as_deref())
                }
            };
            progress.advance(1);
            (path, outcome, settled, notes)
        })
        .collect();
    progress.finish();
    let mut current = HashMap::new();
    let mut reports = Vec::new();
    for (path, outcome, settled, notes) in finished {
        if let Some((rel, print)) = settled {
            current.insert(rel, print);
        }
        reports.push(notes.report(path, outcome));
    }
    if let Err(e) = manifest.compact(content, &current) {
        let at = content.join(manifest::MANIFEST);
        let outcome = Outcome::failed(&at, e.to_string());
        reports.push(InputReport { input: at, outcome, explanation: vec![], warnings: vec![] });
    }
    Ok(reports)
}

/// Writes one planned file: recorded in the journal first, then replaced
/// atomically; the file it replaces in another month (a date that moved)
/// removed after. Returns the outcome and the fingerprint now on disk.
#[allow(clippy::too_many_arguments)]
fn write_planned(
    content: &Path,
    journal: &std::sync::Mutex<&mut Manifest>,
    target: &Path,
    rel: &str,
    print: u64,
    source: &str,
    text: &str,
    replaces: Option<&str>,
) -> (Outcome, Option<(String, u64)>) {
    let recorded = journal.lock().unwrap_or_else(|e| e.into_inner()).record(content, rel, print, source);
    if let Err(e) = recorded {
        return (Outcome::failed(&content.join(manifest::MANIFEST), e.to_string()), None);
    }
    if let Err(e) = disk::write_atomic(target, text.as_bytes(), Durability::Durable) {
        return (Outcome::failed(target, format!("cannot write: {e}")), None);
    }
    if let Some(old) = replaces
        && disk::remove(&content.join(old)).is_ok()
    {
        let _ = journal.lock().unwrap_or_else(|e| e.into_inner()).forget(content, old);
    }
    (Outcome::Written(target.to_path_buf()), Some((rel.to_string(), print)))
}

/// What is said of one input besides its outcome.
#[derive(Debug, Default)]
struct Notes {
    explanation: Vec<String>,
    warnings: Vec<String>,
}

impl Notes {
    fn report(self, input: PathBuf, outcome: Outcome) -> InputReport {
        InputReport { input, outcome, explanation: self.explanation, warnings: self.warnings }
    }
}

impl IngestReport {
    /// A run stopped before writing anything, for `why`.
    fn stopped(mut inputs: Vec<InputReport>, why: String, started: Instant) -> IngestReport {
        let input = PathBuf::from("content");
        let outcome = Outcome::failed(&input, why);
        inputs.push(InputReport { input, outcome, explanation: vec![], warnings: vec![] });
        IngestReport { inputs, elapsed: started.elapsed(), dry_run: false }
    }
}

/// Which source each content file holds: from the manifest, and for files
/// it does not list, from the file's own `source` field.
struct Known {
    source_of: HashMap<String, String>,
    file_of: HashMap<String, String>,
}

impl Known {
    fn scan(content: &Path, manifest: &Manifest) -> Known {
        let mut source_of: HashMap<String, String> =
            manifest.files.iter().map(|(f, e)| (f.clone(), e.source.clone())).collect();
        for file in crate::walk::visible_files(content).files {
            let Some(rel) = relative_key(content, &file) else { continue };
            if source_of.contains_key(&rel) || !content::is_markdown(&file) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&file) else { continue };
            if let Ok((meta, _)) = content::parse_front_matter(&file, &text)
                && let Some(source) = meta.source
            {
                source_of.insert(rel, source);
            }
        }
        let mut file_of: HashMap<String, String> = HashMap::new();
        for (file, source) in &source_of {
            file_of
                .entry(source.clone())
                .and_modify(|f| {
                    if file < f {
                        f.clone_from(file);
                    }
                })
                .or_insert_with(|| file.clone());
        }
        Known { source_of, file_of }
    }
}

/// `file` relative to the content folder, `/`-separated.
fn relative_key(content: &Path, file: &Path) -> Option<String> {
    Some(file.strip_prefix(content).ok()?.to_string_lossy().replace('\\', "/"))
}

/// Files under a path (itself if a file), sorted, hidden ones and READMEs
/// left out; and where the walk could not go.
fn collect(input: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    match std::fs::metadata(input) {
        Ok(meta) if meta.is_file() => (vec![input.to_path_buf()], vec![]),
        Ok(_) => {
            let listing = crate::walk::visible_files(input);
            let is_readme = |p: &PathBuf| p.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
            (listing.files.into_iter().filter(|p| !is_readme(p)).collect(), listing.problems)
        }
        Err(e) => (vec![], vec![(input.to_path_buf(), format!("cannot read: {e}"))]),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Markdown,
}

/// A decoded input.
struct Source {
    kind: Kind,
    text: String,
    modified: Option<SystemTime>,
    encoding: decode::Encoding,
    warning: Option<String>,
}

fn read_source(path: &Path) -> Result<Source, Outcome> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let kind = match ext.as_str() {
        "txt" | "text" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        "md" | "markdown" => Kind::Markdown,
        "" => Kind::Text,
        other => {
            return Err(Outcome::Skipped(format!("not an article file (.{other}); ingest reads .txt, .html and .md")));
        }
    };
    let bytes = std::fs::read(path).map_err(|e| Outcome::failed(path, format!("cannot read: {e}")))?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let not_text = |e: decode::NotText| Outcome::Skipped(e.to_string());
    let (text, encoding, warning) = if kind == Kind::Html {
        decode::decode_html(&bytes).map_err(not_text)?
    } else {
        let (text, encoding) = decode::decode(&bytes).map_err(not_text)?;
        (text, encoding, None)
    };
    Ok(Source { kind, text, modified, encoding, warning })
}

/// How a source is named in front matter and the manifest: relative to the
/// site root when inside it; else from the folder given on the command line
/// down (`dump/2012/a.txt`), so no local path of the machine is published.
fn source_key(path: &Path, input: &Path, site: &SitePaths) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::fs::canonicalize(&site.root).unwrap_or_else(|_| site.root.clone());
    let real = std::fs::canonicalize(&abs).unwrap_or(abs);
    if let Ok(inside) = real.strip_prefix(&root) {
        return inside.to_string_lossy().replace('\\', "/");
    }
    let input = std::fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf());
    let from = if input.is_dir() { input.parent().unwrap_or(&input) } else { input.parent().unwrap_or(Path::new("")) };
    real.strip_prefix(from)
        .map(|p| p.to_path_buf())
        .unwrap_or_else(|_| real.file_name().map(PathBuf::from).unwrap_or_default())
        .to_string_lossy()
        .replace('\\', "/")
}

fn normalize(
    path: &Path,
    key: String,
    source: Source,
    options: &IngestOptions,
    extractor: &Extractor,
    explain: &mut Vec<String>,
) -> Result<Normalized, Outcome> {
    if source.encoding != decode::Encoding::Utf8 {
        explain.push(format!("encoding: {}, converted to UTF-8", source.encoding));
    }
    if source.kind == Kind::Markdown {
        return normalize_markdown(path, &source.text, key, extractor, explain);
    }
    let fallback = match (options.default_date, source.modified.and_then(date_of_mtime)) {
        (Some(d), _) => Fallback::DefaultDate(d),
        (None, Some(d)) => Fallback::FileTime(d),
        (None, None) => Fallback::None,
    };
    let kind = if source.kind == Kind::Html { SourceKind::Html } else { SourceKind::Text };
    let analysis = analyze(&source.text, kind, fallback, extractor)
        .map_err(|e| Outcome::Failed(vec![Diagnostic::error(path, e.to_string()).help(e.help())]))?;
    let Analysis { layout, page, title, date, date_why, dateline_city, entities } = analysis;
    if options.explain {
        explain.extend(layout.notes.iter().cloned());
        explain.push(format!("date: {date} ({date_why})"));
        explain_fields(&layout, dateline_city.as_deref(), &entities, explain);
    }
    let paragraphs: Vec<&str> = layout
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    let summary = paragraphs.first().map(|p| text::lead(p)).filter(|s| !s.is_empty());
    let front = FrontMatterOut {
        title: title.clone(),
        date: date.to_string(),
        author: Authors::from_vec(layout.authors.clone()),
        agency: layout.agency.clone(),
        dateline: dateline_city,
        summary,
        source: Some(page.and_then(|p| p.url).unwrap_or_else(|| key.clone())),
        topics: names(&entities.topics),
        countries: names(&entities.countries),
        // Listed only when it says more than `countries`.
        countries_named: Some(names(&entities.countries_named))
            .filter(|named| named.len() > entities.countries.len())
            .unwrap_or_default(),
        people: names(&entities.people),
        // Listed only when some are named in passing.
        people_about: (entities.people_about.len() < entities.people.len()).then(|| names(&entities.people_about)),
        roles: roles(&entities.people),
    };
    let file_text = emit::content_file(&front, &emit::body_markdown(&layout.blocks))
        .map_err(|e| Outcome::failed(path, format!("cannot write its front matter: {}", e.message)))?;
    Ok(Normalized { file_text, year: date.year(), month: date.month(), slug: Slug::from_name(&title), source_key: key })
}

fn names(found: &[Found]) -> Vec<String> {
    found.iter().map(|f| f.name.clone()).collect()
}

/// The title each person was introduced with: the words before the name in
/// the evidence of a titled mention (`Defense Secretary Leon E. Panetta`).
fn roles(people: &[Found]) -> std::collections::BTreeMap<String, String> {
    people
        .iter()
        .filter_map(|p| {
            p.evidence.iter().find_map(|e| {
                let title = e.strip_suffix(p.name.as_str())?.trim();
                let words = title.split_whitespace().count();
                let is_title = (1..=8).contains(&words)
                    && title.chars().next().is_some_and(char::is_uppercase)
                    && !title.contains('…');
                is_title.then(|| (p.name.clone(), title.to_string()))
            })
        })
        .collect()
}

fn explain_fields(layout: &Layout, city: Option<&str>, entities: &Entities, explain: &mut Vec<String>) {
    if let Some(t) = &layout.title {
        explain.push(format!("title: {t}"));
    }
    if !layout.authors.is_empty() {
        explain.push(format!("author: {}", layout.authors.join(", ")));
    }
    if let Some(a) = &layout.agency {
        explain.push(format!("agency: {a}"));
    }
    if let Some(c) = city {
        explain.push(format!("dateline: {c}"));
    }
    for tax in [Taxonomy::Countries, Taxonomy::People, Taxonomy::Topics] {
        for f in found_of(entities, tax) {
            let passing = tax == Taxonomy::People && !entities.people_about.iter().any(|a| a.name == f.name);
            let passing = if passing { " (named in passing: once, after the opening)" } else { "" };
            explain.push(format!("{}: {}{passing} ← {}", tax.singular(), f.name, f.evidence.join("; ")));
        }
    }
}

/// What the extractor found for one taxonomy.
fn found_of(entities: &Entities, taxonomy: Taxonomy) -> &[Found] {
    match taxonomy {
        Taxonomy::Topics => &entities.topics,
        Taxonomy::Countries => &entities.countries,
        Taxonomy::People => &entities.people,
    }
}

fn date_of_mtime(t: SystemTime) -> Option<Date> {
    let ts = jiff::Timestamp::try_from(t).ok()?;
    Some(ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

/// How many days a dateline may be past its file's modification time and
/// still be of that year (the wire's day in its own time zone).
const SAVED_BEFORE_DATELINE_DAYS: i32 = 2;

/// The publication day: the dateline's, the header's, the page's metadata,
/// then the reference date. A date without a year takes the year that puts it
/// nearest a full date found elsewhere in the source, or else nearest
/// `--default-date`, or else the last such day up to the file's time (a file
/// is saved after its story ran, so a "March 3" saved in December is of that
/// March, not the next): a copy of a 2012 story saved today is still filed
/// under 2012 when its page says so.
fn resolve_date(layout: &Layout, page: Option<&html::PageMeta>, fallback: Fallback) -> Option<(Date, String)> {
    let (reference, reference_name) = (fallback.date(), fallback.name());
    let candidates = [
        (layout.dateline.as_ref().and_then(|d| d.date), "the dateline"),
        (layout.header_date, "a date line in the header"),
        (page.and_then(|p| p.published), "the page's metadata"),
    ];
    let full = |p: &PartialDate| p.year.and_then(|y| Date::new(y, p.month, p.day).ok());
    let found_elsewhere = candidates.iter().find_map(|(found, from)| found.as_ref().and_then(full).map(|d| (d, *from)));
    let saved_after = found_elsewhere.is_none() && matches!(fallback, Fallback::FileTime(_));
    let anchor = found_elsewhere.or(reference.map(|r| (r, reference_name)));
    for (found, from) in candidates {
        let Some(found) = found else { continue };
        if let Some(d) = full(&found) {
            return Some((d, format!("from {from}")));
        }
        if found.year.is_some() {
            continue; // a full date that does not exist (2012-02-30)
        }
        let Some((anchor, anchor_name)) = anchor else { continue };
        let days_from_anchor = |d: &Date| d.since(anchor).map(|s| s.get_days()).unwrap_or(i32::MAX);
        let years = [-1i16, 0, 1].iter().filter_map(|dy| Date::new(anchor.year() + dy, found.month, found.day).ok());
        let nearest = if saved_after {
            // A day or two past the file's time is a time zone, not a year later.
            years.filter(|d| days_from_anchor(d) <= SAVED_BEFORE_DATELINE_DAYS).max()
        } else {
            years.min_by_key(|d| (days_from_anchor(d).abs(), d.year()))
        };
        if let Some(d) = nearest {
            return Some((d, format!("day from {from}, year from {anchor_name}")));
        }
    }
    reference.map(|r| (r, format!("no date in the source; taken from {reference_name}")))
}

/// A `.md` input: validated through the content parser, its missing entity
/// lists filled in, everything else kept byte for byte.
fn normalize_markdown(
    path: &Path,
    text: &str,
    key: String,
    extractor: &Extractor,
    explain: &mut Vec<String>,
) -> Result<Normalized, Outcome> {
    let (meta, split) = content::parse_front_matter(path, text).map_err(Outcome::Failed)?;
    let story = Story {
        title: &meta.title,
        body: split.body,
        dateline_city: meta.dateline.as_deref(),
        dateline_region: None,
        authors: &meta.authors,
        year: Some(meta.date.year()),
    };
    let entities = extractor.extract(&story);
    let mut added = String::new();
    for tax in Taxonomy::ALL {
        let (field, have, found) = (tax.key(), tax.names(&meta), found_of(&entities, tax));
        if have.is_empty() && !found.is_empty() && crate::frontmatter::locate_key(split.yaml, field).is_none() {
            let list = names(found);
            let yaml = crate::frontmatter::to_yaml(&std::collections::BTreeMap::from([(field, &list)]))
                .map_err(|e| Outcome::failed(path, format!("cannot write its {field}: {}", e.message)))?;
            added.push_str(&yaml);
            explain.push(format!("{field} filled in: {}", list.join(", ")));
            // The people it is about go with the people filled in, as ingest writes them.
            if tax == Taxonomy::People
                && entities.people_about.len() < entities.people.len()
                && crate::frontmatter::locate_key(split.yaml, "people_about").is_none()
            {
                let about = names(&entities.people_about);
                let yaml =
                    crate::frontmatter::to_yaml(&std::collections::BTreeMap::from([("people_about", &about)]))
                        .map_err(|e| Outcome::failed(path, format!("cannot write its people_about: {}", e.message)))?;
                added.push_str(&yaml);
            }
        }
    }
    let file_text = if added.is_empty() {
        text.to_string()
    } else {
        let newline = if split.yaml.is_empty() || split.yaml.ends_with('\n') { "" } else { "\n" };
        crate::frontmatter::join(&format!("{}{newline}{added}", split.yaml), split.body)
    };
    let slug = content::slug_of(path, &meta);
    Ok(Normalized { file_text, year: meta.date.year(), month: meta.date.month(), slug, source_key: key })
}

/// A content file (relative) and the fingerprint of what it now holds.
type Settled = (String, u64);

/// What to do with one normalized source.
enum Plan {
    /// Nothing to write: the outcome, and what the file holds, if known.
    Done(Outcome, Option<Settled>),
    /// Write `text` to `target` (`rel` inside the content folder), then
    /// remove `replaces` (the source's file in another month).
    Write { target: PathBuf, rel: String, print: u64, source: String, text: String, replaces: Option<String> },
}

/// Chooses the content file for a normalized source, and whether to write
/// it: the file that already holds this source (by the manifest, or by its
/// own `source` field), never one a person edited unless forced.
fn plan(
    n: Normalized,
    known: &Known,
    manifest: &Manifest,
    claimed: &mut HashSet<String>,
    options: &IngestOptions,
    explain: &mut Vec<String>,
) -> Plan {
    let dir = crate::content::date::month_dir(n.year, n.month);
    let previous = known.file_of.get(&n.source_key).cloned();
    let rel = match previous.as_deref().filter(|p| p.starts_with(&dir) && !claimed.contains(*p)) {
        Some(p) => p.to_string(),
        None => {
            let file = |slug: &Slug| format!("{dir}/{slug}.md");
            let (slug, k) = n.slug.first_free(|slug| {
                let candidate = file(slug);
                let holder = known.source_of.get(&candidate);
                claimed.contains(&candidate)
                    || holder.is_some_and(|s| *s != n.source_key)
                    || (holder.is_none() && options.content.join(&candidate).exists())
            });
            if k > 1 {
                explain.push(format!("{} is taken by another source; using {}", file(&n.slug), file(&slug)));
            }
            file(&slug)
        }
    };
    claimed.insert(rel.clone());
    let target = options.content.join(&rel);
    let print = fingerprint(n.file_text.as_bytes());
    let ours = |file: &str, bytes: &[u8]| manifest.files.get(file).is_some_and(|e| e.wrote(fingerprint(bytes)));
    let edited =
        |file: &str| format!("{} was edited by hand since it was ingested; kept (use --force to overwrite)", file);
    // A new date moves the article: its old file goes, unless a person edited it.
    let replaces = previous.filter(|p| *p != rel);
    if let Some(old) = &replaces
        && let Ok(bytes) = std::fs::read(options.content.join(old))
        && !ours(old, &bytes)
        && !options.force
    {
        return Plan::Done(Outcome::Skipped(edited(&options.content.join(old).display().to_string())), None);
    }
    if let Ok(existing) = std::fs::read(&target) {
        if existing == n.file_text.as_bytes() {
            return Plan::Done(Outcome::Unchanged(target), Some((rel, print)));
        }
        if !ours(&rel, &existing) && !options.force {
            return Plan::Done(Outcome::Skipped(edited(&target.display().to_string())), None);
        }
    }
    Plan::Write { target, rel, print, source: n.source_key, text: n.file_text, replaces }
}

/// The site's vocabularies: `topics.yaml` (replacing or extending the
/// default) and `people.yaml` (canonical name → variants), both optional.
pub fn load_vocabularies(site: &SitePaths) -> Result<crate::extract::Vocabularies, crate::diagnostic::Diagnostic> {
    use crate::diagnostic::Diagnostic;
    use crate::extract::topics::{Topics, VocabularyFile};
    let mut vocabularies = crate::extract::Vocabularies::defaults();
    let read = |name: &str| -> Result<Option<String>, Diagnostic> {
        match std::fs::read_to_string(site.root.join(name)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Diagnostic::error(name, format!("cannot read: {e}"))),
        }
    };
    if let Some(text) = read("topics.yaml")? {
        let file: VocabularyFile = crate::frontmatter::parse(&text).map_err(|e| {
            Diagnostic::error("topics.yaml", e.message).at(e.line, e.column).help(
                "write `topic name: [phrase, phrase]` per topic (replaces the default), or `extends_default: true` and a `topics:` map",
            )
        })?;
        vocabularies.topics = Topics::merge(vocabularies.topics, file);
    }
    if let Some(text) = read("people.yaml")? {
        let map: std::collections::BTreeMap<String, Vec<String>> = crate::frontmatter::parse(&text).map_err(|e| {
            Diagnostic::error("people.yaml", e.message)
                .at(e.line, e.column)
                .help("write `Canonical Name: [Variant One, Variant Two]` per person")
        })?;
        vocabularies.people = map.into_iter().collect();
    }
    Ok(vocabularies)
}
