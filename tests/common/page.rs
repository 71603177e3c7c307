//! The HTML page under test: the bundled example with hostile text put in
//! the places user text reaches the page, and a conforming HTML parser
//! (html5ever) to check the page and walk what a browser would build.
//! Included by the tests of the page with `#[path]`, so that the other test
//! binaries do not build it.

use std::path::Path;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Text that would run or add an element if it were not escaped.
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const IMAGE: &str = "\"><img src=x onerror=alert(1)>";

/// The bundled example with [`SCRIPT`] and [`IMAGE`] as an objective's,
/// a KPI's, a roadmap entry's and an item's titles, a stakeholder's name,
/// a decision's rationale, a need's statement, a request's text, an
/// assessment's recommendation and the vision.
pub fn hostile_example() -> String {
    let mut text = std::fs::read_to_string(crate::common::repo("examples/product.toml")).unwrap();
    // Literal TOML strings: the text goes into the file as it is.
    for (from, to) in [
        (
            "text = \"Test the payment journey with screen reader users\"",
            format!("text = '{SCRIPT}'"),
        ),
        (
            "statement = \"Anyone who pays",
            format!("statement = '{IMAGE} Anyone who pays"),
        ),
        (
            "pays a penalty charge by mistake.\"",
            "pays a penalty charge by mistake.'".to_owned(),
        ),
        (
            "title = \"Make paying for prescriptions effortless\"",
            format!("title = '{SCRIPT}'"),
        ),
        (
            "name = \"Cost per transaction\"",
            format!("name = '{IMAGE}'"),
        ),
        (
            "title = \"Pay online by card\"",
            format!("title = '{IMAGE}'"),
        ),
        (
            "title = \"Check if you need to pay\"",
            format!("title = '{SCRIPT}'"),
        ),
        (
            "name = \"Patient advisory panel\"",
            format!("name = '{IMAGE}'"),
        ),
        (
            "statement = \"As a member of pharmacy staff, I need to take a payment for a patient who cannot go online\"",
            format!("statement = '{SCRIPT}'"),
        ),
        (
            "text = \"Let staff take a payment at the counter for a patient\"",
            format!("text = '{IMAGE}'"),
        ),
        (
            "rationale = \"Beta users completed at 78%; the paper slips go on 1 March 2027, so online payment must carry the load\"",
            format!("rationale = '{SCRIPT}'"),
        ),
    ] {
        assert!(text.contains(from), "`{from}` is not in the example");
        text = text.replacen(from, &to, 1);
    }
    text
}

/// The page parsed as a browser would, and the parse errors.
pub fn parse(html: &str) -> (RcDom, Vec<String>) {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap();
    let errors = dom.errors.borrow().iter().map(|e| e.to_string()).collect();
    (dom, errors)
}

/// An element: its name and attributes.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }
}

/// Every element of the document, in document order.
pub fn elements(dom: &RcDom) -> Vec<Element> {
    fn walk(node: &Handle, out: &mut Vec<Element>) {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            out.push(Element {
                name: name.local.to_string(),
                attrs: attrs
                    .borrow()
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect(),
            });
        }
        for child in node.children.borrow().iter() {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    walk(&dom.document, &mut out);
    out
}

/// The text of the document, each text node on a line.
pub fn text(dom: &RcDom) -> String {
    fn walk(node: &Handle, out: &mut String) {
        if let NodeData::Text { contents } = &node.data {
            out.push_str(&contents.borrow());
            out.push('\n');
        }
        for child in node.children.borrow().iter() {
            walk(child, out);
        }
    }
    let mut out = String::new();
    walk(&dom.document, &mut out);
    out
}

/// The page of the product in `dir`, made with these arguments.
pub fn page(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["report", "--format", "html"];
    all.extend_from_slice(args);
    crate::common::ok(dir, &all)
}
