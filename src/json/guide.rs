//! Which parts of a payload the lean parse materializes, read off the
//! provider descriptions: values typed `Any` there (such as a message
//! user's `preferences`) and members no description knows, below the first
//! two levels, are skipped — validated by serde_json, not built. Commands
//! that never read those values (check without `--strict`, most row
//! entities) parse with [`super::Extent::Lean`].

use super::projection::{ListProjection, Projection};
use crate::detect::Provider;
use crate::provider::nuvidio::fields::{CONTENT, ENVELOPE};
use crate::provider::piperun::fields::TALK;
use crate::schema::{Cursor, FieldLookup, Ty};

/// Where the builder is in the descriptions.
#[derive(Debug, Clone, Copy)]
pub enum Guide {
    /// Materialize everything below.
    Keep,
    /// Do not materialize this value.
    Skip,
    /// The payload root, whose provider is not known yet; with a provider,
    /// only that provider's fields are built (the other's payloads are
    /// still recognised, from their top-level keys, and then skipped).
    Root(Option<Provider>),
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
            (Guide::Root(Some(Provider::PipeRun)), Some(key)) => match find(TALK, key, cursor) {
                Some(field) => of_type(&field.ty),
                None => Guide::Skip,
            },
            (Guide::Root(Some(Provider::NuVidio)), Some("content")) => {
                Guide::Fields(FieldLookup::new(CONTENT))
            }
            (Guide::Root(Some(Provider::NuVidio)), Some(_)) => Guide::Skip,
            (Guide::Root(None), Some("content")) => Guide::Fields(FieldLookup::new(CONTENT)),
            (Guide::Root(None), Some(key)) => {
                match find(TALK, key, cursor)
                    .or_else(|| find(ENVELOPE, key, &mut Cursor::default()))
                {
                    Some(field) => of_type(&field.ty),
                    None => Guide::Keep,
                }
            }
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
    pub fn keeps(self) -> bool {
        !matches!(self, Guide::Skip | Guide::Drop)
    }

    /// Whether the member is left out of the document altogether.
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

fn find(
    fields: &'static [crate::schema::Field],
    key: &str,
    cursor: &mut Cursor,
) -> Option<&'static crate::schema::Field> {
    let lookup = FieldLookup::new(fields);
    lookup.find(key, cursor).map(|i| &fields[i])
}
