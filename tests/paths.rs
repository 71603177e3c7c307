//! Paths that cannot be a product file: `-f` to a folder, a FIFO or a
//! device, `init` into a folder that does not exist, and `init --force`
//! over something that is not a regular product file (through a link or
//! not). Each is refused saying what the path is and what to do, and
//! leaves it as it was. Every run is bounded: reading a FIFO would block.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{MINIMAL, plain, stderr, stdout};

/// Runs `product` in `dir`, killing it (and failing) after a generous bound.
fn run(dir: &Path, args: &[&str]) -> Output {
    let mut child = plain(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!("{args:?} did not finish (blocked?): {}", stderr(&out));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Runs a command that must fail with `code`, its stderr holding each needle,
/// and returns the JSON error object it gives with `--json`.
fn refused(dir: &Path, args: &[&str], code: i32, needles: &[&str]) -> serde_json::Value {
    let out = run(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "{args:?}: no `{needle}` in:\n{err}");
    }
    let mut with_json = args.to_vec();
    with_json.push("--json");
    let out = run(dir, &with_json);
    assert_eq!(out.status.code(), Some(code), "{with_json:?}");
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("{with_json:?}: not JSON ({e}): {}", stderr(&out)));
    assert_eq!(v["kind"], "error", "{v}");
    assert_eq!(v["exit_code"], code, "{v}");
    v
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn file_given_as_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("plans")).unwrap();
    let e = refused(
        dir.path(),
        &["-f", "plans", "show"],
        3,
        &[
            "plans is a folder, not a product file",
            "plans/product.toml",
        ],
    );
    assert_eq!(e["code"], "not_a_file", "{e}");
    assert!(!e["message"].as_str().unwrap().contains("does not exist"));
    assert_eq!(names_in(dir.path()), ["plans"]);
}

#[cfg(unix)]
#[test]
fn file_given_as_a_fifo_or_a_device_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe"));
    let e = refused(
        dir.path(),
        &["-f", "pipe", "item", "add", "x"],
        3,
        &[
            "pipe is a FIFO (named pipe), not a product file",
            "regular file",
        ],
    );
    assert_eq!(e["code"], "not_a_file", "{e}");
    assert!(e["hint"].as_str().unwrap().contains("regular file"), "{e}");
    assert!(is_fifo(&dir.path().join("pipe")));
    let e = refused(
        dir.path(),
        &["-f", "/dev/null", "show"],
        3,
        &["/dev/null is a device, not a product file"],
    );
    assert_eq!(e["code"], "not_a_file", "{e}");
    // Through a link, it says where the link goes.
    std::os::unix::fs::symlink("pipe", dir.path().join("link.toml")).unwrap();
    refused(
        dir.path(),
        &["-f", "link.toml", "show"],
        3,
        &[
            "link.toml links to",
            "pipe, a FIFO (named pipe), not a product file",
        ],
    );
    assert_eq!(names_in(dir.path()), ["link.toml", "pipe"]);
}

#[test]
fn init_into_a_missing_folder_names_the_folder_and_how_to_make_it() {
    let dir = tempfile::tempdir().unwrap();
    let e = refused(
        dir.path(),
        &["-f", "plans/2027/product.toml", "init", "--name", "P"],
        3,
        &[
            "cannot create plans/2027/product.toml: the folder plans/2027 does not exist",
            "mkdir -p plans/2027",
        ],
    );
    assert_eq!(e["code"], "file_missing", "{e}");
    assert!(!e["message"].as_str().unwrap().contains(".lock"), "{e}");
    assert!(names_in(dir.path()).is_empty());
    // A file where the folder should be.
    fs::write(dir.path().join("notes"), "mine\n").unwrap();
    refused(
        dir.path(),
        &["-f", "notes/product.toml", "init", "--name", "P"],
        3,
        &["cannot create notes/product.toml: notes is not a folder"],
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notes")).unwrap(),
        "mine\n"
    );
}

