//! Setting git up to merge product files with `product merge`: the merge
//! driver in git's config (`merge.product.*`) and the routing of product
//! files to it in `.gitattributes`; telling whether it is set up; and
//! reading a repository's `.gitattributes` files for `product check`.
//! git is run through argument lists, never a shell. What the attributes
//! say is decided by the pure [`crate::gitattributes`].

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Serialize;

use crate::gitattributes::{self, AttributesFile, InRepository, Merge};

use super::error::{Problem, StoreError};
use super::{BOM, write_atomic};

/// `merge.product.name`: what git calls the driver.
pub const DRIVER_NAME: &str = "product: semantic merge of product files";

/// `merge.product.driver`: the command git runs to merge a product file.
pub const DRIVER_COMMAND: &str = "product merge %O %A %B --marker-size %L --path %P";

/// Where a setting is written: this repository, or the user's own git
/// configuration, for every repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Local,
    Global,
}

impl Scope {
    fn flag(self) -> &'static str {
        match self {
            Scope::Local => "--local",
            Scope::Global => "--global",
        }
    }
}

/// One git config setting and what setup did to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigSetting {
    pub key: &'static str,
    pub value: &'static str,
    /// Its value before, in the same scope, if it had one.
    pub previous: Option<String>,
    /// Whether setup wrote it (it was missing, or different).
    pub changed: bool,
}

/// What [`setup`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GitSetup {
    pub scope: Scope,
    /// The top of the work tree (local setup only).
    pub repository: Option<PathBuf>,
    pub config: Vec<ConfigSetting>,
    /// The attributes file that routes product files to the driver.
    pub attributes_file: PathBuf,
    /// The lines added to it (none when it already routed every name).
    pub attributes_added: Vec<String>,
    /// Whether anything was changed: `false` means it was already set up.
    pub changed: bool,
}

/// Whether git is set up to merge a product file with `product merge`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GitStatus {
    /// The top of the work tree the file is in; `None` outside git.
    pub repository: Option<PathBuf>,
    /// `merge.product.driver`, as git reads it (any scope), if set.
    pub driver: Option<String>,
    /// Which configuration it comes from: `local`, `global`, `system`,
    /// `worktree` or `command`.
    pub driver_scope: Option<String>,
    /// The file's `merge` attribute, as `git check-attr` gives it (all
    /// attributes files, global ones included); `None` outside git.
    pub merge: Option<Merge>,
}

impl GitStatus {
    /// Whether the merge driver is configured, in any scope.
    pub fn driver_configured(&self) -> bool {
        self.driver.is_some()
    }

    /// Whether the file's `merge` attribute names the product driver.
    pub fn routed(&self) -> bool {
        self.merge == Some(Merge::Driver(gitattributes::DRIVER.to_owned()))
    }
}

/// The file names setup routes to the driver for a product file: the
/// default names, and the file's own when it has another.
pub fn names_to_route(file: &Path) -> Vec<String> {
    let mut names: Vec<String> = super::DEFAULT_NAMES.map(String::from).to_vec();
    if let Some(name) = file.file_name().map(|n| n.to_string_lossy().into_owned())
        && !names.contains(&name)
    {
        names.push(name);
    }
    names
}

/// Runs git in `dir` with these arguments.
fn git(dir: &Path, args: &[&str]) -> Result<Output, StoreError> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| StoreError::Git {
            command: format!("git {}", args.join(" ")),
            message: format!("could not run git: {e}"),
        })
}

/// git's complaint, on one line.
fn refused(args: &[&str], out: &Output) -> StoreError {
    let said = String::from_utf8_lossy(&out.stderr);
    let said = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let said = said
        .trim()
        .trim_start_matches("fatal: ")
        .trim_start_matches("error: ");
    StoreError::Git {
        command: format!("git {}", args.join(" ")),
        message: if said.is_empty() {
            format!("git exited with {}", out.status)
        } else {
            said.to_owned()
        },
    }
}

/// The top of the git work tree `dir` is in; `None` outside one.
pub fn repository_top(dir: &Path) -> Result<Option<PathBuf>, StoreError> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Ok(None);
    }
    let top = String::from_utf8_lossy(&out.stdout)
        .trim_end_matches(['\n', '\r'])
        .to_owned();
    Ok((!top.is_empty()).then(|| PathBuf::from(top)))
}

/// A git config value in a scope; `None` when it is not set there.
fn config_get(dir: &Path, scope: Scope, key: &str) -> Result<Option<String>, StoreError> {
    let args = ["config", scope.flag(), "--get", key];
    let out = git(dir, &args)?;
    match out.status.code() {
        Some(0) => Ok(Some(
            String::from_utf8_lossy(&out.stdout)
                .trim_end_matches(['\n', '\r'])
                .to_owned(),
        )),
        // git config's "the key is not set".
        Some(1) => Ok(None),
        _ => Err(refused(&args, &out)),
    }
}

