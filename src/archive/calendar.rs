//! Year and month buckets of the archive, for the calendar pages (`/2012/`,
//! `/2012/10/`).

use std::collections::BTreeMap;

/// Articles grouped by year and month. Ids are newest first within a month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// year → month (1–12) → articles.
    pub years: BTreeMap<i16, BTreeMap<i8, Vec<usize>>>,
}

impl Calendar {
    /// Buckets articles given as (id, year, month), ids ascending (newest first).
    pub fn build(dates: impl IntoIterator<Item = (usize, i16, i8)>) -> Calendar {
        let mut years: BTreeMap<i16, BTreeMap<i8, Vec<usize>>> = BTreeMap::new();
        for (id, year, month) in dates {
            years.entry(year).or_default().entry(month).or_default().push(id);
        }
        Calendar { years }
    }

    /// Articles of a month, newest first.
    pub fn month(&self, year: i16, month: i8) -> &[usize] {
        self.years.get(&year).and_then(|m| m.get(&month)).map_or(&[], Vec::as_slice)
    }
}
