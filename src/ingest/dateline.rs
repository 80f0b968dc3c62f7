//! Datelines: `WASHINGTON, Oct. 24, 2012 –`, `SALVADOR, Feb 26 -`,
//! `PORTLAND, Ore., March 3 -`, `BAMAKO, Mali (AP) —` → city, region, date,
//! agency, and where the story text begins.

/// A month and day, with the year when the dateline gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// Four-digit year, if written.
    pub year: Option<i16>,
    /// 1–12.
    pub month: i8,
    /// 1–31.
    pub day: i8,
}

/// A parsed dateline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The city as written (`WASHINGTON`).
    pub city: String,
    /// A state, province or country after the city (`Ore.`, `Mali`).
    pub region: Option<String>,
    /// The date, when the dateline carries one.
    pub date: Option<PartialDate>,
    /// An agency credited in parentheses (`AP`, `Reuters`).
    pub agency: Option<String>,
    /// Byte offset in the line where the story text starts.
    pub text_start: usize,
    /// The dateline as written, without the dash.
    pub raw: String,
}

/// The month a word names (`Oct.`, `October`, `SEPT`), if any.
use crate::content::date::month_of;

/// Parses `Oct. 24, 2012`, `Feb 26`, `October 24 2012`, `24 October 2012` at
/// the start of `text`; returns the date and the bytes consumed.
pub fn parse_date_prefix(text: &str) -> Option<(PartialDate, usize)> {
    let words = words_with_offsets(text);
    // A dash stuck to the day ("March 2- Oper shr") is the dateline's dash, not part of the day.
    let unstick = |w: &str, end: usize| end - (w.len() - w.trim_end_matches(['-', '–', '—']).len());
    let [(first, _, _), (second, _, second_end), ..] = words.as_slice() else { return None };
    let (month, day, mut end) = match (month_of(first), day_of(second), day_of(first), month_of(second)) {
        (Some(m), Some(d), _, _) => (m, d, unstick(second, *second_end)),
        (_, _, Some(d), Some(m)) => (m, d, *second_end),
        _ => return None,
    };
    let mut year = None;
    if let Some((y, _, yend)) = words.get(2)
        && let Some(y) = year_of(y)
    {
        year = Some(y);
        end = *yend;
    }
    Some((PartialDate { year, month, day }, end))
}

fn day_of(word: &str) -> Option<i8> {
    let w = word
        .trim_end_matches(['-', '–', '—'])
        .trim_end_matches([',', '.'])
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    let d: i8 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_of(word: &str) -> Option<i16> {
    let w = word.trim_end_matches([',', '.']);
    (w.len() == 4).then(|| w.parse::<i16>().ok()).flatten().filter(|y| (1800..=2200).contains(y))
}

/// Words of `text` with their start and end byte offsets (split on spaces).
fn words_with_offsets(text: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((&text[s..i], s, i));
                start = None;
                if out.len() >= 6 {
                    return out;
                }
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], s, text.len()));
    }
    out
}

/// Dashes that end a dateline.
const DASHES: [&str; 5] = ["--", "–", "—", "-", "―"];

/// Parses a dateline at the start of `line`. Needs the city, then a date, an
/// agency in parentheses or (for an all-caps city) a dash.
pub fn parse(line: &str) -> Option<Dateline> {
    let line_trim = line.trim_start();
    let lead = line.len() - line_trim.len();
    let (city, after_city) = city_prefix(line_trim)?;
    let mut rest = &line_trim[after_city..];
    let mut region = None;
    let mut date = None;
    let mut agency = None;
    let city_is_caps = city.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    // The wire sometimes spaces its comma ("OAKLAND , N.J.") or drops it
    // before the date ("JOHANNESBURG March 13 -").
    if city_is_caps {
        let trimmed = rest.trim_start();
        if trimmed.starts_with(',') {
            rest = trimmed;
        } else if let Some((d, used)) = parse_date_prefix(trimmed) {
            date = Some(d);
            rest = &trimmed[used..];
        }
    }

    if let Some(r) = rest.strip_prefix(',') {
        let r = r.trim_start();
        if let Some((d, used)) = parse_date_prefix(r) {
            date = Some(d);
            rest = &r[used..];
        } else if let Some((reg, used)) = region_prefix(r) {
            region = Some(reg);
            rest = &r[used..];
            // "RICHMOND, Va., Feb 26" or, on the wire, "RICHMOND, Va. Feb 26".
            let r2 = rest.strip_prefix(',').unwrap_or(rest).trim_start();
            if let Some((d, used)) = parse_date_prefix(r2) {
                date = Some(d);
                rest = &r2[used..];
            }
        } else {
            return None;
        }
    }
    let trimmed = rest.trim_start();
    if let Some(inner) = trimmed.strip_prefix('(')
        && let Some(close) = inner.find(')')
    {
        let name = &inner[..close];
        if !name.is_empty() && name.len() <= 24 && name.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-') {
            agency = Some(name.to_string());
            rest = &inner[close + 1..];
        }
    }
    // A release wire between slashes: `Oct. 12, 2017 /PRNewswire/ --`.
    let trimmed = rest.trim_start();
    if agency.is_none()
        && let Some(inner) = trimmed.strip_prefix('/')
        && let Some(close) = inner.find('/')
        && (2..=24).contains(&close)
        && inner[..close].chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
    {
        agency = Some(inner[..close].to_string());
        rest = &inner[close + 1..];
    }
    let trimmed = rest.trim_start();
    // A colon after a city in capitals (`NEW DELHI: …`) is the dash of the Indian wires.
    let colon = city_is_caps && trimmed.starts_with(':');
    let dash = if colon { &":" } else { DASHES.iter().find(|d| trimmed.starts_with(*d))? };
    // A bare "CITY -" is a dateline only when the city is in capitals;
    // "Washington - and..." in normal case is too likely to be prose.
    if date.is_none() && agency.is_none() && !city_is_caps {
        return None;
    }
    let after_dash = &trimmed[dash.len()..];
    let text = after_dash.trim_start();
    // "U.S. - JAPAN TRADE TALKS" is a headline: a bare dateline must open prose.
    if date.is_none() && agency.is_none() && !text.chars().take(24).any(char::is_lowercase) {
        return None;
    }
    let text_start = lead + (line_trim.len() - text.len());
    let raw = line_trim[..line_trim.len() - trimmed.len()].trim().to_string();
    Some(Dateline { city, region, date, agency, text_start, raw })
}

