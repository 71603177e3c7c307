//! Signed agreements end to end, with real keys made by `ssh-keygen` in
//! temporary git repositories: `check --base REV --require-signatures`
//! passes a change whose decision everyone it names has signed, and fails
//! an unsigned one, a forged one, one signed with a key added on the same
//! branch and one whose content changed after signing; our signatures are
//! `ssh-keygen -Y verify`'s and theirs are ours; signatures cannot be
//! required while someone who decides has no key; and a merge that
//! renumbers a decision keeps its signatures valid.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{commit_all, git, ok, product, stderr, stdout, text};

const ADA: &str = "Ada Byrne";
const KOFI: &str = "Kofi Mensah";
const SAM: &str = "Sam Okoro";
const NAMESPACE: &str = "productfile-decision";

/// Key pairs made by `ssh-keygen`, kept outside the repository.
struct Keys {
    dir: tempfile::TempDir,
}

impl Keys {
    fn new() -> Keys {
        let keys = Keys {
            dir: tempfile::tempdir().unwrap(),
        };
        for name in ["ada", "kofi", "sam", "mallory"] {
            let out = std::process::Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
                .arg(keys.private(name))
                .output()
                .expect("ssh-keygen runs (install openssh-client)");
            assert!(out.status.success(), "{}", stderr(&out));
        }
        keys
    }

    fn private(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn public(&self, name: &str) -> String {
        let path = self.dir.path().join(format!("{name}.pub"));
        text(&path).trim().to_owned()
    }
}

/// A product where Ada owns, Kofi is leadership and Sam is on the team,
/// each with a signing key, and `signatures` as given.
fn product_text(keys: &Keys, signatures: &str, kofi_has_key: bool) -> String {
    let kofi_key = if kofi_has_key {
        format!("signing_keys = [\"{}\"]\n", keys.public("kofi"))
    } else {
        String::new()
    };
    format!(
        r#"version = 1

[product]
name = "Signed"
key = "SG"
owner = "{ADA}"

[rights]
signatures = "{signatures}"

[[people]]
name = "{ADA}"
roles = ["owner"]
signing_keys = ["{ada}"]

[[people]]
name = "{KOFI}"
roles = ["leadership"]
{kofi_key}
[[people]]
name = "{SAM}"
roles = ["team"]
signing_keys = ["{sam}"]

[[kpis]]
id = "K1"
name = "Satisfaction"
direction = "up"
target = 90.0
threshold = 80.0
cadence = "monthly"
history = [{{ date = 2026-11-20, value = 85.0 }}]

[[items]]
id = "SG-1"
title = "Pay by card"
kind = "feature"
status = "idea"
"#,
        ada = keys.public("ada"),
        sam = keys.public("sam"),
    )
}

/// A repository whose one commit holds a product that requires signatures.
fn repository(keys: &Keys) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("product.toml");
    std::fs::write(&path, product_text(keys, "required", true)).unwrap();
    std::fs::write(
        dir.path().join(".gitattributes"),
        "product.toml merge=product\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".gitignore"), "*.lock\n").unwrap();
    commit_all(dir.path(), ADA, "The product file");
    (dir, path)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    product(dir).args(args).output().unwrap()
}

fn check_signed(dir: &Path, base: &str) -> Output {
    run(dir, &["check", "--base", base, "--require-signatures"])
}

/// Ada raises K1's target with Kofi's agreement: D1, unsigned.
fn raise_target(dir: &Path, to: &str) {
    ok(
        dir,
        &[
            "--as",
            ADA,
            "--agreed-by",
            KOFI,
            "kpi",
            "edit",
            "K1",
            "--target",
            to,
        ],
    );
}

fn sign(dir: &Path, keys: &Keys, who: &str, key: &str, id: &str) -> Output {
    let key = keys.private(key);
    run(
        dir,
        &[
            "--as",
            who,
            "decisions",
            "sign",
            id,
            "--key",
            key.to_str().unwrap(),
        ],
    )
}

fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}{}",
        stdout(out),
        stderr(out)
    );
}

