//! Search index, second step: records → the index files of one Pagefind
//! bundle (its meta index, word index chunks, filter indexes and one
//! fragment per page), in the format Pagefind 1.6's browser side reads.
//!
//! Pagefind's own indexer does the same job, but for records it spends most
//! of its time outside the index: a thread hand-off and a linear search of
//! the pages so far for every record, a copy of every page's word lists,
//! each token stemmed anew, its JavaScript minified again for every bundle
//! and every file compressed at level 9. Measured on 1,000 generated
//! articles (README, "Measured here"), this writer is several times faster
//! for the same bytes before compression. `tests::same_index_as_pagefind`
//! builds both and compares every file.

use std::collections::{BTreeMap, BTreeSet};

use hashbrown::HashMap;
use minicbor::{Decode, Encode};
use serde::Serialize;
use sha1::{Digest, Sha1};

use super::gzip::Gzip;
use super::words::Words;

/// One page to index.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its URL, as the search results link to it.
    pub url: String,
    /// Its text: what is searched and what excerpts are cut from.
    pub content: String,
    /// Fields shown with a result (`title`, `date`); their words are searched too.
    pub meta: BTreeMap<String, String>,
    /// Filter name → the page's values.
    pub filters: BTreeMap<String, Vec<String>>,
    /// Sort name → the page's value (numbers when every page's is one, else text).
    pub sort: BTreeMap<String, String>,
}

/// The index files of a bundle, before the browser side's files are added.
pub struct Index {
    /// Path in the bundle's folder → bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// Name of the meta index (`en_1a2b3c4d5e`), which the entry file points to.
    pub meta_hash: String,
    /// Pages indexed (a record without a single word is left out, as Pagefind does).
    pub page_count: usize,
}

/// Weight of an ordinary word: Pagefind's weight 1.0, times its 24 steps a unit.
const WORD_WEIGHT: u8 = 24;
/// The weight Pagefind's location lists start from (see `packed_locations`).
const LIST_START_WEIGHT: u8 = 25;
/// Locations per word index chunk before a new chunk is started (Pagefind's default).
const CHUNK_LOCATIONS: usize = 20_000;
/// Every compressed file starts with this, so the browser side can tell
/// a file its server already decompressed.
const SIGNATURE: &[u8] = b"pagefind_dcd";

/// What the browser side expects of an index.
#[derive(Debug, Clone, Copy)]
pub struct Format<'a> {
    /// The pages' language (`en`), which names the files.
    pub language: &'a str,
    /// Pagefind's version, which the meta index carries.
    pub version: &'a str,
    /// Characters other than letters and digits that belong to a word (`_`).
    pub word_characters: &'a [char],
}