fn config_set(dir: &Path, scope: Scope, key: &str, value: &str) -> Result<(), StoreError> {
    let args = ["config", scope.flag(), key, value];
    let out = git(dir, &args)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(refused(&args, &out))
    }
}

/// The global attributes file: `core.attributesFile` in the global git
/// config (a repository's own setting of it is for that repository
/// alone), else git's default, `$XDG_CONFIG_HOME/git/attributes` or
/// `$HOME/.config/git/attributes`.
fn global_attributes_file(dir: &Path) -> Result<PathBuf, StoreError> {
    let args = [
        "config",
        "--global",
        "--type=path",
        "--get",
        "core.attributesFile",
    ];
    let out = git(dir, &args)?;
    match out.status.code() {
        Some(0) => {
            let named = String::from_utf8_lossy(&out.stdout)
                .trim_end_matches(['\n', '\r'])
                .to_owned();
            if !named.is_empty() {
                return Ok(dir.join(named));
            }
        }
        Some(1) => {}
        _ => return Err(refused(&args, &out)),
    }
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(xdg) = env("XDG_CONFIG_HOME") {
        return Ok(PathBuf::from(xdg).join("git").join("attributes"));
    }
    if let Some(home) = env("HOME") {
        return Ok(PathBuf::from(home)
            .join(".config")
            .join("git")
            .join("attributes"));
    }
    Err(StoreError::Git {
        command: "git config --get core.attributesFile".into(),
        message: "it is not set, and neither $XDG_CONFIG_HOME nor $HOME says where git's own attributes file is".into(),
    })
}

/// An attributes file's text (empty when there is none), checked to be UTF-8.
fn read_attributes(path: &Path) -> Result<String, StoreError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(String::new()),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    String::from_utf8(bytes).map_err(|e| StoreError::Invalid {
        file: path.to_path_buf(),
        problems: vec![Problem {
            line_col: Some(super::line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            )),
            path: String::new(),
            message: "the file is not valid UTF-8 text".into(),
        }],
    })
}

/// Sets git up to merge product files with `product merge`: the driver in
/// git's config (of the repository `dir` is in, or `--global`), and a
/// `NAME merge=product` line for each file name in `names` that the
/// attributes file (the work tree's top-level `.gitattributes`, or the
/// global attributes file) does not route yet. Running it again changes
/// nothing. Outside a git work tree, a local setup is refused.
pub fn setup(dir: &Path, names: &[&str], scope: Scope) -> Result<GitSetup, StoreError> {
    let repository = match scope {
        Scope::Local => Some(repository_top(dir)?.ok_or_else(|| StoreError::NotInGit {
            dir: dir.to_path_buf(),
        })?),
        Scope::Global => None,
    };
    let run_in = repository.as_deref().unwrap_or(dir);
    let mut config = Vec::new();
    for (key, value) in [
        ("merge.product.name", DRIVER_NAME),
        ("merge.product.driver", DRIVER_COMMAND),
    ] {
        let previous = config_get(run_in, scope, key)?;
        let changed = previous.as_deref() != Some(value);
        if changed {
            config_set(run_in, scope, key, value)?;
        }
        config.push(ConfigSetting {
            key,
            value,
            previous,
            changed,
        });
    }
    let attributes_file = match &repository {
        Some(top) => top.join(".gitattributes"),
        None => global_attributes_file(run_in)?,
    };
    let text = read_attributes(&attributes_file)?;
    let (bom, body) = match text.strip_prefix(BOM) {
        Some(body) => (BOM, body),
        None => ("", text.as_str()),
    };
    let mut attributes_added = Vec::new();
    if let Some(new) = gitattributes::with_product_driver(body, names) {
        attributes_added = new[body.len()..]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(folder) = attributes_file.parent()
            && !folder.as_os_str().is_empty()
        {
            fs::create_dir_all(folder).map_err(|e| StoreError::io(folder, e))?;
        }
        write_atomic(&attributes_file, format!("{bom}{new}").as_bytes())?;
    }
    let changed = !attributes_added.is_empty() || config.iter().any(|c| c.changed);
    Ok(GitSetup {
        scope,
        repository,
        config,
        attributes_file,
        attributes_added,
        changed,
    })
}

/// Tells git to ignore `file` (the lock file, which stays beside the
/// product file so that writers never race over creating it): adds its
/// path, anchored at the top of the work tree, to the repository's
/// `info/exclude`, unless a line already says so. `git rev-parse
/// --git-path` finds that file in a linked work tree or submodule too.
/// Outside git, or without git, nothing happens; a failure is ignored,
/// since the file would merely show as untracked.
pub fn exclude(file: &Path) {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let args = ["rev-parse", "--show-prefix", "--git-path", "info/exclude"];
    let Ok(out) = git(dir, &args) else { return };
    if !out.status.success() {
        return;
    }
    let said = String::from_utf8_lossy(&out.stdout);
    let mut lines = said.lines();
    let (Some(prefix), Some(exclude)) = (lines.next(), lines.next()) else {
        return;
    };
    let line = ignore_line(&format!("{prefix}{}", name.to_string_lossy()));
    let exclude = dir.join(exclude);
    let text = match fs::read(&exclude) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(_) => return,
    };
    if text.lines().any(|l| l.trim_end() == line) {
        return;
    }
    let separator = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    if let Some(folder) = exclude.parent() {
        let _ = fs::create_dir_all(folder);
    }
    let _ = write_atomic(&exclude, format!("{text}{separator}{line}\n").as_bytes());
}

