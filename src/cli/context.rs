//! What every command handler gets: the file to work on, today's date, how to
//! print, and the one path every change takes to disk.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use productfile::model::{Date, Decision, Product};
use productfile::ops::{Actor, Transaction};
use productfile::store;

use super::exit::{Parked, park};
use crate::render::visible::{say, visible};
use crate::render::{self, OutputFormat, Style, View};

use super::error::{CmdResult, CommandError};

/// The settings of one run of `product`, read from flags and the environment.
pub struct Ctx {
    /// `--file` or `$PRODUCT_FILE`.
    pub file: Option<PathBuf>,
    pub cwd: PathBuf,
    pub today: Date,
    pub format: OutputFormat,
    pub style: Style,
    pub quiet: bool,
    /// `--as` or `$PRODUCT_AS`: who is making the change.
    pub actor: Option<String>,
    /// Who is acting, once looked up (git is asked at most once a run).
    pub actor_found: std::cell::OnceCell<Option<String>>,
    /// `--agreed-by`: who agreed to the change.
    pub agreed_by: Vec<String>,
    /// `--why`: the rationale to log with the decision.
    pub why: Option<String>,
    pub lock_wait: Duration,
    /// Whether a person is at the terminal to answer questions.
    pub interactive: bool,
}

impl Ctx {
    /// The product file this run works on.
    pub fn product_path(&self) -> CmdResult<PathBuf> {
        let path = store::discover(self.file.as_deref(), &self.cwd)?;
        // Relative to the working folder where it can be, so that messages
        // read `product.toml:12:8` as a compiler's would.
        Ok(path
            .strip_prefix(&self.cwd)
            .map(Path::to_path_buf)
            .unwrap_or(path))
    }

    /// A `product` command to suggest, as the user must type it here: with
    /// `-f FILE` when this run's file was named, so the command acts on the
    /// same file.
    pub fn command(&self, command: &str) -> String {
        match (&self.file, command.strip_prefix("product ")) {
            (Some(file), Some(rest)) => format!("product -f {} {rest}", self.file_arg(file)),
            _ => command.to_owned(),
        }
    }

    /// `text` (a hint) with each `` `product `` command in it given `-f FILE`
    /// as [`Ctx::command`] does.
    pub fn commands_in(&self, text: &str) -> String {
        match &self.file {
            Some(file) => text.replace(
                "`product ",
                &format!("`product -f {} ", self.file_arg(file)),
            ),
            None => text.to_owned(),
        }
    }

    /// The file as `-f` takes it: as given, quoted only where a shell needs it.
    pub fn file_arg(&self, file: &Path) -> String {
        let shown = self.shown(file);
        let plain = shown
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '_' | '-' | '+' | ':'));
        if plain {
            shown
        } else {
            productfile::check::quoted(&shown)
        }
    }

    /// A path as the user should read it: relative to the working folder when inside it.
    pub fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.cwd)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// Loads the product for a command that only reads. Its memory is
    /// handed to [`park`] rather than freed: the process exits right after
    /// the command prints, which frees it at once, where dropping a large
    /// product piece by piece takes measurable time.
    pub fn load(&self) -> CmdResult<(PathBuf, Parked<Product>)> {
        let path = self.product_path()?;
        let product = store::load(&path)?;
        Ok((path, Parked::new(product)))
    }

    /// Who is making the change: `--as`, else `$PRODUCT_AS`, else git's
    /// `user.name` (asked of git at most once a run).
    pub fn actor_name(&self) -> Option<String> {
        self.actor_found
            .get_or_init(|| {
                self.actor
                    .as_ref()
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .or_else(|| store::git_user_name(&self.cwd))
            })
            .clone()
    }

    /// The person acting, with `--agreed-by` and `--why`.
    pub fn actor(&self) -> Actor {
        Actor {
            name: self.actor_name(),
            agreed_by: self.agreed_by.clone(),
            why: self.why.clone(),
        }
    }

    /// The one path of every change: a library transaction on the product
    /// file. `change` edits the model (through `ops`); the transaction
    /// authorises the change, logs the decision owed and writes back only
    /// what changed. An error leaves the file untouched.
    pub fn mutate<T>(&self, change: impl FnOnce(&mut Product) -> CmdResult<T>) -> CmdResult<T> {
        self.mutate_logged(change).map(|(result, _)| result)
    }

    /// [`Ctx::mutate`], with the id of the decision logged, if any: for a
    /// view that names it (a declined request, whose reason the log keeps).
    pub fn mutate_logged<T>(
        &self,
        change: impl FnOnce(&mut Product) -> CmdResult<T>,
    ) -> CmdResult<(T, Option<String>)> {
        let path = self.product_path()?;
        let mut tx = Transaction::open(&path, self.lock_wait, self.today)?;
        let result = change(tx.product_mut())?;
        let committed = tx.commit(&self.actor())?;
        let logged = committed.decision.as_ref().map(|d| d.id.clone());
        if let Some(decision) = &committed.decision {
            self.announce(decision);
        }
        park(committed);
        Ok((result, logged))
    }

    /// Tells the person at the terminal which decision was logged.
    pub fn announce(&self, decision: &Decision) {
        if self.quiet || self.format == OutputFormat::Json {
            return;
        }
        let agreed = if decision.agreed_by.is_empty() {
            String::new()
        } else {
            format!(", agreed by {}", decision.agreed_by.join(", "))
        };
        say(&format!(
            "Logged {}: {} decision by {}{agreed}",
            decision.id,
            decision.kind_names(),
            decision.decided_by
        ));
    }

    /// Prints a view in the chosen format. With `--quiet`, views for people
    /// are not printed; JSON always is, since a script asked for it.
    pub fn print<V: View>(&self, view: &V) -> CmdResult<()> {
        if self.quiet && self.format != OutputFormat::Json {
            return Ok(());
        }
        self.print_as(view, self.format)
    }

    /// Prints a view in a format of the command's choosing, whatever
    /// `--quiet` says: for commands whose output is data in a format
    /// (`export csv`), not a message for people.
    pub fn print_as<V: View>(&self, view: &V, format: OutputFormat) -> CmdResult<()> {
        // Stdout is line-buffered: without a buffer of our own, ten
        // thousand rows of JSON are two hundred thousand writes.
        let csv = (format == OutputFormat::Csv).then(|| view.csv());
        if let Some(render::Csv::Refused { why, hint }) = csv {
            return Err(CommandError::usage(why).with_hint(hint));
        }
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        match &csv {
            Some(csv) => render::csv::write(csv, &mut out)?,
            None => render::render(view, format, self.style, &mut out)?,
        }
        out.flush()?;
        Ok(())
    }

    /// Prints text that is not a view, such as a shell script, as it is.
    pub fn print_raw(&self, bytes: &[u8]) -> CmdResult<()> {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        out.write_all(bytes)?;
        out.flush()?;
        Ok(())
    }

    /// Asks before a removal that takes a history with it (check-ins,
    /// readings), as `item rm` does: on a terminal, `question`; elsewhere
    /// the command (`okr rm O1`) needs `--yes`.
    pub fn confirm_removal(&self, question: &str, command: &str) -> CmdResult<()> {
        if !self.interactive {
            return Err(
                CommandError::usage(format!("`{command}` needs confirmation"))
                    .with_hint(format!("run `product {command} --yes`")),
            );
        }
        if !self.confirm(question, false)? {
            return Err(CommandError::usage("not removed"));
        }
        Ok(())
    }

    /// Asks a yes/no question on the terminal; `default` when the answer is empty.
    pub fn confirm(&self, question: &str, default: bool) -> CmdResult<bool> {
        let mut err = std::io::stderr();
        let question = visible(question);
        write!(err, "{question} [{}] ", if default { "Y/n" } else { "y/N" })?;
        err.flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        Ok(match answer.trim().to_ascii_lowercase().as_str() {
            "" => default,
            a => a.starts_with('y'),
        })
    }
}