#[test]
fn a_change_passes_only_once_everyone_named_has_signed() {
    let keys = Keys::new();
    let (dir, _) = repository(&keys);
    raise_target(dir.path(), "95");

    let out = check_signed(dir.path(), "HEAD");
    assert_code(&out, 1);
    let said = stdout(&out);
    assert!(
        said.contains("error[unsigned-decision]: K1 target: 90 -> 95")
            && said.contains("no signature by Ada Byrne; no signature by Kofi Mensah"),
        "{said}"
    );
    // The file requires them, so the plain check asks for them too.
    assert_code(&run(dir.path(), &["check", "--base", "HEAD"]), 1);

    let out = sign(dir.path(), &keys, ADA, "ada", "D1");
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("Still to sign: Kofi Mensah"),
        "{}",
        stdout(&out)
    );
    let said = stdout(&check_signed(dir.path(), "HEAD"));
    assert!(
        said.contains("(D1: no signature by Kofi Mensah)") && !said.contains("by Ada Byrne;"),
        "{said}"
    );

    assert_code(&sign(dir.path(), &keys, KOFI, "kofi", "D1"), 0);
    assert_code(&check_signed(dir.path(), "HEAD"), 0);
    assert_code(&run(dir.path(), &["decisions", "verify", "D1"]), 0);

    // Signing again replaces one's own signature: still two.
    let again = sign(dir.path(), &keys, KOFI, "kofi", "D1");
    assert_code(&again, 0);
    let shown = common::ok_json(dir.path(), &["decisions", "show", "D1"], "decision");
    assert_eq!(
        shown["decision"]["signatures"].as_array().unwrap().len(),
        2,
        "{shown}"
    );
}

