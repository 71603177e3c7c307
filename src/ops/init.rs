//! Starting a product file: the commented starter layouts (`basic`, and
//! `govuk` with the four KPIs every GOV.UK service must measure), a key made
//! from the name, and the rule that replacing a product is every change at
//! once.
//!
//! ```
//! use productfile::ops::init::{self, Init, Template};
//! use productfile::store::Format;
//!
//! let starter = init::starter(&Init::new("Prescription payments"), Format::Toml)?;
//! assert_eq!(starter.product.product.key, "PP");
//! assert!(starter.text.contains("key = \"PP\""));
//! let govuk = Init { template: Template::Govuk, ..Init::new("Renew a licence") };
//! assert_eq!(init::starter(&govuk, Format::Json)?.product.kpis.len(), 4);
//! # Ok::<(), productfile::Error>(())
//! ```

use std::path::Path;

use super::{Actor, refusal};
use crate::error::{Error, Result};
use crate::model::{Cadence, Direction, Kpi, MandatoryKpi, Person, Product, validate};
use crate::schema::SCHEMA_KEY;
use crate::store::{self, Format, JsonStyle, StoreError};
use crate::{diff, rights};

/// What a new file starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Template {
    /// The product, its key and an empty vision
    #[default]
    Basic,
    /// Basic, plus the four KPIs every GOV.UK service must measure: cost per
    /// transaction, user satisfaction, completion rate and digital take-up
    Govuk,
}

crate::model::choices!(Template {
    Basic => "basic": "The product, its key and an empty vision",
    Govuk => "govuk": "Basic, plus the four KPIs every GOV.UK service must measure: cost per transaction, user satisfaction, completion rate and digital take-up",
});

impl Template {
    pub fn name(self) -> &'static str {
        match self {
            Template::Basic => "basic",
            Template::Govuk => "govuk",
        }
    }

    /// The template's content as a model, for JSON files and for checking.
    pub fn product(self, name: String, key: String, owner: Option<&str>) -> Product {
        let mut product = Product::new(name, key);
        if let Some(owner) = owner {
            product.product.owner = Some(owner.to_owned());
            product
                .people
                .push(Person::new(owner, vec!["owner".into()]));
        }
        product.kpis = self.kpis();
        product
    }

    /// The KPIs the template starts a product with (none for `basic`),
    /// numbered from K1; `product kpi add --template` adds them to a product
    /// that has begun.
    pub fn kpis(self) -> Vec<Kpi> {
        match self {
            Template::Basic => Vec::new(),
            Template::Govuk => GOVUK_KPIS.iter().map(GovukKpi::kpi).collect(),
        }
    }

    /// The template as commented TOML.
    pub fn toml(self, name: &str, key: &str, owner: Option<&str>) -> String {
        let mut text = basic_toml(name, key, owner);
        if self == Template::Govuk {
            text.push_str(GOVUK_INTRO);
            for k in GOVUK_KPIS {
                text.push_str(&k.toml());
            }
        }
        text
    }
}

/// A new product file.
#[derive(Debug, Clone, PartialEq)]
pub struct Init {
    /// The product's name.
    pub name: String,
    /// The prefix of item ids; made from the name when none.
    pub key: Option<String>,
    /// The product owner, named in `[[people]]` with the role `owner`.
    pub owner: Option<String>,
    pub template: Template,
    /// A JSON Schema for editors: a `#:schema` first line in TOML, a
    /// `"$schema"` key in JSON.
    pub schema: Option<String>,
}

impl Init {
    /// A basic file for a product of this name, with no owner yet.
    pub fn new(name: impl Into<String>) -> Self {
        Init {
            name: name.into(),
            key: None,
            owner: None,
            template: Template::Basic,
            schema: None,
        }
    }
}

/// A starter file: its text, and the product it reads as.
#[derive(Debug, Clone)]
pub struct Starter {
    pub product: Product,
    pub text: String,
}