/// Today's date: `$PRODUCT_TODAY` if set (for reproducible runs), else the clock.
pub fn today(env_value: Option<String>) -> CmdResult<Date> {
    match env_value {
        Some(text) => text.parse().map_err(|e| {
            CommandError::usage(format!("PRODUCT_TODAY: {e}"))
                .with_hint("unset PRODUCT_TODAY to use today's date")
        }),
        None => Ok(Date(chrono::Local::now().date_naive())),
    }
}

/// How long to wait for another command's lock: `$PRODUCT_LOCK_TIMEOUT` seconds, default 30.
pub fn lock_wait(env_value: Option<String>) -> CmdResult<Duration> {
    match env_value {
        None => Ok(Duration::from_secs(30)),
        Some(text) => text
            .trim()
            .parse::<u64>()
            .map(Duration::from_secs)
            .map_err(|_| {
                CommandError::usage(format!(
                    "PRODUCT_LOCK_TIMEOUT: `{text}` is not a whole number of seconds"
                ))
            }),
    }
}

/// The width to fit tables into: `$COLUMNS`, else the terminal's, else none.
pub fn width(columns: Option<String>, stdout_is_terminal: bool) -> Option<u16> {
    if let Some(w) = columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&w| w > 0)
    {
        return Some(w);
    }
    stdout_is_terminal
        .then(|| comfy_table::Table::new().width())
        .flatten()
}

/// Whether pictures may use Unicode blocks: the locale (the first of
/// `LC_ALL`, `LC_CTYPE` and `LANG` that is set) says UTF-8, and the terminal
/// is not a dumb one with colour turned off. Windows terminals take UTF-8.
pub fn unicode(locale: [Option<String>; 3], term: Option<String>, color_never: bool) -> bool {
    let dumb = color_never && term.as_deref() == Some("dumb");
    let utf8 = match locale.into_iter().flatten().next() {
        Some(l) => {
            let l = l.to_ascii_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        }
        None => cfg!(windows),
    };
    utf8 && !dumb
}

/// Whether stdout is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(all: Option<&str>, ctype: Option<&str>, lang: Option<&str>) -> [Option<String>; 3] {
        [all, ctype, lang].map(|v| v.map(str::to_owned))
    }

    #[test]
    fn pictures_are_unicode_in_a_utf8_locale() {
        assert!(unicode(
            locale(None, None, Some("en_GB.UTF-8")),
            None,
            false
        ));
        assert!(unicode(locale(None, Some("C.utf8"), Some("C")), None, true));
    }

    #[test]
    fn pictures_are_ascii_outside_utf8_or_on_a_dumb_terminal_without_colour() {
        assert!(!unicode(
            locale(Some("C"), None, Some("en_GB.UTF-8")),
            None,
            false
        ));
        let utf8 = locale(None, None, Some("en_GB.UTF-8"));
        assert!(!unicode(utf8.clone(), Some("dumb".into()), true));
        assert!(unicode(utf8, Some("dumb".into()), false));
    }
}