/// The city at the start: words of capitals (`NEW YORK`, `ST. LOUIS`,
/// `N'DJAMENA`, `PORT-AU-PRINCE`) or, in normal case, capitalized words.
/// Returns the city and the byte offset after it.
fn city_prefix(text: &str) -> Option<(String, usize)> {
    let mut end = 0;
    let mut words = 0;
    let mut letters = 0;
    let mut all_caps = true;
    for (i, word) in split_keep_offsets(text) {
        // `NEW DELHI:` (the Indian wires' colon) ends the city as a comma does.
        let core = word.trim_end_matches([',', ':']);
        let Some(first) = core.chars().next() else { break };
        let is_particle = matches!(core, "de" | "da" | "du" | "es" | "el" | "al" | "la" | "le" | "of" | "au");
        if !(first.is_uppercase() || (is_particle && words > 0)) {
            break;
        }
        if !core.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-' | '/')) {
            break;
        }
        if month_of(core).is_some() && words > 0 {
            break;
        }
        if !is_particle && core.chars().any(char::is_lowercase) {
            all_caps = false;
        }
        letters += core.chars().filter(|c| c.is_alphabetic()).count();
        words += 1;
        end = i + core.len();
        if word.ends_with([',', ':']) || words >= 4 {
            break;
        }
    }
    if words == 0 || letters < 2 {
        return None;
    }
    // Normal-case cities are at most three words; longer runs are a headline.
    if !all_caps && words > 3 {
        return None;
    }
    Some((text[..end].to_string(), end))
}

/// A region after the city: up to three capitalized words (`Ore.`, `Ontario`, `N.Y.`, `Saudi Arabia`).
fn region_prefix(text: &str) -> Option<(String, usize)> {
    let mut end = 0;
    let mut words = 0;
    for (i, word) in split_keep_offsets(text) {
        let core = word.trim_end_matches(',');
        let first = core.chars().next()?;
        if !first.is_uppercase() || !core.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-')) {
            break;
        }
        if month_of(core).is_some() {
            break;
        }
        words += 1;
        end = i + core.len();
        if word.ends_with(',') || words >= 3 {
            break;
        }
    }
    (words > 0).then(|| (text[..end].to_string(), end))
}