/// Builds the index of `records` in `format`, with the fragments of `group`
/// pages in each fragment file, compressing each file at gzip `level`.
pub fn build(records: &[Record], format: Format<'_>, group: usize, level: u32) -> Index {
    let Format { language, version, word_characters } = format;
    let mut words = Words::new(language, word_characters);
    let mut gzip = Gzip::new(level);
    let pages: Vec<Page> = records.iter().map(|r| Page::read(r, &mut words)).filter(|p| !p.body.is_empty()).collect();
    let meta_fields: Vec<String> =
        pages.iter().flat_map(|p| p.record.meta.keys().cloned()).collect::<BTreeSet<_>>().into_iter().collect();

    let mut site = SiteWords::default();
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    // Each kind of file names its own, as Pagefind does.
    let (mut fragment_names, mut filter_names, mut chunk_names) =
        (Names::new(language), Names::new(language), Names::new(language));
    let mut files = Vec::new();
    let mut meta_pages = Vec::with_capacity(pages.len());
    let mut fragments = Vec::with_capacity(pages.len());
    for (number, page) in pages.iter().enumerate() {
        page.add_to(&mut site, number, &meta_fields, &mut words);
        for (filter, values) in &page.record.filters {
            for value in values {
                filters.entry(filter).or_default().entry(value).or_default().push(number);
            }
        }
        let fragment = page.fragment_json();
        let hash = fragment_names.unique(&format!("{language}_{}", full_hash(fragment.as_bytes())));
        meta_pages.push(MetaPage { hash, word_count: page.word_count as u32, group_hash: String::new() });
        fragments.push(fragment);
    }
    if group <= 1 {
        for (page, fragment) in meta_pages.iter().zip(&fragments) {
            files.push((
                format!("fragment/{}.pf_fragment", page.hash),
                gzip.compress(&[SIGNATURE, fragment.as_bytes()]),
            ));
        }
    } else {
        let mut group_names = Names::new(&format!("{language}_group"));
        for (pages, fragments) in meta_pages.chunks_mut(group).zip(fragments.chunks(group)) {
            let json = group_json(pages, fragments);
            let hash = group_names.unique(&format!("{language}_group_{}", full_hash(json.as_bytes())));
            files.push((format!("fragment/{hash}.pf_fragment"), gzip.compress(&[SIGNATURE, json.as_bytes()])));
            for page in pages {
                page.group_hash = hash.clone();
            }
        }
    }

    let mut meta_filters = Vec::new();
    for (filter, values) in filters {
        let index = FilterIndex {
            filter: filter.to_string(),
            values: values.into_iter().map(|(value, pages)| PackedValue { value: value.to_string(), pages }).collect(),
        };
        let bytes = minicbor::to_vec(&index).expect("encoding into memory cannot fail");
        let hash = filter_names.unique(&format!("{language}_{}", full_hash(&bytes)));
        files.push((format!("filter/{hash}.pf_filter"), gzip.compress(&[SIGNATURE, &bytes])));
        meta_filters.push(MetaFilter { filter: filter.to_string(), hash });
    }

    let mut sorted: Vec<PackedWord> = site.words.into_values().collect();
    sorted.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    let chunks = chunk_words(sorted);
    let mut index_chunks = chunk_ranges(&chunks);
    for (chunk, meta) in chunks.into_iter().zip(&mut index_chunks) {
        let bytes =
            minicbor::to_vec(WordIndex { words: delta_pages(chunk) }).expect("encoding into memory cannot fail");
        meta.hash = chunk_names.unique(&format!("{language}_{}", full_hash(&bytes)));
        files.push((format!("index/{}.pf_index", meta.hash), gzip.compress(&[SIGNATURE, &bytes])));
    }

    let meta = MetaIndex {
        version: version.to_string(),
        pages: meta_pages,
        index_chunks,
        filters: meta_filters,
        sorts: sorts(&pages),
        meta_fields,
    };
    let bytes = minicbor::to_vec(&meta).expect("encoding into memory cannot fail");
    let meta_hash = format!("{language}_{}", &full_hash(&bytes)[..language.len() + 8]);
    files.push((format!("pagefind.{meta_hash}.pf_meta"), gzip.compress(&[SIGNATURE, &bytes])));
    Index { files, meta_hash, page_count: pages.len() }
}

/// A record read into words.
struct Page<'r> {
    record: &'r Record,
    /// Its text, one space between tokens.
    content: String,
    word_count: usize,
    /// Stem → where it occurs in the text.
    body: HashMap<String, Vec<Location>>,
}

/// Where a word occurs in the text.
struct Location {
    position: u32,
    weight: u8,
    /// Its form with diacritics, when that differs from the stem's.
    original: Option<String>,
}

/// Where a word occurs in a metadata field.
struct MetaLocation {
    field: u16,
    position: u32,
    original: Option<String>,
}

impl<'r> Page<'r> {
    fn read(record: &'r Record, words: &mut Words) -> Self {
        let mut content = String::with_capacity(record.content.len());
        let mut body: HashMap<String, Vec<Location>> = HashMap::new();
        let mut position: u32 = 0;
        for token in record.content.split_whitespace() {
            // Zero-width spaces mark segment boundaries in Pagefind's own text.
            let token: std::borrow::Cow<str> =
                if token.contains('\u{200B}') { token.replace('\u{200B}', "").into() } else { token.into() };
            if token.is_empty() {
                continue;
            }
            if !content.is_empty() {
                content.push(' ');
            }
            content.push_str(&token);
            let found = words.of(&token);
            let all = || found.words.iter().chain(&found.tails);
            let parts = all().filter(|w| w.compound_part).count();
            let part_weight = if parts > 0 { (WORD_WEIGHT / u8::try_from(parts).unwrap_or(u8::MAX)).max(1) } else { 0 };
            for word in all() {
                let weight = if word.compound_part { part_weight } else { WORD_WEIGHT };
                body.entry_ref(word.stem.as_str()).or_default().push(Location {
                    position,
                    weight,
                    original: word.original.clone(),
                });
            }
            position += 1;
        }
        Page { record, content, word_count: position.max(1) as usize, body }
    }

