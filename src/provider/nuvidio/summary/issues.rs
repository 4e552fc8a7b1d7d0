//! Issues (solicitações) with their tags and notes, and the data items of
//! the issues and of the customer.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::json::{Kind, Val};
use crate::summary::show::{self, muted};
use crate::summary::{Column, Fit, Section, Span, Tone, Value, column};

const ISSUE_COLUMNS: &[Column] = &[
    column("name", "Name", Fit::Wrap),
    column("key", "Key", Fit::Wrap),
    column("tags", "Tags", Fit::Wrap),
    column("notes", "Notes", Fit::Prose),
    column("data", "Data", Fit::Short),
    column("closed", "Closed", Fit::Short),
];

const DATA_COLUMNS: &[Column] = &[
    column("issue", "Issue", Fit::Wrap),
    column("label", "Label", Fit::Wrap),
    column("value", "Value", Fit::Line),
    column("type", "Type", Fit::Wrap),
    column("private", "Private", Fit::Short),
];

/// Between a primary tag and its sub-tags.
const SUB_TAG: &str = " › ";

/// One row per issue; the issue this hook closed (`content.issue`) is
/// marked, and listed even when `issues` lacks it.
pub(super) fn issues(content: Val<'_, '_>) -> Section {
    let closed = content.get("issue");
    let closed_id = issue_id(closed);
    let mut notes = Vec::new();
    let list = show::list(content.get("issues"), "/content/issues", &mut notes);
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut found = false;
    for issue in &list {
        let is_closed = closed_id.is_some() && issue_id(*issue) == closed_id;
        found |= is_closed;
        let mark = if is_closed {
            Value::text("yes").with_tone(Tone::Strong)
        } else {
            Value::text("no")
        };
        let mark = show::built_from(mark, ids(*issue).into_iter().chain(ids(closed)));
        rows.push(issue_row(*issue, mark));
    }
    if !found && closed.kind() == Some(Kind::Object) {
        let mark = Value::text("yes, not in issues").with_tone(Tone::Bad);
        let mark = show::built_from(mark, ids(closed));
        rows.push(issue_row(closed, mark));
    }
    Section::table(super::section::ISSUES, ISSUE_COLUMNS, rows).with_notes(notes)
}

/// Where an issue's id may be.
fn ids<'d, 'a>(issue: Val<'d, 'a>) -> [Val<'d, 'a>; 2] {
    [issue.get("id"), issue.get("_id")]
}

fn issue_id(issue: Val<'_, '_>) -> Option<String> {
    show::first_text(issue, &["id", "_id"]).map(|t| t.into_owned())
}

fn issue_row(issue: Val<'_, '_>, closed: Value) -> Vec<Value> {
    if issue.kind() != Some(Kind::Object) {
        let mut row = vec![show::odd(issue).unwrap_or_default()];
        row.extend((1..ISSUE_COLUMNS.len() - 1).map(|_| Value::none()));
        row.push(closed);
        return row;
    }
    // An issue without a name is shown by its id.
    let name = show::scalar(issue.get("name"))
        .filter(|n| n.text.is_some())
        .or_else(|| {
            issue_id(issue).map(|id| show::built_from(muted(format!("id {id}")), ids(issue)))
        });
    vec![
        name.unwrap_or_default(),
        show::scalar(issue.get("key")).unwrap_or_default(),
        tag_chain(issue.get("tags")).unwrap_or_default(),
        notes(issue.get("notes")).unwrap_or_default(),
        show::count(issue.get("data")).unwrap_or_default(),
        closed,
    ]
}

/// Notes are HTML; shown as plain text.
fn notes(v: Val<'_, '_>) -> Option<Value> {
    match v.as_str() {
        Some(html) => Some(show::traced(
            Value::text(crate::html::to_text(html).into_owned()),
            v,
        )),
        None => show::scalar(v),
    }
}

