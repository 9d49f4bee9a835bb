//! What a build may replace: only the builder's own earlier output.
//!
//! Every output folder carries a marker file ([`MARKER`]), written into the
//! staging folder before anything else. `--out` is refused, with nothing
//! touched, when it is a file or a symbolic link, the content folder or one of
//! its parents, the home folder or one of its parents, the folder the builder
//! runs in or one of its parents, the app shell's folder (or inside it), or a
//! non-empty folder without the marker.
//!
//! Around the output `dist` live two fixed siblings, `dist.staging` (the build
//! being written) and `dist.old` (a replaced build, only where the file system
//! cannot swap two folders in one step). Their names carry no process id, so
//! the next run finds and removes what a killed run left; a lock on the parent
//! folder keeps two builds from writing them at once. On Linux the finished
//! staging folder and the output trade places in one `renameat2(EXCHANGE)`, so
//! there is no moment without a complete output; elsewhere two renames leave a
//! short gap, which the next run closes by putting `dist.old` back.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crate::Diagnostic;

/// The file that marks a folder as this builder's output.
pub const MARKER: &str = ".blog-builder";

const MARKER_TEXT: &str = "This folder is a site written by blog-builder. The next build \
replaces it whole: keep nothing of your own here.\n";

/// Writes the marker into a (new, empty) output folder.
pub fn mark(dir: &Path) -> Result<(), Diagnostic> {
    let path = dir.join(MARKER);
    fs::write(&path, MARKER_TEXT)
        .map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))
}

/// True when `dir` is a folder this builder wrote: it has the marker, or it
/// is a build of an earlier version (which had no marker but a manifest).
pub fn is_build(dir: &Path) -> bool {
    if dir.join(MARKER).is_file() {
        return true;
    }
    let Ok(bytes) = fs::read(dir.join(blog_bundle::MANIFEST_PATH)) else {
        return false;
    };
    serde_json::from_slice::<serde_json::Value>(&bytes).is_ok_and(|m| {
        m.get("build_id").is_some_and(|v| v.is_string())
            && m.get("schema_version").is_some_and(|v| v.is_u64())
    })
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// `path` made absolute, through its real location where it (or its parent) exists.
fn real(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => real(parent).join(name),
        _ => abs,
    }
}

/// The output folder of one build, claimed: checked, locked and cleared of
/// what an earlier, killed run left.
pub struct Target {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// Held until the build ends: one build at a time per parent folder.
    _lock: Option<File>,
}

fn refuse(out: &Path, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::error(out, message).help(help)
}

const CHOOSE: &str =
    "give --out a folder of its own for the site, e.g. --out dist (it is created if missing)";

/// Why `out` must not be replaced, if it must not.
fn check(out: &Path, content: &Path, app: Option<&Path>) -> Result<(), Diagnostic> {
    let shown = out.display();
    if let Ok(meta) = fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            return Err(refuse(
                out,
                format!(
                    "--out {shown} is a symbolic link: the build would replace the link, not its folder"
                ),
                CHOOSE,
            ));
        }
        if !meta.is_dir() {
            return Err(refuse(
                out,
                format!("--out {shown} is a file, not a folder: it is left as it is"),
                CHOOSE,
            ));
        }
    }
    let at = real(out);
    let contains = |other: &Path| real(other).starts_with(&at);
    if at.parent().is_none() {
        return Err(refuse(
            out,
            format!("--out {shown} is the root of the file system"),
            CHOOSE,
        ));
    }
    if real(content) == at {
        return Err(refuse(
            out,
            format!("--out {shown} is the content folder: building there would replace your posts"),
            CHOOSE,
        ));
    }
    if contains(content) {
        return Err(refuse(
            out,
            format!(
                "--out {shown} contains the content folder {}: building there would replace your posts",
                content.display()
            ),
            CHOOSE,
        ));
    }
    if let Some(home) = std::env::home_dir()
        && contains(&home)
    {
        return Err(refuse(
            out,
            format!("--out {shown} is your home folder or contains it"),
            CHOOSE,
        ));
    }
    if let Ok(cwd) = std::env::current_dir()
        && contains(&cwd)
    {
        return Err(refuse(
            out,
            format!("--out {shown} is the folder the builder runs in, or contains it"),
            CHOOSE,
        ));
    }
    if let Some(app) = app
        && (contains(app) || at.starts_with(real(app)))
    {
        return Err(refuse(
            out,
            format!(
                "--out {shown} and --app {} overlap: the build would replace the app it copies",
                app.display()
            ),
            CHOOSE,
        ));
    }
    if out.is_dir() && !is_empty_dir(out) && !is_build(out) {
        return Err(refuse(
            out,
            format!(
                "--out {shown} holds files that blog-builder did not write (it has no {MARKER} file): it is left as it is"
            ),
            "choose a new or empty folder, or move these files away yourself",
        ));
    }
    Ok(())
}

