//! A projection: the members a row entity reads, so that the parse builds
//! only those of each row's item (everything else is validated by
//! serde_json and dropped). Derived from the entity's column paths.

/// The members to build below one object, each with its own projection
/// (`None`: build the whole member).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Projection {
    pub members: Vec<(&'static str, Option<Projection>)>,
    /// One bit per member key ([`key_bit`]): a key whose bit is clear is
    /// not a member, told without a comparison (most keys of a payload are
    /// not).
    filter: u64,
}

/// The bit of `key` in [`Projection::filter`]: from its length and its
/// first and last bytes.
fn key_bit(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let last = bytes.last().copied().unwrap_or(0);
    let hash = (bytes.len() as u32)
        .wrapping_mul(7)
        .wrapping_add(u32::from(first).wrapping_mul(3))
        .wrapping_add(u32::from(last));
    1 << (hash % 64)
}

impl Projection {
    /// Adds a path (object keys) to the projection.
    pub fn add(&mut self, path: &[&'static str]) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        let at = match self.members.iter().position(|(k, _)| k == first) {
            Some(i) => i,
            None => {
                self.filter |= key_bit(first);
                self.members.push((first, Some(Projection::default())));
                self.members.len() - 1
            }
        };
        match (&mut self.members[at].1, rest.is_empty()) {
            (slot, true) => *slot = None,
            (Some(sub), false) => sub.add(rest),
            (None, false) => {}
        }
    }

    /// The projection of member `key`: `Some(None)` builds it whole,
    /// `Some(Some(p))` builds it projected, `None` drops it.
    pub fn member(&self, key: &str) -> Option<Option<&Projection>> {
        if self.filter & key_bit(key) == 0 {
            return None;
        }
        // Length and first byte first: they tell most keys apart at once.
        let first = key.as_bytes().first();
        self.members
            .iter()
            .find(|(k, _)| k.len() == key.len() && k.as_bytes().first() == first && *k == key)
            .map(|(_, p)| p.as_ref())
    }
}

/// What a parse with a projection builds: the payload's top level (all of
/// it, so that detection works), and of the array at `list`, each element
/// through `item`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListProjection {
    pub list: &'static str,
    /// Top-level members read whole (besides the list).
    pub root: Vec<&'static str>,
    pub item: Projection,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_merge_into_a_tree() {
        let mut p = Projection::default();
        p.add(&["user", "name"]);
        p.add(&["user", "is_bot"]);
        p.add(&["id"]);
        assert_eq!(p.member("id"), Some(None));
        let user = p.member("user").flatten().expect("projected");
        assert_eq!(user.member("name"), Some(None));
        assert_eq!(user.member("email"), None);
        assert_eq!(p.member("message"), None);
        p.add(&["user"]);
        assert_eq!(p.member("user"), Some(None));
        // Keys that share the filter's bits with members are still told
        // apart: same length, first and last bytes.
        assert_eq!(p.member("iX"), None);
        assert_eq!(p.member("usXr"), None);
    }
}
