//! A term's articles per month as an inline SVG bar chart, drawn at build
//! time: no JavaScript, readable without colour (bars are dark on light, and
//! every bar has its count as a title), with a text alternative.

use std::fmt::Write as _;

use crate::content::PubDate;

/// Articles in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct MonthCount {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
    /// Articles that month.
    pub count: usize,
}

/// Counts per month from the first month with an article to the last,
/// including the empty months between (so gaps show as gaps).
pub fn month_counts<'a>(dates: impl IntoIterator<Item = &'a PubDate>) -> Vec<MonthCount> {
    let mut counts: std::collections::BTreeMap<(i16, i8), usize> = std::collections::BTreeMap::new();
    for d in dates {
        *counts.entry((d.year(), d.month())).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else { return Vec::new() };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    loop {
        out.push(MonthCount { year: y, month: m, count: counts.get(&(y, m)).copied().unwrap_or(0) });
        if (y, m) == last {
            break;
        }
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

/// `Oct` for 10.
fn short_month(m: i8) -> &'static str {
    &crate::content::date::month_name(m)[..3]
}

/// The chart: one bar per month, year labels under the first month of each
/// year, `name` in its accessible label.
pub fn svg(counts: &[MonthCount], name: &str) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let bar = if counts.len() > 120 {
        3.0
    } else if counts.len() > 48 {
        6.0
    } else {
        12.0
    };
    let gap = (bar / 4.0_f64).max(1.0);
    let height = 80.0;
    let top = 4.0;
    let width = counts.len() as f64 * (bar + gap) + gap;
    let max = counts.iter().map(|c| c.count).max().unwrap_or(1).max(1) as f64;
    let total: usize = counts.iter().map(|c| c.count).sum();
    let first = counts[0];
    let last = counts[counts.len() - 1];
    let label = format!(
        "Articles about {} per month, {} {} to {} {}: {} in all, at most {} in a month",
        escape(name),
        short_month(first.month),
        first.year,
        short_month(last.month),
        last.year,
        total,
        max as usize
    );
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="{label}"><title>{label}</title>"#,
        w = width,
        h = height + top + 16.0,
    );
    let _ = write!(
        out,
        r#"<line x1="0" y1="{y:.1}" x2="{width:.1}" y2="{y:.1}" stroke="currentColor" stroke-width="1"/>"#,
        y = top + height
    );
    for (i, c) in counts.iter().enumerate() {
        let x = gap + i as f64 * (bar + gap);
        let h = if c.count == 0 { 0.0 } else { (c.count as f64 / max * height).max(2.0) };
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="currentColor"><title>{} {}: {}</title></rect>"#,
            short_month(c.month),
            c.year,
            c.count,
            y = top + height - h,
        );
        if c.month == 1 || i == 0 {
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{y:.1}" font-size="10" fill="currentColor">{}</text>"#,
                c.year,
                y = top + height + 12.0
            );
        }
    }
    out.push_str("</svg>");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(list: &[&str]) -> Vec<PubDate> {
        list.iter().map(|d| PubDate::parse(d).unwrap()).collect()
    }

    #[test]
    fn months_are_bucketed_with_empty_months_between() {
        let d = dates(&["2012-10-24", "2012-10-01", "2013-01-05"]);
        let c = month_counts(&d);
        assert_eq!(c.len(), 4, "Oct, Nov, Dec, Jan");
        assert_eq!((c[0].year, c[0].month, c[0].count), (2012, 10, 2));
        assert_eq!(c[1].count, 0);
        assert_eq!((c[3].year, c[3].month, c[3].count), (2013, 1, 1));
    }

    #[test]
    fn an_archive_spanning_years_labels_each_year() {
        let d = dates(&["2010-03-01", "2014-07-01"]);
        let c = month_counts(&d);
        assert_eq!(c.len(), 12 * 4 + 5);
        let s = svg(&c, "Mali");
        for year in 2010..=2014 {
            assert!(s.contains(&format!(">{year}</text>")), "{year}");
        }
        assert_eq!(s.matches("<rect").count(), c.len());
        assert!(s.contains("Mar 2010 to Jul 2014: 2 in all"));
    }

    #[test]
    fn a_term_with_one_article_has_one_bar() {
        let c = month_counts(&dates(&["2012-10-24"]));
        let s = svg(&c, "Kim <Kwan-jin>");
        assert_eq!(s.matches("<rect").count(), 1);
        assert!(s.contains("<title>Oct 2012: 1</title>"));
        assert!(s.contains("Kim &lt;Kwan-jin&gt;") && !s.contains("<Kwan"), "names are escaped");
    }

    #[test]
    fn no_articles_no_chart() {
        assert_eq!(svg(&month_counts(&[]), "x"), "");
    }
}
