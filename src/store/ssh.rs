//! Making a decision's signature with the keys a developer already signs
//! commits with: a key file, git's `user.signingkey`, or the SSH agent.
//!
//! An unencrypted private key signs in-process; anything else (a key under
//! a passphrase, a public key whose private half is in the agent, a hardware
//! key) is signed by `ssh-keygen -Y sign`, as git itself does, so that it can
//! ask for the passphrase or talk to the agent. The bytes and the namespace
//! come from [`crate::signing`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::signing::{self, KeyError, NAMESPACE};

/// Where the key to sign with comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `--key PATH`: a private key, or a public key whose private half the
    /// agent holds.
    File(PathBuf),
    /// git's `user.signingkey` (with `gpg.format = ssh`), else the agent.
    Configured,
}

/// Why no signature could be made.
#[derive(Debug, thiserror::Error)]
pub enum SshError {
    #[error("cannot read {}: {message}", .path.display())]
    Read { path: PathBuf, message: String },
    #[error("{}: {problem}", .path.display())]
    Key { path: PathBuf, problem: KeyError },
    #[error("no signing key: --key was not given, git has no SSH `user.signingkey`, and {agent}")]
    NoKey { agent: String },
    #[error("none of the agent's keys is one of {person}'s signing keys")]
    NoneOfTheirs { person: String },
    #[error("`{program}` could not be run: {message}")]
    NotRun { program: String, message: String },
    #[error("`ssh-keygen -Y sign` failed: {message}")]
    Failed { message: String },
}

impl SshError {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            SshError::Read { .. } | SshError::Key { .. } => {
                "give --key the path of your SSH private key (e.g. ~/.ssh/id_ed25519), or of its .pub with the key in the agent"
            }
            SshError::NoKey { .. } => {
                "give --key PATH, or set `git config gpg.format ssh` and `git config user.signingkey ~/.ssh/id_ed25519.pub`, or load the key with `ssh-add`"
            }
            SshError::NoneOfTheirs { .. } => {
                "add the key to the agent with `ssh-add`, give --key PATH, or add your public key with `product people key NAME --add`"
            }
            SshError::NotRun { .. } => {
                "install OpenSSH's client (ssh-keygen 8.2 or later), or sign elsewhere: `product decisions payload D7 | ssh-keygen -Y sign -n productfile-decision -f KEY`, then `--signature FILE`"
            }
            SshError::Failed { .. } => {
                "check the key and its passphrase; `ssh-keygen -Y sign` needs OpenSSH 8.2 or later"
            }
        }
    }
}

/// Signs `message` (a decision's payload) with the key `source` names and
/// returns the armored SSH signature. `theirs` are the signing keys of
/// `person` in the file, used to pick the agent's key when no key is named;
/// git's configuration is read in `dir`.
pub fn sign(
    message: &[u8],
    source: &KeySource,
    dir: &Path,
    person: &str,
    theirs: &[String],
) -> Result<String, SshError> {
    match source {
        KeySource::File(path) => sign_with_file(message, path),
        KeySource::Configured => match git_signing_key(dir) {
            Some(ConfiguredKey::Path(path)) => sign_with_file(message, &path),
            Some(ConfiguredKey::Literal(line)) => sign_with_agent_key(message, &line),
            None => {
                let agent = agent_keys().map_err(|agent| SshError::NoKey { agent })?;
                let line = agent
                    .iter()
                    .find(|k| theirs.iter().any(|t| signing::same_key(k, t)))
                    .ok_or_else(|| SshError::NoneOfTheirs {
                        person: person.to_owned(),
                    })?;
                sign_with_agent_key(message, line)
            }
        },
    }
}

