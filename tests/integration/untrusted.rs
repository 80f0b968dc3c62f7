//! Scraped text is untrusted: nothing in a title, name or body can run script.

use crate::support::Site;

/// Every real tag in `html` (`<` followed by a letter, up to `>`), lower-cased.
fn tags(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    let mut out = Vec::new();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let end = rest.find('>').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// The attribute names of a tag's text (`a href="x" onclick=y` → [href, onclick]),
/// skipping quoted values so text inside a value is not mistaken for an attribute.
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = tag.chars().skip_while(|c| !c.is_whitespace()).peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/')).collect();
        if name.is_empty() && chars.peek().is_none() {
            return names;
        }
        let unnamed = name.is_empty();
        if !unnamed {
            names.push(name);
        }
        if chars.next_if_eq(&'=').is_some() {
            match chars.next() {
                Some(q @ ('"' | '\'')) => while chars.next().is_some_and(|c| c != q) {},
                _ => while chars.next_if(|c| !c.is_whitespace()).is_some() {},
            }
        } else if unnamed {
            chars.next();
        }
    }
}

/// The page without the theme's own inline scripts (`<script>` with no attributes).
fn strip_theme_scripts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script>") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("</script>").map_or("", |e| &rest[i + e + "</script>".len()..]);
    }
    out.push_str(rest);
    out
}

/// Whether a tag carries an event-handler attribute (`onclick`, `onerror`…).
fn has_event_handler(tag: &str) -> bool {
    attribute_names(tag).iter().any(|n| n.starts_with("on"))
}

#[test]
fn script_in_titles_names_and_bodies_is_inert() {
    let site = Site::new();
    site.article(
        "x",
        "title: \"<script>alert('t')</script> headline\"\ndate: 2012-10-01\nauthor: \"<img src=x onerror=alert(1)>\"\ndateline: \"<b onmouseover=alert(2)>Paris</b>\"\npeople: [\"<script>alert(3)</script>\"]\ncountries: [\"Mali\\\" onclick=\\\"alert(4)\"]\nsummary: \"</title><script>alert(5)</script>\"\nsource: \"javascript:alert(6)\"",
        "Hello <script>alert(7)</script> <a href=\"javascript:alert(8)\">x</a> [link](javascript:alert(9)) <img src=x onerror=alert(10)>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[ok](JaVaScRiPt:alert(11))",
    );
    site.build_ok();
    let mut tags_seen = 0;
    for file in site.all_files() {
        let text = std::fs::read_to_string(site.out().join(&file)).unwrap_or_default();
        if file.starts_with("pagefind/") {
            continue;
        }
        // The theme's own scripts (search, list filter) are allowed; scraped
        // text must never be inside one.
        let mut rest = text.as_str();
        while let Some(i) = rest.find("<script>") {
            let end = rest[i..].find("</script>").map_or(rest.len(), |e| i + e);
            assert!(!rest[i..end].contains("alert("), "{file}: scraped text in a script");
            rest = &rest[end..];
        }
        let text = strip_theme_scripts(&text);
        for tag in tags(&text) {
            tags_seen += 1;
            assert!(
                !tag.starts_with("script") && !tag.starts_with("iframe") && !tag.starts_with("img"),
                "{file}: live <{tag}>"
            );
            assert!(!tag.contains("javascript:"), "{file}: script URL in <{tag}>");
            assert!(!has_event_handler(&tag), "{file}: event handler in <{tag}>");
        }
    }
    assert!(tags_seen > 100, "the scan saw the pages' real tags");
    let page = site.page("/2012/10/x/");
    assert!(page.contains("&lt;script&gt;alert(7)"), "the text is shown, escaped");
    assert!(
        page.contains("&lt;/a&gt; link &lt;img") && page.contains("<p>ok</p>"),
        "the text of links whose script URL was dropped stays, as text"
    );
}

#[test]
fn the_scan_itself_catches_live_markup() {
    assert!(tags("a <script>x</script>").iter().any(|t| t.starts_with("script")));
    assert!(has_event_handler("img src=x onerror=alert(1)"));
    assert!(!has_event_handler("a href=\"/online/\""));
    assert!(!has_event_handler("category term=\"mali&quot; onclick=&quot;alert(4)\""));
    assert!(has_event_handler("b onmouseover=alert(2)"));
    assert!(tags("&lt;script&gt;").is_empty());
}

#[test]
fn raw_html_passes_only_when_the_site_opts_in() {
    let site = Site::new();
    site.file("dateline.yaml", "unsafe_html: true\n");
    site.article("x", "title: T\ndate: 2012-10-01", "A <mark>trusted</mark> note. [bad](javascript:alert(1))");
    site.build_ok();
    let page = site.page("/2012/10/x/");
    assert!(page.contains("<mark>trusted</mark>"));
    assert!(!page.contains("javascript:"), "script links are dropped even then");
}