/// The starter file for `opts` in `format`, checked as any product file is.
pub fn starter(opts: &Init, format: Format) -> Result<Starter> {
    let name = opts.name.clone();
    let key = opts.key.clone().unwrap_or_else(|| key_from_name(&name));
    let owner = opts
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let product = opts.template.product(name.clone(), key.clone(), owner);
    if let Some(problem) = validate(&product).into_iter().next() {
        let flag = if problem.path.to_string() == "product.key" {
            "--key"
        } else {
            "--name"
        };
        return Err(Error::usage(format!("{flag}: {}", problem.message)));
    }
    let schema = opts.schema.as_deref().map(schema_reference).transpose()?;
    let text = match format {
        Format::Toml => {
            let text = opts.template.toml(&name, &key, owner);
            match schema {
                // Taplo (Even Better TOML) reads the schema from this comment on the first line.
                Some(schema) => format!("#:schema {schema}\n{text}"),
                None => text,
            }
        }
        Format::Json => {
            let mut value = serde_json::Map::new();
            if let Some(schema) = schema {
                value.insert(SCHEMA_KEY.into(), schema.into());
            }
            if let serde_json::Value::Object(mut fields) =
                serde_json::to_value(&product).map_err(std::io::Error::other)?
            {
                value.append(&mut fields);
            }
            JsonStyle::standard().write(&serde_json::Value::Object(value))
        }
    };
    Ok(Starter { product, text })
}

/// Whether `actor` may replace the product `old` with `new`: replacing a
/// product is every change at once, so the rights of the product being
/// replaced decide, as for any change, including the current owner's
/// agreement where the owner role changes hands. No decision is logged:
/// the new file starts a new log (the old one stays in git's history).
pub fn may_replace(old: &Product, new: &Product, actor: &Actor) -> Result<()> {
    let kinds = diff::kinds(&diff::diff(old, new));
    let name = actor.name.as_deref();
    rights::authorise(old, &kinds, name, &actor.agreed_by).map_err(refusal)?;
    rights::owner_change_agreed(old, new, name, &actor.agreed_by).map_err(refusal)?;
    Ok(())
}

/// What `init --force` replaced, and whose rules judged it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replaced {
    /// There was no file.
    Nothing,
    /// A valid product file, judged by its own rules.
    Valid,
    /// A file that did not read as a product (`--discard-invalid`): judged
    /// by the rules of its last committed version, `HEAD`, when git has one
    /// (`checked_at`), else by nothing.
    Invalid {
        /// The reading error, as `file:line:col: what`.
        error: String,
        checked_at: Option<String>,
    },
}

/// May `actor` write `new` over whatever is at `path` (`init --force`)?
///
/// - Not a regular file, links followed (a folder, a FIFO, a device), or
///   in no folder: refused (exit 3, `not_a_file` or `file_missing`).
/// - No file: yes.
/// - A valid product file: as [`may_replace`] says, by that file's rules.
/// - A file that does not read (a parse error, conflict markers, a newer
///   tool's file): refused (exit 3, naming the error) unless
///   `discard_invalid`; then, when the file is in git, judged by the rules
///   of its version at `HEAD`, so that breaking a file is no way round them.
pub fn authorise_replacement(
    path: &Path,
    new: &Product,
    actor: &Actor,
    discard_invalid: bool,
) -> Result<Replaced> {
    // Before reading: a FIFO would block the read, and no folder, FIFO or
    // device is replaced, whatever --discard-invalid says.
    store::new_product_file(path)?;
    let error = match store::load(path) {
        Ok(old) => {
            may_replace(&old, new, actor)?;
            return Ok(Replaced::Valid);
        }
        Err(StoreError::Missing { .. } | StoreError::NotFound { .. }) => {
            return Ok(Replaced::Nothing);
        }
        Err(
            e @ (StoreError::Invalid { .. }
            | StoreError::ConflictMarkers { .. }
            | StoreError::RequiresNewer { .. }),
        ) => e,
        Err(other) => return Err(other.into()),
    };
    let text = error.to_string();
    if !discard_invalid {
        let mut refused: Error = error.into();
        refused.message = format!(
            "--force will not replace {}, which does not read as a product file: {text}",
            path.display()
        );
        refused.hint = Some(
            "--force will not replace a file it cannot read: fix the file (its people and \
             rules decide who may replace it), or run again with --discard-invalid to throw \
             it away, judged by the rules of its last committed version in git"
                .to_owned(),
        );
        return Err(refused);
    }
    // The last committed version, if git has one: `merge_base(HEAD)` is
    // HEAD itself once there is a commit, and nothing before the first.
    let committed =
        if store::path_in_repository(path).is_some() && store::merge_base(path, "HEAD").is_some() {
            store::load_at_revision(path, "HEAD")?
        } else {
            None
        };
    let checked_at = match committed {
        Some(old) => {
            may_replace(&old, new, actor).map_err(|mut e| {
                e.message = format!(
                    "{} (judged by the rules of {} as last committed, since the file on disk does not read)",
                    e.message,
                    path.display()
                );
                e
            })?;
            Some("HEAD".to_owned())
        }
        None => None,
    };
    Ok(Replaced::Invalid {
        error: text,
        checked_at,
    })
}