    /// Adds this page, number `number`, to the list of each of its words;
    /// pages come in order, so a page's entry is always a list's last.
    fn add_to(&self, site: &mut SiteWords, number: usize, meta_fields: &[String], words: &mut Words) {
        for (stem, locations) in &self.body {
            let mut plain = Vec::new();
            let mut variants: BTreeMap<&str, Vec<&Location>> = BTreeMap::new();
            for location in locations {
                match &location.original {
                    None => plain.push(location),
                    Some(form) => variants.entry(form).or_default().push(location),
                }
            }
            let packed = site.word(stem);
            if !plain.is_empty() {
                packed.pages.push(PackedPage { page_number: number, locs: packed_locations(plain), meta_locs: vec![] });
            }
            for (form, locations) in variants {
                let page = PackedPage { page_number: number, locs: packed_locations(locations), meta_locs: vec![] };
                site.variant(stem, form).pages.push(page);
            }
        }
        for (stem, locations) in self.meta_words(meta_fields, words) {
            let mut plain = Vec::new();
            let mut variants: BTreeMap<String, Vec<MetaLocation>> = BTreeMap::new();
            for location in locations {
                match location.original.clone() {
                    None => plain.push(location),
                    Some(form) => variants.entry(form).or_default().push(location),
                }
            }
            let packed = site.word(&stem);
            if !plain.is_empty() {
                set_meta_locations(&mut packed.pages, number, meta_locations(plain));
            }
            for (form, locations) in variants {
                set_meta_locations(&mut site.variant(&stem, &form).pages, number, meta_locations(locations));
            }
        }
    }

    /// Stem → where it occurs in the metadata; fields are numbered in
    /// `meta_fields`, the sorted names of every page's fields.
    fn meta_words(&self, meta_fields: &[String], words: &mut Words) -> HashMap<String, Vec<MetaLocation>> {
        let mut map: HashMap<String, Vec<MetaLocation>> = HashMap::new();
        for (name, value) in &self.record.meta {
            let field = meta_fields.iter().position(|f| f == name).expect("every field is listed") as u16;
            for (position, token) in value.split_whitespace().enumerate() {
                for word in &words.of(token).words {
                    map.entry_ref(word.stem.as_str()).or_default().push(MetaLocation {
                        field,
                        position: position as u32,
                        original: word.original.clone(),
                    });
                }
            }
        }
        map
    }

    /// The fragment the browser loads to show this page as a result.
    fn fragment_json(&self) -> String {
        #[derive(Serialize)]
        struct Fragment<'a> {
            url: &'a str,
            content: &'a str,
            word_count: usize,
            filters: &'a BTreeMap<String, Vec<String>>,
            meta: &'a BTreeMap<String, String>,
            anchors: [(); 0],
        }
        serde_json::to_string(&Fragment {
            url: &self.record.url,
            content: &self.content,
            word_count: self.word_count,
            filters: &self.record.filters,
            meta: &self.record.meta,
            anchors: [],
        })
        .expect("a fragment is plain data")
    }
}

/// Every word of the site so far, and where each spelling of a word sits
/// among its variants, so a word of many spellings costs no search.
#[derive(Default)]
struct SiteWords {
    words: HashMap<String, PackedWord>,
    /// Stem → spelling → its place in the word's `additional_variants`.
    variant_slots: HashMap<String, HashMap<String, usize>>,
}

impl SiteWords {
    fn word(&mut self, stem: &str) -> &mut PackedWord {
        self.words.entry_ref(stem).or_insert_with(|| PackedWord::new(stem))
    }

    /// The variant of `stem` spelled `form`, added (without pages) if new.
    fn variant(&mut self, stem: &str, form: &str) -> &mut PackedVariant {
        let packed = self.words.entry_ref(stem).or_insert_with(|| PackedWord::new(stem));
        let slots = self.variant_slots.entry_ref(stem).or_default();
        let at = *slots.entry_ref(form).or_insert_with(|| {
            packed.additional_variants.push(PackedVariant { form: form.to_string(), pages: Vec::new() });
            packed.additional_variants.len() - 1
        });
        &mut packed.additional_variants[at]
    }
}