/// A key file: signed in-process when it is an unencrypted private key,
/// else by `ssh-keygen` (a passphrase to ask for, or a public key file).
fn sign_with_file(message: &[u8], path: &Path) -> Result<String, SshError> {
    let text = std::fs::read_to_string(path).map_err(|e| SshError::Read {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    if signing::public_key(&text).is_ok() {
        return ssh_keygen_sign(message, path);
    }
    match signing::sign_bytes(message, &text) {
        Ok(armored) => Ok(armored),
        Err(KeyError::Encrypted) => ssh_keygen_sign(message, path),
        Err(problem) => Err(SshError::Key {
            path: path.to_owned(),
            problem,
        }),
    }
}

/// A public key line whose private half the agent holds: written to a
/// temporary file for `ssh-keygen -f`, as git does.
fn sign_with_agent_key(message: &[u8], line: &str) -> Result<String, SshError> {
    let mut file = tempfile::Builder::new()
        .prefix("product-key-")
        .suffix(".pub")
        .tempfile()
        .map_err(|e| SshError::Read {
            path: std::env::temp_dir(),
            message: e.to_string(),
        })?;
    writeln!(file, "{}", line.trim()).map_err(|e| SshError::Read {
        path: file.path().to_owned(),
        message: e.to_string(),
    })?;
    ssh_keygen_sign(message, file.path())
}

fn ssh_keygen_sign(message: &[u8], key: &Path) -> Result<String, SshError> {
    let not_run = |e: std::io::Error| SshError::NotRun {
        program: "ssh-keygen".into(),
        message: e.to_string(),
    };
    let mut child = Command::new("ssh-keygen")
        .args(["-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(not_run)?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(message).map_err(not_run)?;
    }
    let out = child.wait_with_output().map_err(not_run)?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() || !stdout.contains("BEGIN SSH SIGNATURE") {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let message = stderr
            .lines()
            .filter(|l| !l.starts_with("Signing data on standard input"))
            .collect::<Vec<_>>()
            .join("; ");
        return Err(SshError::Failed {
            message: if message.is_empty() {
                format!("exit status {}", out.status)
            } else {
                message
            },
        });
    }
    Ok(stdout)
}

enum ConfiguredKey {
    Path(PathBuf),
    Literal(String),
}

/// git's SSH signing key: `user.signingkey` when `gpg.format` is `ssh`,
/// either a path (`~` expanded) or a key itself (`key::ssh-ed25519 ...`,
/// or the bare key line newer git accepts).
fn git_signing_key(dir: &Path) -> Option<ConfiguredKey> {
    let config = |key: &str| -> Option<String> {
        let out = Command::new("git")
            .args(["config", "--get", key])
            .current_dir(dir)
            .output()
            .ok()?;
        let value = String::from_utf8(out.stdout).ok()?.trim().to_owned();
        (out.status.success() && !value.is_empty()).then_some(value)
    };
    if config("gpg.format")? != "ssh" {
        return None;
    }
    let key = config("user.signingkey")?;
    if let Some(line) = key.strip_prefix("key::") {
        return Some(ConfiguredKey::Literal(line.to_owned()));
    }
    if key.starts_with("ssh-") || key.starts_with("ecdsa-") || key.starts_with("sk-") {
        return Some(ConfiguredKey::Literal(key));
    }
    let path = match key.strip_prefix("~/") {
        Some(rest) => std::env::home_dir()?.join(rest),
        None => PathBuf::from(key),
    };
    Some(ConfiguredKey::Path(path))
}

/// The public keys the SSH agent holds (`ssh-add -L`), or why there are none.
fn agent_keys() -> Result<Vec<String>, String> {
    if std::env::var_os("SSH_AUTH_SOCK").is_none() {
        return Err("no SSH agent is running (SSH_AUTH_SOCK is not set)".into());
    }
    let out = Command::new("ssh-add")
        .arg("-L")
        .output()
        .map_err(|e| format!("`ssh-add -L` could not be run ({e})"))?;
    if !out.status.success() {
        return Err("the SSH agent holds no keys".into());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect())
}

/// A signature made elsewhere (`ssh-keygen -Y sign` output), as text.
pub fn read_signature(path: &Path) -> Result<String, SshError> {
    read_text(path)
}

/// A public key file (`.pub`), or the key line itself when `arg` is not a
/// file: what `product people key --add` accepts.
pub fn public_key_line(arg: &str) -> Result<String, SshError> {
    let path = Path::new(arg);
    if signing::public_key(arg).is_err() && path.is_file() {
        let text = read_text(path)?;
        return Ok(text.lines().next().unwrap_or_default().trim().to_owned());
    }
    Ok(arg.trim().to_owned())
}

fn read_text(path: &Path) -> Result<String, SshError> {
    std::fs::read_to_string(path).map_err(|e| SshError::Read {
        path: path.to_owned(),
        message: e.to_string(),
    })
}
