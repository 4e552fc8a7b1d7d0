//! `hookscope explain`: a provider's fields, a finding code, or the value
//! at a pointer of each payload of a file, documented and checked.

use std::io::Write;

use anyhow::{Result, bail};

use super::{diagnose, load};
use crate::Status;
use crate::check::CheckOptions;
use crate::check::policy::Policy;
use crate::cli::{ExplainArgs, ExplainFormat};
use crate::explain::{self, Subject, payload};
use crate::input::Payload;
use crate::json::Extent;
use crate::pipeline::{self, Output, Process, Tally};
use crate::provider::Provider;
use crate::render::explain::{self as render, View};
use crate::settings::Settings;

pub fn run(args: &ExplainArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let view = View {
        color: settings.color,
        width: settings.width,
    };
    let exists = |name: &str| std::path::Path::new(name).exists();
    let subject = match explain::resolve(&settings.registry, &args.name, exists) {
        Ok(subject) => subject,
        Err(message) => bail!("explain: {message}"),
    };
    if let Some(pointer) = &args.pointer
        && !payload::is_pointer(pointer)
    {
        bail!(
            "explain: {} is not a JSON Pointer (it starts with /; * stands for any array index)",
            crate::text::quote(pointer)
        );
    }
    let mut bytes = Vec::new();
    match subject {
        Subject::Provider(provider) => fields(provider, args, &view, &mut bytes)?,
        Subject::Code(doc) => {
            if args.pointer.is_some() {
                bail!("explain: a finding code takes no POINTER");
            }
            let code = explain::code(doc);
            match args.format {
                ExplainFormat::Text => render::code_text(&code, &view, &mut bytes)?,
                ExplainFormat::Json => render::code_json(&code, &mut bytes)?,
            }
        }
        Subject::File => return file(args, settings, &view, out),
    }
    out.write_all(&bytes)?;
    Ok(Status::Ok)
}

fn fields(
    provider: &'static Provider,
    args: &ExplainArgs,
    view: &View,
    out: &mut Vec<u8>,
) -> Result<()> {
    let mut doc = explain::provider_doc(provider);
    if let Some(pointer) = &args.pointer {
        doc = match explain::select(doc, pointer) {
            Some(doc) => doc,
            None => bail!(
                "explain: the {} description has no field at {}; `hookscope explain {}` lists them",
                provider.title,
                crate::text::quote(pointer),
                provider.name
            ),
        };
    }
    match args.format {
        ExplainFormat::Text => render::provider_text(&doc, view, out),
        ExplainFormat::Json => render::provider_json(&doc, out),
    }
}

/// The policy `check` reads: `hookscope.toml` from the current folder up
/// to the repository root, if there is one.
fn policy() -> Result<Policy> {
    let mut policy = Policy::default();
    let file = std::env::current_dir()
        .ok()
        .and_then(|dir| crate::check::policy::find_config(&dir));
    if let Some(file) = file {
        policy.add_file(&file)?;
    }
    Ok(policy)
}

/// Every payload of the file: the value at the pointer, its field's
/// documentation and the findings of `check` there.
fn file(
    args: &ExplainArgs,
    settings: &Settings,
    view: &View,
    out: &mut dyn Write,
) -> Result<Status> {
    let process = processor(args, settings, view, policy()?)?;
    let outcome = pipeline::run(std::slice::from_ref(&args.name), settings, out, &process)?;
    Ok(Status::of(&outcome))
}

/// What `explain FILE POINTER` does with each payload of the file,
/// findings settled by `policy` (also the way in of the `explain` fuzz
/// target).
pub fn processor(
    args: &ExplainArgs,
    settings: &Settings,
    view: &View,
    policy: Policy,
) -> Result<impl Process + use<>> {
    let Some(pointer) = args.pointer.clone() else {
        bail!(
            "explain: with a file, give the POINTER to explain: hookscope explain {} /pointer",
            args.name
        );
    };
    let options = CheckOptions {
        registry: settings.registry,
        provider: settings.provider,
        strict: policy.walks_strict(false),
        timezone: args.timezone.offset,
    };
    let (format, view) = (args.format, *view);
    Ok(
        move |p: &Payload<'_>, out: &mut Output, tally: &mut Tally| {
            // Rendering into a Vec only fails on a serializer bug; keep going.
            let _ = match load(p, Extent::Full, &options.registry, options.provider) {
                Ok((doc, detection)) => {
                    let source = p.source.label();
                    let explained =
                        payload::explain(source, &doc, &detection, &pointer, &options, &policy);
                    match format {
                        ExplainFormat::Text => {
                            render::payload_text(&explained, &view, &mut out.data)
                        }
                        ExplainFormat::Json => render::payload_json(&explained, &mut out.data),
                    }
                }
                Err(problem) => {
                    tally.bad += 1;
                    diagnose(out, p, &problem);
                    Ok(())
                }
            };
        },
    )
}
