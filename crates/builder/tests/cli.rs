//! The binary, end to end.

mod common;

use std::process::Command;

use common::{SITE, content, post, snapshot};

fn builder() -> Command {
    Command::new(env!("CARGO_BIN_EXE_blog-builder"))
}

#[test]
fn errors_in_two_files_are_all_reported_and_nothing_is_written() {
    let c = content(&[
        ("site.toml", SITE),
        ("good.md", &post("Good", "2025-01-01", "Fine.\n")),
        ("bad-date.md", &post("Bad", "2025-13-01", "x\n")),
        ("no-date.md", "---\ntitle: T\n---\nx\n"),
    ]);
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    std::fs::write(dist.join("keep.txt"), "previous build").unwrap();
    let before = snapshot(&dist);
    let o = builder()
        .arg("--content")
        .arg(c.path())
        .arg("--out")
        .arg(&dist)
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bad-date.md:3: pubDate \"2025-13-01\" is not a date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no-date.md:2: the post has no date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("build failed: 2 errors, 0 warnings;"),
        "{stderr}"
    );
    assert_eq!(snapshot(&dist), before);
}

#[test]
fn builds_warns_and_respects_quiet() {
    let c = content(&[
        ("site.toml", SITE),
        ("a.md", &post("A", "2025-01-01", "[x](/blog/nope/)\n")),
    ]);
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let o = builder()
        .arg("--content")
        .arg(c.path())
        .arg(format!("--out={}", dist.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("a.md:5: links to /blog/nope/"), "{stderr}");
    assert!(stderr.contains("built 1 post into"), "{stderr}");
    assert!(dist.join("data/manifest.json").exists());

    let o = builder()
        .arg("--content")
        .arg(c.path())
        .arg("--out")
        .arg(&dist)
        .arg("--quiet")
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains("; 1 warning"), "{stderr}");

    let o = builder()
        .arg("--content")
        .arg(c.path())
        .arg("--out")
        .arg(&dist)
        .arg("--strict")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn usage() {
    let o = builder().arg("--help").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8(o.stdout).unwrap();
    for opt in [
        "--content DIR",
        "--out DIR",
        "--app DIR",
        "--strict",
        "--quiet",
        "accounted for",
    ] {
        assert!(help.contains(opt), "{opt}");
    }
    assert_eq!(
        builder().arg("--bogus").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        builder().arg("--out").output().unwrap().status.code(),
        Some(2)
    );
}
