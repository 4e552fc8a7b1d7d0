//! From payload values to summary values: scalars, datetimes, durations,
//! notes written in HTML, `data:` URIs, time order. Every helper returns
//! `None` when the payload lacks the value, `Value::none()` for null, and a
//! malformed value (the text as written) when it does not parse.

use std::borrow::Cow;
use std::num::NonZeroUsize;

use chrono::{DateTime, FixedOffset};

use super::{Raw, Tone, Value};
use crate::json::{Kind, Node, Number, Val};
use crate::values::{Decoded, human_duration, parse_data_uri};

/// A parsed datetime.
pub type Time = DateTime<FixedOffset>;

/// A datetime parser: RFC 3339 only, or RFC 3339 and local time.
pub type ParseTime<'p> = &'p dyn Fn(&str) -> Option<Time>;

/// Where the string at `v` starts in the payload text (a non-empty
/// string's address identifies it): what `check`'s findings are matched
/// by.
pub fn origin(v: Val<'_, '_>) -> Option<NonZeroUsize> {
    match v.node()? {
        Node::String(s) if !s.is_empty() => NonZeroUsize::new(s.as_ptr() as usize),
        _ => None,
    }
}

/// `value`, noted as showing the payload's value `v`: where it starts (to
/// match findings) and its typed form.
pub fn traced(value: Value, v: Val<'_, '_>) -> Value {
    let raw = match v.node() {
        Some(Node::String(s)) if value.text.as_deref() == Some(s) => Some(Raw::Text),
        // A container is shown as its compact JSON.
        Some(Node::Array { .. } | Node::Object { .. })
            if value
                .text
                .as_deref()
                .is_some_and(|t| t.starts_with(['[', '{'])) =>
        {
            Some(Raw::Json)
        }
        _ => typed(v),
    };
    Value {
        origin: origin(v),
        raw,
        ..value
    }
}

/// A payload scalar typed as written; `None` for a container or a missing
/// value.
pub fn typed(v: Val<'_, '_>) -> Option<Raw> {
    match v.node()? {
        Node::Null => Some(Raw::Null),
        Node::Bool(b) => Some(Raw::Bool(b)),
        Node::Number(n) => Some(Raw::Number(match n {
            // Integers' own `to_string`, not the formatting machinery.
            Number::Unsigned(u) => u.to_string().into(),
            Number::Signed(i) => i.to_string().into(),
            Number::Text(t) => t.into(),
        })),
        Node::String(s) => Some(Raw::String(s.into())),
        _ => None,
    }
}

/// `value`, noted as built from the payload's values `parts` (those
/// present and scalar, in order), unless it already shows one payload
/// scalar.
pub fn built_from<'d, 'a: 'd>(
    mut value: Value,
    parts: impl IntoIterator<Item = Val<'d, 'a>>,
) -> Value {
    if value.raw.is_some() {
        return value;
    }
    let mut ids = std::mem::take(&mut value.parts).into_vec();
    for part in parts {
        let scalar = !matches!(part.kind(), None | Some(Kind::Array | Kind::Object));
        ids.extend(part.id().filter(|_| scalar));
    }
    // The first of each id, in order; in linear time (a tag chain names
    // every tag of a list that may hold tens of thousands).
    if ids.len() <= 16 {
        let mut kept = 0;
        for i in 0..ids.len() {
            if !ids[..kept].contains(&ids[i]) {
                ids[kept] = ids[i];
                kept += 1;
            }
        }
        ids.truncate(kept);
    } else {
        let mut seen = std::collections::HashSet::with_capacity(ids.len());
        ids.retain(|id| seen.insert(*id));
    }
    value.parts = ids.into_boxed_slice();
    value
}

/// Any scalar as written; a container where a scalar belongs is shown as
/// compact JSON, marked.
pub fn scalar(v: Val<'_, '_>) -> Option<Value> {
    scalar_untraced(v).map(|value| traced(value, v))
}

fn scalar_untraced(v: Val<'_, '_>) -> Option<Value> {
    match v.kind()? {
        Kind::Null => Some(Value::none()),
        Kind::Array | Kind::Object => Some(Value::malformed(v.to_json())),
        _ => v.scalar_text().map(|t| Value::text(t.into_owned())),
    }
}

/// A value of the wrong JSON type, shown as written (a container as
/// compact JSON) and marked; nothing for null.
pub fn odd(v: Val<'_, '_>) -> Option<Value> {
    match v.kind()? {
        Kind::Null => Some(traced(Value::none(), v)),
        _ => Some(traced(
            Value::malformed(v.scalar_text().map_or_else(|| v.to_json(), Cow::into_owned)),
            v,
        )),
    }
}

