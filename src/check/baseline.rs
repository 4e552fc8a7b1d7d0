//! The baseline: findings a team has accepted for now. Each is keyed by the
//! payload's identity (what its provider says identifies it: a talk's id
//! and tracking number, a hook's type and content id; else a hash of its
//! bytes), its code and its pointer, never by line numbers, so adding,
//! removing or reordering payloads in a capture keeps the match. The file
//! is JSON, sorted, one finding a line, so that it diffs well.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::{Finding, Report};

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub payload: String,
    pub code: String,
    pub path: String,
}

impl Entry {
    pub fn new(payload: &str, finding: &Finding) -> Self {
        Entry {
            payload: payload.to_string(),
            code: finding.code.as_str().to_string(),
            path: finding.pointer.clone(),
        }
    }
}

/// The file's shape.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    hookscope_baseline: u32,
    findings: Vec<Entry>,
}

const VERSION: u32 = 1;

/// The findings of a baseline file.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    entries: BTreeSet<Entry>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the baseline", path.display()))?;
        let file: File = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a hookscope baseline", path.display()))?;
        if file.hookscope_baseline != VERSION {
            bail!(
                "{}: baseline version {} (this hookscope reads version {VERSION})",
                path.display(),
                file.hookscope_baseline
            );
        }
        Ok(Baseline {
            entries: file.findings.into_iter().collect(),
        })
    }

    /// Drops the findings the baseline holds; returns how many.
    pub fn filter(&self, payload: &str, findings: &mut Vec<Finding>) -> usize {
        let before = findings.len();
        findings.retain(|f| !self.entries.contains(&Entry::new(payload, f)));
        before - findings.len()
    }
}

/// What identifies a checked payload: its provider's identity, else a
/// hash of its bytes (FNV-1a, stable across runs and machines).
pub fn identity(report: &Report, bytes: &[u8]) -> String {
    if let Some(identity) = &report.identity {
        return identity.clone();
    }
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("fnv1a={hash:016x}")
}

/// Writes the entries as a baseline file: sorted, one finding a line.
pub fn write(path: &Path, entries: &BTreeSet<Entry>) -> Result<()> {
    let mut text = format!("{{\n  \"hookscope_baseline\": {VERSION},\n  \"findings\": [");
    for (i, entry) in entries.iter().enumerate() {
        text.push_str(if i == 0 { "\n    " } else { ",\n    " });
        text.push_str(&serde_json::to_string(entry)?);
    }
    text.push_str(if entries.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    std::fs::write(path, text)
        .with_context(|| format!("{}: cannot write the baseline", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Code;
    use crate::schema::Severity;

    #[test]
    fn written_baselines_load_and_match_by_identity_code_and_pointer() {
        let finding = Finding {
            severity: Severity::Error,
            code: Code::BadDatetime,
            pointer: "/created_at".into(),
            message: "x".into(),
        };
        let entries: BTreeSet<Entry> = [Entry::new("id=1", &finding)].into();
        let path = std::env::temp_dir().join(format!("hookscope-bl-{}.json", std::process::id()));
        write(&path, &entries).expect("written");
        let baseline = Baseline::load(&path).expect("loads");
        let _ = std::fs::remove_file(&path);
        let mut same = vec![finding.clone()];
        assert_eq!(baseline.filter("id=1", &mut same), 1);
        assert!(same.is_empty());
        let mut other = vec![finding];
        assert_eq!(baseline.filter("id=2", &mut other), 0);
    }

    #[test]
    fn payloads_without_identity_are_known_by_their_bytes() {
        let report = Report::default();
        assert_eq!(identity(&report, b"{}"), identity(&report, b"{}"));
        assert_ne!(identity(&report, b"{}"), identity(&report, b"[]"));
    }
}
