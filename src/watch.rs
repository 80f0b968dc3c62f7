//! The live loop: file events → batches of changed paths → `ingest` for raw
//! sources dropped in the inbox, [`Pipeline::rebuild`] for the rest.
//!
//! Only batches: debouncing, editor quirks and the choice of what to do live
//! here; what a path is comes from `SitePaths::classify`, and the rebuild is
//! the same code `build` runs. The output folder is never watched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::build::{BuildError, BuildReport, Changes, NoProgress, Pipeline};
use crate::config::{Input, SitePaths};
use crate::extract::Extractor;
use crate::ingest::{self, IngestOptions, IngestReport};

/// How long events are gathered into one batch. Long enough to merge an
/// editor's write-then-rename and a `git checkout`'s burst, short enough for
/// the 50 ms edit-to-page budget (`bench/watch.py` measures the whole path).
pub const DEBOUNCE: Duration = Duration::from_millis(5);

/// More changed articles than this in one batch are read as a whole folder.
const RESCAN_ABOVE: usize = 2_000;

/// What the loop reports after each batch.
#[derive(Debug)]
pub enum Update {
    /// Raw sources from the inbox were ingested.
    Ingested(IngestReport),
    /// The pages of the edited articles are written, ahead of the rest of
    /// the rebuild (output files, relative to the output folder).
    Shown(Vec<String>),
    /// The site was brought up to date.
    Rebuilt(BuildReport),
    /// The watcher itself reported a problem (it keeps going).
    WatchError(String),
}

/// Why watching could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The file watcher could not be set up.
    #[error("cannot watch {path}: {source}{hint}")]
    Notify {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: notify::Error,
        /// What to do about it.
        hint: &'static str,
    },
    /// A rebuild failed in a way that stops the loop (the output folder).
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// The inbox: where raw sources arrive and how to ingest them.
pub struct Inbox {
    /// Settings for ingest (the content folder and so on).
    pub options: IngestOptions,
    /// The compiled vocabularies.
    pub extractor: Extractor,
}

type Debouncer = notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>;

/// Watches on a site's inputs, placed before the first build so that an
/// edit saved while it runs is replayed afterwards instead of lost.
pub struct Watcher {
    paths: SitePaths,
    debouncer: Debouncer,
    events: mpsc::Receiver<DebounceEventResult>,
    /// Input folders watched now. One that is deleted, recreated or replaced
    /// by a symbolic link is watched again (a `git checkout`, a restore).
    watched: Vec<PathBuf>,
    /// Modification times seen in metadata-only events, so that a `touch`
    /// counts as a change and an unrelated attribute change does not.
    mtimes: HashMap<PathBuf, SystemTime>,
}

