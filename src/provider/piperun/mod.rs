//! PipeRun CXM: the talk (atendimento) webhook.
//!
//! Recognised as an object without `hookType` that carries at least
//! [`fields::DETECTION_THRESHOLD`] of the talk table's distinctive fields
//! (all but the generic ones such as `id` or `created_at`), so that a talk
//! from an older account that lacks a few newer fields is still
//! recognised.

pub mod fields;
pub mod rows;
pub mod sender;
pub mod summary;

use crate::detect::Kind;
use crate::json::Val;
use crate::provider::{Provider, Recognition, no_precheck, no_rules};
use crate::schema::Shape;

/// The PipeRun provider.
pub static PIPERUN: Provider = Provider {
    name: "piperun",
    title: "PipeRun",
    hint: "PipeRun talks have tracking_number, talk_histories, customer_id, channel_id, ...",
    recognise,
    force: |_| Kind::named("talk"),
    detect_keys: &[],
    identity: |root| crate::provider::identity_of(root, &[&["id"], &["tracking_number"]]),
    root: &fields::TALK,
    shapes: &[&fields::TALK_SHAPE],
    shape,
    precheck: no_precheck,
    rule: no_rules,
    sections: summary::SECTIONS,
    summary: summary::sections,
    tables: rows::TABLES,
    kinds: &[crate::provider::KindDoc {
        name: "talk",
        hook_type: None,
        complete: None,
        about: "a talk (atendimento)",
    }],
    hook_types: &[],
};

fn recognise(root: Val<'_, '_>) -> Recognition {
    let distinctive = fields::TALK
        .iter()
        .filter(|f| !fields::GENERIC_FIELDS.contains(&f.name))
        .filter(|f| !root.get(f.name).is_missing())
        .count();
    match distinctive {
        n if n >= fields::DETECTION_THRESHOLD => Recognition::Yes(Kind::named("talk")),
        0 => Recognition::No,
        n => Recognition::Near(format!(
            "it has {n} of the PipeRun talk's distinctive fields ({}), fewer than the {} that recognise a talk; if it is one, pass --provider piperun",
            found_fields(root),
            fields::DETECTION_THRESHOLD
        )),
    }
}

/// The distinctive talk fields the payload has, for the near-miss message.
fn found_fields(root: Val<'_, '_>) -> String {
    fields::TALK
        .iter()
        .filter(|f| !fields::GENERIC_FIELDS.contains(&f.name))
        .filter(|f| !root.get(f.name).is_missing())
        .map(|f| f.name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn shape(_: &Kind) -> (&'static Shape, bool) {
    (&fields::TALK_SHAPE, false)
}
