//! Writes a synthetic product file of any size, for benchmarks: a backlog of
//! N items with realistic proportions, and the objectives, key results, KPIs,
//! roadmap, people, stakeholders and decisions a product of that size has.
//!
//! ```text
//! cargo run --release --example generate -- --items 100000 --format toml > big.toml
//! cargo run --release --example generate -- --items 10000 --format json --seed 7 > big.json
//! cargo run --release --example generate -- --items 10000 --edits 100 > later.toml
//! cargo run --release --example generate -- --items 10000 --edits 100 --edit-seed 2 > other.toml
//! cargo run --release --example generate -- --items 10000 --needs 1000 --evidence 20000 > needs.toml
//! cargo run --release --example generate -- --items 1000 --key P1 --external P2,P3 --contributes PO1,PO2 > p1.toml
//! ```
//!
//! The output depends only on the arguments: the same `--seed` (default 1)
//! gives the same file, byte for byte, on every machine. `--edits K` gives a
//! later version of the same file: the product of that seed, then K edits
//! (retitles, rescoring, status moves, drops, reorders, new items, key
//! result check-ins), for `product diff`. Dates are set around 2026-11-20;
//! run `product` with `PRODUCT_TODAY=2026-11-20` for stable output.
//!
//! For a portfolio of products (`product portfolio`), `--key KEY` gives the
//! product another key than `PP` (items `KEY-1`, `KEY-2`...) and a name of
//! its own ("Apply for a parking permit (KEY)"). `--external P2,P3` makes
//! about one open item in 50 also depend on another product's item
//! (`P2-m`, then `P3-m`, and so on in turn, with `m` in `1..=--items`), and
//! `--contributes PO1,PO2` has each objective contribute to one of those
//! portfolio objectives, in turn. The external dependencies come from a
//! random stream of their own, so the rest of the file is the one written
//! without them; without these options the file is unchanged.
//!
//! The model is built with the library's types, so the file holds exactly
//! what `product` would write. JSON is written as the store writes a new
//! file (`JsonStyle::standard`). TOML is laid out here with `toml_edit`,
//! from the model's own serialisation, because a product file is commented
//! by hand and the library writes no comments into a new file: this one
//! gets a header, a comment above each section and above every 50th item.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use chrono::Duration;
use serde_json::Value as Json;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item as TomlItem, Table, Value};

use productfile::model::{
    Cadence, CheckSettings, Choice, Commitment, Date, Decision, DecisionKind, Direction,
    Experiment, ExperimentResult, Horizon, Item, KeyResult, Kind, Kpi, Level, Moscow, MoveTo,
    Objective, Person, Product, Reading, RoadmapEntry, Scale, Scoring, Stakeholder, Status, Vision,
    is_item_key, is_simple_id,
};
use productfile::store::JsonStyle;

const USAGE: &str = "\
usage: generate [--items N] [--format toml|json] [--seed N] [--edits K] [--edit-seed N]
                [--needs N] [--evidence E] [--key KEY] [--external KEYS]
                [--contributes IDS]

  --items N        backlog items to write (default 1000)
  --format F       toml (default) or json
  --seed N         the random seed (default 1); the same seed gives the same file
  --edits K        then make K edits, for a later version of the same file (default 0)
  --edit-seed N    which K edits: another N gives another branch's edits (default 0)
  --needs N        user needs, with items linked to them (default 0)
  --evidence E     pieces of evidence spread over the needs (default 0)
  --key KEY        the product key: items KEY-1, KEY-2... (default PP); an uppercase
                   letter, then up to 9 uppercase letters or digits; also names
                   the product \"Apply for a parking permit (KEY)\"
  --external KEYS  other products' keys, comma-separated (e.g. P2,P3): about one
                   open item in 50 also depends on an item KEY-m of one of them,
                   in turn, with m in 1..=--items (default none)
  --contributes IDS  portfolio objective ids, comma-separated (e.g. PO1,PO2): each
                   objective contributes to one of them, in turn (default none)";

/// The day the generated product is \"as of\": nothing is dated after it.
const TODAY: (i32, u32, u32) = (2026, 11, 20);
const OWNER: &str = "Ada Okafor";
const LEADERS: [&str; 2] = ["Tomasz Wren", "Grace Adeyemi"];
const TEAM: [&str; 4] = ["Rhys Penrose", "Mei Tanaka", "Sam Oduya", "Lena Fischer"];
const FIBONACCI: [f64; 7] = Scale::FIBONACCI;

