//! The rule about the product file in git: `.gitattributes` routes it to
//! the `product merge` driver, so that git merges two branches' changes to
//! it item by item rather than line by line. Decided from the committed
//! attributes files alone (the caller reads them): a CI clone has no local
//! git config, and `product git setup` sets both.

use crate::gitattributes::{self, InRepository};
use crate::model::{KeyPath, Product};

use super::rules::MERGE_DRIVER_MISSING;
use super::{Finding, apply_settings};

/// A finding when the file is in a git work tree whose `.gitattributes`
/// files do not route it to `merge=product`; nothing outside git.
pub fn merge_driver(product: &Product, repository: Option<&InRepository>) -> Vec<Finding> {
    let Some(repository) = repository else {
        return Vec::new();
    };
    if gitattributes::routes_to_product(&repository.files, &repository.path) {
        return Vec::new();
    }
    let finding = Finding::new(
        MERGE_DRIVER_MISSING,
        KeyPath::root(),
        format!(
            "git merges {} line by line: no .gitattributes routes it to `product merge` (merge={})",
            repository.path,
            gitattributes::DRIVER
        ),
    )
    .hint(
        "run `product git setup` and commit .gitattributes, so that git merges changes to the file item by item",
    );
    apply_settings(product, vec![finding])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gitattributes::AttributesFile;
    use crate::model::RuleLevel;

    fn in_repository(files: &[(&str, &str)]) -> InRepository {
        InRepository {
            path: "plans/product.toml".into(),
            files: files
                .iter()
                .map(|(dir, text)| AttributesFile {
                    dir: (*dir).into(),
                    text: (*text).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn fires_in_git_until_the_attributes_route_the_file() {
        let product = Product::new("P".into(), "P".into());
        assert!(merge_driver(&product, None).is_empty());
        let found = merge_driver(&product, Some(&in_repository(&[])));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "merge-driver-missing");
        assert_eq!(found[0].severity, super::super::Severity::Info);
        assert!(found[0].message.contains("plans/product.toml"));
        let routed = in_repository(&[("", "product.toml merge=product\n")]);
        assert!(merge_driver(&product, Some(&routed)).is_empty());
        // A deeper file that unsets it wins.
        let unset = in_repository(&[("", "*.toml merge=product\n"), ("plans", "* -merge\n")]);
        assert_eq!(merge_driver(&product, Some(&unset)).len(), 1);
    }

    #[test]
    fn the_file_can_turn_it_off() {
        let mut product = Product::new("P".into(), "P".into());
        product
            .check
            .rules
            .insert("merge-driver-missing".into(), RuleLevel::Off);
        assert!(merge_driver(&product, Some(&in_repository(&[]))).is_empty());
    }
}