/// Any value: scalars as written, containers as compact JSON (for fields
/// whose shape nobody documents).
pub fn any(v: Val<'_, '_>) -> Option<Value> {
    any_untraced(v).map(|value| traced(value, v))
}

fn any_untraced(v: Val<'_, '_>) -> Option<Value> {
    match v.kind()? {
        Kind::Null => Some(Value::none()),
        Kind::Array | Kind::Object => Some(Value::text(v.to_json())),
        _ => v.scalar_text().map(|t| Value::text(t.into_owned())),
    }
}

/// The text of a scalar, for building other values; `None` for null,
/// missing and containers.
pub fn text_of<'d>(v: Val<'d, '_>) -> Option<Cow<'d, str>> {
    v.scalar_text()
}

/// The first non-empty scalar text among `keys` of an object.
pub fn first_text<'d>(object: Val<'d, '_>, keys: &[&str]) -> Option<Cow<'d, str>> {
    keys.iter()
        .filter_map(|k| text_of(object.get(k)))
        .find(|t| !t.is_empty())
}

/// A datetime shown in `offset`; one that does not parse is kept as written.
pub fn datetime(v: Val<'_, '_>, parse: ParseTime<'_>, offset: FixedOffset) -> Option<Value> {
    match v.kind()? {
        Kind::Null => Some(traced(Value::none(), v)),
        Kind::String => {
            let s = v.as_str().unwrap_or_default();
            Some(traced(
                match parse(s) {
                    Some(t) => Value::text(format_time(t, offset)),
                    None => Value::malformed(s),
                },
                v,
            ))
        }
        _ => odd(v),
    }
}

/// The datetime at `v`, when it parses.
pub fn time_of(v: Val<'_, '_>, parse: ParseTime<'_>) -> Option<Time> {
    v.as_str().and_then(parse)
}

/// `2025-09-08 11:01:17 -03:00`, with milliseconds when there are some.
pub fn format_time(t: Time, offset: FixedOffset) -> String {
    let local = t.with_timezone(&offset);
    let fraction = if local.timestamp_subsec_millis() == 0 {
        ""
    } else {
        "%.3f"
    };
    local
        .format(&format!("%Y-%m-%d %H:%M:%S{fraction} %:z"))
        .to_string()
}

/// `11:01:17`, the time of day in `offset`, or `2025-09-09 08:00:00`
/// when the day is not the one of `reference`.
pub fn clock_near(t: Time, reference: Option<Time>, offset: FixedOffset) -> String {
    let local = t.with_timezone(&offset);
    let same_day =
        reference.is_some_and(|r| r.with_timezone(&offset).date_naive() == local.date_naive());
    let format = if same_day {
        "%H:%M:%S"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    local.format(format).to_string()
}

/// A whole number of seconds as `27s`, `1m 05s`.
pub fn seconds(v: Val<'_, '_>) -> Option<Value> {
    match v.as_i64() {
        Some(s) => Some(traced(Value::text(human_duration(s)), v)),
        None => odd(v),
    }
}

/// The time from `start` to `end` as `2s`, `3.8s` (tenths under a minute)
/// or `1m 05s`.
pub fn elapsed(start: Time, end: Time) -> String {
    let ms = (end - start).num_milliseconds();
    if ms.abs() < 60_000 {
        let tenths = (ms.abs() + 50) / 100;
        let sign = if ms < 0 { "-" } else { "" };
        match tenths % 10 {
            0 => format!("{sign}{}s", tenths / 10),
            d => format!("{sign}{}.{d}s", tenths / 10),
        }
    } else {
        human_duration((ms as f64 / 1000.0).round() as i64)
    }
}

/// An offset from a start time as `+00:05.5`, `-00:03.8`, `+1:02:03.4`.
pub fn offset_from(start: Time, t: Time) -> String {
    let ms = (t - start).num_milliseconds();
    let tenths = (ms.unsigned_abs() + 50) / 100;
    // No `-00:00.0`: the rows' order already says which came first.
    let sign = if ms < 0 && tenths > 0 { '-' } else { '+' };
    let (h, m, s, d) = (
        tenths / 36_000,
        tenths / 600 % 60,
        tenths / 10 % 60,
        tenths % 10,
    );
    if h > 0 {
        format!("{sign}{h}:{m:02}:{s:02}.{d}")
    } else {
        format!("{sign}{m:02}:{s:02}.{d}")
    }
}

/// A boolean as one of two words; anything else is shown marked.
pub fn yes_no(v: Val<'_, '_>, yes: &str, no: &str) -> Option<Value> {
    match v.kind()? {
        Kind::Null => Some(Value::none()),
        Kind::Bool if v.as_bool() == Some(true) => Some(traced(Value::text(yes), v)),
        Kind::Bool => Some(traced(Value::text(no), v)),
        _ => odd(v),
    }
}

/// An item count, for lists; anything but an array is shown marked.
pub fn count(v: Val<'_, '_>) -> Option<Value> {
    match v.kind()? {
        Kind::Null => Some(Value::none()),
        Kind::Array => Some(Value {
            raw: Some(Raw::Number(v.len().to_string().into())),
            ..Value::text(v.len().to_string())
        }),
        _ => odd(v),
    }
}

/// `name (detail)`, or whichever of the two there is.
pub fn with_detail(name: Option<&str>, detail: Option<&str>) -> Option<String> {
    let name = name.filter(|s| !s.is_empty());
    let detail = detail.filter(|s| !s.is_empty());
    match (name, detail) {
        (Some(n), Some(d)) if n != d => Some(format!("{n} ({d})")),
        (Some(n), _) => Some(n.to_string()),
        (None, Some(d)) => Some(d.to_string()),
        (None, None) => None,
    }
}

/// A value that may be a `data:` URI: such a URI is never dumped, but
/// described by its media type and decoded size (`image/png, 89 B`).
pub fn data_value(v: Val<'_, '_>) -> Option<Value> {
    let Some(s) = v.as_str() else {
        return any(v);
    };
    Some(match parse_data_uri(s) {
        None => Value::text(s),
        Some(Ok(uri)) => match uri.decode() {
            Decoded::Ok(n) | Decoded::Unpadded(n) => {
                Value::text(format!("{}, {}", uri.media_type, byte_size(n)))
            }
            Decoded::Invalid => {
                Value::malformed(format!("{}, base64 that does not decode", uri.media_type))
            }
        },
        Some(Err(_)) => Value::malformed(crate::text::shorten(s, 60).into_owned()),
    })
}

/// `89 B`, `12.3 KiB`, `4.0 MiB`.
pub fn byte_size(n: usize) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut size = n as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    format!("{size:.1} {}", UNITS[unit])
}

