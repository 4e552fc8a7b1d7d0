//! Renderers of live hooks: `listen`'s line (or JSON object) per hook and
//! its totals, `replay`'s row per payload and its totals.

use std::time::Duration;

use anyhow::Result;
use chrono::SecondsFormat;
use serde::Serialize;

use super::style::{Role, paint};
use crate::check::{Finding, Report};
use crate::live::{Checked, Forwarded, Hook, Outcome, Totals};
use crate::text::escape_control;

/// One line per payload of the hook (one line for a refused request):
/// `TIME  STATUS  PROVIDER  KIND  ok|N findings: first`, and the
/// forwarding's answer as `-> STATUS LATENCY`.
pub fn hook_text(hook: &Hook, color: bool, out: &mut Vec<u8>) -> Result<()> {
    use std::io::Write;
    let time = hook.received.to_rfc3339_opts(SecondsFormat::Millis, true);
    let status = paint(&hook.status.to_string(), status_role(hook.status), color);
    let forwarded = hook
        .forwarded
        .as_ref()
        .map(forward_text)
        .unwrap_or_default();
    match &hook.outcome {
        Outcome::Refused(reason) => writeln!(
            out,
            "{time}  {status}  {} {}  refused: {}",
            escape_control(&hook.method),
            escape_control(&hook.target),
            escape_control(reason)
        )?,
        Outcome::Checked(checked) => {
            for one in checked {
                let (provider, kind) = detection(&one.report);
                let verdict = verdict_text(one, color);
                writeln!(
                    out,
                    "{time}  {status}  {provider}  {}  {verdict}{forwarded}",
                    escape_control(kind)
                )?;
            }
        }
    }
    Ok(())
}

fn status_role(status: u16) -> Role {
    match status {
        200..=299 => Role::Good,
        400..=499 => Role::Warning,
        _ => Role::Error,
    }
}

fn detection(report: &Report) -> (&'static str, &str) {
    match &report.detection {
        Some(d) => (d.provider.name, d.label()),
        None => ("-", "-"),
    }
}

/// `ok`, or `N findings: severity[code] /pointer: message` (the first).
fn verdict_text(checked: &Checked, color: bool) -> String {
    let findings = &checked.report.findings;
    let Some(first) = findings.first() else {
        return paint("ok", Role::Good, color);
    };
    let count = match findings.len() {
        1 => "1 finding".to_string(),
        n => format!("{n} findings"),
    };
    let role = if checked.valid {
        Role::Warning
    } else {
        Role::Error
    };
    format!("{}: {}", paint(&count, role, color), finding_text(first))
}

fn finding_text(f: &Finding) -> String {
    let pointer = match f.pointer.is_empty() {
        true => String::new(),
        false => format!(" {}", escape_control(&f.pointer)),
    };
    format!(
        "{}[{}]{pointer}: {}",
        f.severity.as_str(),
        f.code.as_str(),
        escape_control(&f.message)
    )
}

fn forward_text(forwarded: &Forwarded) -> String {
    match forwarded {
        Forwarded::Answered { status, latency } => {
            format!("  -> {status} {}", millis(*latency))
        }
        Forwarded::Failed(reason) => format!("  -> failed: {}", escape_control(reason)),
    }
}

/// `3.2 ms`.
pub fn millis(latency: Duration) -> String {
    format!("{:.1} ms", latency.as_secs_f64() * 1000.0)
}

#[derive(Serialize)]
struct JsonHook<'a> {
    seq: u64,
    received: String,
    remote: String,
    method: &'a str,
    target: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    refused: Option<&'a str>,
    payloads: Vec<JsonPayload<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    forwarded: Option<JsonForward<'a>>,
}

#[derive(Serialize)]
struct JsonPayload<'a> {
    provider: Option<&'static str>,
    kind: Option<&'a str>,
    valid: bool,
    errors: usize,
    warnings: usize,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct JsonForward<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// One JSON object per hook.
pub fn hook_json(hook: &Hook, out: &mut Vec<u8>) -> Result<()> {
    let (refused, payloads) = match &hook.outcome {
        Outcome::Refused(reason) => (Some(reason.as_str()), Vec::new()),
        Outcome::Checked(checked) => (None, checked.iter().map(json_payload).collect()),
    };
    let row = JsonHook {
        seq: hook.seq,
        received: hook.received.to_rfc3339_opts(SecondsFormat::Millis, true),
        remote: hook.remote.to_string(),
        method: &hook.method,
        target: &hook.target,
        status: hook.status,
        refused,
        payloads,
        forwarded: hook.forwarded.as_ref().map(json_forward),
    };
    serde_json::to_writer(&mut *out, &row)?;
    out.push(b'\n');
    Ok(())
}

