//! Search index, the browser side: Pagefind's JavaScript and WebAssembly,
//! which the Pagefind crate embeds. They are taken from a one-record bundle
//! Pagefind builds, once per process and language, so they always belong
//! to the Pagefind version whose format `bundle` writes.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::SearchError;
use super::bundle::{Format, Index};

/// Pagefind's files for the browser in one language.
pub struct Engine {
    /// Pagefind's version, which the index files carry.
    pub version: String,
    /// The language as the index names it (`en`).
    language: String,
    /// Which WebAssembly build stems queries (`en`), `None` for none.
    wasm: Option<String>,
    /// Characters besides letters and digits that belong to a word.
    word_characters: Vec<char>,
    /// `pagefind.js`, its worker and the WebAssembly files.
    pub files: Vec<(String, Vec<u8>)>,
}

/// A language tag as the index's file names can carry it (`en`, `pt-BR`);
/// `Config` refuses others with their line, this guards the library's callers.
fn check_language(language: &str) -> Result<(), SearchError> {
    if crate::config::is_language_tag(language) {
        Ok(())
    } else {
        Err(SearchError(format!(
            "the site's `language` ({language:?}) is not a language tag: set it to a code such as en, fr or pt-BR \
             (letters, digits and '-', at most {} characters) in dateline.yaml",
            crate::config::MAX_LANGUAGE_TAG
        )))
    }
}

/// Files of Pagefind's bundle that are neither the index nor unused:
/// the search page loads `pagefind.js`, which loads the rest.
fn is_engine_file(name: &str) -> bool {
    matches!(name, "pagefind.js" | "pagefind-worker.js") || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
}

/// `pagefind-entry.json`: the first file the browser reads.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: String,
    languages: std::collections::BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

/// A language's index, and the WebAssembly build that searches it.
#[derive(Serialize, Deserialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

static ENGINES: Mutex<Vec<Arc<Engine>>> = Mutex::new(Vec::new());

impl Engine {
    /// The browser's files for `language`, made on first use.
    pub fn for_language(language: &str) -> Result<Arc<Engine>, SearchError> {
        let known = || {
            let engines = ENGINES.lock().unwrap_or_else(|e| e.into_inner());
            engines.iter().find(|e| e.language == language).cloned()
        };
        if let Some(engine) = known() {
            return Ok(engine);
        }
        check_language(language)?;
        // Made without holding the lock: Pagefind runs rayon inside, whose
        // threads may be this build's other shards, waiting for the lock.
        // Shards that start at once may each make one; the first is kept.
        let engine = Arc::new(Engine::from_pagefind(language)?);
        let mut engines = ENGINES.lock().unwrap_or_else(|e| e.into_inner());
        match engines.iter().find(|e| e.language == language) {
            Some(first) => Ok(Arc::clone(first)),
            None => {
                engines.push(Arc::clone(&engine));
                Ok(engine)
            }
        }
    }

    fn from_pagefind(language: &str) -> Result<Engine, SearchError> {
        let fail = |e: &dyn std::fmt::Display| SearchError(format!("Pagefind's browser files: {e}"));
        let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| fail(&e))?;
        let files = runtime.block_on(async {
            let options = pagefind::options::PagefindServiceConfig::builder().force_language(language.into()).build();
            let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| fail(&e))?;
            index
                .add_custom_record("/".into(), "dateline".into(), language.into(), None, None, None)
                .await
                .map_err(|e| fail(&e))?;
            index.get_files().await.map_err(|e| fail(&e))
        })?;
        let mut engine = Engine {
            version: String::new(),
            language: language.to_string(),
            wasm: None,
            word_characters: Vec::new(),
            files: Vec::new(),
        };
        for file in files {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            if name == "pagefind-entry.json" {
                let entry: Entry = serde_json::from_slice(&file.contents).map_err(|e| fail(&e))?;
                engine.wasm = entry.languages.get(language).and_then(|l| l.wasm.clone());
                engine.version = entry.version;
                engine.word_characters = entry.include_characters;
            } else if is_engine_file(&name) {
                engine.files.push((name, file.contents));
            }
        }
        if engine.version.is_empty() {
            return Err(fail(&"Pagefind wrote no pagefind-entry.json"));
        }
        // The browser loads `wasm.unknown.pagefind` only for a language
        // without a build of its own (55 KB a shard otherwise never read).
        if engine.wasm.is_some() {
            engine.files.retain(|(name, _)| name != "wasm.unknown.pagefind");
        }
        engine.files.sort();
        Ok(engine)
    }

    /// What the index must be like for these files to read it.
    pub fn format(&self) -> Format<'_> {
        Format { language: &self.language, version: &self.version, word_characters: &self.word_characters }
    }

    /// `pagefind-entry.json` for `index`.
    pub fn entry(&self, index: &Index) -> Vec<u8> {
        let language =
            EntryLanguage { hash: index.meta_hash.clone(), wasm: self.wasm.clone(), page_count: index.page_count };
        let entry = Entry {
            version: self.version.clone(),
            languages: [(self.language.clone(), language)].into(),
            include_characters: self.word_characters.clone(),
        };
        serde_json::to_vec(&entry).expect("an entry is plain data")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_with_a_stemmer_gets_only_its_own_webassembly() {
        let names = |language: &str| -> Vec<String> {
            Engine::for_language(language).unwrap().files.iter().map(|(n, _)| n.clone()).collect()
        };
        assert_eq!(names("en"), ["pagefind-worker.js", "pagefind.js", "wasm.en.pagefind"]);
        assert_eq!(names("xx"), ["pagefind-worker.js", "pagefind.js", "wasm.unknown.pagefind"]);
        assert_eq!(Engine::for_language("en").unwrap().wasm.as_deref(), Some("en"));
    }

    #[test]
    fn a_language_that_cannot_name_files_is_an_error_that_says_what_to_set() {
        for bad in ["", "en/../x", "a-very-long-language-tag", "fr_FR"] {
            let error = Engine::for_language(bad).err().expect("refused").to_string();
            assert!(error.contains("dateline.yaml"), "{bad}: {error}");
        }
        assert!(Engine::for_language("pt-BR").is_ok());
    }
}
