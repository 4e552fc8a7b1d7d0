//! The check policy: which finding codes a team ignores, demotes to
//! warnings or promotes to errors, optionally only at some pointers
//! (`numeric-string:/initial_sender_channel`, `bad-email:/customer/*/email`,
//! `*` one segment, `**` any number). Rules come from `hookscope.toml` and
//! then from `--allow`, `--warn` and `--deny`. Of the rules that match a
//! finding, one with a pointer pattern beats one without, and among equals
//! the later one decides.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::{CODES, Code, Finding};
use crate::schema::Severity;

/// What a rule does to the findings it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Drop them.
    Allow,
    /// Report them as warnings.
    Warn,
    /// Report them as errors.
    Deny,
}

/// One rule: a code, and where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRule {
    pub action: Action,
    pub code: Code,
    /// Pointer segments; `None` matches every pointer.
    pattern: Option<Vec<String>>,
}

/// Rules in the order they were given (see [`Policy::apply`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    rules: Vec<PolicyRule>,
}

/// Codes only `--strict` looks for, unless a rule asks for them.
const STRICT_ONLY: &[Code] = &[Code::UnknownField, Code::DuplicateKey];

/// The file a team keeps in its repository.
pub const CONFIG_FILE: &str = "hookscope.toml";

/// `hookscope.toml`: only a `[check]` table with three lists.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    check: CheckConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckConfig {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    warn: Vec<String>,
    #[serde(default)]
    deny: Vec<String>,
}

impl Policy {
    /// Adds the rules of `specs` (`CODE` or `CODE:/pointer/pattern`).
    pub fn add(&mut self, action: Action, specs: &[String]) -> Result<(), String> {
        for spec in specs {
            self.rules.push(PolicyRule::parse(action, spec)?);
        }
        Ok(())
    }

    /// Adds the rules of a `hookscope.toml`.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let config: Config = toml::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}: {}(valid keys: [check] allow, warn, deny)",
                path.display(),
                e
            )
        })?;
        let lists = [
            (Action::Allow, &config.check.allow),
            (Action::Warn, &config.check.warn),
            (Action::Deny, &config.check.deny),
        ];
        for (action, specs) in lists {
            if let Err(e) = self.add(action, specs) {
                bail!("{}: {e}", path.display());
            }
        }
        Ok(())
    }

    /// Whether some rule makes `code` a warning or an error: the walk must
    /// then look for it (unknown fields, duplicate keys) even without
    /// `--strict`.
    pub fn reports(&self, code: Code) -> bool {
        self.rules
            .iter()
            .any(|r| r.code == code && r.action != Action::Allow)
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether the walk looks for what only `--strict` reports (unknown
    /// fields, duplicate keys): with `--strict`, or when a rule asks for it.
    pub fn walks_strict(&self, strict: bool) -> bool {
        strict || STRICT_ONLY.iter().any(|code| self.reports(*code))
    }

    /// Settles a payload's findings: without `--strict`, the strict-only
    /// codes no rule asked for go; then the rules drop, demote and promote.
    pub fn settle(&self, findings: &mut Vec<Finding>, strict: bool) {
        if !strict && self.walks_strict(strict) {
            findings.retain(|f| !STRICT_ONLY.contains(&f.code) || self.reports(f.code));
        }
        self.apply(findings);
    }

    /// Drops, demotes and promotes findings by the rules.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if self.rules.is_empty() {
            return;
        }
        findings.retain_mut(|finding| {
            // A rule with a pointer pattern beats one without (one quirk
            // accepted where it is, the code kept everywhere else); among
            // equals, the later rule wins.
            let rule = self
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.matches(finding))
                .max_by_key(|(i, r)| (r.pattern.is_some(), *i))
                .map(|(_, r)| r);
            match rule.map(|r| r.action) {
                None => true,
                Some(Action::Allow) => false,
                Some(Action::Warn) => {
                    finding.severity = Severity::Warning;
                    true
                }
                Some(Action::Deny) => {
                    finding.severity = Severity::Error;
                    true
                }
            }
        });
    }
}

impl PolicyRule {
    fn parse(action: Action, spec: &str) -> Result<Self, String> {
        let (name, pattern) = match spec.split_once(':') {
            Some((name, pattern)) => (name, Some(pattern)),
            None => (spec, None),
        };
        let code = code_named(name).ok_or_else(|| {
            let valid: Vec<&str> = CODES.iter().map(|d| d.code.as_str()).collect();
            format!(
                "unknown finding code `{name}` (valid codes: {})",
                valid.join(", ")
            )
        })?;
        let pattern = match pattern {
            None => None,
            Some(p) if p.starts_with('/') => Some(p[1..].split('/').map(String::from).collect()),
            Some(p) => {
                return Err(format!(
                    "`{p}` is not a pointer pattern: it starts with `/` (e.g. {name}:/customer/*/email)"
                ));
            }
        };
        Ok(PolicyRule {
            action,
            code,
            pattern,
        })
    }