/// The locations of a word on a page: ordinary weight first, each run by
/// position, positions as deltas and a change of weight `w` as `-(w + 1)`
/// followed by an absolute position.
fn packed_locations(mut locations: Vec<&Location>) -> Vec<i32> {
    locations.sort_by_key(|l| (if l.weight == LIST_START_WEIGHT { 0 } else { l.weight }, l.position));
    let mut out = Vec::with_capacity(locations.len() + 2);
    let (mut weight, mut last) = (LIST_START_WEIGHT, 0);
    for l in locations {
        if l.weight != weight {
            out.push(-i32::from(l.weight) - 1);
            out.push(l.position as i32);
            weight = l.weight;
        } else {
            out.push((l.position - last) as i32);
        }
        last = l.position;
    }
    out
}

/// The metadata locations of a word on a page: a field `f` as `-(f + 1)`,
/// then its positions as deltas.
fn meta_locations(mut locations: Vec<MetaLocation>) -> Vec<i32> {
    locations.sort_by_key(|l| (l.field, l.position));
    let mut out = Vec::with_capacity(locations.len() + 2);
    let (mut field, mut last) = (None, 0);
    for l in locations {
        if Some(l.field) != field {
            out.push(-i32::from(l.field) - 1);
            field = Some(l.field);
            last = 0;
        }
        out.push((l.position - last) as i32);
        last = l.position;
    }
    out
}

/// Sets page `number`'s metadata locations in a list, where its entry
/// would be the last.
fn set_meta_locations(pages: &mut Vec<PackedPage>, number: usize, meta_locs: Vec<i32>) {
    match pages.last_mut().filter(|p| p.page_number == number) {
        Some(page) => page.meta_locs = meta_locs,
        None => pages.push(PackedPage { page_number: number, locs: vec![], meta_locs }),
    }
}

