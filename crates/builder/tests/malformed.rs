//! The malformed-content fixture set (tests/fixtures/malformed): every
//! message, with file, line and what to do, exactly as an author sees it.

use std::path::Path;
use std::process::Command;

#[test]
fn every_mistake_is_reported_with_file_line_and_help() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    // An earlier good build must survive the failed one untouched.
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "previous build").unwrap();

    let run = Command::new(env!("CARGO_BIN_EXE_blog-builder"))
        .current_dir(&root)
        .args(["--content", "tests/fixtures/malformed", "--out"])
        .arg(&dist)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    let expected = std::fs::read_to_string(root.join("tests/fixtures/malformed/expected.txt"))
        .unwrap()
        .replace("OUT", &dist.display().to_string());
    assert_eq!(
        stderr, expected,
        "messages changed; if on purpose, update expected.txt"
    );
    assert_eq!(
        std::fs::read_to_string(dist.join("index.html")).unwrap(),
        "previous build"
    );
    assert_eq!(std::fs::read_dir(&dist).unwrap().count(), 1);
}
