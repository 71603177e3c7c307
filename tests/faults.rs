//! Faults a shared product file meets: a command killed at any moment, a
//! hundred commands at once, and an editor saving the file while a command
//! holds what it read. Nothing may be lost and nothing half-written.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use productfile::ErrorKind;
use productfile::model::{Date, Item, Kind};
use productfile::ops::{Actor, Transaction};
use std::time::{Duration, Instant};

use common::{plain, product, stderr};

/// A backlog of `n` items, big enough that a write takes a measurable time.
fn backlog(n: usize) -> String {
    let mut text = String::from(
        "version = 1\n\n# A backlog for fault tests.\n[product]\nname = \"Library cards\"\nkey = \"LC\"\n\n\
         [[objectives]]\nid = \"O1\"\ntitle = \"Joining takes five minutes\"\n\n\
         [[objectives.key_results]]\nid = \"KR1\"\ntitle = \"Online joins\"\nstart = 0.0\ntarget = 100.0\n",
    );
    for i in 1..=n {
        text.push_str(&format!(
            "\n# Item {i}\n[[items]]\nid = \"LC-{i}\"\ntitle = \"Item {i}\"\nkind = \"feature\"\nstatus = \"idea\"\nvalue = 3\nsize = 5\ntags = [\"t{}\"]\n",
            i % 7
        ));
    }
    text
}

/// `product` as a plain process, so it can be killed or run a hundred at once.
fn spawn(dir: &Path, file: &Path, args: &[&str]) -> Child {
    plain(dir)
        .arg("-f")
        .arg(file)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("product starts")
}

fn items(text: &str) -> Vec<toml::Table> {
    let table: toml::Table = toml::from_str(text).expect("the file parses");
    table["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_table().unwrap().clone())
        .collect()
}

/// Temporary files left beside the product file.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_write_killed_at_any_moment_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("product.toml");
    std::fs::write(&file, backlog(300)).unwrap();

    // How long one add takes here, so the kills spread over all of it.
    let started = Instant::now();
    let out = spawn(dir.path(), &file, &["item", "add", "Timing"])
        .wait_with_output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let took = started.elapsed().as_micros() as u64;

    let (mut old_kept, mut new_written) = (0, 0);
    // A fixed pseudo-random walk, so a failure can be run again.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for n in 0..200 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = seed % (took + took / 4);
        let before = std::fs::read_to_string(&file).unwrap();
        let title = format!("Killed {n}");
        let mut child = spawn(dir.path(), &file, &["item", "add", &title]);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let _ = child.wait();
        let after = std::fs::read_to_string(&file).unwrap();
        if after == before {
            old_kept += 1;
            continue;
        }
        // Not the old file: then exactly the new one, whole.
        let (was, now) = (items(&before), items(&after));
        assert_eq!(now.len(), was.len() + 1, "kill {n} after {delay} µs");
        assert_eq!(now[..was.len()], was[..], "kill {n}");
        assert_eq!(now[was.len()]["title"].as_str(), Some(title.as_str()));
        assert!(
            after.starts_with(&before[..before.len() - 1]),
            "kill {n}: text outside the new item changed"
        );
        new_written += 1;
    }
    // Both outcomes happened, or the kills did not test the write at all.
    assert!(
        old_kept > 0 && new_written > 0,
        "old {old_kept}, new {new_written}"
    );

    // Whatever a kill left behind does not trip the next command, and the
    // next write clears it away.
    let out = spawn(dir.path(), &file, &["item", "add", "After the kills"])
        .wait_with_output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    let ids: std::collections::HashSet<String> = items(&std::fs::read_to_string(&file).unwrap())
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 300 + 1 + new_written + 1);
}

