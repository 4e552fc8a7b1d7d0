//! Renderers of check reports: text, JSON lines, GitHub Actions workflow
//! commands and JUnit XML.

use std::io::Write;

use anyhow::Result;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;

use super::snippet::{Fault, snippet};
use super::style::{Role, paint};
use crate::check::{Code, Finding, Report};
use crate::input::Source;
use crate::pipeline::Tally;
use crate::schema::Severity;
use crate::text::{Escaped, escape_control};

/// `SOURCE: error[code] /path: message` lines, one per finding; a syntax
/// error is followed by its source line (from `payload`, the payload's
/// bytes) with a caret under the fault.
pub fn text(
    source: &Source<'_>,
    payload: &[u8],
    report: &Report,
    color: bool,
    out: &mut Vec<u8>,
) -> Result<()> {
    for (i, f) in report.findings.iter().enumerate() {
        match report.place(i) {
            Some((line, column)) => write!(out, "{}:{line}:{column}: ", Escaped(source.input))?,
            None => write!(out, "{source}: ")?,
        }
        let label = (f.severity.as_str(), f.code.as_str());
        if color {
            let role = match f.severity {
                Severity::Error => Role::Error,
                Severity::Warning => Role::Warning,
            };
            out.extend_from_slice(
                paint(&format!("{}[{}]", label.0, label.1), role, true).as_bytes(),
            );
        } else {
            write!(out, "{}[{}]", label.0, label.1)?;
        }
        if !f.pointer.is_empty() {
            write!(out, " {}", escape_control(&f.pointer))?;
        }
        writeln!(out, ": {}", escape_control(&f.message))?;
        if f.code == Code::JsonSyntax
            && let Some((line, column)) = report.fault
        {
            let fault = Fault {
                first_line: source.line,
                first_column: source.column,
                line,
                column,
            };
            if let Some(drawn) = snippet(payload, fault, color) {
                out.extend_from_slice(drawn.as_bytes());
            }
        }
    }
    Ok(())
}

/// `N payloads: V valid, I invalid (E errors, W warnings)`, and with a
/// baseline `; B findings matched the baseline`.
///
/// `counts` are the findings per code, most frequent first; they follow
/// the counts as `: 6 bad-datetime, 1 numeric-string`.
pub fn text_totals(
    tally: &Tally,
    counts: &[(&str, u64)],
    baseline: bool,
    color: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let invalid = tally.bad;
    let valid = tally.payloads - invalid;
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let line = format!(
        "{}: {valid} valid, {invalid} invalid ({}, {})",
        plural(tally.payloads, "payload", "payloads"),
        plural(tally.errors, "error", "errors"),
        plural(tally.warnings, "warning", "warnings"),
    );
    let line = if counts.is_empty() {
        line
    } else {
        let by_code: Vec<String> = counts
            .iter()
            .map(|(code, n)| format!("{n} {code}"))
            .collect();
        format!("{line}: {}", by_code.join(", "))
    };
    let line = match tally.unreadable {
        0 => line,
        n => format!("{line}; {} could not be read", plural(n, "input", "inputs")),
    };
    let line = if baseline {
        let matched = plural(tally.baselined, "finding", "findings");
        format!("{line}; {matched} matched the baseline")
    } else {
        line
    };
    let role = if invalid > 0 { Role::Error } else { Role::Good };
    writeln!(out, "{}", paint(&line, role, color))?;
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    source: String,
    provider: Option<&'static str>,
    kind: Option<&'a str>,
    valid: bool,
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding<'a>>,
}

/// A finding with its line and column in the input (when known).
#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u64>,
}

fn json_findings(report: &Report) -> Vec<JsonFinding<'_>> {
    report
        .findings
        .iter()
        .enumerate()
        .map(|(i, finding)| {
            let place = report.place(i);
            JsonFinding {
                finding,
                line: place.map(|p| p.0),
                column: place.map(|p| p.1),
            }
        })
        .collect()
}

/// One JSON object per payload.
pub fn json(source: &Source<'_>, report: &Report, valid: bool, out: &mut Vec<u8>) -> Result<()> {
    let row = JsonReport {
        source: source.label(),
        provider: report.detection.as_ref().map(|d| d.provider.name),
        kind: report.detection.as_ref().map(|d| d.label()),
        valid,
        errors: report.errors(),
        warnings: report.warnings(),
        findings: json_findings(report),
    };
    serde_json::to_writer(&mut *out, &row)?;
    out.push(b'\n');
    Ok(())
}

/// An input that cannot be read, as a payload entry with its one finding.
pub fn json_unreadable(input: &str, finding: &Finding, out: &mut Vec<u8>) -> Result<()> {
    let row = JsonReport {
        source: input.to_string(),
        provider: None,
        kind: None,
        valid: false,
        errors: 1,
        warnings: 0,
        findings: vec![JsonFinding {
            finding,
            line: None,
            column: None,
        }],
    };
    serde_json::to_writer(&mut *out, &row)?;
    out.push(b'\n');
    Ok(())
}

/// An input that cannot be read: `::error file=F,title=unreadable-input::MSG`.
pub fn github_unreadable(input: &str, finding: &Finding, out: &mut Vec<u8>) -> Result<()> {
    writeln!(
        out,
        "::error file={},title={}::{}",
        github_property(input),
        github_property(finding.code.as_str()),
        github_data(&finding.message)
    )?;
    Ok(())
}

