//! The only code that writes files: atomic replacement and write-if-changed.
//!
//! A file is written to a temporary sibling and renamed over the target, so a
//! crash or `kill -9` leaves either the old complete file or the new one,
//! never half of each.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether a write must survive a power cut, not only a crash of dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Output that can be rebuilt: rename only (fast).
    Rebuildable,
    /// A person's work (`content/`): fsync before the rename.
    Durable,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes` atomically, creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let result = (|| {
        // The folder is made only when the file cannot be created without it:
        // a build writes thousands of files into folders that exist, and
        // asking first cost two system calls a file.
        let mut file = match fs::File::create(&tmp) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                fs::File::create(&tmp)?
            }
            other => other?,
        };
        file.write_all(bytes)?;
        if durability == Durability::Durable {
            file.sync_all()?;
        }
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Whether `name` is one of [`write_atomic`]'s temporary files
/// (`.<name>.<pid>-<n>.tmp`).
pub fn is_temporary(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else { return false };
    let Some((_, tail)) = inner.rsplit_once('.') else { return false };
    tail.split_once('-').is_some_and(|(pid, n)| {
        !pid.is_empty()
            && !n.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Removes the temporary files a killed run left under `dir`; returns how
/// many. Only where no other writer can be at work (under the folder's lock).
pub fn remove_temporaries(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() && is_temporary(&entry.file_name().to_string_lossy()) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Removes one file that dateline wrote.
pub fn remove(path: &Path) -> io::Result<()> {
    fs::remove_file(path)
}

/// Writes `bytes` to `path` only if the file does not already hold exactly
/// those bytes; returns whether it wrote. Unchanged files keep their mtime,
/// so rsync and browsers see no change.
pub fn write_if_changed(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<bool> {
    if same_bytes(path, bytes) {
        return Ok(false);
    }
    write_atomic(path, bytes, durability)?;
    Ok(true)
}

/// Whether the file at `path` holds exactly `bytes` (false if it cannot be read).
pub fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => fs::read(path).is_ok_and(|old| old == bytes),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_are_recognised_by_their_whole_name() {
        assert!(is_temporary(".a.md.1234-7.tmp"));
        assert!(!is_temporary("a.md.1234-7.tmp") && !is_temporary(".notes.tmp") && !is_temporary(".a.md.x-7.tmp"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("2012")).unwrap();
        std::fs::write(dir.path().join("2012/.a.md.99-1.tmp"), "x").unwrap();
        std::fs::write(dir.path().join("2012/a.md"), "x").unwrap();
        assert_eq!(remove_temporaries(dir.path()).unwrap(), 1);
        assert!(dir.path().join("2012/a.md").is_file());
    }

    #[test]
    fn writes_and_skips_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b/c.html");
        assert!(write_if_changed(&p, b"one", Durability::Rebuildable).unwrap());
        assert!(!write_if_changed(&p, b"one", Durability::Rebuildable).unwrap());
        assert!(write_if_changed(&p, b"two", Durability::Durable).unwrap());
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_folder_deleted_between_writes_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("2012/10/a/index.html");
        write_atomic(&p, b"one", Durability::Rebuildable).unwrap();
        fs::remove_dir_all(dir.path().join("2012")).unwrap();
        write_atomic(&p, b"two", Durability::Rebuildable).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
    }
}
