//! `--out`: the builder replaces only its own earlier output, never the
//! author's files, and a killed build leaves nothing behind for long.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

use common::{SITE, content, post, snapshot};

fn build(content: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blog-builder"))
        .arg("--content")
        .arg(content)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn one_post() -> tempfile::TempDir {
    content(&[
        ("site.toml", SITE),
        ("a.md", &post("A", "2025-01-01", "Text.\n")),
    ])
}

/// Refused with `message` (exit 1) and every file under `keep` as it was.
fn assert_refused(content: &Path, out: &Path, keep: &Path, message: &str) {
    let before = snapshot(keep);
    let o = build(content, out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(message), "{message} in {}", stderr(&o));
    assert!(stderr(&o).contains("help: "), "{}", stderr(&o));
    assert_eq!(
        snapshot(keep),
        before,
        "files under {} changed",
        keep.display()
    );
}

#[test]
fn the_content_folder_and_its_parents_are_refused() {
    let project = tempfile::tempdir().unwrap();
    let c = project.path().join("content");
    std::fs::create_dir(&c).unwrap();
    std::fs::write(c.join("site.toml"), SITE).unwrap();
    std::fs::write(c.join("a.md"), post("A", "2025-01-01", "x\n")).unwrap();
    std::fs::write(c.join("notes.txt"), "the author's own file").unwrap();
    std::fs::write(project.path().join("README"), "project file").unwrap();
    assert_refused(&c, &c, project.path(), "is the content folder");
    assert_refused(
        &c,
        project.path(),
        project.path(),
        "contains the content folder",
    );
    assert_refused(&c, &c.join("."), project.path(), "is the content folder");
}

#[test]
fn a_file_a_foreign_folder_and_a_symlink_are_refused() {
    let c = one_post();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("site");
    std::fs::write(&file, "not a folder").unwrap();
    assert_refused(c.path(), &file, dir.path(), "is a file, not a folder");

    let mine = dir.path().join("photos");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("cat.jpg"), "jpeg").unwrap();
    assert_refused(
        c.path(),
        &mine,
        dir.path(),
        "holds files that blog-builder did not write",
    );

    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&mine, &link).unwrap();
        assert_refused(c.path(), &link, dir.path(), "is a symbolic link");
    }
    // Nothing was created beside them either.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| ["site", "photos", "link"].contains(&n.as_str())),
        "{names:?}"
    );
}

#[test]
fn the_home_folder_and_the_working_folder_are_refused() {
    let c = one_post();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".bashrc"), "x").unwrap();
    let before = snapshot(home.path());
    let o = Command::new(env!("CARGO_BIN_EXE_blog-builder"))
        .env("HOME", home.path())
        .arg("--content")
        .arg(c.path())
        .arg("--out")
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is your home folder"), "{}", stderr(&o));
    assert_eq!(snapshot(home.path()), before);

    let work = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_blog-builder"))
        .current_dir(work.path())
        .arg("--content")
        .arg(c.path())
        .arg("--out")
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("must name a folder") || stderr(&o).contains("runs in"),
        "{}",
        stderr(&o)
    );
    let o = Command::new(env!("CARGO_BIN_EXE_blog-builder"))
        .current_dir(work.path())
        .arg("--content")
        .arg(c.path())
        .arg("--out")
        .arg(work.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the folder the builder runs in"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn new_empty_and_earlier_builds_are_written() {
    let c = one_post();
    let dir = tempfile::tempdir().unwrap();
    // New (with missing parents) and empty folders.
    let new = dir.path().join("a/b/site");
    assert!(build(c.path(), &new).status.success());
    assert!(new.join(".blog-builder").is_file());
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(build(c.path(), &empty).status.success());
    // A build of an earlier version (no marker, but a manifest) is replaced.
    let legacy = dir.path().join("legacy");
    std::fs::create_dir_all(legacy.join("data")).unwrap();
    std::fs::write(
        legacy.join("data/manifest.json"),
        r#"{"schema_version":1,"build_id":"0123","site":{}}"#,
    )
    .unwrap();
    std::fs::write(legacy.join("stale.html"), "old").unwrap();
    let o = build(c.path(), &legacy);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!legacy.join("stale.html").exists());
    // Its own output, again and again.
    std::fs::write(new.join("stale.html"), "old").unwrap();
    assert!(build(c.path(), &new).status.success());
    assert!(!new.join("stale.html").exists());
    // The marker is not part of the site's offline list (no app here: no list).
    let left: Vec<_> = std::fs::read_dir(dir.path().join("a/b"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["site"]);
}