/// An input that cannot be read: a `<testcase>` holding an `<error>`.
pub fn junit_unreadable(input: &str, finding: &Finding, out: &mut Vec<u8>) -> Result<()> {
    let mut case_xml = Vec::new();
    let mut w = Writer::new_with_indent(&mut case_xml, b' ', 2);
    let name = xml_safe(input);
    let mut case = BytesStart::new("testcase");
    case.push_attribute(("name", name.as_str()));
    case.push_attribute(("classname", "unreadable"));
    w.write_event(Event::Start(case))?;
    let message = xml_safe(&finding.message);
    let mut error = BytesStart::new("error");
    error.push_attribute(("message", message.as_str()));
    error.push_attribute(("type", finding.code.as_str()));
    w.write_event(Event::Start(error))?;
    w.write_event(Event::Text(BytesText::new(&message)))?;
    w.write_event(Event::End(BytesEnd::new("error")))?;
    w.write_event(Event::End(BytesEnd::new("testcase")))?;
    indent_case(&case_xml, out);
    Ok(())
}

/// GitHub Actions workflow commands: `::error file=F,line=L,title=CODE::MSG`.
pub fn github(source: &Source<'_>, report: &Report, out: &mut Vec<u8>) -> Result<()> {
    for (i, f) in report.findings.iter().enumerate() {
        let message = if f.pointer.is_empty() {
            f.message.clone()
        } else {
            format!("{}: {}", f.pointer, f.message)
        };
        let (line, column) = report.place(i).unwrap_or((source.line, source.column));
        writeln!(
            out,
            "::{} file={},line={line},col={column},title={}::{}",
            f.severity.as_str(),
            github_property(source.input),
            github_property(f.code.as_str()),
            github_data(&message)
        )?;
    }
    Ok(())
}

fn github_data(s: &str) -> String {
    escape_control(
        &s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
    .into_owned()
}

fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A JUnit `<testcase>` for one payload.
pub fn junit_case(
    source: &Source<'_>,
    report: &Report,
    valid: bool,
    out: &mut Vec<u8>,
) -> Result<()> {
    let mut case_xml = Vec::new();
    let mut w = Writer::new_with_indent(&mut case_xml, b' ', 2);
    let name = xml_safe(&source.label());
    let class = match &report.detection {
        Some(d) => format!("{}.{}", d.provider, d.label()),
        None => "unrecognised".into(),
    };
    let class = xml_safe(&class);
    let mut case = BytesStart::new("testcase");
    case.push_attribute(("name", name.as_str()));
    case.push_attribute(("classname", class.as_str()));
    if valid && report.findings.is_empty() {
        w.write_event(Event::Empty(case))?;
    } else {
        w.write_event(Event::Start(case))?;
        junit_findings(&mut w, report, valid)?;
        w.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    indent_case(&case_xml, out);
    Ok(())
}

/// A test case inside `<testsuite>`: its tag lines indented four more
/// spaces (lines of text inside an element, which never start with `<`,
/// are left as they are, so the text does not change).
fn indent_case(case_xml: &[u8], out: &mut Vec<u8>) {
    for line in case_xml.split(|b| *b == b'\n') {
        if line.iter().find(|b| **b != b' ') == Some(&b'<') {
            out.extend_from_slice(b"    ");
        }
        out.extend_from_slice(line);
        out.push(b'\n');
    }
}

fn junit_findings<W: Write>(w: &mut Writer<W>, report: &Report, valid: bool) -> Result<()> {
    let body: String = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let at = if f.pointer.is_empty() {
                String::new()
            } else {
                format!(" {}", f.pointer)
            };
            let place = report
                .place(i)
                .map_or(String::new(), |(line, column)| format!("{line}:{column}: "));
            format!(
                "{place}{}[{}]{at}: {}\n",
                f.severity.as_str(),
                f.code.as_str(),
                f.message
            )
        })
        .collect();
    let body = xml_safe(body.trim_end_matches('\n'));
    let tag = if valid { "system-out" } else { "failure" };
    let mut start = BytesStart::new(tag);
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let summary = format!(
        "{}, {}",
        count(report.errors(), "error", "errors"),
        count(report.warnings(), "warning", "warnings")
    );
    if !valid {
        start.push_attribute(("message", summary.as_str()));
        let first = report
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .or(report.findings.first())
            .map_or("", |f| f.code.as_str());
        start.push_attribute(("type", first));
    }
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Text(BytesText::new(&body)))?;
    w.write_event(Event::End(BytesEnd::new(tag)))?;
    Ok(())
}

/// The JUnit document around the test cases.
pub fn junit_document(tally: &Tally, cases: &[u8], out: &mut dyn Write) -> Result<()> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let tests = (tally.payloads + tally.unreadable).to_string();
    let failures = tally.bad.to_string();
    let errors = tally.unreadable.to_string();
    let mut suites = BytesStart::new("testsuites");
    suites.push_attribute(("name", "hookscope"));
    suites.push_attribute(("tests", tests.as_str()));
    suites.push_attribute(("failures", failures.as_str()));
    suites.push_attribute(("errors", errors.as_str()));
    w.write_event(Event::Start(suites))?;
    let mut suite = BytesStart::new("testsuite");
    suite.push_attribute(("name", "hookscope check"));
    suite.push_attribute(("tests", tests.as_str()));
    suite.push_attribute(("failures", failures.as_str()));
    suite.push_attribute(("errors", errors.as_str()));
    w.write_event(Event::Start(suite))?;
    let head = w.into_inner();
    out.write_all(&head)?;
    out.write_all(b"\n")?;
    out.write_all(cases)?;
    out.write_all(b"  </testsuite>\n</testsuites>\n")?;
    Ok(())
}

/// Characters XML 1.0 cannot carry (most C0 controls) as visible `\u001b`.
fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c.to_string(),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                format!("\\u{:04x}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}
