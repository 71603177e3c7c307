//! The rules only a portfolio can check, beside each product's own
//! (`check::RULES`): stable ids and default severities, as `product
//! check --list-rules` gives for a file. A product's `[check.rules]` does
//! not change them: they judge more than its own file.

use crate::check::rule_list;

rule_list! {
    PORTFOLIO_RULES;
    MANIFEST_UNKNOWN_KEY = "portfolio-unknown-key", Warning, "portfolio",
        "Every key of the manifest is one it knows (a typo, such as `revv`, is kept but does nothing).";
    PRODUCT_UNREADABLE = "portfolio-product-unreadable", Error, "portfolio",
        "Every product file the manifest lists can be read (at its revision, if it names one).";
    DUPLICATE_KEY = "portfolio-duplicate-key", Error, "portfolio",
        "Product keys are distinct across the portfolio, so an item id names one product.";
    CROSS_DANGLING = "portfolio-dangling-reference", Error, "portfolio",
        "A dependency on another product's item names a product of the portfolio and an item it has.";
    CROSS_CYCLE = "portfolio-dependency-cycle", Error, "portfolio",
        "Open items of different products do not wait for each other in a circle.";
    DEPENDS_ON_LATER = "portfolio-dependency-later", Warning, "portfolio",
        "An open item does not wait for another product's item planned in a later horizon.";
    DEPENDS_ON_DROPPED = "portfolio-dependency-dropped", Warning, "portfolio",
        "An open item does not wait for another product's dropped item.";
    UNKNOWN_OBJECTIVE = "portfolio-unknown-objective", Error, "portfolio",
        "An objective contributes to portfolio objectives the manifest has.";
}
