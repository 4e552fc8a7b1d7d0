//! Which provider a payload comes from, and which kind of payload it is.
//!
//! - NuVidio: an object with a string `hookType` and an object `content`.
//!   Its kind is the hook type plus `incomplete` when every member of
//!   `content` is a reference (an id, or an object holding only ids and
//!   tokens, the basic-data mode), else `complete`.
//! - PipeRun: an object without `hookType` that carries at least
//!   [`DETECTION_THRESHOLD`] of the talk table's distinctive fields (all but
//!   the generic ones such as `id` or `created_at`), so that a talk from an
//!   older account that lacks a few newer fields is still recognised.

use std::fmt;

use clap::ValueEnum;
use serde::Serialize;

use crate::json::{Kind, Val};
use crate::provider::nuvidio::fields::REFERENCE_KEYS;
use crate::provider::piperun::fields::{DETECTION_THRESHOLD, GENERIC_FIELDS, TALK};

/// The webhook families hookscope knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    #[value(name = "nuvidio")]
    NuVidio,
    #[value(name = "piperun")]
    PipeRun,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::NuVidio => "nuvidio",
            Provider::PipeRun => "piperun",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a payload was recognised as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    NuVidio {
        /// `None` when `--provider nuvidio` forced a payload without one.
        hook_type: Option<String>,
        complete: bool,
    },
    PipeRun,
}

impl Detection {
    pub fn provider(&self) -> Provider {
        match self {
            Detection::NuVidio { .. } => Provider::NuVidio,
            Detection::PipeRun => Provider::PipeRun,
        }
    }

    /// `talk`, or `HOOK_TYPE/complete|incomplete`.
    pub fn kind(&self) -> String {
        match self {
            Detection::PipeRun => "talk".into(),
            Detection::NuVidio {
                hook_type,
                complete,
            } => format!(
                "{}/{}",
                hook_type.as_deref().unwrap_or("unknown"),
                if *complete { "complete" } else { "incomplete" }
            ),
        }
    }

    pub fn hook_type(&self) -> Option<&str> {
        match self {
            Detection::NuVidio { hook_type, .. } => hook_type.as_deref(),
            Detection::PipeRun => None,
        }
    }

    pub fn complete(&self) -> Option<bool> {
        match self {
            Detection::NuVidio { complete, .. } => Some(*complete),
            Detection::PipeRun => None,
        }
    }
}

/// Recognises a parsed payload; `forced` skips detection. The error says
/// what was found and what was expected.
pub fn detect(root: Val<'_, '_>, forced: Option<Provider>) -> Result<Detection, String> {
    match forced {
        Some(Provider::NuVidio) => return Ok(nuvidio(root)),
        Some(Provider::PipeRun) => return Ok(Detection::PipeRun),
        None => {}
    }
    if root.kind() != Some(Kind::Object) {
        let found = root.kind().map_or("nothing", Kind::article_name);
        return Err(format!(
            "not a NuVidio or PipeRun payload: the payload is {found}, not an object {EXPECTED}"
        ));
    }
    let hook_type = root.get("hookType");
    let content = root.get("content");
    if hook_type.as_str().is_some() && content.kind() == Some(Kind::Object) {
        return Ok(nuvidio(root));
    }
    if !hook_type.is_missing() {
        return Err(near_nuvidio(hook_type, content));
    }
    if talk_field_count(root) >= DETECTION_THRESHOLD {
        return Ok(Detection::PipeRun);
    }
    Err(unrecognised(root))
}

const EXPECTED: &str = "(NuVidio has hookType and content; PipeRun talks have tracking_number, talk_histories, customer_id, channel_id, ...)";

fn nuvidio(root: Val<'_, '_>) -> Detection {
    Detection::NuVidio {
        hook_type: root.get("hookType").as_str().map(str::to_string),
        complete: !is_reference_only(root.get("content")),
    }
}

/// The basic-data mode: every member of `content` is an id, or an object
/// holding only ids and tokens.
fn is_reference_only(content: Val<'_, '_>) -> bool {
    content.kind() == Some(Kind::Object)
        && content.members().all(|(key, value)| {
            if value.kind() == Some(Kind::Object) {
                value
                    .members()
                    .all(|(k, v)| is_reference_key(k) && is_scalar(v))
            } else {
                is_reference_key(key) && is_scalar(value)
            }
        })
}

fn is_reference_key(key: &str) -> bool {
    REFERENCE_KEYS.contains(&key) || key.ends_with("Id") || key.ends_with("_id")
}

fn is_scalar(value: Val<'_, '_>) -> bool {
    matches!(value.kind(), Some(Kind::String | Kind::Number))
}

fn talk_field_count(root: Val<'_, '_>) -> usize {
    TALK.iter()
        .filter(|f| !GENERIC_FIELDS.contains(&f.name))
        .filter(|f| !root.get(f.name).is_missing())
        .count()
}

fn near_nuvidio(hook_type: Val<'_, '_>, content: Val<'_, '_>) -> String {
    let problem = match (hook_type.as_str(), content.kind()) {
        (None, _) => format!(
            "hookType is {}, not a string",
            hook_type.kind().map_or("missing", Kind::article_name)
        ),
        (Some(_), None) => "content is missing".to_string(),
        (Some(_), Some(kind)) => format!("content is {}, not an object", kind.article_name()),
    };
    format!(
        "not a NuVidio or PipeRun payload: it has hookType, but {problem} (NuVidio has a string hookType and an object content)"
    )
}

fn unrecognised(root: Val<'_, '_>) -> String {
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
    format!("not a NuVidio or PipeRun payload: {listed} {EXPECTED}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Extent, parse};

    fn detect_text(text: &str) -> Result<String, String> {
        let doc = parse(text, Extent::Detect).expect("valid JSON");
        detect(doc.root(), None).map(|d| format!("{} {}", d.provider(), d.kind()))
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
