//! Which provider a payload comes from, and which kind of payload it is.
//!
//! The registry's providers are asked in order ([`crate::provider::PROVIDERS`]):
//! the first that recognises an object payload wins; one that nearly does
//! (a [`Recognition::Near`]) stops detection with its reason; when none
//! does, the message lists the payload's top-level keys and what each
//! provider's payloads look like.

use serde::Serialize;

use crate::json::{Kind as JsonKind, Val};
use crate::provider::{Provider, Recognition, Registry};

/// What kind of payload a provider recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kind {
    /// As `detect` prints it: `talk`, `attendant_closed_issue/complete`.
    pub label: String,
    /// The hook type, for providers that have one.
    pub hook_type: Option<String>,
    /// Whether the payload carries whole objects rather than references,
    /// for providers with both forms.
    pub complete: Option<bool>,
}

impl Kind {
    /// A kind that is only a label.
    pub fn named(label: &str) -> Self {
        Kind {
            label: label.to_string(),
            hook_type: None,
            complete: None,
        }
    }
}

/// What a payload was recognised as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub provider: &'static Provider,
    pub kind: Kind,
}

impl Detection {
    pub fn provider(&self) -> &'static Provider {
        self.provider
    }

    /// `talk`, or `HOOK_TYPE/complete|incomplete`.
    pub fn label(&self) -> &str {
        &self.kind.label
    }

    pub fn hook_type(&self) -> Option<&str> {
        self.kind.hook_type.as_deref()
    }

    pub fn complete(&self) -> Option<bool> {
        self.kind.complete
    }
}

/// Recognises a parsed payload; `forced` skips detection. The error says
/// what was found and what was expected.
pub fn detect(
    root: Val<'_, '_>,
    registry: &Registry,
    forced: Option<&'static Provider>,
) -> Result<Detection, String> {
    if let Some(provider) = forced {
        let kind = (provider.force)(root);
        return Ok(Detection { provider, kind });
    }
    let providers = registry.providers();
    if root.kind() != Some(JsonKind::Object) {
        let found = root.kind().map_or("nothing", JsonKind::article_name);
        return Err(format!(
            "{}: the payload is {found}, not an object {}",
            not_a(providers),
            expected(providers)
        ));
    }
    for provider in providers {
        match (provider.recognise)(root) {
            Recognition::Yes(kind) => return Ok(Detection { provider, kind }),
            Recognition::Near(reason) => return Err(format!("{}: {reason}", not_a(providers))),
            Recognition::No => {}
        }
    }
    Err(unrecognised(root, providers))
}

/// `not a NuVidio or PipeRun payload`.
fn not_a(providers: &[&Provider]) -> String {
    let titles: Vec<&str> = providers.iter().map(|p| p.title).collect();
    let named = match titles.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    };
    format!("not a {named} payload")
}

/// `(NuVidio has hookType and content; PipeRun talks have ...)`.
fn expected(providers: &[&Provider]) -> String {
    let hints: Vec<&str> = providers.iter().map(|p| p.hint).collect();
    format!("({})", hints.join("; "))
}

fn unrecognised(root: Val<'_, '_>, providers: &[&Provider]) -> String {
    const SHOWN: usize = 8;
    let keys: Vec<&str> = root.members().map(|(k, _)| k).collect();
    let listed = if keys.is_empty() {
        "the payload is an empty object".to_string()
    } else {
        let mut listed = keys
            .iter()
            .take(SHOWN)
            .map(|k| crate::text::shorten(&crate::text::escape_control(k), 40).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        if keys.len() > SHOWN {
            listed.push_str(&format!(", ... ({} keys)", keys.len()));
        }
        format!("top-level keys are {listed}")
    };
    format!("{}: {listed} {}", not_a(providers), expected(providers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Extent, parse};

    fn detect_text(text: &str) -> Result<String, String> {
        let doc = parse(text, Extent::Detect(&["content"])).expect("valid JSON");
        detect(doc.root(), &Registry::builtin(), None)
            .map(|d| format!("{} {}", d.provider(), d.label()))
    }

    #[test]
    fn nuvidio_completeness() {
        let incomplete = r#"{"hookType":"x","content":{"id":"1","invite":{"id":"2","token":"t"}}}"#;
        assert_eq!(
            detect_text(incomplete).as_deref(),
            Ok("nuvidio x/incomplete")
        );
        let complete = r#"{"hookType":"x","content":{"id":"1","duration":3}}"#;
        assert_eq!(detect_text(complete).as_deref(), Ok("nuvidio x/complete"));
        let nested = r#"{"hookType":"x","content":{"queue":{"id":"1","logs":[]}}}"#;
        assert_eq!(detect_text(nested).as_deref(), Ok("nuvidio x/complete"));
    }

    #[test]
    fn piperun_tolerates_missing_fields() {
        let talk =
            r#"{"id":1,"tracking_number":"1","customer_id":2,"channel_id":1,"was_success":false}"#;
        assert_eq!(detect_text(talk).as_deref(), Ok("piperun talk"));
        let too_little = r#"{"id":1,"tracking_number":"1","created_at":"x"}"#;
        assert!(detect_text(too_little).is_err());
    }

    #[test]
    fn messages_say_what_was_found() {
        let err = detect_text(r#"{"a":1,"b":2,"c":3}"#).expect_err("unknown");
        assert!(err.starts_with("not a NuVidio or PipeRun payload: top-level keys are a, b, c (NuVidio has hookType and content; PipeRun talks have tracking_number"), "{err}");
        let err = detect_text("[1]").expect_err("array");
        assert!(
            err.contains("the payload is an array, not an object"),
            "{err}"
        );
        let err = detect_text(r#"{"hookType":"x","content":[]}"#).expect_err("bad content");
        assert!(err.contains("content is an array, not an object"), "{err}");
    }
}