#[test]
fn what_a_killed_run_left_is_cleared_or_restored() {
    let c = one_post();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    assert!(build(c.path(), &out).status.success());
    // Staging and old folders of a killed run (one of an earlier version, by pid).
    for name in ["dist.staging", "dist.old", "dist.staging-999999999"] {
        let d = dir.path().join(name);
        std::fs::create_dir_all(d.join("data")).unwrap();
        std::fs::write(d.join(".blog-builder"), "").unwrap();
        std::fs::write(d.join("big.bin"), vec![0u8; 1024]).unwrap();
    }
    std::fs::create_dir(dir.path().join("dist.old-999999998")).unwrap();
    assert!(build(c.path(), &out).status.success());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["dist"]);

    // Killed between the two renames of the fallback swap: no output, the
    // previous build as dist.old. It is put back, then replaced.
    std::fs::rename(&out, dir.path().join("dist.old")).unwrap();
    let o = build(c.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("data/manifest.json").is_file());
    assert!(!dir.path().join("dist.old").exists());

    // A folder of the author's own under one of those names is not touched.
    let theirs = dir.path().join("dist.staging");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("mine.txt"), "mine").unwrap();
    let o = build(c.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is not a build folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(theirs.join("mine.txt")).unwrap(),
        "mine"
    );
}

/// A complete build: its manifest, and a page of the same build, with its
/// data, for every post it counts (all under `blog/`).
fn complete(out: &Path) -> bool {
    let Ok(bytes) = std::fs::read(out.join("data/manifest.json")) else {
        return false;
    };
    let m: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let build = m["build_id"].as_str().unwrap();
    let pages = common::snapshot(&out.join("blog"));
    let whole = pages.iter().all(|(rel, bytes)| {
        let route = format!("/blog/{}", rel.trim_end_matches("index.html"));
        let html = String::from_utf8_lossy(bytes);
        blog_bundle::page_data(&html, &route).is_some_and(|d| d.contains(build))
    });
    whole
        && pages.len() as u64 == m["post_count"].as_u64().unwrap()
        && out.join(".blog-builder").is_file()
}

#[test]
fn killed_at_random_moments_the_output_stays_whole() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("content");
    let gen_ok = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--posts", "2000", "--seed", "7", "--out"])
        .arg(&c)
        .output()
        .unwrap()
        .status
        .success();
    assert!(gen_ok);
    let out = dir.path().join("dist");
    let started = Instant::now();
    assert!(build(&c, &out).status.success());
    let full = started.elapsed();
    // Alternate between two contents, so each finished run really replaces the output.
    let first = std::fs::read_to_string(c.join("post-00000.md")).unwrap();
    const RUNS: u32 = 12;
    for k in 0..RUNS {
        std::fs::write(c.join("post-00000.md"), format!("{first}\nEdit {k}.\n")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_blog-builder"))
            .arg("--content")
            .arg(&c)
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread over the whole run (a few past its end too), in a scattered order.
        let at = full.mul_f64(((k * 7) % RUNS) as f64 / (RUNS - 1) as f64 * 1.1);
        std::thread::sleep(at);
        let _ = child.kill();
        child.wait().unwrap();
        assert!(
            complete(&out),
            "after a kill at {at:?}, {} is not a whole build",
            out.display()
        );
    }
    // The next run removes whatever the killed ones left.
    let left: Vec<_> = std::fs::read_dir(dir.path().join("dist.staging"))
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().file_name())
        .collect();
    let o = build(&c, &out);
    assert!(
        o.status.success(),
        "{}\nthe killed runs left dist.staging with {left:?}",
        stderr(&o)
    );
    assert!(complete(&out));
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["content", "dist"]);
}