/// Removes a folder a killed run left, if it is one of ours (or empty).
fn clear_leftover(dir: &Path) -> Result<(), Diagnostic> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    if !dir.is_dir() || !(is_empty_dir(dir) || is_build(dir)) {
        return Err(Diagnostic::error(
            dir,
            "is in the way of the build and is not a build folder: it is left as it is",
        )
        .help("the builder writes its next site there; move or rename it"));
    }
    remove_build(dir)
        .map_err(|e| Diagnostic::error(dir, format!("cannot remove a killed build's folder: {e}")))
}

/// Deletes a build folder with its marker last, so that a deletion cut short
/// leaves a folder the next run still knows as its own. A build of an earlier
/// version (no marker) is marked first. The folder is listed again until only
/// the marker is left: a listing read while its entries are deleted need not
/// show every one of them, and a marker removed before the rest would leave a
/// folder the next run must refuse to touch.
pub fn remove_build(dir: &Path) -> std::io::Result<()> {
    let marker = dir.join(MARKER);
    if !marker.is_file() {
        fs::write(&marker, MARKER_TEXT)?;
    }
    loop {
        let mut removed = false;
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_name() == MARKER {
                continue;
            }
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())?;
            } else {
                fs::remove_file(entry.path())?;
            }
            removed = true;
        }
        if !removed {
            break;
        }
    }
    fs::remove_file(&marker)?;
    fs::remove_dir(dir).inspect_err(|_| {
        // Something appeared after all: the folder stays known as a build.
        let _ = fs::write(&marker, MARKER_TEXT);
    })
}

/// Staging and old folders of earlier versions, named `<out>.staging-<pid>`
/// and `<out>.old-<pid>`: removed when that process is gone and the folder
/// is a build (or empty).
fn clear_versioned_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(name)) else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix(".staging-")
            .or_else(|| rest.strip_prefix(".old-"))
        else {
            continue;
        };
        let path = entry.path();
        let alive = Path::new("/proc").join(pid).exists();
        if !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && Path::new("/proc/self").exists()
            && !alive
            && path.is_dir()
            && (is_empty_dir(&path) || is_build(&path) || path.join("index.html").is_file())
        {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

impl Target {
    /// Checks `out`, takes the lock and clears what a killed run left.
    pub fn claim(out: &Path, content: &Path, app: Option<&Path>) -> Result<Target, Diagnostic> {
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty() && *n != "." && *n != "..")
            .ok_or_else(|| {
                refuse(
                    out,
                    format!("--out {} must name a folder", out.display()),
                    CHOOSE,
                )
            })?
            .to_owned();
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        check(out, content, app)?;
        fs::create_dir_all(&parent)
            .map_err(|e| Diagnostic::error(&parent, format!("cannot create: {e}")))?;
        // A lock on the parent folder: another build into the same place waits.
        let lock = File::open(&parent).ok().filter(|f| f.lock().is_ok());
        let target = Target {
            out: out.to_path_buf(),
            staging: parent.join(format!("{name}.staging")),
            old: parent.join(format!("{name}.old")),
            _lock: lock,
        };
        // A run killed between the two renames of the fallback swap left the
        // previous build as `old` and no output: put it back first.
        if fs::symlink_metadata(&target.out).is_err()
            && target.old.is_dir()
            && is_build(&target.old)
        {
            fs::rename(&target.old, &target.out).map_err(|e| {
                Diagnostic::error(
                    &target.old,
                    format!("cannot restore the previous build: {e}"),
                )
            })?;
        }
        clear_leftover(&target.staging)?;
        clear_leftover(&target.old)?;
        clear_versioned_leftovers(&parent, &name);
        Ok(target)
    }

    /// Where the build is written before [`Target::swap`].
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Puts the staging folder in place of the output and removes the build it replaced.
    pub fn swap(&self) -> Result<(), Diagnostic> {
        let failed = |what: &str, e: std::io::Error| {
            Diagnostic::error(&self.out, format!("cannot {what}: {e}"))
        };
        if fs::symlink_metadata(&self.out).is_err() {
            return fs::rename(&self.staging, &self.out)
                .map_err(|e| failed("move the new build into place", e));
        }
        if exchange(&self.staging, &self.out).is_ok() {
            // `staging` now holds the previous build.
            let _ = remove_build(&self.staging);
            return Ok(());
        }
        fs::rename(&self.out, &self.old).map_err(|e| failed("move the previous build aside", e))?;
        if let Err(e) = fs::rename(&self.staging, &self.out) {
            let _ = fs::rename(&self.old, &self.out);
            return Err(failed("move the new build into place", e));
        }
        let _ = remove_build(&self.old);
        Ok(())
    }
}

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}