/// The `--schema` value, which must fit on the `#:schema` line of a TOML file.
fn schema_reference(given: &str) -> Result<&str> {
    let trimmed = given.trim();
    if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
        return Err(Error::usage(format!(
            "--schema: `{}` is not a path or URL",
            given.escape_debug()
        ))
        .with_hint(
            "give the schema's path or URL on one line, e.g. --schema product.schema.json",
        ));
    }
    Ok(trimmed)
}

/// `Prescription payments` -> `PP`; a one-word name gives its first three
/// letters; a name that starts with no letter gives `PRD`.
pub fn key_from_name(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let key: String = if words.len() >= 2 {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .take(4)
            .collect()
    } else {
        words
            .first()
            .map_or(String::new(), |w| w.chars().take(3).collect())
    };
    let key = key.to_ascii_uppercase();
    if key.starts_with(|c: char| c.is_ascii_uppercase()) {
        key
    } else {
        "PRD".into()
    }
}

/// The starter TOML file. Guidance sits in comments above the tables it is
/// about, so that tables the commands add later land below it, not above.
fn basic_toml(name: &str, key: &str, owner: Option<&str>) -> String {
    let quoted = |s: &str| toml_edit::Value::from(s).to_string();
    let (name_value, key_value) = (quoted(name), quoted(key));
    let (owner_line, people) = match owner {
        Some(o) => (
            format!(
                "owner = {}   # a person in [[people]] with the role \"owner\"",
                quoted(o)
            ),
            format!(
                r#"
# Who is who. Roles carry decision rights (`product rights`): the owner
# decides priorities and scope, the owner or the team rewords items, and
# leadership agrees to changes of goals, metrics, launch dates and vision
# once someone holds that role (`product people add "Name" --role leadership`).
[[people]]
name = {}
roles = ["owner"]
"#,
                quoted(o)
            ),
        ),
        None => (
            "# owner = \"Your Name\"   # a person in [[people]] with the role \"owner\"".to_owned(),
            String::new(),
        ),
    };
    format!(
        r#"# The product file: vision, people, goals, roadmap and the ordered backlog.
# Edit it with `product` or by hand; comments and unknown keys are kept.
#
# The backlog is the [[items]] tables, in priority order: the first is the
# most important. `product item add "Title"` adds one at the bottom and
# `product item move` reorders them.

version = 1

[product]
name = {name_value}
key = {key_value}   # backlog item ids are {key}-1, {key}-2, ...
{owner_line}

# Who it is for, what problems it solves and how it will win:
# `product vision set --statement "..." --user "..." --problem "..."`.
[vision]
{people}"#
    )
}

const GOVUK_INTRO: &str = r#"
# --- Key performance indicators ---------------------------------------------
# The four KPIs every GOV.UK service must measure (Service Manual, "Measuring
# success"). Give each a target and a threshold for your service, e.g.
# `product kpi edit K2 --target 90 --threshold 80`, and record readings with
# `product kpi record K2 84`. Until it has a target, a KPI's status is unknown.
"#;