/// Tags as `Aprovado › Confirmado`: each primary tag followed by its
/// sub-tags (by `subTags` or `parentTag`), each label in the tag's color;
/// `; ` between primary tags. A sub-tag whose primary is not in the list
/// follows `?`.
pub(super) fn tag_chain(tags: Val<'_, '_>) -> Option<Value> {
    match tags.kind()? {
        Kind::Array => {}
        Kind::Null => return Some(Value::none()),
        _ => return show::odd(tags),
    }
    let list: Vec<Val<'_, '_>> = tags.items().collect();
    if list.is_empty() {
        return Some(Value::none());
    }
    let mut placed = vec![false; list.len()];
    let mut index = SubTagIndex::new(&list);
    let mut spans = Vec::new();
    for (i, tag) in list.iter().enumerate() {
        if is_sub_tag(*tag) {
            continue;
        }
        placed[i] = true;
        separate(&mut spans, "; ");
        spans.push(label(*tag));
        for (n, j) in index.take_subs(*tag, &placed).into_iter().enumerate() {
            placed[j] = true;
            spans.push(plain(if n == 0 { SUB_TAG } else { ", " }));
            spans.push(label(list[j]));
        }
    }
    for (tag, _) in list.iter().zip(&placed).filter(|(_, placed)| !**placed) {
        separate(&mut spans, "; ");
        spans.push(plain("?"));
        spans.push(plain(SUB_TAG));
        spans.push(label(*tag));
    }
    let labels = list.iter().map(|tag| label_value(*tag));
    Some(show::built_from(Value::spans(spans), labels))
}

/// The payload value a tag's label is read from.
fn label_value<'d, 'a>(tag: Val<'d, 'a>) -> Val<'d, 'a> {
    ["label", "id", "_id"]
        .iter()
        .map(|k| tag.get(k))
        .find(|v| show::text_of(*v).is_some_and(|t| !t.is_empty()))
        .unwrap_or(tag)
}

fn separate(spans: &mut Vec<Span>, sep: &str) {
    if !spans.is_empty() {
        spans.push(plain(sep));
    }
}

fn plain(text: &str) -> Span {
    Span {
        text: text.to_string(),
        color: None,
    }
}

fn label(tag: Val<'_, '_>) -> Span {
    let text = show::first_text(tag, &["label", "id", "_id"]).map_or_else(
        || {
            tag.scalar_text()
                .map_or_else(|| "?".into(), |t| t.into_owned())
        },
        |t| t.into_owned(),
    );
    Span {
        text,
        color: tag.get("color").as_str().map(str::to_string),
    }
}

fn is_sub_tag(tag: Val<'_, '_>) -> bool {
    tag.get("type").as_str() == Some("sub-tag") || !tag.get("parentTag").is_nothing()
}

/// Which tags may hang under a primary tag: a tag with an id belongs to
/// a primary when its `parentTag` is the primary's id or when the
/// primary's `subTags` lists its id. Built once per list so that placing
/// the sub-tags costs O(1) per tag (issue 9 point 8: a scan of the list
/// per primary was quadratic).
#[derive(Debug, Default)]
struct SubTagIndex<'d> {
    /// Positions of the tags with an id, by their `parentTag`.
    by_parent: HashMap<Cow<'d, str>, Vec<usize>>,
    /// Positions of the tags with an id, by that id.
    by_id: HashMap<Cow<'d, str>, Vec<usize>>,
}

impl<'d> SubTagIndex<'d> {
    fn new(list: &[Val<'d, '_>]) -> Self {
        let mut index = SubTagIndex::default();
        for (j, tag) in list.iter().enumerate() {
            let Some(id) = show::first_text(*tag, &["id", "_id"]) else {
                continue;
            };
            if let Some(parent) = show::text_of(tag.get("parentTag")) {
                index.by_parent.entry(parent).or_default().push(j);
            }
            index.by_id.entry(id).or_default().push(j);
        }
        index
    }

