//! Rendered bytes → the output folder: write-if-changed, removal of pages no
//! longer produced, the static files, and the marker that says the folder is
//! ours.
//!
//! dateline only ever deletes inside a folder holding its marker file, and
//! refuses output folders that hold a person's work.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::config::SitePaths;
use crate::disk::{self, Durability};

/// The file that marks an output folder as made by dateline.
pub const MARKER: &str = ".dateline-output";

const MARKER_TEXT: &str =
    "This folder is written by `dateline build`. Files in it that the build does not produce are deleted.\n";

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder would overwrite or delete a person's files.
    #[error("refusing to write the site to {path}: {reason}")]
    UnsafeOutDir {
        /// The folder asked for.
        path: PathBuf,
        /// Why it is refused and what to do.
        reason: String,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// Makes `path` absolute and free of `.`/`..` without needing it to exist.
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Resolve symlinks for the part that exists, so two names of one folder compare equal.
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    let mut clean = PathBuf::new();
    for c in out.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// Checks that `paths.out` is safe to write into and delete from, and claims
/// it with the marker file. Refuses the site root, its input folders (the
/// inbox of raw sources too), any folder that contains them, and a non-empty
/// folder dateline did not create.
pub fn claim_out_dir(paths: &SitePaths) -> Result<(), OutputError> {
    let out = absolute(&paths.out);
    let refuse = |reason: String| Err(OutputError::UnsafeOutDir { path: paths.out.clone(), reason });
    let root = absolute(&paths.root);
    let inputs = [
        ("the site root", root.clone()),
        ("content/", absolute(&paths.content)),
        ("templates/", absolute(&paths.templates)),
        ("static/", absolute(&paths.static_dir)),
        ("the inbox of raw sources", absolute(&paths.sources)),
    ];
    for (what, input) in &inputs {
        if &out == input {
            return refuse(format!("it is {what}; pick a separate folder such as --out public"));
        }
        if input.starts_with(&out) {
            return refuse(format!("it contains {what}; pick a separate folder such as --out public"));
        }
        if what != &"the site root" && out.starts_with(input) {
            return refuse(format!("it is inside {what}, where the build reads its input; pick a folder outside it"));
        }
    }
    if out.exists() && !out.is_dir() {
        return refuse("it is a file, not a folder".into());
    }
    let marker = out.join(MARKER);
    if out.is_dir() && !marker.exists() {
        let non_empty = fs::read_dir(&out).map(|mut d| d.next().is_some()).unwrap_or(true);
        if non_empty {
            return refuse(
                "it is not empty and was not created by dateline, so the build could delete files in it; empty it, or choose another --out".into(),
            );
        }
    }
    fs::create_dir_all(&out).map_err(|source| OutputError::Io { path: out.clone(), source })?;
    disk::write_if_changed(&marker, MARKER_TEXT.as_bytes(), Durability::Rebuildable)
        .map_err(|source| OutputError::Io { path: marker, source })?;
    Ok(())
}

/// Joins a relative output path onto the output folder, refusing anything
/// that could leave it.
pub fn target(out: &Path, relative: &str) -> Result<PathBuf, OutputError> {
    let rel = Path::new(relative);
    let escapes =
        relative.is_empty() || relative.contains('\\') || rel.components().any(|c| !matches!(c, Component::Normal(_)));
    if escapes {
        return Err(OutputError::UnsafeOutDir {
            path: rel.to_path_buf(),
            reason: "the output path would leave the output folder".into(),
        });
    }
    Ok(out.join(rel))
}

/// Writes one output file if its bytes changed; returns whether it wrote.
pub fn write(out: &Path, relative: &str, bytes: &[u8]) -> Result<bool, OutputError> {
    let path = target(out, relative)?;
    disk::write_if_changed(&path, bytes, Durability::Rebuildable).map_err(|source| OutputError::Io { path, source })
}

/// Deletes one output file, then its folders left empty; returns whether it existed.
pub fn remove(out: &Path, relative: &str) -> Result<bool, OutputError> {
    let path = target(out, relative)?;
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(source) => return Err(OutputError::Io { path, source }),
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(true)
}

/// Every file under `out` not in `keep` (relative paths with `/`): what a
/// build no longer produces. Nothing, if dateline did not create `out`.
/// Also where the walk could not go (stale files there stay).
pub fn stale_files(out: &Path, keep: &HashSet<String>) -> (Vec<String>, Vec<(PathBuf, String)>) {
    let (mut stale, mut problems) = (Vec::new(), Vec::new());
    if !out.join(MARKER).is_file() {
        return (stale, problems);
    }
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        match entry {
            Ok(e) if !e.file_type().is_dir() => {
                let rel = e.path().strip_prefix(out).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
                if rel != MARKER && !keep.contains(&rel) {
                    stale.push(rel);
                }
            }
            Ok(_) => {}
            Err(e) => {
                let at = e.path().unwrap_or(out).to_path_buf();
                problems.push((at, format!("cannot read, so files no longer built there stay: {e}")));
            }
        }
    }
    (stale, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_stay_inside() {
        let out = Path::new("/tmp/out");
        assert!(target(out, "2012/10/a/index.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\\..\\x", "./a"] {
            assert!(target(out, bad).is_err(), "{bad}");
        }
    }

    fn site() -> (tempfile::TempDir, SitePaths) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        let paths = SitePaths::new(dir.path(), None);
        (dir, paths)
    }

    #[test]
    fn refuses_input_folders_and_foreign_folders() {
        let (dir, paths) = site();
        for out in [".", "content", "content/x", "templates", "static", ".."] {
            let p = SitePaths::new(dir.path(), Some(Path::new(out)));
            assert!(claim_out_dir(&p).is_err(), "{out}");
        }
        fs::create_dir_all(dir.path().join("mine")).unwrap();
        fs::write(dir.path().join("mine/notes.txt"), "keep").unwrap();
        let p = SitePaths::new(dir.path(), Some(Path::new("mine")));
        assert!(claim_out_dir(&p).is_err());
        assert!(claim_out_dir(&paths).is_ok());
        assert!(paths.out.join(MARKER).is_file());
    }

    #[test]
    fn removes_only_what_is_not_kept() {
        let (_dir, paths) = site();
        claim_out_dir(&paths).unwrap();
        write(&paths.out, "a/index.html", b"a").unwrap();
        write(&paths.out, "b/index.html", b"b").unwrap();
        let keep: HashSet<String> = ["a/index.html".to_string()].into();
        assert_eq!(stale_files(&paths.out, &keep), (vec!["b/index.html".to_string()], vec![]));
        assert!(remove(&paths.out, "b/index.html").unwrap());
        assert!(paths.out.join("a/index.html").exists());
        assert!(!paths.out.join("b").exists());
        assert!(paths.out.join(MARKER).exists());
    }
}
