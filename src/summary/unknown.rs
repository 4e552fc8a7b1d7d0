//! Fields a provider description does not know, as `path = value` rows, so
//! that the summary lists what it cannot label rather than dropping it.

use super::{Field, show};
use crate::json::{Kind, Pointer, Val};
use crate::schema::{Cursor, Field as Described, FieldLookup, Ty};

/// Every member of the object at `path` under `root` (recursively) that
/// none of `tables` describes, one row per scalar leaf, labelled with its
/// JSON Pointer. Values of free-form fields (`Any`) are known as a whole.
pub fn unknown_fields(
    root: Val<'_, '_>,
    path: &[&str],
    tables: &[&'static [Described]],
) -> Vec<Field> {
    let mut rows = Vec::new();
    let mut pointer = Pointer::root();
    for key in path {
        pointer.push_key(key);
    }
    object(root.path(path), tables, &mut pointer, &mut rows);
    rows
}

fn object(
    value: Val<'_, '_>,
    tables: &[&'static [Described]],
    at: &mut Pointer,
    rows: &mut Vec<Field>,
) {
    if value.kind() != Some(Kind::Object) {
        return;
    }
    // The schema's lookup: O(1) a key for payloads in the description's
    // order or in alphabetical order, a binary search otherwise.
    let mut lookups: Vec<(FieldLookup, Cursor)> = tables
        .iter()
        .map(|t| (FieldLookup::new(t), Cursor::default()))
        .collect();
    for (key, member) in value.members() {
        let field = lookups
            .iter_mut()
            .find_map(|(lookup, cursor)| lookup.find(key, cursor).map(|i| &lookup.fields[i]));
        if field.is_some_and(|f| !descends(&f.ty, member)) {
            // A known scalar, or a free-form value: nothing to list.
            continue;
        }
        at.push_key(key);
        match field {
            Some(field) => known(member, &field.ty, at, rows),
            None => leaves(member, at, rows),
        }
        at.pop();
    }
}

/// Whether [`known`] looks inside `value` of type `ty`.
fn descends(ty: &Ty, value: Val<'_, '_>) -> bool {
    matches!(
        (ty, value.kind()),
        (Ty::Object(_), Some(Kind::Object))
            | (Ty::List(_), Some(Kind::Array))
            | (Ty::Map(_), Some(Kind::Object))
    )
}

fn known(value: Val<'_, '_>, ty: &Ty, at: &mut Pointer, rows: &mut Vec<Field>) {
    match (ty, value.kind()) {
        (Ty::Object(fields), Some(Kind::Object)) => object(value, &[fields], at, rows),
        (Ty::List(item), Some(Kind::Array)) => {
            for (i, element) in value.items().enumerate() {
                at.push_index(i);
                known(element, item, at, rows);
                at.pop();
            }
        }
        (Ty::Map(item), Some(Kind::Object)) => {
            for (key, member) in value.members() {
                at.push_key(key);
                known(member, item, at, rows);
                at.pop();
            }
        }
        _ => {}
    }
}

/// Lists every scalar under an unknown member; empty containers as `[]`/`{}`.
fn leaves(value: Val<'_, '_>, at: &mut Pointer, rows: &mut Vec<Field>) {
    let children: Vec<(Option<&str>, Val<'_, '_>)> = match value.kind() {
        Some(Kind::Object) => value.members().map(|(k, v)| (Some(k), v)).collect(),
        Some(Kind::Array) => value.items().map(|v| (None, v)).collect(),
        _ => Vec::new(),
    };
    if children.is_empty() {
        rows.push(Field {
            key: at.as_str().to_string(),
            label: None,
            value: show::any(value).unwrap_or_default(),
        });
        return;
    }
    for (i, (key, child)) in children.into_iter().enumerate() {
        match key {
            Some(key) => at.push_key(key),
            None => at.push_index(i),
        }
        leaves(child, at, rows);
        at.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Extent, parse};
    use crate::schema::inferred;

    const INNER: &[Described] = &[inferred("a", Ty::Int, "a")];
    const OUTER: &[Described] = &[
        inferred("known", Ty::Object(INNER), "known"),
        inferred("list", Ty::List(&Ty::Object(INNER)), "list"),
        inferred("free", Ty::Any, "free"),
    ];

    #[test]
    fn lists_unknown_leaves_with_their_pointer() {
        let text =
            r#"{"known":{"a":1,"b":2},"list":[{"a":1},{"c":[true,{}]}],"free":{"x":1},"new":null}"#;
        let doc = parse(text, Extent::Full).expect("json");
        let rows: Vec<(String, Option<String>)> = unknown_fields(doc.root(), &[], &[OUTER])
            .into_iter()
            .map(|f| (f.label().to_string(), f.value.text))
            .collect();
        assert_eq!(
            rows,
            [
                ("/known/b".into(), Some("2".into())),
                ("/list/1/c/0".into(), Some("true".into())),
                ("/list/1/c/1".into(), Some("{}".into())),
                ("/new".into(), None),
            ]
        );
    }
}