/// Sorted words cut into chunks of about `CHUNK_LOCATIONS` locations.
fn chunk_words(words: Vec<PackedWord>) -> Vec<Vec<PackedWord>> {
    let mut chunks = Vec::new();
    let (mut chunk, mut size) = (Vec::new(), 0);
    for word in words {
        size += word
            .pages
            .iter()
            .chain(word.additional_variants.iter().flat_map(|v| &v.pages))
            .map(|p| p.locs.len() + p.meta_locs.len() + 1)
            .sum::<usize>()
            + word.additional_variants.len();
        chunk.push(word);
        if size >= CHUNK_LOCATIONS {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

/// The word range of each chunk, cut to the shortest prefixes that still
/// tell neighbours apart, so a query's prefix finds its chunk.
fn chunk_ranges(chunks: &[Vec<PackedWord>]) -> Vec<MetaChunk> {
    let mut ranges: Vec<MetaChunk> = chunks
        .iter()
        .map(|c| MetaChunk {
            from: c.first().map(|w| w.word.clone()).unwrap_or_default(),
            to: c.last().map(|w| w.word.clone()).unwrap_or_default(),
            hash: String::new(),
        })
        .collect();
    for i in 1..ranges.len() {
        let (to, from) = distinct_prefixes(&ranges[i - 1].to, &ranges[i].from);
        // Cut `to` only where it stays at or after the chunk's `from`.
        if to >= ranges[i - 1].from {
            ranges[i - 1].to = to;
        }
        ranges[i].from = from;
    }
    ranges
}

fn distinct_prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (a.chars().take(common + 1).collect(), b.chars().take(common + 1).collect())
}

/// Page numbers as the difference from the page before, which compresses better.
fn delta_pages(mut chunk: Vec<PackedWord>) -> Vec<PackedWord> {
    fn delta(pages: &mut [PackedPage]) {
        let mut last = 0;
        for page in pages {
            let number = page.page_number;
            page.page_number = number - last;
            last = number;
        }
    }
    for word in &mut chunk {
        delta(&mut word.pages);
        for variant in &mut word.additional_variants {
            delta(&mut variant.pages);
        }
    }
    chunk
}

/// The page numbers in the order of each sort; by number when every
/// page's value is one, else as text (a stable sort: ties keep page order).
fn sorts(pages: &[Page]) -> Vec<MetaSort> {
    let keys: BTreeSet<&String> = pages.iter().flat_map(|p| p.record.sort.keys()).collect();
    keys.into_iter()
        .map(|key| {
            let mut values: Vec<(&str, usize)> =
                pages.iter().enumerate().filter_map(|(n, p)| p.record.sort.get(key).map(|v| (v.as_str(), n))).collect();
            let number = |v: &str| v.parse::<i32>().map(|i| i as f32).or_else(|_| v.parse::<f32>()).ok();
            if values.iter().all(|(v, _)| number(v).is_some()) {
                values.sort_by(|a, b| number(a.0).unwrap_or_default().total_cmp(&number(b.0).unwrap_or_default()));
            } else {
                values.sort_by_key(|(v, _)| *v);
            }
            MetaSort { sort: key.clone(), pages: values.into_iter().map(|(_, n)| n).collect() }
        })
        .collect()
}

/// A fragment file of several pages: an object from each page's fragment
/// name to its fragment, as Pagefind's browser side reads a group.
fn group_json(pages: &[MetaPage], fragments: &[String]) -> String {
    let group: BTreeMap<&str, serde_json::Value> = pages
        .iter()
        .zip(fragments)
        .map(|(page, json)| (page.hash.as_str(), serde_json::from_str(json).expect("a fragment is JSON")))
        .collect();
    serde_json::to_string(&group).expect("a group is plain data")
}

/// Short file names from full hashes (`en_` and the hex digest): the
/// language and seven hex digits, one more digit while a name is taken.
struct Names {
    taken: BTreeSet<String>,
    /// Length of `en_` and seven digits.
    short: usize,
}

impl Names {
    fn new(language: &str) -> Self {
        Names { taken: BTreeSet::new(), short: language.len() + 8 }
    }

    fn unique(&mut self, full: &str) -> String {
        let mut len = self.short.min(full.len());
        while self.taken.contains(&full[..len]) && len < full.len() {
            len += 1;
        }
        self.taken.insert(full[..len].to_string());
        full[..len].to_string()
    }
}

/// Hex SHA-1 of `bytes`, each byte without a leading zero (as Pagefind names files).
fn full_hash(bytes: &[u8]) -> String {
    Sha1::digest(bytes).iter().map(|b| format!("{b:x}")).collect()
}

impl PackedWord {
    fn new(word: &str) -> Self {
        PackedWord { word: word.to_string(), pages: Vec::new(), additional_variants: Vec::new() }
    }
}

// The file formats, field by field as Pagefind 1.6 defines them (CBOR arrays).

/// `pagefind.<hash>.pf_meta`: what the browser loads first.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct MetaIndex {
    #[n(0)]
    pub version: String,
    #[n(1)]
    pub pages: Vec<MetaPage>,
    #[n(2)]
    pub index_chunks: Vec<MetaChunk>,
    #[n(3)]
    pub filters: Vec<MetaFilter>,
    #[n(4)]
    pub sorts: Vec<MetaSort>,
    #[n(5)]
    pub meta_fields: Vec<String>,
}

/// A page: its fragment's name and its word count.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct MetaPage {
    #[n(0)]
    pub hash: String,
    #[n(1)]
    pub word_count: u32,
    #[n(2)]
    pub group_hash: String,
}

/// A word index chunk: the words it holds, from and to.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct MetaChunk {
    #[n(0)]
    pub from: String,
    #[n(1)]
    pub to: String,
    #[n(2)]
    pub hash: String,
}

/// A filter and its index file.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct MetaFilter {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub hash: String,
}

/// The page numbers in a sort's order.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct MetaSort {
    #[n(0)]
    pub sort: String,
    #[n(1)]
    pub pages: Vec<usize>,
}

/// `index/<hash>.pf_index`: a range of words and where each occurs.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct WordIndex {
    #[n(0)]
    pub words: Vec<PackedWord>,
}

/// A word and its pages.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct PackedWord {
    #[n(0)]
    pub word: String,
    #[n(1)]
    pub pages: Vec<PackedPage>,
    #[n(2)]
    pub additional_variants: Vec<PackedVariant>,
}

