//! Cross-field rules ([`Rule`]): agreement between fields, date order,
//! durations, references, and the provider's own rules through its hook.

use chrono::{DateTime, FixedOffset};

use super::{CheckOptions, Code, Finding};
use crate::json::{Kind, Pointer, Val};
use crate::provider::RuleHook;
use crate::schema::{Path, Rule, Severity};
use crate::text::{quote, shown};
use crate::values;

/// Evaluates every rule; rules skip values that are missing or malformed
/// (the field walk reports those).
pub fn apply(
    root: Val<'_, '_>,
    rules: &[Rule],
    hook: RuleHook,
    options: &CheckOptions,
    out: &mut Vec<Finding>,
) {
    for rule in rules {
        match *rule {
            Rule::Equal {
                path,
                target,
                severity,
            } => equal(root, path, target, severity, out),
            Rule::NotBefore { earlier, later } => not_before(root, earlier, later, options, out),
            Rule::Duration {
                duration,
                start,
                end,
            } => duration_matches(root, duration, start, end, options, out),
            Rule::Contains { path, needle } => contains(root, path, needle, out),
            Rule::MemberOf { path, list } => member_of(root, path, list, out),
            Rule::Custom { name, path, .. } => {
                for (pointer, value) in resolve(root, path) {
                    hook(name, &pointer, value, out);
                }
            }
        }
    }
}

/// The values at `path` (`*` stands for every element), with their pointers.
pub fn resolve<'d, 'a>(root: Val<'d, 'a>, path: Path) -> Vec<(Pointer, Val<'d, 'a>)> {
    let mut found = vec![(Pointer::root(), root)];
    for segment in path {
        let mut next = Vec::with_capacity(found.len());
        for (pointer, value) in found {
            if *segment == "*" {
                for (i, item) in value.items().enumerate() {
                    let mut p = pointer.clone();
                    p.push_index(i);
                    next.push((p, item));
                }
            } else {
                let child = value.get(segment);
                if !child.is_missing() {
                    let mut p = pointer;
                    p.push_key(segment);
                    next.push((p, child));
                }
            }
        }
        found = next;
    }
    found
}

fn pointer_of(path: Path) -> String {
    let mut p = Pointer::root();
    for segment in path {
        p.push_key(segment);
    }
    p.to_string()
}

fn finding(severity: Severity, code: Code, pointer: &Pointer, message: String) -> Finding {
    Finding {
        severity,
        code,
        pointer: pointer.to_string(),
        message,
    }
}

fn equal(root: Val<'_, '_>, path: Path, target: Path, severity: Severity, out: &mut Vec<Finding>) {
    let Some(expected) = root.path(target).scalar_text() else {
        return;
    };
    for (pointer, value) in resolve(root, path) {
        if let Some(actual) = value.scalar_text()
            && actual != expected
        {
            let message = format!(
                "{} does not match {} ({})",
                quote(&actual),
                pointer_of(target),
                quote(&expected)
            );
            out.push(finding(severity, Code::Mismatch, &pointer, message));
        }
    }
}

fn datetime(value: Val<'_, '_>, options: &CheckOptions) -> Option<DateTime<FixedOffset>> {
    values::parse_datetime(value.as_str()?, options.timezone)
}

fn not_before(
    root: Val<'_, '_>,
    earlier: Path,
    later: Path,
    options: &CheckOptions,
    out: &mut Vec<Finding>,
) {
    let (start, end) = (root.path(earlier), root.path(later));
    let (Some(a), Some(b)) = (datetime(start, options), datetime(end, options)) else {
        return;
    };
    if b < a {
        let message = format!(
            "{} is before {} ({})",
            shown(end.as_str().unwrap_or_default()),
            pointer_of(earlier),
            shown(start.as_str().unwrap_or_default())
        );
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::Order,
            pointer: pointer_of(later),
            message,
        });
    }
}

fn duration_matches(
    root: Val<'_, '_>,
    duration: Path,
    start: Path,
    end: Path,
    options: &CheckOptions,
    out: &mut Vec<Finding>,
) {
    let Some(seconds) = root.path(duration).as_i64() else {
        return;
    };
    let (Some(a), Some(b)) = (
        datetime(root.path(start), options),
        datetime(root.path(end), options),
    ) else {
        return;
    };
    let millis = (b - a).num_milliseconds();
    let actual = (millis as f64 / 1000.0).round() as i64;
    if (seconds - actual).abs() > 1 {
        let message = format!(
            "{seconds} s, but {} to {} is {actual} s ({} ms)",
            start.last().unwrap_or(&""),
            end.last().unwrap_or(&""),
            millis
        );
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::DurationMismatch,
            pointer: pointer_of(duration),
            message,
        });
    }
}

fn contains(root: Val<'_, '_>, path: Path, needle: Path, out: &mut Vec<Finding>) {
    let (Some(haystack), Some(token)) = (root.path(path).as_str(), root.path(needle).as_str())
    else {
        return;
    };
    if !token.is_empty() && !haystack.contains(token) {
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::Mismatch,
            pointer: pointer_of(path),
            message: format!(
                "{} does not contain {} ({})",
                quote(haystack),
                pointer_of(needle),
                quote(token)
            ),
        });
    }
}

fn member_of(root: Val<'_, '_>, path: Path, list: Path, out: &mut Vec<Finding>) {
    let Some(id) = root.path(path).get("id").scalar_text() else {
        return;
    };
    let items = root.path(list);
    if items.kind() != Some(Kind::Array) {
        return;
    }
    let listed = items
        .items()
        .any(|item| item.get("id").scalar_text().as_deref() == Some(&*id));
    if !listed {
        out.push(Finding {
            severity: Severity::Error,
            code: Code::DanglingRef,
            pointer: pointer_of(path),
            message: format!("id {} is not one of {}", quote(&id), pointer_of(list)),
        });
    }
}
