//! `hookscope summary`: a readable overview of every payload, section by
//! section, as text tables or JSON lines.

use std::io::Write;

use anyhow::Result;

use super::{diagnose, load};
use crate::Status;
use crate::check::{CheckOptions, check_doc};
use crate::cli::{SummaryArgs, SummaryFormat};
use crate::input::Payload;
use crate::json::Extent;
use crate::pipeline::{self, Output, Process, Tally};
use crate::render::summary::{self as render, View};
use crate::settings::Settings;
use crate::summary::{self, Options};

pub fn run(args: &SummaryArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let process = processor(args, settings);
    let outcome = pipeline::run(&args.inputs.inputs, settings, out, &process)?;
    Ok(Status::of(&outcome))
}

/// The per-payload work of `hookscope summary` (also what the fuzz targets
/// drive).
pub fn processor(args: &SummaryArgs, settings: &Settings) -> impl Process + use<> {
    let options = Options {
        offset: args.timezone.offset,
    };
    let check = (!args.no_findings).then_some(CheckOptions {
        registry: settings.registry,
        provider: settings.provider,
        strict: false,
        timezone: args.timezone.offset,
    });
    let view = View {
        color: settings.color,
        width: settings.width,
        full: args.full,
    };
    let (format, registry, provider) = (args.format, settings.registry, settings.provider);
    // clap accepts only the registry's section names.
    let sections: Vec<&'static str> = args
        .section
        .iter()
        .filter_map(|name| registry.section(name))
        .map(|s| s.def.name)
        .collect();
    move |payload: &Payload<'_>, out: &mut Output, tally: &mut Tally| {
        let source = &payload.source;
        // Rendering into a Vec only fails on a serializer bug; keep going.
        let _ = match load(payload, Extent::Full, &registry, provider) {
            Ok((doc, detection)) => {
                let mut summary =
                    summary::build(source, doc.root(), &detection, &options, &sections);
                if let Some(check) = &check {
                    let findings = check_doc(&doc, check).findings;
                    summary = summary::with_findings(summary, doc.root(), findings);
                }
                if format == SummaryFormat::Json {
                    summary = summary::with_parts(summary, doc.root());
                }
                // The summary owns what it shows: the parse arena (about the
                // payload's size again) is let go before the rendering
                // grows the output.
                drop(doc);
                match format {
                    SummaryFormat::Text => render::text(&summary, &view, &mut out.data),
                    SummaryFormat::Json => render::json(&summary, &mut out.data),
                }
            }
            Err(problem) => {
                tally.bad += 1;
                diagnose(out, payload, &problem);
                match format {
                    SummaryFormat::Text => Ok(()),
                    SummaryFormat::Json => render::json_error(
                        &source.label(),
                        problem.code.as_str(),
                        &problem.message,
                        &mut out.data,
                    ),
                }
            }
        };
    }
}
