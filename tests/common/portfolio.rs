//! A portfolio to test against: three products, two of them in git
//! repositories (cards read at `main`, where the work tree has moved on),
//! plus a fourth entry with a key already taken and a fifth whose file is
//! missing. Between them: a dependency cycle across two products, a
//! dependency on an item planned in a later horizon, one on a dropped item,
//! a dangling one, and an objective contributing to a portfolio objective
//! the manifest lacks.

use std::path::{Path, PathBuf};

use super::{commit_all, git};

pub const PAYMENTS: &str = r#"version = 1

[product]
name = "Payments"
key = "PAY"
owner = "Ada Okafor"

[[people]]
name = "Ada Okafor"
roles = ["owner"]

[[objectives]]
id = "O1"
title = "Checkout that just works"
contributes_to = ["PO1"]

[[objectives.key_results]]
id = "KR1"
title = "Checkout completion"
unit = "%"
start = 50.0
target = 90.0
current = 70.0

[[kpis]]
id = "K1"
name = "Payment success"
unit = "%"
direction = "up"
target = 95.0
threshold = 90.0
history = [{ date = 2026-11-20, value = 96.0 }]

[[roadmap]]
id = "R1"
title = "Card checkout"
horizon = "now"

[[items]]
id = "PAY-1"
title = "Take card payments"
kind = "feature"
status = "ready"
created = 2026-10-01
mvp = true
roadmap = "R1"
size = 3.0
acceptance = ["A card payment completes"]
depends_on = ["CARD-1"]

[[items]]
id = "PAY-2"
title = "Refund a payment"
kind = "feature"
status = "idea"
created = 2026-10-02
mvp = true
roadmap = "R1"
depends_on = ["ID-3"]

[[items]]
id = "PAY-3"
title = "Pay with a wallet"
kind = "feature"
status = "idea"
created = 2026-10-03
depends_on = ["CARD-9"]

[[items]]
id = "PAY-4"
title = "Receipts by email"
kind = "feature"
status = "done"
created = 2026-09-01
done_on = 2026-11-02
mvp = true
size = 2.0
"#;

/// Cards as committed on `main`; the work tree then moves on (see
/// [`CARDS_LATER`]), so a portfolio reading `main` must not see that.
pub const CARDS: &str = r#"version = 1

[product]
name = "Cards"
key = "CARD"
owner = "Ben Ito"

[[people]]
name = "Ben Ito"
roles = ["owner"]

[[objectives]]
id = "O1"
title = "Cards everywhere"
contributes_to = ["PO1", "PO9"]

[[objectives.key_results]]
id = "KR1"
title = "Cards issued"
start = 0.0
target = 1000.0
current = 250.0

[[roadmap]]
id = "R1"
title = "Tokenised cards"
horizon = "now"
date = 2027-03-01
date_reason = "The card scheme's deadline"

[[items]]
id = "CARD-1"
title = "Tokenise cards"
kind = "feature"
status = "doing"
created = 2026-10-01
roadmap = "R1"
depends_on = ["PAY-1"]

[[items]]
id = "CARD-2"
title = "Virtual cards"
kind = "feature"
status = "dropped"
created = 2026-10-02
"#;

/// What the cards work tree holds after `main`: one more item.
pub const CARDS_LATER: &str = r#"
[[items]]
id = "CARD-3"
title = "Card controls"
kind = "feature"
status = "idea"
created = 2026-11-01
"#;

pub const IDENTITY: &str = r#"version = 1

[product]
name = "Identity"
key = "ID"
owner = "Cleo Marsh"

[[people]]
name = "Cleo Marsh"
roles = ["owner"]

[[roadmap]]
id = "R1"
title = "Single sign-on"
horizon = "next"

[[roadmap]]
id = "R2"
title = "Passkeys"
horizon = "later"

[[items]]
id = "ID-1"
title = "Sign in once"
kind = "feature"
status = "ready"
created = 2026-10-01
roadmap = "R1"
depends_on = ["CARD-2"]

[[items]]
id = "ID-2"
title = "Reset a password"
kind = "feature"
status = "idea"
created = 2026-10-02

[[items]]
id = "ID-3"
title = "Passkeys"
kind = "feature"
status = "idea"
created = 2026-10-03
roadmap = "R2"
"#;

/// Another product keyed PAY: a duplicated key.
pub const LEGACY: &str = r#"version = 1

[product]
name = "Legacy payments"
key = "PAY"
"#;

pub const MANIFEST: &str = r#"# The money products.
name = "Money"

[[products]]
path = "../payments/product.toml"

[[products]]
path = "../cards/product.toml"
rev = "main"   # what has shipped

[[products]]
path = "../identity/product.toml"

[[products]]
path = "../legacy/product.toml"

[[products]]
path = "../gone/product.toml"

[[objectives]]
id = "PO1"
title = "Pay in one tap"
"#;

/// Writes the portfolio into `dir`; returns the manifest's path.
pub fn write(dir: &Path) -> PathBuf {
    let put = |folder: &str, text: &str| {
        let at = dir.join(folder);
        std::fs::create_dir_all(&at).unwrap();
        std::fs::write(at.join("product.toml"), text).unwrap();
        at
    };
    let payments = put("payments", PAYMENTS);
    commit_all(&payments, "Ada Okafor", "Payments");
    let cards = put("cards", CARDS);
    commit_all(&cards, "Ben Ito", "Cards");
    git(&cards, &["branch", "-M", "main"]);
    git(&cards, &["checkout", "-q", "-b", "work"]);
    std::fs::write(cards.join("product.toml"), format!("{CARDS}{CARDS_LATER}")).unwrap();
    commit_all(&cards, "Ben Ito", "Card controls");
    put("identity", IDENTITY);
    put("legacy", LEGACY);
    let home = dir.join("portfolio");
    std::fs::create_dir_all(&home).unwrap();
    let manifest = home.join("portfolio.toml");
    std::fs::write(&manifest, MANIFEST).unwrap();
    manifest
}

/// The 1-based line of the first line of `text` holding `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}"))
        + 1
}
