//! The template filters dateline adds to Tera's built-in ones.
//!
//! Tera 2 has no `date` filter of its own (tera-contrib's pulls in a second
//! jiff and ICU), so this is ours, on jiff.

use tera::{Kwargs, State, TeraResult};

use crate::content::PubDate;

/// The format `date` uses when none is given: `October 24, 2012`.
pub const DEFAULT_DATE_FORMAT: &str = "%B %-d, %Y";

/// Registers every dateline filter on `tera`.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("date", date);
    tera.register_filter("thousands", thousands);
    tera.register_filter("json", json);
}

/// `{{ value | json }}`: the value as a JSON literal, safe inside a
/// `<script>` (no `<` can close it), with object keys sorted: Tera's maps
/// have no fixed order, and the same site must give the same bytes.
fn json(value: tera::Value, _: Kwargs, _: &State) -> TeraResult<tera::Value> {
    let error = |e: serde_json::Error| tera::Error::message(format!("json: {e}"));
    let text = serde_json::to_string(&sort_keys(serde_json::to_value(&value).map_err(error)?)).map_err(error)?;
    Ok(tera::Value::safe_string(&text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")))
}

/// `value` with the keys of every object in it in sorted order.
fn sort_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sort_keys(v))).collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

/// `{{ article.date | date(format="%b %-d, %Y") }}`: formats an ISO date or
/// RFC 3339 date-time with strftime directives.
fn date(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let format = kwargs.get::<&str>("format")?.unwrap_or(DEFAULT_DATE_FORMAT);
    let parsed = PubDate::parse(value)
        .map_err(|e| tera::Error::message(format!("the `date` filter needs a date such as 2012-10-24: {e}")))?;
    let when = match parsed.time {
        Some((time, _)) => parsed.date.to_datetime(time),
        None => parsed.date.to_datetime(jiff::civil::Time::midnight()),
    };
    jiff::fmt::strtime::format(format, when)
        .map_err(|e| tera::Error::message(format!("bad `format` for the `date` filter: {e}")))
}

/// `{{ 12345 | thousands }}` → `12,345`.
fn thousands(value: i64, _: Kwargs, _: &State) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> String {
        let mut tera = tera::Tera::new();
        register(&mut tera);
        tera.add_raw_template("t", template).unwrap();
        tera.render("t", &tera::Context::new()).unwrap()
    }

    #[test]
    fn formats_dates() {
        assert_eq!(render(r#"{{ "2012-10-24" | date }}"#), "October 24, 2012");
        assert_eq!(render(r#"{{ "2012-10-24T09:30:00+09:00" | date(format="%Y-%m-%d %H:%M") }}"#), "2012-10-24 09:30");
    }

    #[test]
    fn json_objects_come_out_with_sorted_keys() {
        for _ in 0..5 {
            assert_eq!(render(r#"{{ {"b": 1, "a": {"d": 2, "c": 3} } | json }}"#), r#"{"a":{"c":3,"d":2},"b":1}"#);
        }
    }

    #[test]
    fn json_is_safe_in_scripts() {
        assert_eq!(render(r#"{{ "/a</script>&b" | json }}"#), r#""/a\u003c/script\u003e\u0026b""#);
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(
            render("{{ 1234567 | thousands }} {{ 12 | thousands }} {{ -1000 | thousands }}"),
            "1,234,567 12 -1,000"
        );
    }
}