#[test]
fn a_hundred_commands_at_once_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("product.toml");
    std::fs::write(&file, backlog(30)).unwrap();
    let mut children = Vec::new();
    for n in 0..100 {
        let args: Vec<String> = match n % 10 {
            0..=3 => vec!["item".into(), "add".into(), format!("Added {n}")],
            4..=6 => vec![
                "item".into(),
                "edit".into(),
                format!("LC-{}", n / 10 * 3 + n % 10 - 3),
                "--title".into(),
                format!("Edited {n}"),
            ],
            _ => vec![
                "okr".into(),
                "checkin".into(),
                "O1.KR1".into(),
                n.to_string(),
                "--date".into(),
                format!("2026-{:02}-{:02}", 1 + n / 28, 1 + n % 28),
            ],
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        children.push((n, spawn(dir.path(), &file, &args)));
    }
    for (n, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "command {n}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let all = items(&text);
    assert_eq!(all.len(), 30 + 40);
    let ids: std::collections::HashSet<&str> =
        all.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 70, "ids are distinct");
    for n in (0..100).filter(|n| n % 10 <= 3) {
        assert!(
            text.contains(&format!("title = \"Added {n}\"")),
            "add {n} lost"
        );
    }
    for n in (0..100).filter(|n| (4..=6).contains(&(n % 10))) {
        assert!(
            text.contains(&format!("title = \"Edited {n}\"")),
            "edit {n} lost"
        );
    }
    let table: toml::Table = toml::from_str(&text).unwrap();
    let history = table["objectives"][0]["key_results"][0]["history"]
        .as_array()
        .unwrap();
    assert_eq!(history.len(), 30, "every check-in lands");
    // The hand-written comments are all still there.
    assert_eq!(text.matches("\n# Item ").count(), 30);
}

