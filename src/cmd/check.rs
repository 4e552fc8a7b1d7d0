//! `hookscope check`: validate every payload and report the findings.

use std::io::Write;

use anyhow::Result;

use crate::Status;
use crate::check::{CheckOptions, check_payload};
use crate::cli::{CheckArgs, CheckFormat};
use crate::input::Payload;
use crate::pipeline::{self, Output, Process, Tally};
use crate::render::check as render;
use crate::settings::Settings;

pub fn run(args: &CheckArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let process = processor(args, settings);
    let format = args.format;
    if format == CheckFormat::Junit {
        let mut cases = Vec::new();
        let outcome = pipeline::run(&args.inputs.inputs, settings, &mut cases, &process)?;
        let written = render::junit_document(&outcome.tally, &cases, out);
        return crate::keep_status(Status::of(&outcome), written);
    }
    let outcome = pipeline::run(&args.inputs.inputs, settings, out, &process)?;
    let status = Status::of(&outcome);
    if format == CheckFormat::Text && !outcome.closed {
        let written = render::text_totals(&outcome.tally, settings.color, out);
        return crate::keep_status(status, written);
    }
    Ok(status)
}

/// The per-payload work of `hookscope check` (also what the fuzz targets
/// drive): validate, count, render the payload's report.
pub fn processor(args: &CheckArgs, settings: &Settings) -> impl Process + use<> {
    let options = CheckOptions {
        registry: settings.registry,
        provider: settings.provider,
        strict: args.strict,
        timezone: args.timezone.offset,
    };
    let (format, color) = (args.format, settings.color);
    move |payload: &Payload<'_>, out: &mut Output, tally: &mut Tally| {
        let report = check_payload(payload, &options);
        let valid = report.passes(options.strict);
        tally.errors += report.errors() as u64;
        tally.warnings += report.warnings() as u64;
        tally.bad += u64::from(!valid);
        let source = &payload.source;
        let data = &mut out.data;
        // Rendering into a Vec only fails on a serializer bug; keep going.
        let _ = match format {
            CheckFormat::Text => render::text(source, &report, color, data),
            CheckFormat::Json => render::json(source, &report, valid, data),
            CheckFormat::Github => render::github(source, &report, data),
            CheckFormat::Junit => render::junit_case(source, &report, valid, data),
        };
    }
}
