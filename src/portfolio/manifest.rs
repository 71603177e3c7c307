//! The portfolio manifest (`portfolio.toml` or `portfolio.json`): the
//! portfolio's name, its products as paths to product files (relative to
//! the manifest, each optionally read at a git revision), and the
//! portfolio objectives that products' objectives contribute to.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::model::{KeyPath, is_simple_id};

/// The names `product portfolio` looks for, in order, when no manifest is given.
pub const MANIFEST_NAMES: [&str; 2] = ["portfolio.toml", "portfolio.json"];

/// A portfolio manifest as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The portfolio's name, e.g. "Payments".
    pub name: String,
    /// The products, in the order the portfolio shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Member>,
    /// Goals agreed across products, e.g. `PO1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<PortfolioObjective>,
    /// Keys the manifest has that it does not know (a typo, or another
    /// tool's): kept in the file, reported by `portfolio check`.
    #[serde(skip)]
    pub unknown_keys: Vec<KeyPath>,
}

/// One product of the portfolio: where its file is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The product file, relative to the manifest's folder.
    pub path: String,
    /// A git revision to read the file at (`origin/main`), as `diff --base`
    /// reads one; the work tree's file when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
}

impl Member {
    pub const FIELDS: &[&str] = &["path", "rev"];

    /// `payments/product.toml`, or `payments/product.toml@origin/main`.
    pub fn shown(&self) -> String {
        match &self.rev {
            Some(rev) => format!("{}@{rev}", self.path),
            None => self.path.clone(),
        }
    }
}

/// A goal agreed across products, that products' objectives contribute to
/// (`contributes_to = ["PO1"]` on an objective).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioObjective {
    /// Letters, digits or `_`, starting with a letter, e.g. `PO1`.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl PortfolioObjective {
    pub const FIELDS: &[&str] = &["id", "title", "description"];
}

impl Manifest {
    pub const FIELDS: &[&str] = &["name", "products", "objectives"];

    /// A manifest with a name and nothing else.
    pub fn named(name: &str) -> Self {
        Manifest {
            name: name.trim().to_owned(),
            products: Vec::new(),
            objectives: Vec::new(),
            unknown_keys: Vec::new(),
        }
    }

    /// The portfolio objective with this id.
    pub fn objective(&self, id: &str) -> Option<&PortfolioObjective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    /// What is wrong with the manifest, at its key paths: an empty name or
    /// path, a product listed twice, a revision git would read as an
    /// option, an objective id that is not one, or one given twice.
    pub fn problems(&self) -> Vec<(KeyPath, String)> {
        let mut found = Vec::new();
        let root = KeyPath::root();
        if self.name.trim().is_empty() {
            found.push((root.key("name"), "the portfolio's name is empty".to_owned()));
        }
        let mut seen = HashSet::new();
        for (i, member) in self.products.iter().enumerate() {
            let at = root.key("products").index(i, None);
            if member.path.trim().is_empty() {
                found.push((at.key("path"), "the product's path is empty".to_owned()));
            } else if !seen.insert((member.path.as_str(), member.rev.as_deref())) {
                found.push((
                    at.key("path"),
                    format!("{} is listed twice", member.shown()),
                ));
            }
            if let Some(rev) = &member.rev
                && (rev.trim().is_empty() || rev.starts_with('-'))
            {
                found.push((at.key("rev"), format!("`{rev}` is not a git revision")));
            }
        }
        let mut ids = HashSet::new();
        for (i, objective) in self.objectives.iter().enumerate() {
            let at = root.key("objectives").index(i, Some(&objective.id));
            if !is_simple_id(&objective.id) {
                found.push((
                    at.key("id"),
                    format!(
                        "`{}` is not a valid objective id; expected letters, digits or `_`, starting with a letter, e.g. \"PO1\"",
                        objective.id
                    ),
                ));
            } else if !ids.insert(objective.id.as_str()) {
                found.push((
                    at.key("id"),
                    format!(
                        "duplicate objective id `{}`; ids must be unique",
                        objective.id
                    ),
                ));
            }
            if objective.title.trim().is_empty() {
                found.push((at.key("title"), "the objective's title is empty".to_owned()));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_their_key_paths() {
        let mut m = Manifest::named("Payments");
        m.products.push(Member {
            path: "a/product.toml".into(),
            rev: None,
        });
        m.products.push(m.products[0].clone());
        m.products.push(Member {
            path: "b/product.toml".into(),
            rev: Some("--all".into()),
        });
        m.objectives.push(PortfolioObjective {
            id: "PO 1".into(),
            title: String::new(),
            description: None,
        });
        let found: Vec<String> = m
            .problems()
            .iter()
            .map(|(p, msg)| format!("{p}: {msg}"))
            .collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].starts_with("products[2].path: a/product.toml is listed twice"));
        assert!(found[1].contains("products[3].rev"));
        assert!(found[2].contains("not a valid objective id"));
        assert!(found[3].contains("title is empty"));
    }
}