#[test]
fn the_tool_signs_only_for_someone_named_with_their_own_key() {
    let keys = Keys::new();
    let (dir, path) = repository(&keys);
    raise_target(dir.path(), "95");
    let before = text(&path);

    // Kofi with a key that is not his.
    let out = sign(dir.path(), &keys, KOFI, "mallory", "D1");
    assert_code(&out, 3);
    assert!(
        stderr(&out).contains("signed with a key that is not one of Kofi Mensah's"),
        "{}",
        stderr(&out)
    );
    // Sam has a key, but is not named on D1.
    let out = sign(dir.path(), &keys, SAM, "sam", "D1");
    assert_code(&out, 4);
    assert!(
        stderr(&out).contains("Sam Okoro is not named on D1"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        text(&path),
        before,
        "a refused signature leaves the file alone"
    );
}

#[test]
fn a_forged_signature_fails_the_check() {
    let keys = Keys::new();
    let (dir, path) = repository(&keys);
    raise_target(dir.path(), "95");
    assert_code(&sign(dir.path(), &keys, ADA, "ada", "D1"), 0);
    // Kofi's signature written by hand: Ada's signature under his name.
    let signed = text(&path);
    let ada_line = signed
        .lines()
        .find(|l| l.contains("{ by = \"Ada Byrne\""))
        .unwrap()
        .to_owned();
    let forged = signed.replacen(
        &ada_line,
        &format!(
            "{ada_line}\n{}",
            ada_line.replace("Ada Byrne", "Kofi Mensah")
        ),
        1,
    );
    std::fs::write(&path, forged).unwrap();

    let out = check_signed(dir.path(), "HEAD");
    assert_code(&out, 1);
    let said = stdout(&out);
    assert!(
        said.contains("error[unsigned-decision]") && said.contains("Kofi Mensah"),
        "{said}"
    );
    // The file's own check sees it too, without git.
    let out = run(dir.path(), &["check"]);
    assert!(
        stdout(&out).contains("warning[signature-invalid]: D1:"),
        "{}",
        stdout(&out)
    );
    assert_code(&run(dir.path(), &["decisions", "verify", "D1"]), 1);
}

#[test]
fn a_key_added_on_the_branch_does_not_sign_for_it() {
    let keys = Keys::new();
    let (dir, _) = repository(&keys);
    raise_target(dir.path(), "95");
    // Mallory's key given to Kofi on the same branch (itself a rights
    // change, logged as D2), then used to sign as Kofi.
    let mallory = keys.public("mallory");
    ok(
        dir.path(),
        &[
            "--as",
            KOFI,
            "--agreed-by",
            ADA,
            "people",
            "key",
            KOFI,
            "--add",
            &mallory,
        ],
    );
    for id in ["D1", "D2"] {
        assert_code(&sign(dir.path(), &keys, ADA, "ada", id), 0);
        assert_code(&sign(dir.path(), &keys, KOFI, "mallory", id), 0);
    }
    // Consistent in itself...
    assert_code(&run(dir.path(), &["decisions", "verify"]), 0);
    // ...but not with the keys the base holds.
    let out = check_signed(dir.path(), "HEAD");
    assert_code(&out, 1);
    let said = stdout(&out);
    assert!(
        said.contains("K1 target: 90 -> 95") && said.contains("in the base"),
        "{said}"
    );
    assert!(
        said.contains("Kofi Mensah signing keys: + SHA256:") && said.contains("(mallory)"),
        "{said}"
    );
}

#[test]
fn a_change_made_after_signing_fails_the_check() {
    let keys = Keys::new();
    let (dir, path) = repository(&keys);
    raise_target(dir.path(), "95");
    assert_code(&sign(dir.path(), &keys, ADA, "ada", "D1"), 0);
    assert_code(&sign(dir.path(), &keys, KOFI, "kofi", "D1"), 0);
    let signed = text(&path);

    // The target moved on by hand: not what was signed.
    std::fs::write(&path, signed.replacen("target = 95", "target = 97", 1)).unwrap();
    let out = check_signed(dir.path(), "HEAD");
    assert_code(&out, 1);
    assert!(
        stdout(&out).contains("K1 target: 90 -> 97"),
        "{}",
        stdout(&out)
    );

    // The decision reworded after signing: its signatures no longer hold.
    std::fs::write(
        &path,
        signed.replacen(
            "summary = \"K1 (Satisfaction) target: 90 -> 95\"",
            "summary = \"K1 (Satisfaction) target: 90 -> 95, and anything else\"",
            1,
        ),
    )
    .unwrap();
    let out = check_signed(dir.path(), "HEAD");
    assert_code(&out, 1);
    let said = stdout(&out);
    assert!(said.contains("error[unsigned-decision]"), "{said}");
    assert!(said.contains("content changed after signing"), "{said}");
}

/// `-----BEGIN SSH SIGNATURE-----` armour around a stored signature body.
fn armored(body: &str) -> String {
    let mut out = String::from("-----BEGIN SSH SIGNATURE-----\n");
    for chunk in body.as_bytes().chunks(70) {
        out.push_str(std::str::from_utf8(chunk).unwrap());
        out.push('\n');
    }
    out.push_str("-----END SSH SIGNATURE-----\n");
    out
}

#[test]
fn ssh_keygen_verifies_ours_and_we_verify_ssh_keygens() {
    let keys = Keys::new();
    let (dir, _) = repository(&keys);
    raise_target(dir.path(), "95");
    let work = tempfile::tempdir().unwrap();
    let payload_path = work.path().join("d1.json");
    let payload = run(dir.path(), &["decisions", "payload", "D1"]);
    assert_code(&payload, 0);
    std::fs::write(&payload_path, &payload.stdout).unwrap();

    // Ours, checked by ssh-keygen.
    assert_code(&sign(dir.path(), &keys, ADA, "ada", "D1"), 0);
    let shown = common::ok_json(dir.path(), &["decisions", "show", "D1"], "decision");
    let body = shown["decision"]["signatures"][0]["signature"]
        .as_str()
        .unwrap();
    let sig = work.path().join("ada.sig");
    std::fs::write(&sig, armored(body)).unwrap();
    let allowed = work.path().join("allowed_signers");
    std::fs::write(&allowed, format!("ada {}\n", keys.public("ada"))).unwrap();
    let verified = std::process::Command::new("ssh-keygen")
        .args(["-Y", "verify", "-I", "ada", "-n", NAMESPACE, "-f"])
        .arg(&allowed)
        .arg("-s")
        .arg(&sig)
        .stdin(std::fs::File::open(&payload_path).unwrap())
        .output()
        .unwrap();
    assert!(
        verified.status.success(),
        "{}{}",
        stdout(&verified),
        stderr(&verified)
    );

    // ssh-keygen's, attached and checked by us.
    let signed = std::process::Command::new("ssh-keygen")
        .args(["-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(keys.private("kofi"))
        .arg(&payload_path)
        .output()
        .unwrap();
    assert!(signed.status.success(), "{}", stderr(&signed));
    let theirs = work.path().join("d1.json.sig");
    let out = run(
        dir.path(),
        &[
            "--as",
            KOFI,
            "decisions",
            "sign",
            "D1",
            "--signature",
            theirs.to_str().unwrap(),
        ],
    );
    assert_code(&out, 0);
    assert_code(&check_signed(dir.path(), "HEAD"), 0);

    // A signature of other bytes is refused.
    std::fs::write(&payload_path, b"something else").unwrap();
    std::fs::remove_file(&theirs).unwrap();
    let resigned = std::process::Command::new("ssh-keygen")
        .args(["-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(keys.private("kofi"))
        .arg(&payload_path)
        .output()
        .unwrap();
    assert!(resigned.status.success(), "{}", stderr(&resigned));
    let out = run(
        dir.path(),
        &[
            "--as",
            KOFI,
            "decisions",
            "sign",
            "D1",
            "--signature",
            theirs.to_str().unwrap(),
        ],
    );
    assert_code(&out, 3);
}

#[test]
fn signatures_cannot_be_required_while_someone_who_decides_has_no_key() {
    let keys = Keys::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("product.toml");
    std::fs::write(&path, product_text(&keys, "optional", false)).unwrap();
    let before = text(&path);

    let out = run(
        dir.path(),
        &[
            "--as",
            KOFI,
            "--agreed-by",
            ADA,
            "rights",
            "signatures",
            "required",
        ],
    );
    assert_code(&out, 4);
    assert!(stderr(&out).contains(KOFI), "{}", stderr(&out));
    assert_eq!(text(&path), before);

    let kofi = keys.public("kofi");
    ok(
        dir.path(),
        &[
            "--as",
            KOFI,
            "--agreed-by",
            ADA,
            "people",
            "key",
            KOFI,
            "--add",
            &kofi,
        ],
    );
    ok(
        dir.path(),
        &[
            "--as",
            KOFI,
            "--agreed-by",
            ADA,
            "rights",
            "signatures",
            "required",
        ],
    );
    assert!(text(&path).contains("signatures = \"required\""));
    // Now nobody who decides may lose their last key.
    let out = run(
        dir.path(),
        &[
            "--as",
            KOFI,
            "--agreed-by",
            ADA,
            "people",
            "key",
            KOFI,
            "--remove",
            &kofi,
        ],
    );
    assert_code(&out, 4);
}

#[test]
fn a_merge_that_renumbers_a_decision_keeps_its_signatures() {
    let keys = Keys::new();
    let (dir, path) = repository(&keys);
    let bin = env!("CARGO_BIN_EXE_product");
    git(
        dir.path(),
        &[
            "config",
            "merge.product.driver",
            &format!("'{bin}' merge %O %A %B --marker-size %L --path %P"),
        ],
    );
    let main = git(dir.path(), &["rev-parse", "--abbrev-ref", "HEAD"]);
    let main = main.trim();
    let root = git(dir.path(), &["rev-parse", "HEAD"]);

    git(dir.path(), &["checkout", "-q", "-b", "threshold"]);
    ok(
        dir.path(),
        &[
            "--as",
            ADA,
            "--agreed-by",
            KOFI,
            "kpi",
            "edit",
            "K1",
            "--threshold",
            "75",
        ],
    );
    assert_code(&sign(dir.path(), &keys, ADA, "ada", "D1"), 0);
    assert_code(&sign(dir.path(), &keys, KOFI, "kofi", "D1"), 0);
    commit_all(dir.path(), ADA, "K1 threshold 75");

    git(dir.path(), &["checkout", "-q", main]);
    raise_target(dir.path(), "95");
    assert_code(&sign(dir.path(), &keys, ADA, "ada", "D1"), 0);
    assert_code(&sign(dir.path(), &keys, KOFI, "kofi", "D1"), 0);
    commit_all(dir.path(), ADA, "K1 target 95");

    git(dir.path(), &["merge", "-q", "--no-edit", "threshold"]);
    let merged = text(&path);
    assert!(merged.contains("id = \"D2\""), "{merged}");
    assert!(merged.contains("threshold = 75") && merged.contains("target = 95"));
    assert_code(&run(dir.path(), &["decisions", "verify"]), 0);
    assert_code(&check_signed(dir.path(), root.trim()), 0);
}
