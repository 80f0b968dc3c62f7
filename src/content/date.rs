//! `PubDate`: an article's publication date as its front matter gives it,
//! either a calendar day or an RFC 3339 date-time with its offset.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// When an article was published. A bare day sorts and feeds as midnight UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PubDate {
    /// The calendar day, in the article's own time zone: what year and month
    /// archives file it under.
    pub date: Date,
    /// The time of day and UTC offset, when the front matter gave them.
    pub time: Option<(Time, Offset)>,
}

/// Why a `date` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(String);

impl PubDate {
    /// Parses `2012-10-24`, `2012-10-24T09:30:00+09:00`, `2012-10-24T09:30:00Z`
    /// or `2012-10-24 09:30` (read as UTC).
    pub fn parse(text: &str) -> Result<PubDate, DateError> {
        let text = text.trim();
        let bad = || DateError(format!("{text:?} is not a date"));
        let (day, rest) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        let mut parts = day.splitn(3, '-');
        let year = number(parts.next(), 4, 4).ok_or_else(bad)?;
        let month = number(parts.next(), 1, 2).ok_or_else(bad)?;
        let dom = number(parts.next(), 1, 2).ok_or_else(bad)?;
        let date = Date::new(year as i16, month as i8, dom as i8)
            .map_err(|_| DateError(format!("{text:?} is not a day of the calendar")))?;
        if year == 0 {
            return Err(DateError(format!("{text:?} has year 0")));
        }
        let Some(rest) = rest.map(str::trim).filter(|r| !r.is_empty()) else {
            return Ok(PubDate { date, time: None });
        };
        let (clock, offset) = split_offset(rest).ok_or_else(bad)?;
        let mut hms = clock.splitn(3, ':');
        let hour = number(hms.next(), 2, 2).ok_or_else(bad)?;
        let minute = number(hms.next(), 2, 2).ok_or_else(bad)?;
        let second = match hms.next() {
            Some(s) => number(Some(s.split('.').next().unwrap_or(s)), 2, 2).ok_or_else(bad)?,
            None => 0,
        };
        let time = Time::new(hour as i8, minute as i8, second.min(59) as i8, 0).map_err(|_| bad())?;
        Ok(PubDate { date, time: Some((time, offset)) })
    }

    /// Seconds since the Unix epoch, for ordering articles.
    pub fn sort_key(&self) -> i64 {
        let (time, offset) = self.time.unwrap_or((Time::midnight(), Offset::UTC));
        let local = DateTime::from_parts(self.date, time);
        offset.to_timestamp(local).map(|t| t.as_second()).unwrap_or(0)
    }

    /// RFC 3339, as Atom feeds and sitemaps want it.
    pub fn rfc3339(&self) -> String {
        match self.time {
            None => format!("{}T00:00:00Z", self.date),
            Some((time, offset)) => {
                let clock = time.strftime("%H:%M:%S");
                if offset == Offset::UTC {
                    format!("{}T{clock}Z", self.date)
                } else {
                    let secs = offset.seconds();
                    let sign = if secs < 0 { '-' } else { '+' };
                    let secs = secs.unsigned_abs();
                    format!("{}T{clock}{sign}{:02}:{:02}", self.date, secs / 3600, secs % 3600 / 60)
                }
            }
        }
    }

    /// The year, for calendar pages.
    pub fn year(&self) -> i16 {
        self.date.year()
    }

    /// The month (1–12), for calendar pages.
    pub fn month(&self) -> i8 {
        self.date.month()
    }
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339_or_day())
    }
}

impl PubDate {
    /// `2012-10-24` for a bare day, the full RFC 3339 form otherwise.
    pub fn rfc3339_or_day(&self) -> String {
        match self.time {
            None => self.date.to_string(),
            Some(_) => self.rfc3339(),
        }
    }
}

fn number(part: Option<&str>, min_len: usize, max_len: usize) -> Option<u32> {
    let part = part?;
    if part.len() < min_len || part.len() > max_len || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// Splits `09:30:00+09:00` into the clock and its offset (UTC when absent or `Z`).
fn split_offset(rest: &str) -> Option<(&str, Offset)> {
    if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        return Some((clock, Offset::UTC));
    }
    let Some(i) = rest.rfind(['+', '-']) else {
        return Some((rest, Offset::UTC));
    };
    let (clock, off) = rest.split_at(i);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let off = &off[1..];
    let (h, m) = off.split_once(':').unwrap_or((off.get(..2)?, off.get(2..).unwrap_or("00")));
    let h = number(Some(h), 2, 2)? as i32;
    let m = number(Some(m), 2, 2)? as i32;
    if h > 23 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok().map(|o| (clock.trim(), o))
}

/// The folder of a month, `2012/03`: the layout of `content/` and of the
/// site's month pages alike.
pub fn month_dir(year: i16, month: i8) -> String {
    format!("{year:04}/{month:02}")
}

/// The months' English names, January first: the one table of them.
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month `m` (1–12).
pub fn month_name(m: i8) -> &'static str {
    MONTH_NAMES[(m.clamp(1, 12) - 1) as usize]
}

/// The month a word names, in any case, in full or abbreviated (`Oct.`,
/// `October`, `SEPT`, `Sep`).
pub fn month_of(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    // The names are ASCII: compared without allocating (ingest asks per word).
    let found = MONTH_NAMES.iter().position(|m| {
        m.eq_ignore_ascii_case(w)
            || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w))
            || (*m == "September" && w.eq_ignore_ascii_case("sept"))
    });
    found.map(|i| i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_name(10), "October");
        for (word, m) in [("Oct.", 10), ("OCTOBER", 10), ("sept", 9), ("Sep", 9), ("may", 5), ("Dec", 12)] {
            assert_eq!(month_of(word), Some(m), "{word}");
        }
        assert_eq!(month_of("Ma"), None);
        assert_eq!(month_of("Mayor"), None);
    }

    #[test]
    fn bare_days() {
        let d = PubDate::parse("2012-10-24").unwrap();
        assert_eq!((d.year(), d.month()), (2012, 10));
        assert_eq!(d.rfc3339(), "2012-10-24T00:00:00Z");
        assert_eq!(d.to_string(), "2012-10-24");
    }

    #[test]
    fn date_times_keep_their_offset() {
        let d = PubDate::parse("2012-10-24T09:30:00+09:00").unwrap();
        assert_eq!(d.rfc3339(), "2012-10-24T09:30:00+09:00");
        assert_eq!(d.sort_key(), PubDate::parse("2012-10-24T00:30:00Z").unwrap().sort_key());
        assert_eq!(PubDate::parse("2012-10-24 09:30").unwrap().rfc3339(), "2012-10-24T09:30:00Z");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in ["0000-00-00", "2012-02-30", "99999-01-01", "Oct 24", "", "2012-10-24T25:00:00Z", "2012-1x-01"] {
            assert!(PubDate::parse(bad).is_err(), "{bad}");
        }
    }
}