fn json_payload(checked: &Checked) -> JsonPayload<'_> {
    let report = &checked.report;
    JsonPayload {
        provider: report.detection.as_ref().map(|d| d.provider.name),
        kind: report.detection.as_ref().map(|d| d.label()),
        valid: checked.valid,
        errors: report.errors(),
        warnings: report.warnings(),
        findings: &report.findings,
    }
}

fn json_forward(forwarded: &Forwarded) -> JsonForward<'_> {
    match forwarded {
        Forwarded::Answered { status, latency } => JsonForward {
            status: Some(*status),
            ms: Some(latency.as_secs_f64() * 1000.0),
            error: None,
        },
        Forwarded::Failed(reason) => JsonForward {
            status: None,
            ms: None,
            error: Some(reason),
        },
    }
}

/// `listen`'s closing line: requests by status, payloads, saved, forwarded.
pub fn listen_totals(totals: &Totals, capture: Option<&str>) -> String {
    let by_status: Vec<String> = totals
        .by_status
        .iter()
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    let mut line = format!(
        "hookscope: {} ({}); {} checked, {} invalid",
        plural(totals.requests, "request", "requests"),
        if by_status.is_empty() {
            "none".to_string()
        } else {
            by_status.join(", ")
        },
        plural(totals.payloads, "payload", "payloads"),
        totals.invalid,
    );
    if let Some(capture) = capture {
        line.push_str(&format!(
            "; {} saved to {}",
            totals.saved,
            escape_control(capture)
        ));
    }
    if totals.forwarded_ok + totals.forward_failed > 0 {
        line.push_str(&format!(
            "; forwarded {} 2xx, {} not",
            totals.forwarded_ok, totals.forward_failed
        ));
    }
    line
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What became of one replayed payload.
#[derive(Debug, Clone)]
pub enum Sent {
    Answered {
        status: u16,
        latency: Duration,
    },
    /// The request failed (no connection, no answer in time).
    Failed(String),
    /// The payload could not be read from the input, so it was not sent.
    Unreadable(String),
}

/// `SOURCE<TAB>STATUS<TAB>LATENCY` (or `error`/`unreadable` and why),
/// then `<TAB>N payloads` for a request that carried a line of several.
pub fn replay_text(
    source: &str,
    payloads: usize,
    sent: &Sent,
    color: bool,
    out: &mut Vec<u8>,
) -> Result<()> {
    use std::io::Write;
    let source = escape_control(source);
    let mut row = Vec::new();
    match sent {
        Sent::Answered { status, latency } => {
            let status = paint(&status.to_string(), status_role(*status), color);
            write!(row, "{source}\t{status}\t{}", millis(*latency))?
        }
        Sent::Failed(reason) => {
            let word = paint("error", Role::Error, color);
            write!(row, "{source}\t{word}\t{}", escape_control(reason))?
        }
        Sent::Unreadable(reason) => {
            let word = paint("unreadable", Role::Error, color);
            write!(row, "{source}\t{word}\t{}", escape_control(reason))?
        }
    }
    if payloads > 1 {
        write!(row, "\t{payloads} payloads")?;
    }
    row.push(b'\n');
    out.extend_from_slice(&row);
    Ok(())
}

#[derive(Serialize)]
struct JsonSent<'a> {
    source: &'a str,
    /// Payloads the request carried: present when more than one (an
    /// NDJSON line of several values, or an array).
    #[serde(skip_serializing_if = "Option::is_none")]
    payloads: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// One JSON object per payload: source, status and ms, or error.
pub fn replay_json(source: &str, payloads: usize, sent: &Sent, out: &mut Vec<u8>) -> Result<()> {
    let payloads = (payloads > 1).then_some(payloads);
    let row = match sent {
        Sent::Answered { status, latency } => JsonSent {
            source,
            payloads,
            status: Some(*status),
            ms: Some(latency.as_secs_f64() * 1000.0),
            error: None,
        },
        Sent::Failed(reason) | Sent::Unreadable(reason) => JsonSent {
            source,
            payloads,
            status: None,
            ms: None,
            error: Some(reason),
        },
    };
    serde_json::to_writer(&mut *out, &row)?;
    out.push(b'\n');
    Ok(())
}

/// `replay`'s closing line.
pub fn replay_totals(sent: u64, ok: u64, not_ok: u64, failed: u64, unreadable: u64) -> String {
    let mut line = format!(
        "hookscope: replayed {}: {ok} answered 2xx, {not_ok} answered otherwise, {failed} failed",
        plural(sent, "request", "requests")
    );
    if unreadable > 0 {
        line.push_str(&format!("; {unreadable} could not be read"));
    }
    line
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::check::Code;
    use crate::detect::{Detection, Kind};
    use crate::provider::Registry;
    use crate::schema::Severity;

    fn hook(status: u16, outcome: Outcome, forwarded: Option<Forwarded>) -> Hook {
        Hook {
            seq: 7,
            received: chrono::DateTime::from_timestamp(1_764_633_600, 123_000_000).expect("a time"),
            remote: "127.0.0.1:5000".parse().expect("an address"),
            method: "POST".into(),
            target: "/hooks\x1b[2J?a=1".into(),
            status,
            outcome,
            forwarded,
        }
    }

    fn checked(findings: Vec<Finding>, valid: bool) -> Checked {
        let provider = Registry::builtin().providers()[0];
        let report = Report {
            detection: Some(Detection {
                provider,
                kind: Kind::named("talk"),
            }),
            findings,
            ..Report::default()
        };
        Checked { report, valid }
    }

    fn finding() -> Finding {
        Finding {
            severity: Severity::Error,
            code: Code::MissingField,
            pointer: "/id".into(),
            message: "missing\nid".into(),
        }
    }

    fn text(hook: &Hook) -> String {
        let mut out = Vec::new();
        hook_text(hook, false, &mut out).expect("renders");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn a_hook_is_one_line_per_payload_with_its_first_finding_and_forward() {
        let name = Registry::builtin().providers()[0].name;
        let ok = hook(200, Outcome::Checked(vec![checked(Vec::new(), true)]), None);
        assert_eq!(
            text(&ok),
            format!("2025-12-02T00:00:00.123Z  200  {name}  talk  ok\n")
        );
        let forwarded = Forwarded::Answered {
            status: 503,
            latency: Duration::from_micros(2500),
        };
        let bad = checked(vec![finding(), finding()], false);
        let bad = hook(200, Outcome::Checked(vec![bad]), Some(forwarded));
        assert_eq!(
            text(&bad),
            format!(
                "2025-12-02T00:00:00.123Z  200  {name}  talk  2 findings: error[missing-field] /id: missing\\nid  -> 503 2.5 ms\n"
            )
        );
    }

    #[test]
    fn a_refused_request_shows_its_escaped_target_and_why() {
        let refused = hook(401, Outcome::Refused("missing or wrong key".into()), None);
        assert_eq!(
            text(&refused),
            "2025-12-02T00:00:00.123Z  401  POST /hooks\\e[2J?a=1  refused: missing or wrong key\n"
        );
        let mut out = Vec::new();
        hook_json(&refused, &mut out).expect("renders");
        let row: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(row["status"], 401);
        assert_eq!(row["refused"], "missing or wrong key");
        assert_eq!(row["payloads"], serde_json::json!([]));
    }

    #[test]
    fn totals_count_by_status() {
        let totals = Totals {
            requests: 3,
            by_status: BTreeMap::from([(200, 2), (401, 1)]),
            payloads: 2,
            invalid: 1,
            saved: 2,
            forwarded_ok: 1,
            forward_failed: 1,
        };
        assert_eq!(
            listen_totals(&totals, Some("hooks.ndjson")),
            "hookscope: 3 requests (2 200, 1 401); 2 payloads checked, 1 invalid; 2 saved to hooks.ndjson; forwarded 1 2xx, 1 not"
        );
        assert_eq!(
            listen_totals(&Totals::default(), None),
            "hookscope: 0 requests (none); 0 payloads checked, 0 invalid"
        );
    }

    #[test]
    fn replay_rows_are_tab_separated() {
        let mut out = Vec::new();
        let sent = Sent::Answered {
            status: 200,
            latency: Duration::from_millis(3),
        };
        replay_text("a.ndjson:2", 1, &sent, false, &mut out).expect("renders");
        replay_text("a\tb:1", 1, &Sent::Failed("no".into()), false, &mut out).expect("renders");
        replay_text("a.ndjson:3", 3, &sent, false, &mut out).expect("renders");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "a.ndjson:2\t200\t3.0 ms\na\\tb:1\terror\tno\na.ndjson:3\t200\t3.0 ms\t3 payloads\n"
        );
    }

    #[test]
    fn replay_json_names_the_payloads_of_a_line() {
        let sent = Sent::Answered {
            status: 200,
            latency: Duration::from_millis(3),
        };
        let mut out = Vec::new();
        replay_json("a.ndjson:3", 3, &sent, &mut out).expect("renders");
        replay_json("a.ndjson:4", 1, &sent, &mut out).expect("renders");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "{\"source\":\"a.ndjson:3\",\"payloads\":3,\"status\":200,\"ms\":3.0}\n{\"source\":\"a.ndjson:4\",\"status\":200,\"ms\":3.0}\n"
        );
    }
}
