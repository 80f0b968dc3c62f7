//! Page + archive → page text, through Tera. No I/O: templates come in as
//! text and pages go out as strings.
//!
//! Templates see only the typed views of `views`; no template function can
//! reach the archive or the disk.

pub mod filters;
pub mod prints;
pub mod templates;
pub mod timeline;
pub mod views;

use std::path::PathBuf;

use tera::{Context, Tera, Value};

use crate::diagnostic::Diagnostic;
use crate::pages::{self, Page, PageKey, SitemapPart};
use views::Views;

/// A site's own template: its Tera name (`article.html`), the file it came
/// from (for messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteTemplate {
    /// Name relative to `templates/`, with `/` separators.
    pub name: String,
    /// The file, for messages.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Compiled templates: the defaults plus the site's overrides.
pub struct Renderer {
    tera: Tera,
    /// Tera name → file shown in messages.
    origins: Vec<(String, PathBuf)>,
}

impl Renderer {
    /// Compiles the default theme and the site's templates, reporting every
    /// template that does not compile.
    pub fn new(site_templates: &[SiteTemplate]) -> Result<Renderer, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        filters::register(&mut tera);
        tera.set_fallback_prefixes([templates::DEFAULT_PREFIX])
            .map_err(|e| vec![Diagnostic::error("templates", e.to_string())])?;
        let mut origins: Vec<(String, PathBuf)> = Vec::new();
        let mut all: Vec<(String, String)> = Vec::new();
        for (name, text) in templates::DEFAULT_TEMPLATES {
            let full = format!("{}{name}", templates::DEFAULT_PREFIX);
            origins.push((full.clone(), PathBuf::from(format!("(built-in) templates/{name}"))));
            all.push((full, (*text).to_string()));
        }
        for t in site_templates {
            origins.push((t.name.clone(), t.path.clone()));
            all.push((t.name.clone(), t.text.clone()));
        }
        let defaults: Vec<(String, String)> = all[..templates::DEFAULT_TEMPLATES.len()].to_vec();
        let mut renderer = Renderer { tera, origins };
        if let Err(first) = renderer.tera.add_raw_templates(all) {
            // Tera stops at the first broken template; try each of the site's
            // alone (with the defaults it may extend) so every one is named.
            let mut problems = Vec::new();
            for t in site_templates {
                let mut probe = Tera::new();
                filters::register(&mut probe);
                let _ = probe.set_fallback_prefixes([templates::DEFAULT_PREFIX]);
                let mut set = defaults.clone();
                set.push((t.name.clone(), t.text.clone()));
                if let Err(e) = probe.add_raw_templates(set) {
                    problems.push(renderer.diagnostic(&e));
                }
            }
            if problems.is_empty() {
                problems.push(renderer.diagnostic(&first));
            }
            return Err(problems);
        }
        Ok(renderer)
    }

    /// Renders one page; `site` is the value of [`Views::site`], made once per build.
    pub fn render(&self, views: &Views<'_>, site: &Value, page: &Page) -> Result<String, Diagnostic> {
        let (template, name) = templates::template_for(page.key.kind());
        let mut context = Context::new();
        context.insert_value("site", site.clone());
        let canonical = views.urls().absolute(&page.path());
        context.insert("canonical", &canonical);
        match page.key {
            PageKey::Home(n) => context.insert(name, &views.home(n)),
            PageKey::Article(id) => context.insert(name, &views.article(id)),
            PageKey::TermList(tax, order) => context.insert(name, &views.term_list(tax, order)),
            PageKey::Term(tax, id, n) => context.insert(name, &views.term(tax, id, n)),
            PageKey::TermFeed(tax, id) => context.insert(name, &views.term_feed(tax, id)),
            PageKey::Feed => context.insert(name, &views.site_feed()),
            PageKey::Year(y) => context.insert(name, &views.year(y)),
            PageKey::Month(y, m, n) => context.insert(name, &views.month(y, m, n)),
            PageKey::Sitemap(part) => context.insert(name, &views.sitemap(part)),
            PageKey::Robots => {
                context.insert("sitemap_url", &views.urls().absolute(&pages::sitemap_path(SitemapPart::Single)))
            }
            PageKey::NotFound => {}
            PageKey::Search => context.insert(name, &views.search()),
            PageKey::SearchFacets => context.insert(name, &views.search_facets()),
        }
        self.tera.render(template, &context).map_err(|e| self.diagnostic(&e))
    }

    /// A Tera error as a diagnostic on the template file, with its position.
    fn diagnostic(&self, error: &tera::Error) -> Diagnostic {
        use std::error::Error as _;
        let mut message = match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let path = self.origin(report.filename());
                let span = report.span();
                return Diagnostic::error(path, format!("template error: {}", report.message()))
                    .at(span.start_line.max(1), span.start_col + 1)
                    .help("fix the template; the README lists the variables each template receives");
            }
            other => other.to_string(),
        };
        let mut source = error.source();
        while let Some(s) = source {
            message.push_str(&format!(": {s}"));
            source = s.source();
        }
        // Some errors (an unknown filter) carry their position only in the
        // report text: ` --> name:line:col`.
        if let Some((name, line, col)) = report_position(&message) {
            let first = message.lines().next().unwrap_or("").trim_start_matches("error: ").to_string();
            return Diagnostic::error(self.origin(&name), format!("template error: {first}"))
                .at(line, col)
                .help("fix the template; the README lists the variables and filters templates can use");
        }
        Diagnostic::error("templates", format!("template error: {message}"))
    }

    fn origin(&self, name: &str) -> PathBuf {
        self.origins
            .iter()
            .find(|(n, _)| n == name)
            .map_or_else(|| PathBuf::from("templates").join(name), |(_, p)| p.clone())
    }
}

/// Finds ` --> name:line:col` in a rendered Tera report.
fn report_position(message: &str) -> Option<(String, usize, usize)> {
    let at = message.find("--> ")? + 4;
    let spot = message[at..].lines().next()?.trim();
    let mut parts = spot.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, col))
}

/// The site view as a Tera value, made once and shared by every page.
pub fn site_value(views: &Views<'_>) -> Value {
    Value::from_serializable(&views.site())
}