    /// The positions, in list order, of the tags not yet placed that
    /// belong to `primary`. Every tag returned is placed by the caller, so
    /// the buckets read are emptied: each position is looked at once.
    fn take_subs(&mut self, primary: Val<'d, '_>, placed: &[bool]) -> Vec<usize> {
        let mut subs = Vec::new();
        if let Some(id) = show::first_text(primary, &["id", "_id"]) {
            subs.extend(self.by_parent.remove(&id).unwrap_or_default());
        }
        for listed in primary.get("subTags").items() {
            if let Some(id) = listed.as_str() {
                subs.extend(self.by_id.remove(id).unwrap_or_default());
            }
        }
        subs.retain(|&j| !placed[j]);
        subs.sort_unstable();
        subs.dedup();
        subs
    }
}

/// One row per data item of every issue (the closed issue's too when
/// `issues` lacks it) and of `customerData`. `data:` URIs are described,
/// not dumped.
pub(super) fn data(content: Val<'_, '_>) -> Section {
    let mut notes = Vec::new();
    // A `content.issues` that is not a list is noted in the issues section.
    let issues = show::list(content.get("issues"), "", &mut Vec::new());
    let closed = content.get("issue");
    let mut sources: Vec<(Val<'_, '_>, String)> = issues
        .iter()
        .enumerate()
        .map(|(i, issue)| (*issue, format!("/content/issues/{i}/data")))
        .collect();
    if !issues.iter().any(|i| issue_id(*i) == issue_id(closed)) {
        sources.push((closed, "/content/issue/data".into()));
    }
    let mut rows = Vec::new();
    for (issue, pointer) in sources {
        let name = ["name", "key", "id"]
            .iter()
            .map(|k| issue.get(k))
            .find(|v| show::text_of(*v).is_some_and(|t| !t.is_empty()))
            .map_or_else(Value::none, |v| {
                let text = show::text_of(v).unwrap_or_default().into_owned();
                show::traced(Value::text(text), v)
            });
        for item in show::list(issue.get("data"), &pointer, &mut notes) {
            rows.push(data_row(name.clone(), item));
        }
    }
    for (key, item) in content.get("customerData").members() {
        let mut row = data_row(muted("customer data"), item);
        if row[1].text.is_none() {
            row[1] = Value::text(key);
        }
        rows.push(row);
    }
    Section::table(super::section::DATA, DATA_COLUMNS, rows).with_notes(notes)
}

/// A data item's value, described when a `data:` URI, typed as written.
fn data_value(v: Val<'_, '_>) -> Value {
    show::data_value(v).map_or_else(Value::default, |value| show::traced(value, v))
}