/// A form of a word with diacritics and its pages.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct PackedVariant {
    #[n(0)]
    pub form: String,
    #[n(1)]
    pub pages: Vec<PackedPage>,
}

/// A page's locations of a word, in its text and in its metadata.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct PackedPage {
    #[n(0)]
    pub page_number: usize,
    #[n(1)]
    pub locs: Vec<i32>,
    #[n(2)]
    pub meta_locs: Vec<i32>,
}

/// `filter/<hash>.pf_filter`: a filter's values and their pages.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct FilterIndex {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub values: Vec<PackedValue>,
}

/// A filter value and its pages.
#[derive(Encode, Decode, Debug, PartialEq)]
pub(super) struct PackedValue {
    #[n(0)]
    pub value: String,
    #[n(1)]
    pub pages: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read;

    use super::*;

    /// Pagefind 1.6's, as its entry file says (`pagefind_files`).
    const FORMAT: Format<'static> = Format {
        language: "en",
        version: "1.6.0",
        word_characters: &['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'],
    };

    fn record(n: usize, content: &str) -> Record {
        let mut meta =
            BTreeMap::from([("title".to_string(), format!("Story {n}: {}", &content[..content.len().min(30)]))]);
        if n.is_multiple_of(3) {
            meta.insert("dateline".to_string(), "SÃO PAULO, Brazil".to_string());
        }
        let mut filters = BTreeMap::from([("year".to_string(), vec![(2000 + n % 4).to_string()])]);
        if n.is_multiple_of(2) {
            filters.insert("person".to_string(), vec!["Bashar al-Assad".to_string(), format!("Person {}", n % 5)]);
        }
        let sort = BTreeMap::from([("date".to_string(), format!("20{:02}-01-0{}T00:00:00Z", n % 30, 1 + n % 9))]);
        Record { url: format!("/{n}/"), content: content.to_string(), meta, filters, sort }
    }

    /// Texts with what the word rules treat specially, the demo archive's
    /// files as they are (front matter, Markdown, quotes, dates), and enough
    /// generated text to cut the words into several chunks.
    fn records() -> Vec<Record> {
        let mut texts: Vec<String> = vec![
            "Café owners in Zürich met the U.S. envoy; al-Assad's COVID-19 e-mail (iPhone) reached sysconfig.is_python_build."
                .into(),
            "バンド and ハンド are different words; naïve coöperation résumé ÉLAN Straße".into(),
            "— … \u{200B} ---".into(),
            "".into(),
            "repeated repeated repeated words words, the the THE".into(),
        ];
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut files: Vec<_> = walkdir::WalkDir::new(demo).into_iter().filter_map(Result::ok).collect();
        files.sort_by(|a, b| a.path().cmp(b.path()));
        for file in files.iter().filter(|f| f.path().extension().is_some_and(|e| e == "md")) {
            texts.push(std::fs::read_to_string(file.path()).expect("a demo article"));
        }
        let vocabulary = ["minister", "ministers", "election", "elected", "talks", "oil", "price", "Geneva", "naïve"];
        for n in 0..400 {
            let text: Vec<&str> = (0..60).map(|i| vocabulary[(n * 7 + i * i) % vocabulary.len()]).collect();
            texts.push(text.join(" "));
        }
        texts.iter().enumerate().map(|(n, t)| record(n, t)).collect()
    }

    /// Pagefind's own files for `records`, at most `max_fragments` fragment files.
    fn pagefind_files(records: &[Record], language: &str, max_fragments: Option<u32>) -> BTreeMap<String, Vec<u8>> {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let files = runtime.block_on(async {
            let options = match max_fragments {
                Some(m) => pagefind::options::PagefindServiceConfig::builder()
                    .force_language(language.into())
                    .max_fragments(m)
                    .build(),
                None => pagefind::options::PagefindServiceConfig::builder().force_language(language.into()).build(),
            };
            let mut index = pagefind::api::PagefindIndex::new(Some(options)).unwrap();
            for r in records {
                let (meta, filters, sort) = (r.meta.clone(), r.filters.clone(), r.sort.clone());
                index
                    .add_custom_record(
                        r.url.clone(),
                        r.content.clone(),
                        language.into(),
                        Some(meta),
                        Some(filters),
                        Some(sort),
                    )
                    .await
                    .unwrap();
            }
            index.get_files().await.unwrap()
        });
        files.into_iter().map(|f| (f.filename.to_string_lossy().into_owned(), f.contents)).collect()
    }

    fn unpacked(name: &str, bytes: &[u8]) -> Vec<u8> {
        if !name.contains(".pf_") {
            return bytes.to_vec();
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("a gzip file");
        out
    }

    #[test]
    fn same_index_as_pagefind() {
        let records = records();
        same_as_pagefind(&records, pagefind_files(&records, "en", None), build(&records, FORMAT, 1, 6));
    }

    #[test]
    fn same_fragment_groups_as_pagefind() {
        let records = records();
        // Pagefind takes a number of files and groups ceil(pages / files) pages a file.
        let pages = records.len() - 2;
        let group = pages.div_ceil(100);
        let index = build(&records, FORMAT, group, 6);
        let groups = index.files.iter().filter(|(n, _)| n.starts_with("fragment/en_group_")).count();
        assert_eq!(groups, pages.div_ceil(group));
        same_as_pagefind(&records, pagefind_files(&records, "en", Some(100)), index);
    }

    fn same_as_pagefind(records: &[Record], theirs: BTreeMap<String, Vec<u8>>, index: Index) {
        assert!(index.files.iter().filter(|(n, _)| n.starts_with("index/")).count() > 1, "several word chunks");
        assert_eq!(index.page_count, records.len() - 2, "the two records without a word are left out");
        let entry: serde_json::Value = serde_json::from_slice(&theirs["pagefind-entry.json"]).unwrap();
        assert_eq!(entry["version"], FORMAT.version, "a new Pagefind: check its format against bundle.rs");
        let characters: Vec<char> = serde_json::from_value(entry["include_characters"].clone()).unwrap();
        assert_eq!(characters, FORMAT.word_characters);
        let ours: BTreeMap<&str, Vec<u8>> = index.files.iter().map(|(n, b)| (n.as_str(), unpacked(n, b))).collect();
        let theirs: BTreeMap<&str, Vec<u8>> =
            theirs.iter().filter(|(n, _)| n.contains(".pf_")).map(|(n, b)| (n.as_str(), unpacked(n, b))).collect();
        for kind in ["fragment/", "filter/", "index/", "pagefind."] {
            fn names<'a>(files: &BTreeMap<&'a str, Vec<u8>>, kind: &str) -> Vec<(&'a str, Vec<u8>)> {
                files.iter().filter(|(n, _)| n.starts_with(kind)).map(|(n, b)| (*n, b.clone())).collect()
            }
            let (ours, theirs) = (names(&ours, kind), names(&theirs, kind));
            assert_eq!(ours.len(), theirs.len(), "{kind} files");
            for ((name, bytes), (their_name, their_bytes)) in ours.iter().zip(&theirs) {
                if bytes != their_bytes {
                    let (a, b) = (String::from_utf8_lossy(bytes), String::from_utf8_lossy(their_bytes));
                    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
                    let show = |t: &str| t.chars().skip(at.saturating_sub(80)).take(200).collect::<String>();
                    panic!("{name} differs from Pagefind's {their_name}:\nours:   {}\ntheirs: {}", show(&a), show(&b));
                }
                assert_eq!(name, their_name);
            }
        }
        assert_eq!(entry["languages"]["en"]["hash"], index.meta_hash.as_str());
    }

    #[test]
    fn a_word_is_found_on_its_pages() {
        let records = vec![record(0, "Oil prices rose"), record(1, "The minister spoke"), record(2, "oil talks")];
        let index = build(&records, FORMAT, 1, 6);
        let (_, chunk) = index.files.iter().find(|(n, _)| n.starts_with("index/")).unwrap();
        let bytes = unpacked("x.pf_index", chunk);
        let words: WordIndex = minicbor::decode(&bytes[SIGNATURE.len()..]).unwrap();
        let oil = words.words.iter().find(|w| w.word == "oil").expect("oil is indexed");
        // Pages 0 and 2, the second as a difference from the first.
        assert_eq!(oil.pages.iter().map(|p| p.page_number).collect::<Vec<_>>(), [0, 2]);
        assert!(words.words.iter().any(|w| w.word == "price"), "stemmed: {:?}", words.words);
    }
}