/// The ignore-file line for exactly this path from the top of the work
/// tree: anchored with `/`, glob characters and trailing spaces escaped.
fn ignore_line(path: &str) -> String {
    let mut line = String::from("/");
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | '\\') {
            line.push('\\');
        }
        line.push(c);
    }
    let trailing = line.len() - line.trim_end_matches(' ').len();
    if trailing > 0 {
        line.truncate(line.len() - trailing);
        line.push_str(&"\\ ".repeat(trailing));
    }
    line
}

/// Whether git is set up to merge `file` with `product merge`: the driver
/// as git's config has it (any scope), and the file's `merge` attribute as
/// `git check-attr` works it out. The file need not exist.
pub fn status(file: &Path) -> Result<GitStatus, StoreError> {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(StoreError::Missing {
            file: dir.to_path_buf(),
        });
    }
    let repository = repository_top(dir)?;
    let args = ["config", "--show-scope", "--get", "merge.product.driver"];
    let out = git(dir, &args)?;
    let (driver_scope, driver) = match out.status.code() {
        Some(0) => {
            let said = String::from_utf8_lossy(&out.stdout);
            let said = said.trim_end_matches(['\n', '\r']);
            match said.split_once('\t') {
                Some((scope, value)) => (Some(scope.to_owned()), Some(value.to_owned())),
                None => (None, Some(said.to_owned())),
            }
        }
        Some(1) => (None, None),
        _ => return Err(refused(&args, &out)),
    };
    let merge = match &repository {
        None => None,
        Some(_) => {
            let name = file.file_name().map_or_else(
                || "product.toml".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            let args = ["check-attr", "merge", "--", name.as_str()];
            let out = git(dir, &args)?;
            if !out.status.success() {
                return Err(refused(&args, &out));
            }
            let said = String::from_utf8_lossy(&out.stdout);
            // `NAME: merge: VALUE`; the name may itself hold `: `.
            let value = said
                .lines()
                .next()
                .and_then(|l| l.rsplit_once(": merge: "))
                .map(|(_, v)| v.trim());
            Some(match value {
                None | Some("unspecified") => Merge::Unspecified,
                Some("set") => Merge::Set,
                Some("unset") => Merge::Unset,
                Some(driver) => Merge::Driver(driver.to_owned()),
            })
        }
    };
    Ok(GitStatus {
        repository,
        driver,
        driver_scope,
        merge,
    })
}

/// The file's place in its git work tree and the `.gitattributes` files
/// from the top of the work tree down to its folder, for `product check`;
/// `None` outside git. Found by looking for `.git` in the file's folder and
/// its parents (a folder, or a file in a linked work tree or submodule),
/// stopping, as git does, above the folders `$GIT_CEILING_DIRECTORIES`
/// lists; without running git, and so without reading anyone's git
/// config: the attributes a CI clone has are the committed ones.
pub fn attributes_of(file: &Path) -> Option<InRepository> {
    let file = file.canonicalize().ok()?;
    let folder = file.parent()?;
    let ceilings: Vec<PathBuf> = std::env::var_os("GIT_CEILING_DIRECTORIES")
        .map(|dirs| {
            std::env::split_paths(&dirs)
                .filter(|d| !d.as_os_str().is_empty())
                .filter_map(|d| d.canonicalize().ok())
                .collect()
        })
        .unwrap_or_default();
    let top = folder
        .ancestors()
        .take_while(|d| !ceilings.iter().any(|c| c == d) || *d == folder)
        .find(|d| d.join(".git").exists())?;
    let relative = file.strip_prefix(top).ok()?;
    let path = relative.to_string_lossy().replace('\\', "/");
    let mut files = Vec::new();
    let mut dir = top.to_path_buf();
    let mut dir_name = String::new();
    let parts: Vec<_> = relative
        .parent()
        .map_or_else(Vec::new, |p| p.iter().collect());
    for i in 0..=parts.len() {
        if i > 0 {
            let part = parts[i - 1].to_string_lossy();
            dir.push(part.as_ref());
            if !dir_name.is_empty() {
                dir_name.push('/');
            }
            dir_name.push_str(&part);
        }
        if let Ok(bytes) = fs::read(dir.join(".gitattributes")) {
            let text = String::from_utf8_lossy(&bytes);
            files.push(AttributesFile {
                dir: dir_name.clone(),
                text: text.strip_prefix(BOM).unwrap_or(&text).to_owned(),
            });
        }
    }
    Some(InRepository { path, files })
}
