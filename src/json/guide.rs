//! Which parts of a payload the lean parse materializes, read off the
//! descriptions it is handed (root field lists, one per provider in play):
//! values typed `Any` there (such as a message user's `preferences`) and
//! members no description knows, below the first two levels, are skipped —
//! validated, not built. Commands that never read those
//! values (check without `--strict`, most row entities) parse with
//! [`super::Extent::Lean`].
//!
//! At the root a key is skipped only when every root list that declares it
//! agrees it can be: lists that type it differently build it whole, and a
//! key none declares is built when several providers are in play (the
//! payload's is not known yet) and skipped when only one is.

use super::projection::{ListProjection, Projection};
use crate::schema::{Cursor, Field, FieldLookup, Ty};

/// Where the builder is in the descriptions.
#[derive(Debug, Clone, Copy)]
pub enum Guide {
    /// Materialize everything below.
    Keep,
    /// Do not materialize this value.
    Skip,
    /// The payload root, described by these root field lists (every
    /// provider's before detection, one provider's when it is known).
    Roots(&'static [&'static [Field]]),
    /// An object with these fields.
    Fields(FieldLookup),
    /// An array whose elements have this type.
    Items(&'static Ty),
    /// The root of a projected parse.
    ProjectRoot(&'static ListProjection),
    /// The projected array: its elements are built through the projection.
    ProjectList(&'static Projection),
    /// A projected object: only the projection's members are built.
    Project(&'static Projection),
    /// A member outside the projection: not built, not recorded.
    Drop,
}

impl Guide {
    /// The guide of a member (`key`) or element (`None`) at `depth`.
    /// `cursor` remembers where the last key was found, so that members in
    /// the description's order are found at once.
    #[inline(always)]
    pub fn child(self, key: Option<&str>, depth: u32, cursor: &mut Cursor) -> Guide {
        match (self, key) {
            (Guide::Keep, _) => Guide::Keep,
            (Guide::Skip | Guide::Drop, _) => Guide::Skip,
            (Guide::ProjectRoot(p), Some(key)) if key == p.list => Guide::ProjectList(&p.item),
            (Guide::ProjectRoot(p), Some(key)) if p.root.contains(&key) => Guide::Keep,
            (Guide::ProjectRoot(_), _) => Guide::Skip,
            (Guide::ProjectList(p), None) => Guide::Project(p),
            (Guide::Project(p), Some(key)) => match p.member(key) {
                None => Guide::Drop,
                Some(None) => Guide::Keep,
                Some(Some(sub)) => Guide::Project(sub),
            },
            (Guide::Roots(roots), Some(key)) => root_member(roots, key, cursor),
            (Guide::Fields(lookup), Some(key)) => match lookup.find(key, cursor) {
                Some(i) => of_type(&lookup.fields[i].ty),
                None if depth <= 2 => Guide::Keep,
                None => Guide::Skip,
            },
            (Guide::Items(ty), None) => of_type(ty),
            _ => Guide::Keep,
        }
    }

    /// Whether a container here is built.
    #[inline]
    pub fn keeps(self) -> bool {
        !matches!(self, Guide::Skip | Guide::Drop)
    }

    /// Whether the member is left out of the document altogether.
    #[inline]
    pub fn drops(self) -> bool {
        matches!(self, Guide::Drop)
    }
}

fn of_type(ty: &'static Ty) -> Guide {
    match ty {
        Ty::Object(fields) => Guide::Fields(FieldLookup::new(fields)),
        Ty::List(item) => Guide::Items(item),
        Ty::Any => Guide::Skip,
        _ => Guide::Keep,
    }
}

/// The guide of a root member: what every root list declaring `key`
/// agrees on, `Keep` when they disagree; an undeclared key is kept when
/// several lists are in play, skipped when only one is. `cursor` serves the
/// longest list (the one payload order matters most for); the others are
/// short and looked up afresh.
fn root_member(roots: &'static [&'static [Field]], key: &str, cursor: &mut Cursor) -> Guide {
    let longest = roots.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut agreed: Option<Guide> = None;
    let mut cursor = Some(cursor);
    for fields in roots {
        let lookup = FieldLookup::new(fields);
        let found = match cursor.take_if(|_| fields.len() == longest) {
            Some(cursor) => lookup.find(key, cursor),
            None => lookup.find(key, &mut Cursor::default()),
        };
        let Some(i) = found else { continue };
        let guide = of_type(&fields[i].ty);
        match agreed {
            None => agreed = Some(guide),
            Some(seen) if seen.same(guide) => {}
            Some(_) => return Guide::Keep,
        }
    }
    agreed.unwrap_or(if roots.len() > 1 {
        Guide::Keep
    } else {
        Guide::Skip
    })
}

impl Guide {
    /// Whether two guides build the same (descriptions compared by address).
    fn same(self, other: Guide) -> bool {
        match (self, other) {
            (Guide::Keep, Guide::Keep) | (Guide::Skip, Guide::Skip) => true,
            (Guide::Fields(a), Guide::Fields(b)) => std::ptr::eq(a.fields, b.fields),
            (Guide::Items(a), Guide::Items(b)) => std::ptr::eq(a, b),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Extent, Node, parse};
    use crate::schema::{Field, Ty, inferred};

    static VALUE_ANY: &[Field] = &[inferred("value", Ty::Any, "free-form")];
    static VALUE_OBJECT: &[Field] = &[inferred("k", Ty::Int, "k")];
    static VAR_ANY: &[Field] = &[inferred("value", Ty::Any, "free-form")];
    static VAR_TYPED: &[Field] = &[inferred("value", Ty::Object(VALUE_OBJECT), "typed")];
    /// A provider whose `bot_variables` values are free-form.
    static TALKY: &[Field] = &[
        inferred("tracking_number", Ty::String, "t"),
        inferred("bot_variables", Ty::List(&Ty::Object(VALUE_ANY)), "vars"),
    ];
    /// One whose `event` is a string and `bot_variables` are typed.
    static EVENTY: &[Field] = &[
        inferred("event", Ty::String, "e"),
        inferred("bot_variables", Ty::List(&Ty::Object(VAR_TYPED)), "vars"),
    ];
    static OTHER_ANY: &[Field] = &[inferred(
        "bot_variables",
        Ty::List(&Ty::Object(VAR_ANY)),
        "v",
    )];

    fn value_is_built(text: &str, roots: &'static [&'static [Field]]) -> bool {
        let doc = parse(text, Extent::Lean(roots)).expect("parses");
        let value = doc
            .root()
            .get("bot_variables")
            .items()
            .next()
            .expect("one")
            .get("value");
        !matches!(value.node(), Some(Node::Skipped(_)))
    }

    const PROBE: &str = r#"{"event":"x","bot_variables":[{"value":{"k":1}}]}"#;

    // issue 10: before detection root keys were typed by PipeRun's talk
    // fields alone, so this probe's `value` was skipped whatever the
    // payload's provider turned out to be.
    #[test]
    fn a_root_key_typed_differently_by_two_roots_is_built() {
        static BOTH: &[&[Field]] = &[TALKY, EVENTY];
        assert!(value_is_built(PROBE, BOTH));
    }

    #[test]
    fn a_key_skipped_only_when_every_declaring_root_agrees() {
        static AGREE: &[&[Field]] = &[TALKY, OTHER_ANY];
        assert!(!value_is_built(PROBE, AGREE), "both say free-form");
        static ONE: &[&[Field]] = &[TALKY];
        assert!(!value_is_built(PROBE, ONE));
        static TYPED: &[&[Field]] = &[EVENTY];
        assert!(value_is_built(PROBE, TYPED));
    }

    #[test]
    fn undeclared_root_keys_are_kept_only_before_detection() {
        let text = r#"{"extra":{"deep":{"x":1}},"bot_variables":[]}"#;
        static ONE: &[&[Field]] = &[TALKY];
        static BOTH: &[&[Field]] = &[TALKY, EVENTY];
        let skipped = |roots| {
            let doc = parse(text, Extent::Lean(roots)).expect("parses");
            matches!(doc.root().get("extra").node(), Some(Node::Skipped(_)))
        };
        assert!(skipped(ONE));
        assert!(!skipped(BOTH));
    }
}