/// An editor's save: in place, or to a new file renamed over the old one.
fn editor_save(file: &Path, text: &str, by_rename: bool) {
    if by_rename {
        let tmp: PathBuf = file.with_extension("swp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, file).unwrap();
    } else {
        std::fs::write(file, text).unwrap();
    }
}

#[test]
fn an_editor_saving_while_a_command_holds_its_read_is_a_conflict_and_loses_nothing() {
    for (name, by_rename) in [
        ("product.toml", false),
        ("product.toml", true),
        ("product.json", false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        let text = if name.ends_with(".json") {
            common::ok(
                dir.path(),
                &[
                    "-f",
                    name,
                    "init",
                    "--name",
                    "Cards",
                    "--key",
                    "LC",
                    "--owner",
                    "Ada Byrne",
                ],
            );
            std::fs::read_to_string(&file).unwrap()
        } else {
            backlog(3)
        };
        std::fs::write(&file, &text).unwrap();
        // A command's transaction, through the library, holds its read.
        let today = Date::from_ymd(2026, 11, 20).unwrap();
        let mut tx = Transaction::open(&file, Duration::from_secs(5), today).unwrap();
        let id = tx.product().next_item_id().unwrap();
        let mine = Item::new(id, "Mine".into(), Kind::Feature, today);
        tx.product_mut().items.push(mine);
        let saved = text
            .replacen("Cards", "Cards (renamed in the editor)", 1)
            .replacen("Library cards", "Library cards (renamed in the editor)", 1);
        assert_ne!(saved, text);
        editor_save(&file, &saved, by_rename);
        let refused = tx.commit(&Actor::named("Ada Byrne")).err().unwrap();
        assert_eq!(refused.kind, ErrorKind::Conflict, "{name}: {refused}");
        assert!(
            refused
                .to_string()
                .contains("changed on disk while this command was running; nothing was written"),
            "{refused}"
        );
        // The editor's save stands, whole.
        assert_eq!(std::fs::read_to_string(&file).unwrap(), saved, "{name}");

        // And the command, run again, lands on top of it.
        let out = product(dir.path())
            .args(["--as", "Ada Byrne", "-f", name, "item", "add", "Mine"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let now = std::fs::read_to_string(&file).unwrap();
        assert!(now.contains("(renamed in the editor)"), "{now}");
        assert!(now.contains("\"Mine\""), "{now}");
        assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    }
}

/// A hand edit saved after the command has written and synced its new text,
/// just before the swap: the old check (made before writing) cannot see it.
/// The swap must, and the command refuses with exit 5, keeping the edit.
#[test]
fn a_hand_edit_saved_after_the_sync_is_a_conflict_and_is_kept() {
    for (name, by_rename, through_link) in [
        ("product.toml", false, false),
        ("product.toml", true, false),
        ("product.toml", false, true),
        ("product.toml", true, true),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join(name);
        let text = backlog(3);
        std::fs::write(&real, &text).unwrap();
        let file = if through_link {
            let link = dir.path().join("link.toml");
            #[cfg(unix)]
            std::os::unix::fs::symlink(name, &link).unwrap();
            #[cfg(not(unix))]
            continue;
            link
        } else {
            real.clone()
        };
        let today = Date::from_ymd(2026, 11, 20).unwrap();
        let mut tx = Transaction::open(&file, Duration::from_secs(5), today).unwrap();
        let id = tx.product().next_item_id().unwrap();
        tx.product_mut()
            .items
            .push(Item::new(id, "Mine".into(), Kind::Feature, today));
        let saved = text.replacen("Library cards", "Library cards (hand edit)", 1);
        let (hand, edited) = (saved.clone(), real.clone());
        productfile::store::set_after_sync_hook(Some(Box::new(move |_: &Path| {
            editor_save(&edited, &hand, by_rename)
        })));
        let result = tx.commit(&Actor::named("Ada Byrne"));
        productfile::store::set_after_sync_hook(None);
        let refused = result.err().unwrap_or_else(|| {
            panic!("{name} rename={by_rename} link={through_link}: the hand edit was overwritten")
        });
        // The kind the command line exits 5 for.
        assert_eq!(refused.kind, ErrorKind::Conflict, "{refused}");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), saved);
        assert_eq!(temporaries(dir.path()), Vec::<String>::new());
        if through_link {
            let meta = std::fs::symlink_metadata(&file).unwrap();
            assert!(meta.file_type().is_symlink());
        }
    }
}

#[test]
fn the_next_write_clears_what_a_killed_write_left_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("product.toml");
    std::fs::write(&file, backlog(2)).unwrap();
    let leftovers = [".product.toml.a1B2c3.tmp", ".product.toml.zz.tmp"];
    for name in leftovers {
        std::fs::write(dir.path().join(name), "half a fi").unwrap();
    }
    // Another file's write in progress, and a file of the user's, stay.
    let others = [".product.json.q9.tmp", "notes.tmp"];
    for name in others {
        std::fs::write(dir.path().join(name), "keep").unwrap();
    }
    // Reading is not disturbed by them.
    common::ok(dir.path(), &["item", "list"]);
    let out = spawn(dir.path(), &file, &["item", "add", "After"])
        .wait_with_output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut left = temporaries(dir.path());
    left.sort();
    assert_eq!(left, [".product.json.q9.tmp", "notes.tmp"]);
}

/// Commands, half of them through a symlink, race a hand editor saving the
/// file (in place or by rename) at every moment of their run. Every hand
/// edit is kept, or the command says it was refused (exit 5, or exit 3 for a
/// file read half-saved); none is lost while the command exits 0.
#[cfg(unix)]
#[test]
fn hand_edits_racing_commands_through_a_symlink_are_kept_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("product.toml");
    let link = dir.path().join("a.toml");
    std::fs::write(&real, backlog(40)).unwrap();
    std::os::unix::fs::symlink("product.toml", &link).unwrap();

    let started = Instant::now();
    let out = spawn(dir.path(), &real, &["item", "add", "Timing"])
        .wait_with_output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let took = started.elapsed().as_micros() as u64;

    const RACES: usize = 320;
    let (mut written_and_kept, mut refused_5, mut refused_3, mut overwritten_by_hand) =
        (0, 0, 0, 0);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for n in 0..RACES {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = seed % (took + took / 4);
        let through = if n % 2 == 0 { &link } else { &real };
        let title = format!("Raced {n}");
        let child = spawn(dir.path(), through, &["item", "add", &title]);
        std::thread::sleep(Duration::from_micros(delay));
        // The editor saves what it has with one more comment line.
        let mark = format!("# hand edit {n}\n");
        let hand = format!("{}{mark}", std::fs::read_to_string(&real).unwrap());
        editor_save(&real, &hand, n % 4 >= 2);
        let out = child.wait_with_output().unwrap();
        let after = std::fs::read_to_string(&real).unwrap();
        items(&after); // whole and valid, whatever happened
        let kept = after.contains(&mark);
        let code = out.status.code();
        assert!(
            kept || code != Some(0),
            "race {n} (after {delay} µs): the hand edit was lost and the command exited 0"
        );
        match code {
            Some(0) if after.contains(&format!("\"{title}\"")) => written_and_kept += 1,
            // The editor read the file before the command wrote it and
            // saved after: its save, made later, stands.
            Some(0) => overwritten_by_hand += 1,
            Some(5) => refused_5 += 1,
            Some(3) => refused_3 += 1,
            other => panic!("race {n}: exit {other:?}: {}", stderr(&out)),
        }
    }
    eprintln!(
        "{RACES} races: written with the hand edit kept {written_and_kept}, refused with exit 5 \
         {refused_5}, refused with exit 3 (read half-saved) {refused_3}, command's item \
         replaced by a later hand save {overwritten_by_hand}, hand edits lost 0"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}
