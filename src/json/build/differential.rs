//! The fast builder against serde_json's, for the unit tests and the
//! `json_build` fuzz target: on every extent the commands use, a payload
//! the fast builder takes must be one serde_json's builder takes, built
//! into the same arena.

use std::sync::OnceLock;

use super::{Extent, MAX_TEXT};
use crate::json::Doc;
use crate::json::projection::ListProjection;
use crate::provider::Registry;

/// Every extent a command builds with: whole, detection, lean (all
/// providers' roots and each provider's), and each entity's projection.
fn extents() -> &'static [Extent] {
    static EXTENTS: OnceLock<Vec<Extent>> = OnceLock::new();
    EXTENTS.get_or_init(|| {
        let registry = Registry::builtin();
        let mut extents = vec![
            Extent::Full,
            Extent::Detect(registry.detect_keys()),
            Extent::Lean(registry.lean_roots()),
        ];
        for provider in registry.providers() {
            extents.push(Extent::Lean(std::slice::from_ref(provider.root)));
        }
        for entity in registry.entities() {
            if let Some(projection) = crate::rows::projection(entity.table) {
                let projection: &'static ListProjection = Box::leak(Box::new(projection));
                extents.push(Extent::Project(projection));
            }
        }
        extents
    })
}

fn assert_same_doc(fast: &Doc<'_>, slow: &Doc<'_>, context: &str) {
    assert_eq!(fast.root, slow.root, "root: {context}");
    assert_eq!(fast.nodes, slow.nodes, "nodes: {context}");
    assert_eq!(fast.items, slow.items, "items: {context}");
    assert_eq!(fast.members, slow.members, "members: {context}");
    assert_eq!(fast.copies, slow.copies, "copies: {context}");
}

/// Compares both builders on `text` with every extent, panicking where
/// they disagree; whether the fast one took the payload on each.
pub fn compare(text: &str) -> Vec<bool> {
    extents()
        .iter()
        .map(|&extent| {
            let fast = super::fast::build(text, extent, MAX_TEXT);
            let slow = super::build(text, extent, MAX_TEXT);
            match (&fast, &slow) {
                (Some(fast), Ok(slow)) => {
                    assert_same_doc(fast, slow, &format!("{extent:?} {text}"))
                }
                (Some(_), Err(err)) => {
                    panic!("fast took what serde_json refuses ({err}): {extent:?} {text}")
                }
                (None, _) => {}
            }
            fast.is_some()
        })
        .collect()
}
