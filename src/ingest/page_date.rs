//! When a web page was published, read the way the best extractors read it
//! (htmldate, trafilatura): the article's JSON-LD `datePublished`, then the
//! publication meta tags (`article:published_time` and kin), then a
//! `<time>` marked as the publication's, then the date in the URL. Modified
//! dates never count, and no date is a publication date before the first
//! newspapers (1605) or after today: `0001-01-01` is a placeholder.

use trafilatura::dom::Document;

use crate::ingest::dateline::PartialDate;

/// A publication date found, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The day, as the page writes it (local to the page, not converted to UTC).
    pub date: PartialDate,
    /// Where it came from, for `--explain`.
    pub from: &'static str,
}

/// Meta tags (`property`, `name` or `itemprop`) that hold a publication date, in order of trust.
const META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "pub_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dc.date.created",
    "article.published",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "date",
];

/// The publication date of a page, if it says one.
pub fn published(doc: &Document, url: Option<&str>, today: jiff::civil::Date) -> Option<Found> {
    let plausible = |d: PartialDate| {
        let year = d.year?;
        let day = jiff::civil::Date::new(year, d.month, d.day).ok()?;
        (year >= 1605 && day <= today.tomorrow().ok()?).then_some(d)
    };
    if let Some(d) = json_ld(doc).into_iter().find_map(plausible) {
        return Some(Found { date: d, from: "the page's JSON-LD datePublished" });
    }
    let root = doc.root();
    for key in META {
        for attr in ["property", "name", "itemprop"] {
            let selector = format!("meta[{attr}=\"{key}\" i]");
            for id in doc.query_selector_all(root, &selector) {
                if let Some(d) = doc.get_attribute(id, "content").as_deref().and_then(parse_date).and_then(plausible) {
                    return Some(Found { date: d, from: "the page's publication meta tag" });
                }
            }
        }
    }
    let marked =
        "time[itemprop=\"datePublished\" i], time[pubdate], [itemprop=\"datePublished\" i], time[class*=\"publish\" i]";
    for id in doc.query_selector_all(root, marked) {
        let value = doc.get_attribute(id, "datetime").or_else(|| doc.get_attribute(id, "content"));
        if let Some(d) = value.as_deref().and_then(parse_date).and_then(plausible) {
            return Some(Found { date: d, from: "a <time> marked as the publication date" });
        }
    }
    if let Some(d) = url.and_then(url_date).and_then(plausible) {
        return Some(Found { date: d, from: "the page's URL" });
    }
    None
}

/// `datePublished` of the JSON-LD objects that describe an article (or any
/// object, when none says what it is), in the order they come.
fn json_ld(doc: &Document) -> Vec<PartialDate> {
    let mut found = Vec::new();
    for id in doc.scripts_with_type(&["application/ld+json"]) {
        let text = doc.text_content(id);
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else { continue };
        collect(&value, &mut found, 0);
    }
    found
}

fn collect(value: &serde_json::Value, found: &mut Vec<PartialDate>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, found, depth + 1)),
        serde_json::Value::Object(map) => {
            let kind = map.get("@type").map(|t| t.to_string().to_lowercase()).unwrap_or_default();
            let describes_page = kind.is_empty()
                || ["article", "posting", "report", "webpage", "review", "story"].iter().any(|k| kind.contains(k));
            if describes_page && let Some(d) = map.get("datePublished").and_then(|v| v.as_str()).and_then(parse_date) {
                found.push(d);
            }
            if let Some(graph) = map.get("@graph") {
                collect(graph, found, depth + 1);
            }
            if let Some(main) = map.get("mainEntity").or_else(|| map.get("mainEntityOfPage")) {
                collect(main, found, depth + 1);
            }
        }
        _ => {}
    }
}

/// An ISO date or timestamp (`2019-11-19`, `2019-11-19T23:11:00-05:00`,
/// `20191119`), or a written one (`Nov 19, 2019`, `19 November 2019`).
pub fn parse_date(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    let head: String = text.chars().take(10).collect();
    if let Ok(d) = crate::content::PubDate::parse(&head) {
        return Some(PartialDate { year: Some(d.year()), month: d.month(), day: d.date.day() });
    }
    if text.len() >= 8 && text.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        let (y, m, d) = (text[..4].parse().ok()?, text[4..6].parse().ok()?, text[6..8].parse().ok()?);
        jiff::civil::Date::new(y, m, d).ok()?;
        return Some(PartialDate { year: Some(y), month: m, day: d });
    }
    let (date, _) = crate::ingest::dateline::parse_date_prefix(text)?;
    date.year.is_some().then_some(date)
}

/// `…/2019/11/19/…` or `…2019-11-19…` in a URL.
fn url_date(url: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = url.split(['/', '-', '_', '.']).collect();
    parts.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
            return None;
        }
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        jiff::civil::Date::new(y, m, d).ok()?;
        Some(PartialDate { year: Some(y), month: m, day: d })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(head: &str, url: Option<&str>) -> Option<(String, &'static str)> {
        let doc = Document::parse(&format!("<html><head>{head}</head><body><p>x</p></body></html>"));
        published(&doc, url, jiff::civil::date(2026, 12, 1))
            .map(|f| (format!("{:?}-{}-{}", f.date.year.unwrap(), f.date.month, f.date.day), f.from))
    }

    #[test]
    fn json_ld_then_meta_then_time_then_url() {
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2019-11-19T23:11:00-05:00","dateModified":"2019-11-21T08:00:00Z"}]}</script>"#;
        assert_eq!(date_of(ld, None).unwrap().0, "2019-11-19");
        let meta = r#"<meta property="article:modified_time" content="2019-11-21"><meta property="article:published_time" content="2019-11-18T07:03:00Z">"#;
        assert_eq!(date_of(meta, None).unwrap().0, "2019-11-18");
        assert_eq!(date_of("", Some("https://example.org/2019/11/17/story/")).unwrap().0, "2019-11-17");
        assert_eq!(date_of(r#"<meta name="pubdate" content="Nov 16, 2019">"#, None).unwrap().0, "2019-11-16");
    }

    #[test]
    fn placeholders_and_future_dates_are_no_publication_date() {
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z"}</script>"#;
        assert_eq!(date_of(ld, None), None);
        assert_eq!(date_of(r#"<meta property="article:published_time" content="2099-01-01">"#, None), None);
        let both = format!("{ld}<meta property=\"article:published_time\" content=\"2019-11-19\">");
        assert_eq!(date_of(&both, None).unwrap().0, "2019-11-19", "the placeholder is passed over");
    }
}