/// One of the GOV.UK service KPIs.
struct GovukKpi {
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    direction: Direction,
    cadence: Cadence,
    mandatory: MandatoryKpi,
    /// What it measures, from the Service Manual.
    about: &'static str,
}

const GOVUK_KPIS: &[GovukKpi] = &[
    GovukKpi {
        id: "K1",
        name: "Cost per transaction",
        unit: "£",
        direction: Direction::Down,
        cadence: Cadence::Quarterly,
        mandatory: MandatoryKpi::CostPerTransaction,
        about: "What each completed transaction costs to provide, in all channels:\n# staff, IT, accommodation and overheads, divided by the transactions completed.",
    },
    GovukKpi {
        id: "K2",
        name: "User satisfaction",
        unit: "%",
        direction: Direction::Up,
        cadence: Cadence::Monthly,
        mandatory: MandatoryKpi::UserSatisfaction,
        about: "The share of users who are satisfied or very satisfied with the service.",
    },
    GovukKpi {
        id: "K3",
        name: "Completion rate",
        unit: "%",
        direction: Direction::Up,
        cadence: Cadence::Monthly,
        mandatory: MandatoryKpi::CompletionRate,
        about: "The share of transactions started that users complete.",
    },
    GovukKpi {
        id: "K4",
        name: "Digital take-up",
        unit: "%",
        direction: Direction::Up,
        cadence: Cadence::Monthly,
        mandatory: MandatoryKpi::DigitalTakeUp,
        about: "The share of all transactions, in every channel, that are made online.",
    },
];

impl GovukKpi {
    fn kpi(&self) -> Kpi {
        Kpi {
            id: self.id.into(),
            name: self.name.into(),
            unit: Some(self.unit.into()),
            direction: self.direction,
            target: None,
            threshold: None,
            cadence: Some(self.cadence),
            mandatory: Some(self.mandatory),
            history: Vec::new(),
        }
    }

    fn toml(&self) -> String {
        let better = match self.direction {
            Direction::Up => "higher",
            Direction::Down => "lower",
        };
        let quoted = |s: &str| toml_edit::Value::from(s).to_string();
        format!(
            "\n# {about}\n[[kpis]]\nid = {id}\nname = {name}\nunit = {unit}\ndirection = {direction}   # {better} is better\ncadence = {cadence}\nmandatory = {mandatory}   # a mandatory GOV.UK measure\n",
            about = self.about,
            id = quoted(self.id),
            name = quoted(self.name),
            unit = quoted(self.unit),
            direction = quoted(&self.direction.to_string()),
            cadence = quoted(&self.cadence.to_string()),
            mandatory = quoted(&self.mandatory.to_string()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn keys_come_from_initials() {
        assert_eq!(key_from_name("Prescription payments"), "PP");
        assert_eq!(key_from_name("payments"), "PAY");
        assert_eq!(key_from_name("2026 plan"), "PRD");
    }

    #[test]
    fn the_basic_template_is_a_valid_product() {
        let text = Template::Basic.toml("Say \"hi\"", "SH", Some("Ada \"A\" Byrne"));
        let product = store::parse(&text, std::path::Path::new("p.toml")).unwrap();
        assert_eq!(
            product,
            Template::Basic.product("Say \"hi\"".into(), "SH".into(), Some("Ada \"A\" Byrne"))
        );
    }

    #[test]
    fn the_govuk_template_reads_as_its_model() {
        let text = Template::Govuk.toml("Renew a licence", "RL", None);
        let product = store::parse(&text, std::path::Path::new("p.toml")).unwrap();
        assert_eq!(
            product,
            Template::Govuk.product("Renew a licence".into(), "RL".into(), None)
        );
        let kpis: Vec<(&str, &str, Direction)> = product
            .kpis
            .iter()
            .map(|k| (k.name.as_str(), k.unit.as_deref().unwrap(), k.direction))
            .collect();
        assert_eq!(
            kpis,
            [
                ("Cost per transaction", "£", Direction::Down),
                ("User satisfaction", "%", Direction::Up),
                ("Completion rate", "%", Direction::Up),
                ("Digital take-up", "%", Direction::Up),
            ]
        );
    }
}
