//! Which unknown key probably is a described field, misspelt or renamed
//! (`talk_history` for `talk_histories`, `trackingNumber` for
//! `tracking_number`): the same name ignoring case, `_`, `-` and a plural
//! ending, or an edit distance of 2 or less.

/// How many unknown keys of one object are compared (bounds the work on
/// an object with many unknown keys).
pub const MAX_CANDIDATES: usize = 64;

/// Names longer than this are not compared.
const MAX_LEN: usize = 64;

/// The unknown keys of one object, normalised once.
#[derive(Debug, Default)]
pub struct Candidates<'k> {
    keys: Vec<(&'k str, Vec<char>)>,
}

impl<'k> Candidates<'k> {
    /// At most [`MAX_CANDIDATES`] keys, each at most `MAX_LEN` bytes long.
    pub fn new(unknown: &[&'k str]) -> Self {
        let keys = unknown
            .iter()
            .copied()
            .filter(|key| key.len() <= MAX_LEN)
            .take(MAX_CANDIDATES)
            .map(|key| (key, normalise(key)))
            .collect();
        Candidates { keys }
    }

    /// The first key that looks like `name`.
    pub fn find(&self, name: &str) -> Option<&'k str> {
        if self.keys.is_empty() || name.len() > MAX_LEN {
            return None;
        }
        let target = normalise(name);
        self.keys
            .iter()
            .find(|(_, key)| looks_like(&target, key))
            .map(|(key, _)| *key)
    }
}

/// The first of `unknown` that looks like `name`.
#[cfg(test)]
fn find<'k>(name: &str, unknown: &[&'k str]) -> Option<&'k str> {
    Candidates::new(unknown).find(name)
}

fn looks_like(target: &[char], key: &[char]) -> bool {
    // Short names are too easily two edits apart.
    let short = target.len().min(key.len()) < 5;
    target == key || (!short && distance(target, key) <= 2)
}

/// Lower case, without `_` and `-`, a plural ending made singular.
fn normalise(name: &str) -> Vec<char> {
    let mut s: String = name
        .chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(stem) = s.strip_suffix("ies") {
        s = format!("{stem}y");
    } else if s.len() > 3 && s.ends_with('s') && !s.ends_with("ss") {
        s.pop();
    }
    s.chars().collect()
}

/// Levenshtein distance, with one row of memory.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_and_misspelt_keys_are_found() {
        assert_eq!(
            find("talk_histories", &["x", "talk_history"]),
            Some("talk_history")
        );
        assert_eq!(
            find("tracking_number", &["trackingNumber"]),
            Some("trackingNumber")
        );
        assert_eq!(find("hookType", &["hooktype"]), Some("hooktype"));
        assert_eq!(find("customer_id", &["custmer_id"]), Some("custmer_id"));
    }

    #[test]
    fn unrelated_keys_are_not() {
        assert_eq!(find("talk_histories", &["foo", "talk_events"]), None);
        assert_eq!(find("id", &["ip"]), None);
        assert_eq!(find("bot", &["bat"]), None);
    }
}