/// Orders items by time, oldest first (a stable sort). Items whose time is
/// unknown or does not parse keep their place, so that nothing moves on a
/// guess.
pub fn in_time_order<T>(items: Vec<T>, time: impl Fn(&T) -> Option<Time>) -> Vec<T> {
    let times: Vec<Option<Time>> = items.iter().map(&time).collect();
    let mut timed: Vec<usize> = (0..items.len()).filter(|&i| times[i].is_some()).collect();
    let slots = timed.clone();
    timed.sort_by_key(|&i| times[i]);
    let mut order: Vec<usize> = (0..items.len()).collect();
    for (slot, from) in slots.into_iter().zip(timed) {
        order[slot] = from;
    }
    let mut items: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| items[i].take()).collect()
}

/// The elements of the list at `pointer`: none when it is absent or null.
/// Anything else is not a list; rather than dropped, it is described in a
/// note added to `notes`, as written.
pub fn list<'d, 'a>(v: Val<'d, 'a>, pointer: &str, notes: &mut Vec<String>) -> Vec<Val<'d, 'a>> {
    match v.kind() {
        None | Some(Kind::Null | Kind::Array) => v.items().collect(),
        Some(kind) => {
            let shown = crate::text::shorten(&v.to_json(), 80).into_owned();
            notes.push(format!(
                "{pointer} is {}, not a list (malformed): {shown}",
                kind.article_name()
            ));
            Vec::new()
        }
    }
}

