//! RFC 6901 JSON Pointers, built incrementally while walking a payload.

use std::fmt;

/// A JSON Pointer under construction: push a segment before descending,
/// pop it on the way back. The whole payload is the empty pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pointer {
    text: String,
    marks: Vec<usize>,
}

impl Pointer {
    /// The empty pointer (the whole payload).
    pub fn root() -> Self {
        Self::default()
    }

    /// Descends into an object member.
    pub fn push_key(&mut self, key: &str) {
        self.marks.push(self.text.len());
        self.text.push('/');
        if memchr::memchr2(b'~', b'/', key.as_bytes()).is_none() {
            self.text.push_str(key);
            return;
        }
        for c in key.chars() {
            match c {
                '~' => self.text.push_str("~0"),
                '/' => self.text.push_str("~1"),
                _ => self.text.push(c),
            }
        }
    }

    /// Descends into an array element.
    pub fn push_index(&mut self, index: usize) {
        use fmt::Write;
        self.marks.push(self.text.len());
        // Writing to a String cannot fail.
        let _ = write!(self.text, "/{index}");
    }

    /// Returns to the parent.
    pub fn pop(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.text.truncate(mark);
        }
    }

    /// The pointer text, e.g. `/talk_histories/2/sent_at`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The pointer text, taken.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The pointer of a member of this one, without changing it.
    pub fn with_key(&self, key: &str) -> String {
        let mut p = self.clone();
        p.push_key(key);
        p.text
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_rfc_6901() {
        let mut p = Pointer::root();
        assert_eq!(p.as_str(), "");
        p.push_key("a/b~c");
        p.push_index(2);
        assert_eq!(p.as_str(), "/a~1b~0c/2");
        p.pop();
        assert_eq!(p.as_str(), "/a~1b~0c");
        p.pop();
        assert_eq!(p.as_str(), "");
    }
}