fn data_row(issue: Value, item: Val<'_, '_>) -> Vec<Value> {
    if item.kind() != Some(Kind::Object) {
        let value = data_value(item);
        return vec![issue, Value::none(), value, Value::none(), Value::none()];
    }
    vec![
        issue,
        show::scalar(item.get("label")).unwrap_or_default(),
        data_value(item.get("value")),
        show::scalar(item.get("type")).unwrap_or_default(),
        show::yes_no(item.get("private"), "yes", "no").unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Extent, parse};

    fn chain(text: &str) -> (String, Vec<Option<String>>) {
        let doc = parse(text, Extent::Full).expect("json");
        let value = tag_chain(doc.root()).expect("value");
        let colors = value.spans.iter().map(|s| s.color.clone()).collect();
        (value.text.unwrap_or_default(), colors)
    }

    #[test]
    fn tags_chain_primary_then_sub_tags() {
        let tags = r##"[
            {"id":"p","label":"Aprovado","color":"#85cb3c","type":"primary","subTags":["s"]},
            {"id":"s","label":"Confirmado","color":"#137cd0","type":"sub-tag","parentTag":"p"}
        ]"##;
        let (text, colors) = chain(tags);
        assert_eq!(text, "Aprovado › Confirmado");
        assert_eq!(
            colors,
            [Some("#85cb3c".into()), None, Some("#137cd0".into())]
        );
        let orphan = r#"[{"id":"s","label":"Solta","type":"sub-tag","parentTag":"x"},{"id":"q","label":"Outro","type":"primary"}]"#;
        assert_eq!(chain(orphan).0, "Outro; ? › Solta");
    }

    /// The chain as it was built before the index: a scan of the list per
    /// primary tag. The reference the indexed chain must equal.
    fn chain_by_scan(tags: Val<'_, '_>) -> String {
        let list: Vec<Val<'_, '_>> = tags.items().collect();
        let belongs_to = |sub: Val<'_, '_>, primary: Val<'_, '_>| {
            let Some(id) = show::first_text(sub, &["id", "_id"]) else {
                return false;
            };
            let parent = show::text_of(sub.get("parentTag"));
            let primary_id = show::first_text(primary, &["id", "_id"]);
            (parent.is_some() && parent == primary_id)
                || primary
                    .get("subTags")
                    .items()
                    .any(|s| s.as_str() == Some(id.as_ref()))
        };
        let mut placed = vec![false; list.len()];
        let mut spans = Vec::new();
        for (i, tag) in list.iter().enumerate() {
            if is_sub_tag(*tag) {
                continue;
            }
            placed[i] = true;
            separate(&mut spans, "; ");
            spans.push(label(*tag));
            let subs: Vec<usize> = (0..list.len())
                .filter(|&j| !placed[j] && belongs_to(list[j], *tag))
                .collect();
            for (n, j) in subs.into_iter().enumerate() {
                placed[j] = true;
                spans.push(plain(if n == 0 { SUB_TAG } else { ", " }));
                spans.push(label(list[j]));
            }
        }
        for (tag, _) in list.iter().zip(&placed).filter(|(_, placed)| !**placed) {
            separate(&mut spans, "; ");
            spans.push(plain("?"));
            spans.push(plain(SUB_TAG));
            spans.push(label(*tag));
        }
        spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// A random tag from a few ids, so that ids repeat, parents dangle,
    /// `subTags` lists point at primaries, sub-tags and nothing, and some
    /// tags have no id or are not objects.
    fn random_tag(rng: &mut fastrand::Rng, n: usize) -> String {
        let id = |rng: &mut fastrand::Rng| format!("\"t{}\"", rng.usize(..4));
        let mut members = vec![format!("\"label\":\"L{n}\"")];
        match rng.u8(..8) {
            0 => return "\"bare\"".into(),
            1 => {}
            2 => members.push("\"_id\":\"u\"".into()),
            _ => members.push(format!("\"id\":{}", id(rng))),
        }
        if rng.bool() {
            members.push(format!(
                "\"type\":\"{}\"",
                ["primary", "sub-tag"][rng.usize(..2)]
            ));
        }
        match rng.u8(..4) {
            0 => members.push(format!("\"parentTag\":{}", id(rng))),
            1 => members.push("\"parentTag\":null".into()),
            _ => {}
        }
        if rng.bool() {
            let listed: Vec<String> = (0..rng.usize(..3)).map(|_| id(rng)).collect();
            members.push(format!("\"subTags\":[{}]", listed.join(",")));
        }
        format!("{{{}}}", members.join(","))
    }

    // issue 9 point 8: the indexed chain equals the scan it replaced.
    #[test]
    fn indexed_chain_equals_the_scan() {
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..3000 {
            let len = rng.usize(..9);
            let tags: Vec<String> = (0..len).map(|n| random_tag(&mut rng, n)).collect();
            let text = format!("[{}]", tags.join(","));
            let doc = parse(&text, Extent::Full).expect("json");
            let indexed = tag_chain(doc.root())
                .expect("value")
                .text
                .unwrap_or_default();
            assert_eq!(indexed, chain_by_scan(doc.root()), "{text}");
        }
    }
}
