//! `hookscope csv`: the rows of one entity, for every payload, as CSV, TSV
//! or JSON Lines. Each payload's rows are written by that payload's call,
//! so output streams in input order whatever the number of jobs.

use std::io::Write;

use anyhow::{Result, bail};

use super::{Problem, diagnose, load};
use crate::check::{CheckOptions, check_payload};
use crate::cli::{CsvArgs, CsvFormat, CsvTimes};
use crate::input::Payload;
use crate::json::Extent;
use crate::pipeline::{self, Output, Process, Tally};
use crate::provider::{Entity, Provider, Registry};
use crate::render::rows::{self as render, RowFormat};
use crate::rows::{self, RowOptions, Rows, Table, Times, write_findings, write_rows};
use crate::settings::Settings;
use crate::{Status, diagnostics};

pub fn run(args: &CsvArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    if args.list {
        list(&settings.registry, settings.width, out)?;
        return Ok(Status::Ok);
    }
    let (table, format, process) = processor(args, settings)?;
    if args.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    if !args.no_header {
        let mut header = Vec::new();
        format.header(table, &mut header)?;
        out.write_all(&header)?;
    }
    let outcome = pipeline::run(&args.inputs.inputs, settings, out, &process)?;
    let entity = args
        .rows
        .as_deref()
        .and_then(|n| settings.registry.entity(n));
    if let Some(note) = entity.and_then(|e| other_provider_note(e, &outcome.tally)) {
        out.flush()?;
        diagnostics::line(&note);
    }
    Ok(Status::of(&outcome))
}

/// Why there are no rows when every payload read that could be recognised
/// is of another provider than the entity's; `None` otherwise.
fn other_provider_note(entity: &Entity, tally: &Tally) -> Option<String> {
    let provider = entity.provider?;
    let recognised = tally.payloads - tally.bad;
    if tally.other_provider == 0 || tally.other_provider < recognised {
        return None;
    }
    let payloads = match recognised {
        1 => "the payload read is not".to_string(),
        n => format!("none of the {n} payloads read is"),
    };
    Some(format!(
        "hookscope: note: no rows: `{}` rows come from {} payloads, and {payloads} one",
        entity.table.name, provider.title
    ))
}

/// The per-payload work of `hookscope csv --rows ENTITY` (also what the
/// fuzz targets drive), with the entity and its output format.
pub fn processor(
    args: &CsvArgs,
    settings: &Settings,
) -> Result<(&'static Table, RowFormat, impl Process + use<>)> {
    let registry = settings.registry;
    let Some(entity) = args.rows.as_deref().and_then(|name| registry.entity(name)) else {
        bail!("--rows ENTITY or --list is needed")
    };
    let table = entity.table;
    let format = row_format(args, table)?;
    let options = CheckOptions {
        registry,
        provider: settings.provider,
        strict: false,
        timezone: args.timezone.offset,
    };
    let job = Job {
        entity,
        extent: parse_extent(entity),
        format: format.clone(),
        registry,
        provider: settings.provider,
        options: RowOptions {
            timezone: args.timezone.offset,
            times: match args.times {
                CsvTimes::Utc => Times::Utc,
                CsvTimes::Local => Times::Offset(args.timezone.offset),
                CsvTimes::Raw => Times::Raw,
            },
            datetimes: datetime_columns(entity),
        },
    };
    let process = move |payload: &Payload<'_>, out: &mut Output, tally: &mut Tally| {
        if let Rows::Findings = table.rows {
            findings(table, &job.format, &options, payload, out, tally)
        } else {
            entity_rows(&job, payload, out, tally)
        }
    };
    Ok((table, format, process))
}

/// Which of the entity's columns hold datetimes, for the run.
fn datetime_columns(entity: &Entity) -> &'static [bool] {
    match entity.provider {
        Some(provider) => rows::datetime_columns(entity.table, provider.root).leak(),
        None => &[],
    }
}

/// How much of a payload the entity's rows need, derived from its columns
/// and its provider's description: the full parse when a column reads a
/// free-form value; else only what the columns read where they are plain
/// paths; else the provider's typed fields (the other providers' payloads
/// are still recognised, not built).
fn parse_extent(entity: &Entity) -> Extent {
    let Some(provider) = entity.provider else {
        return Extent::Full;
    };
    if rows::needs_full_parse(entity.table, provider.root) {
        return Extent::Full;
    }
    match rows::projection(entity.table) {
        // Once per command: the parse holds it for the run.
        Some(projection) => Extent::Project(Box::leak(Box::new(projection))),
        None => Extent::Lean(std::slice::from_ref(provider.root)),
    }
}

