//! Key paths into a product file, such as `items[RX-4].size`, so every
//! message can say exactly which value it is about.

use std::fmt;

/// One step of a key path: a table key, or a position in an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    /// A position in an array, with the element's id when it has one.
    Index(usize, Option<String>),
}

/// A path from the top of the file to one value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Segment>);

impl KeyPath {
    pub fn root() -> Self {
        KeyPath(Vec::new())
    }

    /// This path with a key appended.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        KeyPath(segments)
    }

    /// This path with an array position (and the element's id) appended.
    pub fn index(&self, index: usize, id: Option<&str>) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index, id.map(str::to_owned)));
        KeyPath(segments)
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(_, Some(id)) => write!(f, "[{id}]")?,
                // People read positions from 1, like the line numbers beside them.
                Segment::Index(n, None) => write!(f, "[{}]", n + 1)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_ids_where_known_and_positions_otherwise() {
        let p = KeyPath::root()
            .key("items")
            .index(3, Some("RX-4"))
            .key("size");
        assert_eq!(p.to_string(), "items[RX-4].size");
        let q = KeyPath::root()
            .key("stakeholders")
            .index(0, None)
            .key("interest");
        assert_eq!(q.to_string(), "stakeholders[1].interest");
    }
}
