//! A product for the merge tests: an owner and a leadership person, an
//! objective with a key result and its check-ins, a KPI, three items whose
//! WSJF ranking reverses their order, and decisions D1 to D3 (so both
//! branches log D4). `product check` finds no problems in it.

use std::path::Path;

use productfile::model::Product;

pub const PRODUCT_TOML: &str = r#"version = 1

[product]
name = "Library cards"
key = "LC"
owner = "Priya Shah"

[vision]
statement = "Anyone can join the library online."

[[people]]
name = "Priya Shah"
roles = ["owner"]

[[people]]
name = "Dan Okafor"
roles = ["leadership"]

[[objectives]]
id = "O1"
title = "Make joining effortless"

[[objectives.key_results]]
id = "KR1"
title = "Online joins"
unit = "%"
start = 10.0
target = 50.0
current = 12.0
history = [{ date = 2026-11-01, value = 12.0 }]

[[kpis]]
id = "K1"
name = "User satisfaction"
unit = "%"
direction = "up"
target = 90.0
threshold = 80.0
history = [{ date = 2026-11-01, value = 84.0 }]

# The backlog, in priority order.
[[items]]
id = "LC-1"
title = "Join online"
kind = "feature"
status = "ready"
tags = ["web"]
acceptance = ["Given my details, when I join, then I get a card number"]
value = 1
time_criticality = 1
risk_reduction = 1
size = 3
created = 2026-11-01

[[items]]
id = "LC-2"
title = "Renew a card"
kind = "feature"
status = "idea"
value = 3
time_criticality = 2
risk_reduction = 1
size = 2
created = 2026-11-01

[[items]]
id = "LC-3"
title = "Report a lost card"
kind = "feature"
status = "idea"
value = 8
time_criticality = 5
risk_reduction = 3
size = 1
created = 2026-11-01

[[decisions]]
id = "D1"
date = 2026-11-01
kind = "goals"
summary = "O1 added"
decided_by = "Priya Shah"
agreed_by = ["Dan Okafor"]
refs = ["O1"]

[[decisions]]
id = "D2"
date = 2026-11-01
kind = "metrics"
summary = "K1 added"
decided_by = "Priya Shah"
agreed_by = ["Dan Okafor"]
refs = ["K1"]

[[decisions]]
id = "D3"
date = 2026-11-02
kind = "scope"
summary = "LC-1 to LC-3 added"
decided_by = "Priya Shah"
refs = ["LC-1", "LC-2", "LC-3"]
"#;

/// A product file's text, parsed (the format from the name).
pub fn parse(text: &str, name: &str) -> Product {
    productfile::store::parse(text, Path::new(name))
        .unwrap_or_else(|e| panic!("{name} does not read: {e:?}\n{text}"))
}

/// The product of [`PRODUCT_TOML`].
pub fn product() -> Product {
    parse(PRODUCT_TOML, "product.toml")
}

/// The same product as a JSON file's text.
pub fn product_json() -> String {
    let mut text = serde_json::to_string_pretty(&product()).unwrap();
    text.push('\n');
    text
}