/// The format the options ask for; a delimiter only applies to CSV and TSV.
fn row_format(args: &CsvArgs, table: &Table) -> Result<RowFormat> {
    let delimiter = |default| args.delimiter.unwrap_or(default);
    Ok(match args.format {
        CsvFormat::Csv => RowFormat::delimited(delimiter(b','), args.formula_guard),
        CsvFormat::Tsv => RowFormat::tsv(delimiter(b'\t'), args.formula_guard),
        CsvFormat::Jsonl if args.delimiter.is_some() => {
            bail!("--delimiter applies to --format csv and tsv, not jsonl")
        }
        CsvFormat::Jsonl if args.bom => {
            bail!("--bom applies to --format csv and tsv, not jsonl")
        }
        CsvFormat::Jsonl => RowFormat::json_lines(table, args.formula_guard),
    })
}

/// What writing an entity's rows needs, resolved once per run.
#[derive(Debug, Clone)]
struct Job {
    entity: &'static Entity,
    extent: Extent,
    format: RowFormat,
    registry: Registry,
    /// The provider `--provider` forces, if any.
    provider: Option<&'static Provider>,
    options: RowOptions,
}

/// The rows of an entity of the payloads (none for other providers');
/// a payload that cannot be parsed or recognised makes the exit status 1.
fn entity_rows(job: &Job, payload: &Payload<'_>, out: &mut Output, tally: &mut Tally) {
    let Job {
        entity, options, ..
    } = *job;
    match load(payload, job.extent, &job.registry, job.provider) {
        Ok((_, detection)) if !entity.applies_to(detection.provider) => {
            tally.other_provider += 1;
        }
        Ok((doc, detection)) => {
            let source = payload.source.label();
            let mut writer = job.format.writer(&mut out.data);
            let root = doc.root();
            write_rows(
                entity.table,
                &source,
                root,
                &detection,
                options,
                &mut writer,
            );
            let written = writer.finish();
            report_write(written, out, payload);
        }
        Err(problem) => {
            tally.bad += 1;
            diagnose(out, payload, &problem);
        }
    }
}

/// The rows of the `findings` entity: a payload that cannot be parsed or
/// recognised gives its one finding, and makes the exit status 1.
fn findings(
    table: &Table,
    format: &RowFormat,
    options: &CheckOptions,
    payload: &Payload<'_>,
    out: &mut Output,
    tally: &mut Tally,
) {
    let report = check_payload(payload, options);
    let source = payload.source.label();
    if report.detection.is_none() {
        tally.bad += 1;
        if let Some(finding) = report.findings.first() {
            let problem = Problem {
                code: finding.code,
                message: finding.message.clone(),
                fault: report.fault,
            };
            diagnose(out, payload, &problem);
        }
    }
    let mut writer = format.writer(&mut out.data);
    write_findings(table, &source, &report, &mut writer);
    let written = writer.finish();
    report_write(written, out, payload);
}

/// Rows go to a Vec, so this reports nothing unless the CSV writer itself
/// refuses a record.
fn report_write(written: Result<()>, out: &mut Output, payload: &Payload<'_>) {
    if let Err(err) = written {
        let _ = writeln!(out.diagnostics, "hookscope: {}: {err:#}", payload.source);
    }
}

