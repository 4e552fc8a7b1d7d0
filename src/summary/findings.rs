//! `check`'s findings in a summary: listed first, errors before warnings,
//! and noted on the values that show what they point at.

use std::collections::HashMap;

use super::{Body, Summary, Value, show};
use crate::check::Finding;
use crate::json::{Kind, Val};
use crate::schema::Severity;

/// `summary` with `findings` (as `check` reports them for the payload
/// `root`), errors first, each value showing a string a finding points at
/// marked with its worst severity.
pub fn with_findings(
    mut summary: Summary,
    root: Val<'_, '_>,
    mut findings: Vec<Finding>,
) -> Summary {
    findings.sort_by_key(|f| f.severity != Severity::Error);
    let mut worst: HashMap<std::num::NonZeroUsize, Severity> = HashMap::new();
    for finding in &findings {
        let Some(origin) = show::origin(resolve(root, &finding.pointer)) else {
            continue;
        };
        let severity = worst.entry(origin).or_insert(finding.severity);
        if finding.severity == Severity::Error {
            *severity = Severity::Error;
        }
    }
    if !worst.is_empty() {
        for value in values(&mut summary) {
            value.finding = value.origin.and_then(|o| worst.get(&o).copied());
        }
    }
    summary.findings = findings;
    summary
}

/// Every value of every section.
fn values(summary: &mut Summary) -> impl Iterator<Item = &mut Value> {
    summary
        .sections
        .iter_mut()
        .flat_map(|s| -> Box<dyn Iterator<Item = &mut Value>> {
            match &mut s.body {
                Body::Fields(fields) => Box::new(fields.iter_mut().map(|f| &mut f.value)),
                Body::Table(table) => Box::new(table.rows.iter_mut().flatten()),
            }
        })
}

/// The value at an RFC 6901 pointer.
fn resolve<'d, 'a>(root: Val<'d, 'a>, pointer: &str) -> Val<'d, 'a> {
    let mut at = root;
    for token in pointer.split('/').skip(1) {
        let key = token.replace("~1", "/").replace("~0", "~");
        at = match (at.kind(), key.parse::<usize>()) {
            (Some(Kind::Array), Ok(index)) => at.index(index),
            _ => at.get(&key),
        };
    }
    at
}
