//! NuVidio's static key (`../shared/PROVIDERS.md`): in the `Authorization`
//! header, optionally after `Bearer `, or in a `key` query parameter;
//! compared in constant time. Also what keeps the key out of every output:
//! the query and headers with it removed.

use subtle::ConstantTimeEq;

/// The secret a request must carry (`--key`).
#[derive(Clone)]
pub struct Key(Vec<u8>);

/// Never shows the secret, even in a debug print.
impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

/// The query parameter that may carry the key.
pub const QUERY_KEY: &str = "key";

impl Key {
    pub fn new(secret: &str) -> Self {
        Key(secret.as_bytes().to_vec())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether the `Authorization` header (raw, or after `Bearer `) or a
    /// `key` query parameter holds the key. Every candidate is compared,
    /// each in constant time.
    pub fn admits(&self, authorization: Option<&[u8]>, query: Option<&str>) -> bool {
        let mut found = subtle::Choice::from(0);
        if let Some(value) = authorization {
            found |= self.equals(value);
            if let Some(token) = strip_bearer(value) {
                found |= self.equals(token);
            }
        }
        for (name, value) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if name == QUERY_KEY {
                found |= self.equals(value.as_bytes());
            }
        }
        found.into()
    }

    /// Whether `text`, as written or percent-decoded, holds the secret:
    /// such a text is never shown (a `KEY=` or `token=` parameter, a
    /// custom header, a path carrying the key by mistake).
    pub fn appears_in(&self, text: &str) -> bool {
        let secret = self.0.as_slice();
        let holds = |s: &[u8]| !secret.is_empty() && s.windows(secret.len()).any(|w| w == secret);
        holds(text.as_bytes())
            || url::form_urlencoded::parse(text.as_bytes())
                .any(|(name, value)| holds(name.as_bytes()) || holds(value.as_bytes()))
    }

    fn equals(&self, candidate: &[u8]) -> subtle::Choice {
        // `ct_eq` on slices of different lengths is false (the length is
        // not secret: it leaks through timing of any comparison).
        self.0.as_slice().ct_eq(candidate)
    }
}

/// The token after a case-insensitive `Bearer ` prefix.
fn strip_bearer(value: &[u8]) -> Option<&[u8]> {
    let prefix = b"bearer ";
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| value[prefix.len()..].trim_ascii_start())
}

/// The query without its `key` parameters (in any case) and without any
/// parameter that holds the secret, the others as received.
pub fn redact_query(query: &str, key: Option<&Key>) -> String {
    query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            let named_key = url::form_urlencoded::parse(name.as_bytes())
                .next()
                .is_some_and(|(name, _)| name.eq_ignore_ascii_case(QUERY_KEY));
            !named_key && !key.is_some_and(|key| key.appears_in(pair))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Headers that carry credentials: never written anywhere.
pub fn is_secret_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_taken_from_the_header_bearer_or_query() {
        let key = Key::new("s3cret");
        assert!(key.admits(Some(b"s3cret"), None));
        assert!(key.admits(Some(b"Bearer s3cret"), None));
        assert!(key.admits(Some(b"bearer s3cret"), None));
        assert!(key.admits(None, Some("a=1&key=s3cret")));
        assert!(key.admits(None, Some("key=s3%63ret")));
        assert!(key.admits(Some(b"wrong"), Some("key=s3cret")));
    }

    #[test]
    fn a_wrong_or_missing_key_is_refused() {
        let key = Key::new("s3cret");
        assert!(!key.admits(None, None));
        assert!(!key.admits(Some(b""), Some("")));
        assert!(!key.admits(Some(b"s3cre"), None));
        assert!(!key.admits(Some(b"s3cret "), None));
        assert!(!key.admits(Some(b"Basic s3cret"), None));
        assert!(!key.admits(None, Some("keys=s3cret&k=s3cret")));
        assert_eq!(format!("{key:?}"), "Key(..)");
    }

    #[test]
    fn the_key_parameter_is_removed_from_the_query() {
        assert_eq!(redact_query("key=s3cret", None), "");
        assert_eq!(redact_query("a=1&key=s3cret&b=%20x", None), "a=1&b=%20x");
        assert_eq!(redact_query("k%65y=s3cret&a", None), "a");
        assert_eq!(redact_query("keys=1", None), "keys=1");
    }

    #[test]
    fn the_secret_is_removed_wherever_it_is_in_the_query() {
        let key = Key::new("s3cret");
        let key = Some(&key);
        assert_eq!(redact_query("KEY=s3cret&a=1", key), "a=1");
        assert_eq!(redact_query("Key=wrong&a=1", key), "a=1");
        assert_eq!(redact_query("token=s3cret&b=2", key), "b=2");
        assert_eq!(redact_query("t=xx%73%33cretyy&b=2", key), "b=2");
        assert_eq!(redact_query("s3cret&b=s3cre", key), "b=s3cre");
        assert!(key.is_some_and(|k| k.appears_in("/hooks/s3cret")));
        assert!(!key.is_some_and(|k| k.appears_in("/hooks/s3cre")));
    }
}