impl Watcher {
    /// Places the watches: the site root (for `dateline.yaml`, the
    /// vocabularies and input folders coming and going) and every input
    /// folder that exists. Changes from now on are seen.
    pub fn start(paths: &SitePaths) -> Result<Watcher, WatchError> {
        let (tx, events) = mpsc::channel::<DebounceEventResult>();
        let debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 2), tx).map_err(|source| WatchError::Notify {
            path: paths.root.clone(),
            source,
            hint: "",
        })?;
        let mut watcher =
            Watcher { paths: paths.clone(), debouncer, events, watched: Vec::new(), mtimes: HashMap::new() };
        watcher.watch(&paths.root, RecursiveMode::NonRecursive)?;
        let mut ignored = Vec::new();
        watcher.refresh_folders(&mut ignored)?;
        Ok(watcher)
    }

    /// The input folders, in the order they are checked.
    fn inputs(&self) -> [PathBuf; 4] {
        let p = &self.paths;
        [p.content.clone(), p.templates.clone(), p.static_dir.clone(), p.sources.clone()]
    }

    // Folders, never single files: an editor that saves by renaming would
    // leave a watch on a single file pointing at a deleted inode.
    fn watch(&mut self, dir: &Path, mode: RecursiveMode) -> Result<(), WatchError> {
        self.debouncer.watch(dir, mode).map_err(|source| WatchError::Notify {
            path: dir.to_path_buf(),
            hint: if matches!(source.kind, notify::ErrorKind::MaxFilesWatch) {
                " (the system's limit of watched folders is reached: raise it with `sysctl fs.inotify.max_user_watches=524288`)"
            } else {
                ""
            },
            source,
        })
    }

    /// Drops the watch of an input folder that went or was replaced, and
    /// watches every input folder that exists and is not watched, adding
    /// what it holds to `changed` (its files came with it, unseen).
    fn refresh_folders(&mut self, changed: &mut Vec<PathBuf>) -> Result<(), WatchError> {
        for dir in self.inputs() {
            let replaced = changed.contains(&dir);
            let is_watched = self.watched.contains(&dir);
            if is_watched && (replaced || !dir.is_dir()) {
                // Gone or replaced: the old watch (if the kernel kept it) sees the old folder.
                let _ = self.debouncer.unwatch(&dir);
                self.watched.retain(|d| d != &dir);
            }
            if self.watched.contains(&dir) || !dir.is_dir() || dir.starts_with(&self.paths.out) {
                continue;
            }
            self.watch(&dir, RecursiveMode::Recursive)?;
            self.watched.push(dir.clone());
            if is_watched || replaced {
                changed.push(dir.clone());
            }
            // Changes to the folder as a whole: content/ is read again (files
            // may have vanished with the old folder, unreported); the others
            // name each file.
            if dir != self.paths.content {
                changed.extend(crate::walk::visible_files(&dir).files);
            }
        }
        Ok(())
    }

    /// Watches until `stop` is set, rebuilding after each batch of changes
    /// (first those made since [`Watcher::start`]) and handing every report to `on_update`.
    pub fn run(
        mut self,
        pipeline: &mut Pipeline,
        mut inbox: Option<Inbox>,
        stop: &AtomicBool,
        on_update: &mut dyn FnMut(Update),
    ) -> Result<(), WatchError> {
        let paths = self.paths.clone();
        while !stop.load(Ordering::Relaxed) {
            let Some(mut changed) = self.next_batch(on_update) else { continue };
            self.refresh_folders(&mut changed)?;
            changed.sort();
            changed.dedup();
            if changed.is_empty() {
                continue;
            }

            let mut sources = Vec::new();
            let mut vocabulary_changed = false;
            for path in &changed {
                match paths.classify(path) {
                    Some(Input::Source) if path.is_file() => sources.push(path.clone()),
                    Some(Input::Vocabulary) => vocabulary_changed = true,
                    _ => {}
                }
            }
            if vocabulary_changed && let Some(inbox) = inbox.as_mut() {
                match ingest::load_vocabularies(&paths) {
                    Ok(v) => inbox.extractor = Extractor::new(&v),
                    Err(d) => on_update(Update::WatchError(d.to_string())),
                }
            }
            if !sources.is_empty()
                && let Some(inbox) = inbox.as_ref()
            {
                let report = ingest::ingest(&sources, &paths, &inbox.options, &inbox.extractor, &NoProgress);
                // What ingest wrote is rebuilt in this same batch, not after its own events.
                for input in &report.inputs {
                    if let ingest::Outcome::Written(to) = &input.outcome {
                        changed.push(to.clone());
                    }
                }
                on_update(Update::Ingested(report));
            }

            let content_paths = changed.iter().filter(|p| paths.classify(p) == Some(Input::Content)).count();
            let Some(mut changes) = Changes::from_paths(&paths, changed.iter().map(PathBuf::as_path)) else {
                continue;
            };
            if content_paths > RESCAN_ABOVE {
                changes.content_rescan = true;
            }
            let report = pipeline
                .rebuild_showing_first(&changes, &NoProgress, &mut |files| on_update(Update::Shown(files.to_vec())))?;
            on_update(Update::Rebuilt(report));
        }
        self.debouncer.stop();
        Ok(())
    }

    /// The paths changed in the next batch of events (everything already
    /// waiting joins it, so a burst becomes one rebuild); `None` if nothing
    /// came within a tenth of a second.
    fn next_batch(&mut self, on_update: &mut dyn FnMut(Update)) -> Option<Vec<PathBuf>> {
        let first = match self.events.recv_timeout(Duration::from_millis(100)) {
            Ok(batch) => batch,
            Err(mpsc::RecvTimeoutError::Timeout | mpsc::RecvTimeoutError::Disconnected) => return None,
        };
        let mut batches = vec![first];
        while let Ok(more) = self.events.try_recv() {
            batches.push(more);
        }
        let mut changed: Vec<PathBuf> = Vec::new();
        for batch in batches {
            match batch {
                Ok(events) => {
                    for event in events {
                        match relevance(&event.kind) {
                            Relevance::Change => changed.extend(event.paths.iter().cloned()),
                            Relevance::IfModifiedTimeChanged => {
                                changed.extend(event.paths.iter().filter(|p| self.mtime_changed(p)).cloned())
                            }
                            Relevance::None => {}
                        }
                    }
                }
                Err(errors) => {
                    for e in errors {
                        on_update(Update::WatchError(e.to_string()));
                    }
                }
            }
        }
        Some(changed)
    }

    /// Whether `path`'s modification time differs from the one last seen.
    fn mtime_changed(&mut self, path: &Path) -> bool {
        let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) else { return false };
        self.mtimes.insert(path.to_path_buf(), modified) != Some(modified)
    }
}

/// What an event means for the site.
#[derive(Debug, PartialEq, Eq)]
enum Relevance {
    /// A file was created, written, renamed or removed.
    Change,
    /// Only metadata changed: a change if the modification time moved (`touch`).
    IfModifiedTimeChanged,
    /// A read: the build opens every file it reads, and on Linux notify
    /// reports those opens; rebuilding on them would never stop.
    None,
}

fn relevance(kind: &EventKind) -> Relevance {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => Relevance::Change,
        EventKind::Modify(ModifyKind::Metadata(_)) => Relevance::IfModifiedTimeChanged,
        EventKind::Modify(_) => Relevance::Change,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => Relevance::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, RenameMode};

    #[test]
    fn only_changes_count_not_reads() {
        assert_eq!(relevance(&EventKind::Create(CreateKind::File)), Relevance::Change);
        assert_eq!(relevance(&EventKind::Modify(ModifyKind::Data(DataChange::Any))), Relevance::Change);
        assert_eq!(relevance(&EventKind::Modify(ModifyKind::Name(RenameMode::To))), Relevance::Change);
        assert_eq!(relevance(&EventKind::Access(AccessKind::Read)), Relevance::None);
        assert_eq!(relevance(&EventKind::Access(AccessKind::Open(notify::event::AccessMode::Any))), Relevance::None);
        let touched = EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::WriteTime));
        assert_eq!(relevance(&touched), Relevance::IfModifiedTimeChanged);
    }
}
