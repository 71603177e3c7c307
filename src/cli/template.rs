//! The starter files `product init` writes: the commented basic layout, and
//! the GOV.UK service template with its four mandatory KPIs.

use productfile::model::{Cadence, Direction, Kpi, Person, Product};

/// What `product init` puts in the new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Template {
    /// The product, its key and an empty vision
    #[default]
    Basic,
    /// Basic, plus the four KPIs every GOV.UK service must measure: cost per
    /// transaction, user satisfaction, completion rate and digital take-up
    Govuk,
}

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
            product.people.push(Person {
                name: owner.to_owned(),
                roles: vec!["owner".into()],
            });
        }
        if self == Template::Govuk {
            product.kpis = GOVUK_KPIS.iter().map(GovukKpi::kpi).collect();
        }
        product
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
# decides priorities and scope, and leadership agrees to changes of goals,
# metrics, launch dates and vision once someone holds that role
# (`product people add "Name" --role leadership`).
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
        about: "What each completed transaction costs to provide, in all channels:\n# staff, IT, accommodation and overheads, divided by the transactions completed.",
    },
    GovukKpi {
        id: "K2",
        name: "User satisfaction",
        unit: "%",
        direction: Direction::Up,
        cadence: Cadence::Monthly,
        about: "The share of users who are satisfied or very satisfied with the service.",
    },
    GovukKpi {
        id: "K3",
        name: "Completion rate",
        unit: "%",
        direction: Direction::Up,
        cadence: Cadence::Monthly,
        about: "The share of transactions started that users complete.",
    },
    GovukKpi {
        id: "K4",
        name: "Digital take-up",
        unit: "%",
        direction: Direction::Up,
        cadence: Cadence::Monthly,
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
            "\n# {about}\n[[kpis]]\nid = {id}\nname = {name}\nunit = {unit}\ndirection = {direction}   # {better} is better\ncadence = {cadence}\n",
            about = self.about,
            id = quoted(self.id),
            name = quoted(self.name),
            unit = quoted(self.unit),
            direction = quoted(&self.direction.to_string()),
            cadence = quoted(&self.cadence.to_string()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use productfile::store;

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