/// `--list`: each entity, what it is, its columns.
fn list(registry: &Registry, width: usize, out: &mut dyn Write) -> Result<()> {
    let entries: Vec<(&Table, String)> = registry
        .entities()
        .iter()
        .map(|entity| (entity.table, entity.about.to_string()))
        .collect();
    render::list(&entries, width, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use proptest::prelude::*;
    use serde_json::json;

    /// Text rich in what breaks naive CSV: quotes, delimiters, CR/LF, tabs,
    /// NUL and ESC, formula starts, multi-byte characters.
    fn nasty_text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '"', ',', ';', '\r', '\n', '\t', '\0', '\u{1b}', '=', '+', '-', '@', ' ', '\'',
            '\u{feff}', '\u{202e}', 'é', '😀',
        ]);
        prop::collection::vec(prop_oneof![special, any::<char>()], 0..24)
            .prop_map(|chars| chars.into_iter().collect())
    }

    /// Runs the `messages` rows of a talk holding `messages` through the
    /// command's own path, header included.
    fn message_rows(messages: &[String], format: &RowFormat) -> Output {
        let histories: Vec<_> = messages
            .iter()
            .enumerate()
            .map(|(i, m)| json!({"id": i, "type": "in", "message": m}))
            .collect();
        let talk = json!({
            "id": 114603, "customer_id": 1, "channel_id": 1, "priority_id": 2,
            "tracking_number": "20250908114603", "was_success": false,
            "talk_histories": histories,
        });
        let text = serde_json::to_string(&talk).expect("serializes");
        let payload = Payload::from_bytes("prop.json", text.as_bytes());
        let registry = Registry::builtin();
        let entity = registry.entity("messages").expect("entity");
        let mut out = Output::default();
        let mut tally = Tally::default();
        format.header(entity.table, &mut out.data).expect("header");
        let job = Job {
            entity,
            extent: parse_extent(entity),
            format: format.clone(),
            registry,
            provider: None,
            options: RowOptions {
                timezone: FixedOffset::west_opt(3 * 3600).expect("offset"),
                times: Times::Utc,
                datetimes: datetime_columns(entity),
            },
        };
        entity_rows(&job, &payload, &mut out, &mut tally);
        assert_eq!(
            tally.bad,
            0,
            "{}",
            String::from_utf8_lossy(&out.diagnostics)
        );
        out
    }

    fn messages_table() -> &'static Table {
        Registry::builtin()
            .entity("messages")
            .expect("entity")
            .table
    }

    fn read_messages(data: &[u8], delimiter: u8) -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(data);
        let column = reader
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == "message")
            .expect("message column");
        reader
            .records()
            .map(|r| r.expect("record")[column].to_string())
            .collect()
    }

    fn guarded(text: &str) -> String {
        match text.as_bytes().first() {
            Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{text}"),
            _ => text.to_string(),
        }
    }

    proptest! {
        #[test]
        fn messages_round_trip_through_a_csv_reader(
            messages in prop::collection::vec(nasty_text(), 1..6),
            delimiter in prop::sample::select(vec![b',', b'\t', b';', b'|']),
        ) {
            let out = message_rows(&messages, &RowFormat::delimited(delimiter, false));
            prop_assert_eq!(read_messages(&out.data, delimiter), messages);
        }

        #[test]
        fn formula_guard_only_prefixes(messages in prop::collection::vec(nasty_text(), 1..6)) {
            let out = message_rows(&messages, &RowFormat::delimited(b',', true));
            let expected: Vec<String> = messages.iter().map(|m| guarded(m)).collect();
            prop_assert_eq!(read_messages(&out.data, b','), expected);
        }

        #[test]
        fn messages_round_trip_through_json_lines(
            messages in prop::collection::vec(nasty_text(), 1..6),
        ) {
            let table = messages_table();
            let out = message_rows(&messages, &RowFormat::json_lines(table, false));
            let text = std::str::from_utf8(&out.data).expect("utf-8");
            let got: Vec<String> = text
                .lines()
                .map(|line| {
                    let row: serde_json::Value = serde_json::from_str(line).expect("json");
                    row["message"].as_str().expect("string").to_string()
                })
                .collect();
            prop_assert_eq!(got, messages);
        }
    }

    #[test]
    fn jsonl_keys_follow_the_header_and_keep_types() {
        let table = messages_table();
        let out = message_rows(&["hi".to_string()], &RowFormat::json_lines(table, false));
        let line = std::str::from_utf8(&out.data).expect("utf-8");
        let positions: Vec<usize> = table
            .header()
            .map(|name| line.find(&format!("\"{name}\":")).expect("key present"))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{line}");
        let row: serde_json::Value = serde_json::from_str(line).expect("one object");
        assert_eq!(row.as_object().expect("object").len(), positions.len());
        assert_eq!(row["talk_id"], json!(114603));
        assert_eq!(row["message_id"], json!(0));
        assert_eq!(row["from"], serde_json::Value::Null);
    }
}