    fn matches(&self, finding: &Finding) -> bool {
        if finding.code != self.code {
            return false;
        }
        let Some(pattern) = &self.pattern else {
            return true;
        };
        let pointer: Vec<&str> = match finding.pointer.as_str() {
            "" => Vec::new(),
            p => p[1..].split('/').collect(),
        };
        let pattern: Vec<&str> = pattern.iter().map(String::as_str).collect();
        glob(&pattern, &pointer)
    }
}

/// The code spelled `name`.
pub fn code_named(name: &str) -> Option<Code> {
    CODES.iter().map(|d| d.code).find(|c| c.as_str() == name)
}

/// Whether pointer segments match pattern segments: `*` is one segment,
/// `**` any number of them (none included).
fn glob(pattern: &[&str], pointer: &[&str]) -> bool {
    match pattern.split_first() {
        None => pointer.is_empty(),
        Some((&"**", rest)) => (0..=pointer.len()).any(|i| glob(rest, &pointer[i..])),
        Some((segment, rest)) => match pointer.split_first() {
            Some((first, tail)) => (*segment == "*" || segment == first) && glob(rest, tail),
            None => false,
        },
    }
}

/// The config file that applies in `dir`: `hookscope.toml` there or in
/// the nearest parent, not above the repository root (the folder holding
/// `.git`).
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    for folder in dir.ancestors() {
        let candidate = folder.join(CONFIG_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        if folder.join(".git").exists() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: Code, pointer: &str, severity: Severity) -> Finding {
        Finding {
            severity,
            code,
            pointer: pointer.into(),
            message: String::new(),
        }
    }

    #[test]
    fn patterns_match_segments() {
        assert!(glob(
            &["customer", "*", "email"],
            &["customer", "0", "email"]
        ));
        assert!(!glob(&["customer", "*", "email"], &["customer", "email"]));
        assert!(glob(
            &["**", "email"],
            &["customer", "emails", "3", "email"]
        ));
        assert!(glob(&["**"], &[]));
        assert!(!glob(&["a"], &["a", "b"]));
    }

    #[test]
    fn a_pattern_beats_a_bare_code() {
        let mut policy = Policy::default();
        policy
            .add(Action::Allow, &["bad-datetime:/talk_histories/**".into()])
            .expect("valid");
        policy
            .add(Action::Deny, &["bad-datetime".into()])
            .expect("valid");
        let mut findings = vec![
            finding(
                Code::BadDatetime,
                "/talk_histories/2/sent_at",
                Severity::Error,
            ),
            finding(Code::BadDatetime, "/created_at", Severity::Error),
        ];
        policy.apply(&mut findings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].pointer, "/created_at");
    }

    #[test]
    fn the_last_matching_rule_decides() {
        let mut policy = Policy::default();
        policy
            .add(Action::Allow, &["numeric-string".into()])
            .expect("valid");
        policy
            .add(Action::Deny, &["numeric-string:/a/**".into()])
            .expect("valid");
        let mut findings = vec![
            finding(
                Code::NumericString,
                "/initial_sender_channel",
                Severity::Warning,
            ),
            finding(Code::NumericString, "/a/b/c", Severity::Warning),
            finding(Code::BadUrl, "/x", Severity::Warning),
        ];
        policy.apply(&mut findings);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[1].code, Code::BadUrl);
    }

    #[test]
    fn unknown_codes_list_the_valid_ones() {
        let err = Policy::default()
            .add(Action::Warn, &["nope".into()])
            .expect_err("unknown");
        assert!(
            err.contains("unknown finding code `nope` (valid codes: json-syntax, "),
            "{err}"
        );
        let err = Policy::default()
            .add(Action::Warn, &["bad-url:customer".into()])
            .expect_err("no slash");
        assert!(err.contains("starts with `/`"), "{err}");
    }

    /// README's example file is a valid policy.
    #[test]
    fn the_readme_example_parses() {
        let readme = include_str!("../../README.md");
        let start = readme.find("```toml\n").expect("README has a toml example") + 8;
        let end = start + readme[start..].find("```").expect("closed");
        let text: String = readme[start..end]
            .lines()
            .map(|l| l.trim_start().to_string() + "\n")
            .collect();
        let path =
            std::env::temp_dir().join(format!("hookscope-policy-{}.toml", std::process::id()));
        std::fs::write(&path, text).expect("written");
        let mut policy = Policy::default();
        let added = policy.add_file(&path);
        let _ = std::fs::remove_file(&path);
        added.expect("README's example is valid");
        assert!(policy.reports(Code::UnknownField));
    }
}