fn split_keep_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// A dateline standing alone on a header line, with nothing after it:
/// `WASHINGTON, UNITED STATES`, or `Washington, DC` with a short state code.
pub fn parse_alone(line: &str) -> Option<Dateline> {
    let line = line.trim();
    let (city, used) = city_prefix(line)?;
    // Normal case only with a short state code: "Washington, DC", "Austin, TX".
    let short_code = line[used..]
        .trim()
        .strip_prefix(',')
        .map(str::trim)
        .is_some_and(|r| (2..=5).contains(&r.len()) && r.chars().all(|c| c.is_ascii_uppercase() || c == '.'));
    let caps = !city.chars().any(char::is_lowercase);
    if !(caps || short_code) || city.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let rest = line[used..].trim();
    let region = match rest.strip_prefix(',') {
        Some(r) => {
            let r = r.trim();
            (r.split_whitespace().count() <= 3 && r.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.'))
                .then(|| r.to_string())?
        }
        // Capitals alone are as often a headline ("GRAIN TALKS OPEN") or a section label.
        None => return None,
    };
    // State codes stay as written ("DC"); longer regions in capitals are put in normal case.
    let region = (!region.is_empty()).then(|| if region.len() <= 5 { region } else { normal_case(&region) });
    Some(Dateline { city, region, date: None, agency: None, text_start: line.len(), raw: line.to_string() })
}

/// Puts a city written in capitals into normal case: `NEW YORK` → `New York`,
/// `RIO DE JANEIRO` → `Rio de Janeiro`, `ST. LOUIS` → `St. Louis`.
pub fn normal_case(city: &str) -> String {
    if city.chars().any(char::is_lowercase) {
        return city.to_string();
    }
    city.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0
                && matches!(
                    lower.as_str(),
                    "de" | "da" | "du" | "des" | "es" | "la" | "le" | "of" | "au" | "on" | "upon" | "del"
                )
            {
                return lower;
            }
            capitalize_parts(&lower)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Capitalizes each part of a word split at `-`, `'` and `.`.
fn capitalize_parts(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = matches!(c, '-' | '\'' | '’' | '.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(line: &str, expected: &str) {
        let d = parse(line).map(|d| {
            let date = d.date.map(|p| format!("{:?}-{}-{}", p.year, p.month, p.day)).unwrap_or_default();
            format!(
                "city={} region={:?} date={} agency={:?} text={}",
                d.city,
                d.region,
                date,
                d.agency,
                &line[d.text_start..]
            )
        });
        assert_eq!(d.as_deref(), Some(expected), "line: {line}");
    }

    #[test]
    fn american_forces_press_service() {
        check(
            "WASHINGTON, Oct. 24, 2012 – Al-Qaida is",
            "city=WASHINGTON region=None date=Some(2012)-10-24 agency=None text=Al-Qaida is",
        );
    }

    #[test]
    fn reuters_city_then_month_day() {
        check(
            "SALVADOR, Feb 26 - Showers continued",
            "city=SALVADOR region=None date=None-2-26 agency=None text=Showers continued",
        );
        check(
            "NEW YORK, March 26 (Reuters) - Stocks",
            "city=NEW YORK region=None date=None-3-26 agency=Some(\"Reuters\") text=Stocks",
        );
        check(
            "PORTLAND, Ore., March 3 - Shares",
            "city=PORTLAND region=Some(\"Ore.\") date=None-3-3 agency=None text=Shares",
        );
    }

    #[test]
    fn wire_typos_in_the_dateline() {
        check(
            "OAKLAND , N.J., March 2 - Diagnostic",
            "city=OAKLAND region=Some(\"N.J.\") date=None-3-2 agency=None text=Diagnostic",
        );
        check(
            "JOHANNESBURG March 13 - Shr 516",
            "city=JOHANNESBURG region=None date=None-3-13 agency=None text=Shr 516",
        );
    }

    #[test]
    fn more_wire_typos() {
        check(
            "RICHMOND, Va. Feb 26 - Qtly div",
            "city=RICHMOND region=Some(\"Va.\") date=None-2-26 agency=None text=Qtly div",
        );
        check(
            "MILWAUKEE, Wis., March 2- Oper shr",
            "city=MILWAUKEE region=Some(\"Wis.\") date=None-3-2 agency=None text=Oper shr",
        );
    }

    #[test]
    fn associated_press() {
        check(
            "BAMAKO, Mali (AP) — Islamist",
            "city=BAMAKO region=Some(\"Mali\") date= agency=Some(\"AP\") text=Islamist",
        );
        check("KABUL (AP) -- Taliban", "city=KABUL region=None date= agency=Some(\"AP\") text=Taliban");
    }

    #[test]
    fn cities_with_particles_and_punctuation() {
        check(
            "ST. LOUIS, Sept. 5, 2012 - Text",
            "city=ST. LOUIS region=None date=Some(2012)-9-5 agency=None text=Text",
        );
        check(
            "N'DJAMENA, Chad, May 3 — Text",
            "city=N'DJAMENA region=Some(\"Chad\") date=None-5-3 agency=None text=Text",
        );
    }

    #[test]
    fn prose_is_not_a_dateline() {
        for line in [
            "The United States said - and",
            "U.S. - JAPAN TRADE TALKS",
            "Al-Qaida is establishing a presence in Mali",
            "Washington - the capital",
            "By Jim Garamone",
            "Countering al-Qaida in Mali Requires Regional Cooperation",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }

    #[test]
    fn cities_are_put_in_normal_case() {
        assert_eq!(normal_case("WASHINGTON"), "Washington");
        assert_eq!(normal_case("RIO DE JANEIRO"), "Rio de Janeiro");
        assert_eq!(normal_case("ST. LOUIS"), "St. Louis");
        assert_eq!(normal_case("N'DJAMENA"), "N'Djamena");
        assert_eq!(normal_case("Seoul"), "Seoul");
    }

    #[test]
    fn dates_in_several_orders() {
        assert_eq!(
            parse_date_prefix("24 October 2012 x").map(|d| d.0),
            Some(PartialDate { year: Some(2012), month: 10, day: 24 })
        );
        assert_eq!(
            parse_date_prefix("Sept. 5, 2012").map(|d| d.0),
            Some(PartialDate { year: Some(2012), month: 9, day: 5 })
        );
        assert_eq!(parse_date_prefix("Mayor said"), None);
    }
}
