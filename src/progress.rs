//! How long work reports its progress: the library calls [`Progress`], the
//! binary draws it (`progress_bar`), tests ignore it. Shared by `build` and
//! `ingest`, so neither depends on the other for it.

/// Receives progress of long phases.
pub trait Progress: Sync {
    /// A phase with `total` steps starts.
    fn start(&self, _phase: &str, _total: usize) {}
    /// `n` more steps are done.
    fn advance(&self, _n: usize) {}
    /// The phase is over.
    fn finish(&self) {}
    /// Something the person running it should know now (a wait, say).
    fn note(&self, _message: &str) {}
}

/// Progress that goes nowhere.
pub struct NoProgress;
impl Progress for NoProgress {}
