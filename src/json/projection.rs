//! A projection: the members a row entity reads, so that the parse builds
//! only those of each row's item (everything else is validated and
//! dropped). Derived from the entity's column paths.

/// The members to build below one object, each with its own projection
/// (`None`: build the whole member).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Projection {
    pub members: Vec<(&'static str, Option<Projection>)>,
    /// Member indexes by key hash ([`key_slot`]): `i + 1` for the only
    /// member in the slot, 0 for none, [`CROWDED`] for several. Most keys of
    /// a payload are not members: one look tells them apart.
    slots: Vec<u8>,
}

/// How many slots a projection's hash table has.
const SLOTS: usize = 64;

/// A slot holding more than one member (or a member past index 253).
const CROWDED: u8 = u8::MAX;

/// The slot of `key`: from its length and its first and last bytes.
#[inline]
fn key_slot(key: &str) -> usize {
    let bytes = key.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let last = bytes.last().copied().unwrap_or(0);
    let hash = bytes
        .len()
        .wrapping_mul(7)
        .wrapping_add(usize::from(first).wrapping_mul(3))
        .wrapping_add(usize::from(last));
    hash % SLOTS
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
                self.members.push((first, Some(Projection::default())));
                self.index(self.members.len() - 1);
                self.members.len() - 1
            }
        };
        match (&mut self.members[at].1, rest.is_empty()) {
            (slot, true) => *slot = None,
            (Some(sub), false) => sub.add(rest),
            (None, false) => {}
        }
    }

    /// Enters member `i` in the hash table.
    fn index(&mut self, i: usize) {
        if self.slots.is_empty() {
            self.slots = vec![0; SLOTS];
        }
        let slot = &mut self.slots[key_slot(self.members[i].0)];
        *slot = match (*slot, u8::try_from(i + 1)) {
            (0, Ok(index)) if index < CROWDED => index,
            _ => CROWDED,
        };
    }

    /// The projection of member `key`: `Some(None)` builds it whole,
    /// `Some(Some(p))` builds it projected, `None` drops it.
    #[inline]
    pub fn member(&self, key: &str) -> Option<Option<&Projection>> {
        let found = match self.slots.get(key_slot(key)).copied() {
            None | Some(0) => return None,
            Some(CROWDED) => self.members.iter().find(|(k, _)| *k == key),
            Some(index) => self
                .members
                .get(usize::from(index) - 1)
                .filter(|(k, _)| *k == key),
        };
        found.map(|(_, p)| p.as_ref())
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
        // Keys that share a member's slot are still told apart: same
        // length, first and last bytes.
        assert_eq!(p.member("iX"), None);
        assert_eq!(p.member("usXr"), None);
        // Members that share a slot are all found.
        let mut crowded = Projection::default();
        for key in ["ab", "aXb", "aYb", "id"] {
            crowded.add(&[key]);
        }
        for key in ["ab", "aXb", "aYb", "id"] {
            assert_eq!(crowded.member(key), Some(None), "{key}");
        }
        assert_eq!(crowded.member("aZb"), None);
    }
}