/// A muted value.
pub fn muted(text: impl Into<String>) -> Value {
    Value::text(text).with_tone(Tone::Muted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Extent, parse};
    use crate::values::{parse_offset, parse_rfc3339};

    fn utc(s: &str) -> Time {
        parse_rfc3339(s).expect("valid")
    }

    #[test]
    fn data_uris_are_described_not_dumped() {
        let seed = r#""data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAQMAAAD+wSzIAAAABlBMVEX///+/v7+jQ3Y5AAAADklEQVQI12P4AIX8EAgALgAD/aNpbtEAAAAASUVORK5CYII""#;
        let doc = parse(seed, Extent::Full).expect("json");
        assert_eq!(data_value(doc.root()), Some(Value::text("image/png, 89 B")));
        let doc = parse(r#""data:text/plain,hello""#, Extent::Full).expect("json");
        assert_eq!(data_value(doc.root()), Some(Value::text("text/plain, 5 B")));
        let doc = parse(r#""data:image/png;base64,@@@@""#, Extent::Full).expect("json");
        let bad = data_value(doc.root()).expect("value");
        assert!(bad.malformed, "{bad:?}");
        let doc = parse(r#""uuid aleatório""#, Extent::Full).expect("json");
        assert_eq!(data_value(doc.root()), Some(Value::text("uuid aleatório")));
        assert_eq!(byte_size(89), "89 B");
        assert_eq!(byte_size(1536), "1.5 KiB");
        assert_eq!(byte_size(3 * 1024 * 1024), "3.0 MiB");
    }

    #[test]
    fn time_order_is_oldest_first_and_keeps_unparsed_in_place() {
        let items = vec![
            ("c", Some("2025-04-23T15:41:35.725Z")),
            ("x", None),
            ("b", Some("2025-04-23T15:41:35.266Z")),
            ("a", Some("2025-04-23T15:41:08.523Z")),
            ("b2", Some("2025-04-23T15:41:35.266Z")),
        ];
        let sorted = in_time_order(items, |(_, t)| t.and_then(parse_rfc3339));
        let names: Vec<&str> = sorted.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["a", "x", "b", "b2", "c"]);
    }

    #[test]
    fn offsets_and_durations() {
        let start = utc("2025-04-23T15:41:08.510Z");
        assert_eq!(
            offset_from(start, utc("2025-04-23T15:41:14.039Z")),
            "+00:05.5"
        );
        assert_eq!(
            offset_from(start, utc("2025-04-23T15:41:04.680Z")),
            "-00:03.8"
        );
        assert_eq!(
            offset_from(start, utc("2025-04-23T16:43:11.910Z")),
            "+1:02:03.4"
        );
        assert_eq!(
            offset_from(start, utc("2025-04-23T15:41:08.481Z")),
            "+00:00.0"
        );
        let enqueued = utc("2025-04-23T15:41:04.680Z");
        assert_eq!(elapsed(enqueued, utc("2025-04-23T15:41:08.481Z")), "3.8s");
        assert_eq!(elapsed(enqueued, utc("2025-04-23T15:42:09.680Z")), "1m 05s");
        let brt = parse_offset("-03:00").expect("offset");
        assert_eq!(format_time(start, brt), "2025-04-23 12:41:08.510 -03:00");
        assert_eq!(
            format_time(utc("2025-09-08T14:01:17.000000Z"), brt),
            "2025-09-08 11:01:17 -03:00"
        );
    }

    #[test]
    fn parts_are_the_scalars_read_each_once_in_order() {
        let doc = parse(r#"{"a":1,"b":"x","c":[1],"d":null}"#, Extent::Full).expect("json");
        let root = doc.root();
        let (a, b, c, d) = (root.get("a"), root.get("b"), root.get("c"), root.get("d"));
        let ids = |v: Val<'_, '_>| v.id().expect("present");
        let value = built_from(Value::text("x (1)"), [b, a, b, c, root.get("none"), d]);
        assert_eq!(&*value.parts, [ids(b), ids(a), ids(d)]);
        let many: Vec<Val<'_, '_>> = (0..40).map(|i| [a, b][i % 2]).collect();
        assert_eq!(&*built_from(Value::text("y"), many).parts, [ids(a), ids(b)]);
        // A value that shows one payload scalar keeps its `raw` alone.
        let one = built_from(scalar(a).expect("a"), [b]);
        assert!(one.parts.is_empty() && one.raw.is_some());
    }

    #[test]
    fn malformed_values_are_kept_as_written() {
        let doc = parse(
            r#"{"t":"2025-09-08 11: 01: 18","n":"27","b":"yes","o":{"a":1}}"#,
            Extent::Full,
        )
        .expect("json");
        let root = doc.root();
        let parse = |s: &str| parse_rfc3339(s);
        let offset = parse_offset("Z").expect("offset");
        let untraced = |v: Option<Value>| {
            v.map(|v| Value {
                origin: None,
                raw: None,
                ..v
            })
        };
        assert_eq!(
            untraced(datetime(root.get("t"), &parse, offset)),
            Some(Value::malformed("2025-09-08 11: 01: 18"))
        );
        assert_eq!(
            untraced(seconds(root.get("n"))),
            Some(Value::malformed("27"))
        );
        assert_eq!(
            untraced(yes_no(root.get("b"), "y", "n")),
            Some(Value::malformed("yes"))
        );
        assert_eq!(
            untraced(scalar(root.get("o"))),
            Some(Value::malformed(r#"{"a":1}"#))
        );
        assert_eq!(scalar(root.get("missing")), None);
    }
}