struct Args {
    items: usize,
    json: bool,
    seed: u64,
    edits: usize,
    edit_seed: u64,
    needs: usize,
    evidence: usize,
    /// `--key`: the product key, when not the default `PP`.
    key: Option<String>,
    /// `--external`: other products' keys the items may depend on.
    external: Vec<String>,
    /// `--contributes`: portfolio objective ids the objectives contribute to.
    contributes: Vec<String>,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("generate: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut rng = Rng::new(args.seed);
    let mut product = generate(&mut rng, args.items, args.key.as_deref());
    if !args.external.is_empty() {
        // A stream of its own, so that the rest of the file is the one
        // written without `--external`.
        let mut rng = Rng::new(args.seed ^ 0x6578_7465_726e);
        external(&mut rng, &mut product, &args.external, args.items);
    }
    if !args.contributes.is_empty() {
        // Each objective contributes to one portfolio objective, in turn.
        for (o, objective) in product.objectives.iter_mut().enumerate() {
            let id = &args.contributes[o % args.contributes.len()];
            objective.contributes_to = vec![id.clone()];
        }
    }
    if args.needs > 0 {
        // A stream of its own, so that the rest of the file is the one
        // `--needs 0` writes.
        let mut rng = Rng::new(args.seed ^ 0x6e65_6564);
        needs(&mut rng, &mut product, args.needs, args.evidence);
    }
    if args.edits > 0 {
        // A stream of its own, so that the product before the edits is the
        // same as the one `--edits 0` writes.
        // `--edit-seed` picks another stream of edits to the same product: two
        // branches' work, for benchmarking a merge.
        let mut rng =
            Rng::new(args.seed ^ 0x5eed_ed17 ^ args.edit_seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        edit(&mut rng, &mut product, args.edits);
    }
    let text = if args.json {
        let value = serde_json::to_value(&product).expect("the model always serializes");
        JsonStyle::standard().write(&value)
    } else {
        to_toml(&product, &args)
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::from(6)
        }
    }
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        items: 1000,
        json: false,
        seed: 1,
        edits: 0,
        edit_seed: 0,
        needs: 0,
        evidence: 0,
        key: None,
        external: Vec::new(),
        contributes: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err("help".into());
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: `{value}` is not a whole number"))
        };
        match flag.as_str() {
            "--items" => args.items = number()? as usize,
            "--seed" => args.seed = number()?,
            "--edits" => args.edits = number()? as usize,
            "--edit-seed" => args.edit_seed = number()?,
            "--needs" => args.needs = number()? as usize,
            "--evidence" => args.evidence = number()? as usize,
            "--key" => {
                if !is_item_key(&value) {
                    return Err(format!(
                        "--key: `{value}` is not a key (an uppercase letter, then up to 9 uppercase letters or digits)"
                    ));
                }
                args.key = Some(value);
            }
            "--external" => {
                args.external = list(&value);
                if let Some(bad) = args.external.iter().find(|k| !is_item_key(k)) {
                    return Err(format!("--external: `{bad}` is not a key"));
                }
                if args.external.is_empty() {
                    return Err("--external: no keys given".into());
                }
            }
            "--contributes" => {
                args.contributes = list(&value);
                if let Some(bad) = args.contributes.iter().find(|id| !is_simple_id(id)) {
                    return Err(format!("--contributes: `{bad}` is not an objective id"));
                }
                if args.contributes.is_empty() {
                    return Err("--contributes: no ids given".into());
                }
            }
            "--format" => {
                args.json = match value.as_str() {
                    "toml" => false,
                    "json" => true,
                    other => return Err(format!("--format: `{other}` is not toml or json")),
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let key = args.key.as_deref().unwrap_or("PP");
    if args.external.iter().any(|k| k == key) {
        return Err(format!("--external: `{key}` is this product's own key"));
    }
    Ok(args)
}

/// A comma-separated list, without blanks around or between the commas.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

// --- Random numbers ---------------------------------------------------------

/// wyrand: a tiny, fast, well-mixed generator. Kept here rather than taken
/// from a crate so that a seed's stream, and so the benchmark files, can
/// never change under a dependency upgrade.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0xa076_1d64_78bd_642f);
        let t = u128::from(self.0) * u128::from(self.0 ^ 0xe703_7ed1_a0b4_28db);
        ((t >> 64) as u64) ^ (t as u64)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// One of `xs`, each as likely as its weight.
    fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u32 = xs.iter().map(|(_, w)| w).sum();
        let mut at = self.below(total as usize) as u32;
        for &(x, w) in xs {
            if at < w {
                return x;
            }
            at -= w;
        }
        xs[xs.len() - 1].0
    }

    /// `n` distinct picks from `xs` (fewer if `xs` runs short), in the order drawn.
    fn some<T: Clone + PartialEq>(&mut self, xs: &[T], n: usize) -> Vec<T> {
        let mut out: Vec<T> = Vec::with_capacity(n);
        let mut draws = 0;
        while out.len() < n.min(xs.len()) && draws < 8 * n {
            draws += 1;
            let x = self.pick(xs).clone();
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

// --- Dates ------------------------------------------------------------------

fn today() -> Date {
    Date::from_ymd(TODAY.0, TODAY.1, TODAY.2).expect("a real day")
}

fn days(date: Date, n: i64) -> Date {
    Date(date.0 + Duration::days(n))
}

fn days_between(a: Date, b: Date) -> i64 {
    (b.0 - a.0).num_days()
}

// --- Words ------------------------------------------------------------------

const ACTORS: &[&str] = &[
    "applicants",
    "residents",
    "caseworkers",
    "agents",
    "staff",
    "carers",
    "landlords",
    "businesses",
    "first-time users",
    "returning users",
];
const VERBS: &[&str] = &[
    "Let {a} save",
    "Let {a} change",
    "Show {a}",
    "Email {a}",
    "Let {a} upload",
    "Let {a} cancel",
    "Let {a} track",
    "Remind {a} about",
    "Let {a} download",
    "Help {a} find",
    "Let {a} pay for",
    "Let {a} share",
];
const OBJECTS: &[&str] = &[
    "an application",
    "their address",
    "a payment receipt",
    "supporting documents",
    "an appointment",
    "the eligibility result",
    "a renewal",
    "their case history",
    "a refund",
    "a permit",
    "a direct debit",
    "the decision letter",
    "a complaint",
    "contact preferences",
];
const QUALIFIERS: &[&str] = &[
    "online",
    "on a phone",
    "in Welsh",
    "without signing in",
    "from the dashboard",
    "by text message",
    "in one step",
    "before the deadline",
    "with a screen reader",
    "after a failed payment",
    "",
];
const SYMPTOMS: &[&str] = &[
    "is not announced by screen readers",
    "times out after 20 minutes",
    "shows the wrong date",
    "is sent twice",
    "loses its answers on the back button",
    "fails for postcodes with no space",
    "breaks on narrow screens",
    "rejects valid email addresses",
];
const SYSTEMS: &[&str] = &[
    "the nightly reconciliation job",
    "the address lookup client",
    "the legacy case database",
    "the PDF letter renderer",
    "the session store",
    "the payment webhook handler",
    "the search index",
    "the audit log",
];
const TAGS: &[&str] = &[
    "payments",
    "accessibility",
    "notifications",
    "eligibility",
    "content",
    "security",
    "performance",
    "research",
    "operations",
    "finance",
    "mobile",
    "welsh",
    "api",
    "onboarding",
    "search",
    "documents",
    "appointments",
    "reporting",
    "privacy",
    "assisted-digital",
    "casework",
    "renewals",
    "refunds",
    "identity",
    "letters",
    "data",
    "design-system",
    "analytics",
];
const GIVENS: &[&str] = &[
    "Given I am signed in",
    "Given I have started an application",
    "Given I use a screen reader",
    "Given my payment failed",
    "Given I am a caseworker",
    "Given I am on a phone",
    "Given I have no account",
    "Given the deadline is tomorrow",
];
const WHENS: &[&str] = &[
    "when I submit the form",
    "when I come back a day later",
    "when I press back",
    "when I choose to pay",
    "when I upload a 10 MB photo",
    "when I open the link in the email",
    "when the service is busy",
    "when I change my answer",
];
const THENS: &[&str] = &[
    "then my answers are kept",
    "then I get a confirmation email within 5 minutes",
    "then the error is announced and linked to the field",
    "then I see a reference number",
    "then nothing is charged twice",
    "then the caseworker sees the change at once",
    "then the page loads in under 2 seconds",
    "then I can continue where I left off",
];
const REASONS: &[&str] = &[
    "Duplicate of an item already in the backlog",
    "Research showed nobody needs it",
    "The policy changed and it no longer applies",
    "Too costly for the value it brings",
    "Another team's platform does this for us",
    "Superseded by a simpler design",
];
const KR_TITLES: &[(&str, &str, bool)] = &[
    ("Online completion rate", "%", true),
    ("Applications completed without help", "%", true),
    ("Helpline calls per 1000 applications", "calls/1000", false),
    ("Median time to complete", "minutes", false),
    ("Users satisfied or very satisfied", "%", true),
    ("Applications rejected for missing evidence", "%", false),
    ("Payments that fail at the first attempt", "%", false),
    ("Caseworker decisions within 10 days", "%", true),
    ("Monthly active accounts", "accounts", true),
    ("Paper forms received per month", "forms", false),
];
const OBJECTIVE_TITLES: &[&str] = &[
    "Make applying effortless",
    "Nobody pays a penalty by mistake",
    "Caseworkers decide faster",
    "Everyone can use the service",
    "Cut the cost of each transaction",
    "Move people off paper",
    "Build trust in the service",
    "Help people who need help",
];
const KPI_NAMES: &[(&str, &str, Direction)] = &[
    ("Completion rate", "%", Direction::Up),
    ("Cost per transaction", "£", Direction::Down),
    ("User satisfaction", "%", Direction::Up),
    ("Digital take-up", "%", Direction::Up),
    ("Availability", "%", Direction::Up),
    ("Median page load", "ms", Direction::Down),
    ("Failed payments", "%", Direction::Down),
    ("Calls per application", "calls", Direction::Down),
    ("Time to decision", "days", Direction::Down),
    ("Accessibility issues open", "issues", Direction::Down),
];
const OUTCOMES: &[&str] = &[
    "People apply online first time, without calling us",
    "Caseworkers see everything they need on one screen",
    "Nobody waits more than a week for a decision",
    "Frequent users renew in under a minute",
    "People who cannot go online get the same service by phone",
    "Fewer letters, more messages people actually read",
];
const STAKEHOLDERS: &[(&str, Level, Level)] = &[
    ("Local councils' digital leads", Level::High, Level::High),
    ("Citizens' advice network", Level::High, Level::Low),
    ("Finance directorate", Level::Low, Level::High),
    ("Policy team", Level::High, Level::High),
    ("Trade union branch", Level::Low, Level::Low),
    ("Accessibility user panel", Level::High, Level::Low),
    ("Contact centre managers", Level::High, Level::High),
    ("Security and privacy office", Level::Low, Level::High),
    ("Service standard assessors", Level::Low, Level::High),
    ("Partner charities", Level::High, Level::Low),
    ("Press office", Level::Low, Level::Low),
    ("Ministers' private office", Level::Low, Level::High),
];

fn fill(template: &str, rng: &mut Rng) -> String {
    let actor: &str = rng.pick::<&str>(ACTORS);
    template.replace("{a}", actor)
}

fn title(rng: &mut Rng, kind: Kind) -> String {
    let line = match kind {
        Kind::Feature => format!(
            "{} {} {}",
            fill(rng.pick::<&str>(VERBS), rng),
            rng.pick(OBJECTS),
            rng.pick(QUALIFIERS)
        ),
        Kind::Bug => {
            let object = rng.pick(OBJECTS);
            let object = object.split_once(' ').map_or(*object, |(_, rest)| rest);
            format!("The {object} field {}", rng.pick(SYMPTOMS))
        }
        Kind::Debt => format!(
            "{} {}",
            rng.pick(&["Replace", "Upgrade", "Remove", "Add tests to", "Simplify"]),
            rng.pick(SYSTEMS)
        ),
        Kind::Spike => format!(
            "Can we {} {}?",
            rng.pick(&["reuse", "retire", "speed up", "replace"]),
            rng.pick(SYSTEMS)
        ),
        Kind::Experiment => format!(
            "Try {} to {} {}",
            rng.pick(&[
                "a shorter form",
                "text reminders",
                "a progress bar",
                "plain-English letters"
            ]),
            rng.pick(&["raise completion for", "cut calls from", "help"]),
            rng.pick(ACTORS)
        ),
    };
    line.trim_end().to_owned()
}

fn acceptance(rng: &mut Rng) -> String {
    format!(
        "{}, {}, {}",
        rng.pick(GIVENS),
        rng.pick(WHENS),
        rng.pick(THENS)
    )
}

fn description(rng: &mut Rng) -> String {
    let sentences = [
        "Research sessions in the spring showed people get stuck here.",
        "The contact centre hears about this several times a week.",
        "Policy have agreed the wording; design has a prototype.",
        "Needs the platform team's help with the integration.",
        "See the service assessment report, section 4.",
        "Small change, but it touches every journey.",
        "Analytics show a third of users drop out at this step.",
    ];
    let n = 1 + rng.below(3);
    rng.some(&sentences, n).join(" ")
}

// --- The product ------------------------------------------------------------

fn generate(rng: &mut Rng, n: usize, key: Option<&str>) -> Product {
    let mut p = match key {
        Some(key) => Product::new(format!("Apply for a parking permit ({key})"), key.into()),
        None => Product::new("Apply for a parking permit".into(), "PP".into()),
    };
    p.product.owner = Some(OWNER.into());
    p.vision = Vision {
        statement: Some(
            "Anyone who needs a parking permit gets one online in five minutes, and nobody gets a fine while they wait."
                .into(),
        ),
        users: vec![
            "Residents who park on their street".into(),
            "Carers who visit people at home".into(),
            "Businesses with delivery vehicles".into(),
            "Council staff who issue and check permits".into(),
        ],
        problems: vec![
            "Paper applications take three weeks".into(),
            "People are fined while their application is waiting".into(),
            "Staff re-key every application by hand".into(),
        ],
        strategy: vec![
            "Digital first, with phone support for those who need it".into(),
            "Decide automatically where the rules allow".into(),
            "Reuse the council's payments and notifications platforms".into(),
        ],
    };
    p.people.push(Person::new(OWNER, vec!["owner".into()]));
    for name in LEADERS {
        p.people.push(Person::new(name, vec!["leadership".into()]));
    }
    for name in TEAM {
        p.people.push(Person::new(name, vec!["team".into()]));
    }
    p.scoring = Scoring {
        method: Some("wsjf".into()),
        scale: Some(Scale::Fibonacci),
        formulas: BTreeMap::from([(
            "roi".into(),
            "value * confidence / 100 / cost * 1000".into(),
        )]),
    };
    p.objectives = objectives(rng, (10 + n / 2500).min(50));
    p.kpis = kpis(rng, (10 + n / 10_000).min(20));
    p.roadmap = roadmap(rng, (8 + n / 4000).min(40), p.objectives.len());
    let kr_refs = p.key_result_refs();
    let measures: Vec<String> = kr_refs
        .iter()
        .cloned()
        .chain(p.kpis.iter().map(|k| k.id.clone()))
        .collect();
    let roadmap_ids: Vec<String> = p.roadmap.iter().map(|r| r.id.clone()).collect();
    for i in 1..=n {
        let item = item(rng, &p.product.key, i, &kr_refs, &measures, &roadmap_ids);
        p.items.push(item);
    }
    p.stakeholders = stakeholders(rng);
    p.decisions = decisions(rng, &p, (5 + n / 500).min(200));
    // A backlog this long is many teams' work: the limit on work in progress follows.
    p.check = CheckSettings {
        max_doing: Some((n / 40).max(5) as u32),
        ..CheckSettings::default()
    };
    p
}

/// About one open item in 50 also waits for an item of another product of
/// the portfolio: `KEY-m`, the keys taken in turn, `m` in `1..=items` (the
/// other products are generated with as many items).
fn external(rng: &mut Rng, p: &mut Product, keys: &[String], items: usize) {
    let mut next = 0;
    for item in p.items.iter_mut().filter(|i| i.is_open()) {
        if rng.below(50) != 0 {
            continue;
        }
        let id = format!(
            "{}-{}",
            keys[next % keys.len()],
            1 + rng.below(items.max(1))
        );
        next += 1;
        if !item.depends_on.contains(&id) {
            item.depends_on.push(id);
        }
    }
}

fn objectives(rng: &mut Rng, count: usize) -> Vec<Objective> {
    let today = today();
    // Quarters from Q1 2026 to Q1 2027: past, current and one to come.
    let quarters = [
        ((2026, 1, 1), (2026, 3, 31)),
        ((2026, 4, 1), (2026, 6, 30)),
        ((2026, 7, 1), (2026, 9, 30)),
        ((2026, 10, 1), (2026, 12, 31)),
        ((2027, 1, 1), (2027, 3, 31)),
    ];
    (1..=count)
        .map(|i| {
            let (s, e) = quarters[(i - 1) * quarters.len() / count];
            let start = Date::from_ymd(s.0, s.1, s.2).expect("a real day");
            let end = Date::from_ymd(e.0, e.1, e.2).expect("a real day");
            let count = 2 + rng.below(3);
            let titles = rng.some(KR_TITLES, count);
            let key_results = titles
                .iter()
                .enumerate()
                .map(|(k, &kr)| key_result(rng, k + 1, kr, start, end.min(today)))
                .collect();
            Objective {
                id: format!("O{i}"),
                title: format!("{} ({i})", rng.pick(OBJECTIVE_TITLES)),
                description: rng.chance(0.5).then(|| description(rng)),
                start: Some(start),
                end: Some(end),
                commitment: Some(if rng.chance(0.4) {
                    Commitment::Committed
                } else {
                    Commitment::Aspirational
                }),
                needs: Vec::new(),
                contributes_to: Vec::new(),
                key_results,
            }
        })
        .collect()
}

/// User needs of the product's user groups, their evidence spread over
/// them, and most features linked to one or two of them.
fn needs(rng: &mut Rng, p: &mut Product, count: usize, evidence: usize) {
    use productfile::model::{Evidence, EvidenceKind, Need, NeedStatus};
    let users = p.vision.users.clone();
    let first = Date::from_ymd(2025, 6, 1).expect("a real day");
    let span = days_between(first, today());
    p.needs = (1..=count)
        .map(|i| Need {
            id: format!("N{i}"),
            statement: format!(
                "As one of the {}, I need to {} {}",
                rng.pick(&users).to_lowercase(),
                fill(rng.pick::<&str>(VERBS), rng).to_lowercase(),
                rng.pick(OBJECTS)
            ),
            users: Some(rng.pick(&users).clone()),
            status: rng.weighted(&[
                (NeedStatus::Validated, 55),
                (NeedStatus::Assumed, 30),
                (NeedStatus::Met, 10),
                (NeedStatus::Invalid, 5),
            ]),
            reason: None,
            created: Some(days(first, rng.between(0, span / 2))),
            evidence: Vec::new(),
        })
        .collect();
    for need in &mut p.needs {
        if need.status == NeedStatus::Invalid {
            need.reason = Some("Research showed they already do this another way".into());
        }
    }
    let kinds = [
        (EvidenceKind::Interview, 40),
        (EvidenceKind::UsabilityTest, 15),
        (EvidenceKind::Survey, 10),
        (EvidenceKind::Analytics, 10),
        (EvidenceKind::Support, 15),
        (EvidenceKind::Feedback, 10),
    ];
    for _ in 0..evidence {
        let at = rng.below(count);
        let kind = rng.weighted(&kinds);
        let people = match kind {
            EvidenceKind::Survey | EvidenceKind::Analytics => 50 + rng.below(2000) as u64,
            EvidenceKind::Support | EvidenceKind::Feedback => 1 + rng.below(40) as u64,
            _ => 1 + rng.below(8) as u64,
        };
        let date = days(first, rng.between(span / 2, span));
        p.needs[at].evidence.push(Evidence {
            date,
            kind,
            summary: format!("{} said so in {}", people, kind.name()),
            people,
            link: None,
            source: None,
        });
    }
    for need in &mut p.needs {
        need.evidence.sort_by_key(|e| e.date);
    }
    for item in p.items.iter_mut().filter(|i| i.kind == Kind::Feature) {
        let links = rng.weighted(&[(0usize, 20), (1, 60), (2, 20)]);
        for _ in 0..links {
            let id = format!("N{}", 1 + rng.below(count));
            if !item.needs.contains(&id) {
                item.needs.push(id);
            }
        }
    }
    p.scoring.formulas.insert(
        "evidence_first".into(),
        "(value + time_criticality) * (1 + evidence) / size".into(),
    );
}

fn key_result(
    rng: &mut Rng,
    k: usize,
    (title, unit, up): (&str, &str, bool),
    from: Date,
    to: Date,
) -> KeyResult {
    let base = rng.between(10, 60) as f64;
    let change = rng.between(5, 35) as f64;
    let (start, target) = if up {
        (base, base + change)
    } else {
        (base + change, base)
    };
    let mut history = Vec::new();
    let span = days_between(from, to);
    if span > 0 {
        let checkins = 1 + rng.below(6);
        let mut value = start;
        for c in 1..=checkins {
            let date = days(from, span * c as i64 / checkins as i64);
            value += (target - start) * rng.between(-2, 12) as f64 / 40.0;
            let value = (value * 10.0).round() / 10.0;
            history.push(Reading {
                date,
                value,
                note: rng
                    .chance(0.15)
                    .then(|| "after the latest release".to_owned()),
            });
        }
    }
    KeyResult {
        id: format!("KR{k}"),
        title: title.into(),
        unit: Some(unit.into()),
        start,
        target,
        current: history.last().map(|r| r.value),
        weight: rng.chance(0.2).then_some(2.0),
        history,
    }
}

fn kpis(rng: &mut Rng, count: usize) -> Vec<Kpi> {
    let today = today();
    (1..=count)
        .map(|i| {
            let &(name, unit, direction) = &KPI_NAMES[(i - 1) % KPI_NAMES.len()];
            let name = if i > KPI_NAMES.len() {
                format!("{name} (assisted)")
            } else {
                name.to_owned()
            };
            let cadence = rng.weighted(&[
                (Cadence::Weekly, 3),
                (Cadence::Monthly, 5),
                (Cadence::Quarterly, 2),
            ]);
            let step = match cadence {
                Cadence::Weekly => 7,
                Cadence::Monthly => 30,
                Cadence::Quarterly => 91,
            };
            let target = rng.between(20, 90) as f64;
            let gap = rng.between(5, 15) as f64;
            let threshold = match direction {
                Direction::Up => target - gap,
                Direction::Down => target + gap,
            };
            let readings = 3 + rng.below(10);
            let last = days(today, -(rng.below(step as usize - 1) as i64));
            let history = (0..readings)
                .rev()
                .map(|r| Reading {
                    date: days(last, -(r as i64) * step),
                    value: threshold + (target - threshold) * rng.between(-5, 15) as f64 / 10.0,
                    note: None,
                })
                .collect();
            Kpi {
                id: format!("K{i}"),
                name,
                unit: Some(unit.into()),
                direction,
                target: Some(target),
                threshold: Some(threshold),
                cadence: Some(cadence),
                mandatory: None,
                history,
            }
        })
        .collect()
}

fn roadmap(rng: &mut Rng, count: usize, objectives: usize) -> Vec<RoadmapEntry> {
    (1..=count)
        .map(|i| {
            let horizon = match i {
                1..=3 => Horizon::Now,
                _ if i <= 3 + (count - 3) * 2 / 5 => Horizon::Next,
                _ => Horizon::Later,
            };
            let hard = rng.chance(0.2);
            let links = 1 + rng.below(2);
            let objective_ids: Vec<String> =
                (0..objectives).map(|o| format!("O{}", o + 1)).collect();
            RoadmapEntry {
                id: format!("R{i}"),
                title: format!("{} ({i})", title(rng, Kind::Feature)),
                horizon,
                outcome: Some(rng.pick(OUTCOMES).to_string()),
                objectives: rng.some(&objective_ids, links),
                date: hard.then(|| days(today(), rng.between(30, 400))),
                date_reason: hard
                    .then(|| "The council's contract with the paper supplier ends".into()),
            }
        })
        .collect()
}

fn item(
    rng: &mut Rng,
    key: &str,
    i: usize,
    kr_refs: &[String],
    measures: &[String],
    roadmap: &[String],
) -> Item {
    let today = today();
    let kind = rng.weighted(&[
        (Kind::Feature, 60),
        (Kind::Bug, 20),
        (Kind::Debt, 10),
        (Kind::Spike, 6),
        (Kind::Experiment, 4),
    ]);
    let status = rng.weighted(&[
        (Status::Idea, 38),
        (Status::Ready, 30),
        (Status::Doing, 2),
        (Status::Done, 22),
        (Status::Dropped, 8),
    ]);
    let created = days(today, -rng.between(0, 700));
    let mut item = Item::new(format!("{key}-{i}"), title(rng, kind), kind, created);
    item.status = status;
    item.updated = Some(days(created, rng.between(0, days_between(created, today))));
    if rng.chance(0.35) {
        item.description = Some(description(rng));
    }
    let tags = rng.below(4);
    item.tags = rng.some(TAGS, tags).into_iter().map(String::from).collect();
    item.mvp = rng.chance(0.08);
    item.moscow = rng.chance(0.6).then(|| {
        rng.weighted(&[
            (Moscow::Must, 15),
            (Moscow::Should, 35),
            (Moscow::Could, 35),
            (Moscow::Wont, 15),
        ])
    });
    if rng.chance(0.7) {
        item.roadmap = Some(rng.pick(roadmap).clone());
    }
    if rng.chance(0.35) {
        let links = 1 + usize::from(rng.chance(0.2));
        item.key_results = rng.some(kr_refs, links);
    }
    let criteria = match status {
        Status::Ready | Status::Doing | Status::Done => 1 + rng.below(3),
        _ if rng.chance(0.3) => 1,
        _ => 0,
    };
    item.acceptance = (0..criteria).map(|_| acceptance(rng)).collect();
    // Acyclic by construction: an item waits only for items above it.
    if i > 1 && rng.chance(0.2) {
        for _ in 0..1 + usize::from(rng.chance(0.25)) {
            let id = format!("{key}-{}", 1 + rng.below(i - 1));
            if !item.depends_on.contains(&id) {
                item.depends_on.push(id);
            }
        }
    }
    let fib = |rng: &mut Rng| {
        FIBONACCI[rng.weighted(&[(0, 10), (1, 18), (2, 22), (3, 20), (4, 15), (5, 10), (6, 5)])]
    };
    let ready = matches!(status, Status::Ready | Status::Doing);
    match rng.below(100) {
        // Scored by WSJF; an item that is ready always has its size.
        0..85 => {
            item.value = Some(fib(rng));
            item.time_criticality = Some(fib(rng));
            item.risk_reduction = Some(fib(rng));
            item.size = Some(fib(rng));
        }
        // Half scored: an input is missing, so ranking lists it apart.
        85..90 => {
            item.value = Some(fib(rng));
            if ready {
                item.size = Some(fib(rng));
            } else {
                item.time_criticality = Some(fib(rng));
            }
        }
        _ => {
            if ready {
                item.size = Some(fib(rng));
            }
        }
    }
    if rng.chance(0.3) {
        item.cost = Some(rng.between(2, 100) as f64 * 500.0);
    }
    if rng.chance(0.25) {
        item.reach = Some(rng.between(1, 200) as f64 * 100.0);
        item.impact = Some(*rng.pick(&[0.25, 0.5, 1.0, 2.0, 3.0]));
        item.confidence = Some(*rng.pick(&[50.0, 80.0, 100.0]));
        item.effort = Some(*rng.pick(&[0.5, 1.0, 2.0, 3.0, 5.0, 8.0]));
    }
    match status {
        Status::Done => {
            let done = item.updated.unwrap_or(today);
            item.done_on = Some(done);
        }
        Status::Dropped => item.reason = Some(rng.pick(REASONS).to_string()),
        _ => {
            if rng.chance(0.05) {
                item.due = Some(days(today, rng.between(7, 300)));
            }
            item.pinned = rng.chance(0.002);
        }
    }
    if rng.chance(0.1) {
        item.source = Some(format!("JIRA-{}", 1000 + rng.below(90_000)));
    }
    if kind == Kind::Experiment {
        let finished = status == Status::Done;
        item.experiment = Some(Experiment {
            hypothesis: Some(format!("{} will raise completion", item.title)),
            measure: Some(rng.pick(measures).clone()),
            success: Some("At least 3 points better in the test group over 4 weeks".into()),
            result: finished.then(|| {
                rng.weighted(&[
                    (ExperimentResult::Validated, 4),
                    (ExperimentResult::Invalidated, 3),
                    (ExperimentResult::Inconclusive, 3),
                ])
            }),
            learning: finished.then(|| "Written up in the team's research log".into()),
        });
    }
    item
}

fn stakeholders(rng: &mut Rng) -> Vec<Stakeholder> {
    let count = 6 + rng.below(7);
    STAKEHOLDERS[..count]
        .iter()
        .map(|&(name, interest, influence)| Stakeholder {
            name: name.into(),
            interest,
            influence,
            notes: rng
                .chance(0.3)
                .then(|| "Monthly update at the service review".into()),
        })
        .collect()
}

fn decisions(rng: &mut Rng, p: &Product, count: usize) -> Vec<Decision> {
    let today = today();
    let first = days(today, -600);
    let kr_refs = p.key_result_refs();
    (1..=count)
        .map(|d| {
            let kind = rng.weighted(&[
                ("prioritisation", 4),
                ("scope", 4),
                ("goals", 2),
                ("metrics", 1),
                ("launch", 1),
            ]);
            let (summary, refs) = match kind {
                "goals" => {
                    let kr = rng.pick(&kr_refs).clone();
                    (format!("Set the target of {kr}"), vec![kr])
                }
                "metrics" => {
                    let k = rng.pick(&p.kpis).id.clone();
                    (format!("Tighten the threshold of {k}"), vec![k])
                }
                "launch" => {
                    let r = rng.pick(&p.roadmap).id.clone();
                    (format!("Move {r} to Now"), vec![r])
                }
                _ => {
                    let i = rng.pick(&p.items).id.clone();
                    (format!("Bring {i} forward"), vec![i])
                }
            };
            let needs_agreement = matches!(kind, "goals" | "metrics" | "launch");
            Decision {
                id: format!("D{d}"),
                date: days(first, 600 * d as i64 / count as i64),
                kinds: DecisionKind::from_name(kind).into_iter().collect(),
                other_kinds: Vec::new(),
                summary,
                decided_by: OWNER.into(),
                agreed_by: if needs_agreement {
                    vec![rng.pick(&LEADERS).to_string()]
                } else {
                    Vec::new()
                },
                rationale: rng
                    .chance(0.7)
                    .then(|| "Agreed at the monthly service review".into()),
                refs,
                covers: Vec::new(),
                signatures: Vec::new(),
            }
        })
        .collect()
}

/// A later version of the product: K edits of the kinds a few weeks of
/// work bring, through the library's own moves where it has them.
fn edit(rng: &mut Rng, p: &mut Product, k: usize) {
    let today = today();
    for e in 0..k {
        let at = rng.below(p.items.len().max(1));
        match rng.below(100) {
            0..25 if !p.items.is_empty() => {
                let item = &mut p.items[at];
                item.title = format!("{} (reworded)", item.title);
                item.updated = Some(today);
            }
            25..45 if !p.items.is_empty() => {
                let value = FIBONACCI[rng.below(FIBONACCI.len())];
                let item = &mut p.items[at];
                item.value = Some(value);
                item.updated = Some(today);
            }
            45..60 if !p.items.is_empty() => {
                let item = &mut p.items[at];
                if item.is_open() {
                    item.status = Status::Done;
                    item.done_on = Some(today);
                    item.updated = Some(today);
                }
            }
            60..68 if !p.items.is_empty() => {
                let item = &mut p.items[at];
                if item.is_open() {
                    item.status = Status::Dropped;
                    item.reason = Some(rng.pick(REASONS).to_string());
                    item.updated = Some(today);
                }
            }
            68..83 if !p.items.is_empty() => {
                let id = p.items[at].id.clone();
                if p.items[at].is_open() {
                    let to = MoveTo::Position(1 + rng.below(50));
                    p.move_item(&id, &to).expect("an open item moves");
                }
            }
            83..95 => {
                let Ok(id) = p.next_item_id() else { continue };
                let kind = Kind::Feature;
                let mut item = Item::new(id, title(rng, kind), kind, today);
                item.value = Some(FIBONACCI[rng.below(FIBONACCI.len())]);
                p.items.push(item);
            }
            _ => {
                if p.objectives.is_empty() {
                    continue;
                }
                let o = rng.below(p.objectives.len());
                let objective = &mut p.objectives[o];
                if let Some(kr) = objective.key_results.first_mut() {
                    let value = kr.current.unwrap_or(kr.start) + (kr.target - kr.start) / 10.0;
                    kr.check_in(Reading {
                        date: today,
                        value: (value * 10.0).round() / 10.0,
                        note: Some(format!("check-in {e}")),
                    });
                }
            }
        }
    }
}

// --- TOML -------------------------------------------------------------------

/// Keys whose `YYYY-MM-DD` strings are TOML dates (the store's own list).
const DATE_KEYS: &[&str] = &[
    "date", "start", "end", "created", "updated", "due", "done_on",
];
/// Arrays written one element a line.
const LONG_ARRAYS: &[&str] = &["acceptance", "history", "users", "problems", "strategy"];

fn to_toml(p: &Product, args: &Args) -> String {
    let json = serde_json::to_value(p).expect("the model always serializes");
    let Json::Object(root) = json else {
        unreachable!("a product is a table")
    };
    let mut doc = DocumentMut::new();
    for (key, value) in &root {
        match value {
            Json::Object(map) => {
                let mut table = table(map);
                table.decor_mut().set_prefix(section(key));
                doc.insert(key, TomlItem::Table(table));
            }
            Json::Array(values) if values.iter().all(Json::is_object) => {
                let mut array = ArrayOfTables::new();
                for (i, v) in values.iter().enumerate() {
                    let mut t = table(v.as_object().expect("checked"));
                    let mut prefix = if i == 0 { section(key) } else { "\n".into() };
                    if key == "items" && i % 50 == 0 {
                        let last = (i + 50).min(values.len());
                        prefix.push_str(&format!("# Backlog positions {} to {last}.\n", i + 1));
                    }
                    t.decor_mut().set_prefix(prefix);
                    array.push(t);
                }
                doc.insert(key, TomlItem::ArrayOfTables(array));
            }
            other => {
                doc.insert(key, TomlItem::Value(value_of(key, other)));
            }
        }
    }
    let header = format!(
        "# {name}: a synthetic product file for benchmarks.\n\
         #\n\
         # Written by `cargo run --example generate -- --items {items} --seed {seed}{edits}`.\n\
         # Nothing here is real; the proportions are meant to be.\n\n",
        name = p.product.name,
        items = args.items,
        seed = args.seed,
        edits = options(args),
    );
    header + &doc.to_string()
}

/// The options after `--items` and `--seed` that shaped the file, as the
/// header's command line gives them.
fn options(args: &Args) -> String {
    let mut out = String::new();
    if args.edits > 0 {
        out.push_str(&format!(" --edits {}", args.edits));
    }
    if args.needs > 0 {
        out.push_str(&format!(
            " --needs {} --evidence {}",
            args.needs, args.evidence
        ));
    }
    if let Some(key) = &args.key {
        out.push_str(&format!(" --key {key}"));
    }
    if !args.external.is_empty() {
        out.push_str(&format!(" --external {}", args.external.join(",")));
    }
    if !args.contributes.is_empty() {
        out.push_str(&format!(" --contributes {}", args.contributes.join(",")));
    }
    out
}

fn section(key: &str) -> String {
    let line = |title: &str| {
        let dashes = 76usize.saturating_sub(title.len() + 7);
        format!("\n# --- {title} {}\n", "-".repeat(dashes))
    };
    match key {
        "product" => "\n".into(),
        "vision" => line("Vision"),
        "people" => line("People and their roles"),
        "scoring" => line("Scoring: WSJF on the modified Fibonacci scale"),
        "objectives" => line("Objectives and key results"),
        "kpis" => line("Key performance indicators"),
        "roadmap" => line("Roadmap: now, next, later"),
        "needs" => line("User needs and their evidence"),
        "requests" => line("Requests"),
        "items" => format!(
            "{}# The order of [[items]] is the priority order.\n",
            line("Backlog")
        ),
        "stakeholders" => line("Stakeholders"),
        "decisions" => line("Decision log"),
        "check" => format!(
            "{}# Many teams work from this backlog, so more may be in progress at once.\n",
            line("Checks")
        ),
        other => line(other),
    }
}

/// A JSON object as a TOML table: nested objects as sub-tables, except
/// `experiment`, kept inline as people write it; arrays of objects
/// (`key_results`, a need's `evidence`) as arrays of tables.
fn table(map: &serde_json::Map<String, Json>) -> Table {
    let mut table = Table::new();
    for (key, value) in map {
        match value {
            Json::Object(sub) if key != "experiment" => {
                let mut sub = self::table(sub);
                sub.decor_mut().set_prefix("\n");
                table.insert(key, TomlItem::Table(sub));
            }
            Json::Array(values)
                if matches!(key.as_str(), "key_results" | "evidence")
                    && values.iter().all(Json::is_object) =>
            {
                let mut array = ArrayOfTables::new();
                for v in values {
                    let mut t = self::table(v.as_object().expect("an element is a table"));
                    t.decor_mut().set_prefix("\n");
                    array.push(t);
                }
                table.insert(key, TomlItem::ArrayOfTables(array));
            }
            _ => {
                let mut v = value_of(key, value);
                if key == "pinned" {
                    v.decor_mut()
                        .set_suffix("  # keeps its place when a ranking is applied");
                }
                table.insert(key, TomlItem::Value(v));
            }
        }
    }
    table
}

fn value_of(key: &str, value: &Json) -> Value {
    match value {
        Json::String(s) if DATE_KEYS.contains(&key) => s
            .parse::<toml_edit::Datetime>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(s.as_str())),
        Json::String(s) => Value::from(s.as_str()),
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64().unwrap_or(0.0)),
        },
        Json::Array(values) => {
            let mut array = Array::new();
            for v in values {
                array.push(value_of("", v));
            }
            if LONG_ARRAYS.contains(&key) && !values.is_empty() {
                for v in array.iter_mut() {
                    v.decor_mut().set_prefix("\n  ");
                }
                array.set_trailing_comma(true);
                array.set_trailing("\n");
            }
            Value::Array(array)
        }
        Json::Object(map) => {
            let mut table = InlineTable::new();
            for (k, v) in map {
                table.insert(k, value_of(k, v));
            }
            Value::InlineTable(table)
        }
        Json::Null => Value::from(""),
    }
}
