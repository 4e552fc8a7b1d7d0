//! `hookscope detect`: one line per payload with its provider and kind.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{Problem, diagnose, load};
use crate::Status;
use crate::cli::{DetectArgs, DetectFormat};
use crate::input::Payload;
use crate::json::Extent;
use crate::pipeline::{self, Output, Process, Tally};
use crate::settings::Settings;
use crate::text::Escaped;

/// One line of `--format json`.
#[derive(Debug, Serialize)]
struct Row<'a> {
    source: String,
    provider: Option<&'a str>,
    kind: Option<String>,
    hook_type: Option<&'a str>,
    complete: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorRow<'a>>,
}

#[derive(Debug, Serialize)]
struct ErrorRow<'a> {
    code: &'static str,
    message: &'a str,
}

pub fn run(args: &DetectArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let process = processor(args, settings);
    let outcome = pipeline::run(&args.inputs.inputs, settings, out, &process)?;
    Ok(Status::of(&outcome))
}

/// The per-payload work of `hookscope detect` (also what the fuzz targets
/// drive).
pub fn processor(args: &DetectArgs, settings: &Settings) -> impl Process + use<> {
    let format = args.format;
    let (registry, provider) = (settings.registry, settings.provider);
    move |payload: &Payload<'_>, out: &mut Output, tally: &mut Tally| {
        let result = load(
            payload,
            Extent::Detect(registry.detect_keys()),
            &registry,
            provider,
        )
        .map(|(_, d)| d);
        if let Err(problem) = &result {
            tally.bad += 1;
            diagnose(out, payload, problem);
        }
        let source = &payload.source;
        // Text is TSV: every field is escaped (the source by its Display),
        // so a tab or newline in a file name or hookType cannot forge a row.
        let line = match (&result, format) {
            (Ok(d), DetectFormat::Text) => {
                format!("{source}\t{}\t{}\n", d.provider, Escaped(d.label()))
            }
            (Err(p), DetectFormat::Text) => format!("{source}\tunknown\t{}\n", p.code.as_str()),
            (_, DetectFormat::Json) => json_line(source.label(), &result),
        };
        out.data.extend_from_slice(line.as_bytes());
    }
}

fn json_line(source: String, result: &Result<crate::detect::Detection, Problem>) -> String {
    let row = match result {
        Ok(d) => Row {
            source,
            provider: Some(d.provider.name),
            kind: Some(d.label().to_string()),
            hook_type: d.hook_type(),
            complete: d.complete(),
            error: None,
        },
        Err(p) => Row {
            source,
            provider: None,
            kind: None,
            hook_type: None,
            complete: None,
            error: Some(ErrorRow {
                code: p.code.as_str(),
                message: &p.message,
            }),
        },
    };
    let mut line = serde_json::to_string(&row).unwrap_or_default();
    line.push('\n');
    line
}