#[cfg(unix)]
#[test]
fn init_refuses_a_folder_a_fifo_or_a_device_with_or_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("product.toml")).unwrap();
    mkfifo(&d.join("pipe.toml"));
    std::os::unix::fs::symlink("/dev/null", d.join("null.toml")).unwrap();
    std::os::unix::fs::symlink("pipe.toml", d.join("to-pipe.toml")).unwrap();
    std::os::unix::fs::symlink("product.toml", d.join("to-folder.toml")).unwrap();
    for (file, what) in [
        ("product.toml", "product.toml is a folder"),
        ("pipe.toml", "pipe.toml is a FIFO (named pipe)"),
        ("null.toml", "null.toml links to /dev/null, a device"),
        ("to-pipe.toml", "pipe.toml, a FIFO (named pipe)"),
        ("to-folder.toml", "product.toml, a folder"),
    ] {
        for extra in [&[][..], &["--force"], &["--force", "--discard-invalid"]] {
            let mut args = vec!["-f", file, "init", "--name", "P"];
            args.extend_from_slice(extra);
            let e = refused(d, &args, 3, &[what, "not a product file"]);
            assert_eq!(e["code"], "not_a_file", "{args:?}: {e}");
        }
    }
    assert!(is_fifo(&d.join("pipe.toml")));
    assert!(d.join("product.toml").is_dir());
    assert_eq!(
        fs::read_link(d.join("null.toml")).unwrap(),
        Path::new("/dev/null")
    );
    assert_eq!(
        names_in(d),
        [
            "null.toml",
            "pipe.toml",
            "product.toml",
            "to-folder.toml",
            "to-pipe.toml"
        ]
    );
}

#[cfg(unix)]
#[test]
fn init_discard_invalid_never_replaces_a_device() {
    // A device of its own where the system allows one (as root), so that a
    // regression replaces that, not the machine's /dev/null.
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .args([own.to_str().unwrap(), "c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let device = if made {
        own.as_path()
    } else {
        Path::new("/dev/null")
    };
    std::os::unix::fs::symlink(device, dir.path().join("product.toml")).unwrap();
    let e = refused(
        dir.path(),
        &[
            "-f",
            "product.toml",
            "init",
            "--name",
            "P",
            "--force",
            "--discard-invalid",
        ],
        3,
        &["a device, not a product file"],
    );
    assert_eq!(e["code"], "not_a_file", "{e}");
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata(device).unwrap().file_type().is_char_device());
}

#[cfg(unix)]
#[test]
fn init_force_replaces_a_product_file_through_a_link_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    fs::write(dir.path().join("real/product.toml"), MINIMAL).unwrap();
    std::os::unix::fs::symlink("real/product.toml", dir.path().join("product.toml")).unwrap();
    let out = run(
        dir.path(),
        &["init", "--name", "Fresh", "--key", "FR", "--force"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_link(dir.path().join("product.toml")).unwrap(),
        Path::new("real/product.toml")
    );
    let text = fs::read_to_string(dir.path().join("real/product.toml")).unwrap();
    assert!(text.contains("name = \"Fresh\""), "{text}");
}

#[cfg(unix)]
#[test]
fn init_force_refuses_what_is_not_a_product_file_unless_discard_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases = [
        ("notes.txt", "Remember the milk\n"),
        ("empty.toml", ""),
        (
            "Cargo.toml",
            "[package]\nname = \"other\"\nversion = \"0.1.0\"\n",
        ),
        ("data.json", "{\"rows\": [1, 2, 3]}\n"),
    ];
    for (name, text) in cases {
        fs::write(d.join(name), text).unwrap();
        let link = format!("to-{name}.toml");
        std::os::unix::fs::symlink(name, d.join(&link)).unwrap();
        for file in [name, link.as_str()] {
            let e = refused(
                d,
                &["-f", file, "init", "--name", "P", "--force"],
                3,
                &[
                    "--force will not replace a file it cannot read",
                    "--discard-invalid",
                ],
            );
            assert_eq!(e["code"], "file_invalid", "{file}: {e}");
            let message = e["message"].as_str().unwrap();
            assert!(message.contains("does not read as a product file"), "{e}");
            assert_eq!(fs::read_to_string(d.join(name)).unwrap(), text, "{file}");
        }
    }
    // Asked to throw it away, through the link: the file it points at is
    // replaced, and the link stays.
    let out = run(
        d,
        &[
            "-f",
            "to-notes.txt.toml",
            "init",
            "--name",
            "P",
            "--force",
            "--discard-invalid",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(d.join("to-notes.txt.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(d.join("notes.txt"))
            .unwrap()
            .contains("name = \"P\"")
    );
}
