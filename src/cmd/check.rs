//! `hookscope check`: validate every payload and report the findings.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Result;

use crate::Status;
use crate::check::baseline::{self, Baseline, Entry};
use crate::check::policy::{self, Action, Policy};
use crate::check::{CODES, CheckOptions, Code, Finding, Report, check_payload_settled};
use crate::cli::{CheckArgs, CheckFormat, PolicyArgs};
use crate::input::Payload;
use crate::pipeline::{self, Output, Process, Tally};
use crate::render::check as render;
use crate::schema::Severity;
use crate::settings::Settings;

pub fn run(args: &CheckArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let verdicts = verdicts(args)?;
    let record = verdicts.record.clone();
    let process = processor(args, settings, verdicts);
    let format = args.format;
    if let (Some(path), Some(record)) = (&args.write_baseline, record) {
        let outcome = pipeline::run(
            &args.inputs.inputs,
            settings,
            &mut std::io::sink(),
            &process,
        )?;
        let entries = record
            .lock()
            .map_err(|_| anyhow::anyhow!("a worker failed"))?;
        baseline::write(path, &entries)?;
        crate::diagnostics::line(&format!(
            "hookscope: wrote {} findings of {} payloads to {}",
            entries.len(),
            outcome.tally.payloads,
            crate::text::Escaped(&path.display().to_string())
        ));
        return Ok(if outcome.trouble {
            Status::Trouble
        } else {
            Status::Ok
        });
    }
    if format == CheckFormat::Junit {
        let mut cases = Vec::new();
        let outcome = pipeline::run(&args.inputs.inputs, settings, &mut cases, &process)?;
        let written = render::junit_document(&outcome.tally, &cases, out);
        return crate::keep_status(Status::of(&outcome), written);
    }
    let outcome = pipeline::run(&args.inputs.inputs, settings, out, &process)?;
    let status = Status::of(&outcome);
    if format == CheckFormat::Text && !outcome.closed {
        let baseline = args.baseline.is_some();
        let counts = process.counts();
        let written = render::text_totals(&outcome.tally, &counts, baseline, settings.color, out);
        return crate::keep_status(status, written);
    }
    Ok(status)
}

/// What settles a payload's findings after the check: the policy, the
/// baseline they are compared with, and where `--write-baseline` records
/// them.
#[derive(Debug, Default)]
pub struct Verdicts {
    pub policy: Policy,
    pub baseline: Option<Baseline>,
    pub record: Option<Arc<Mutex<BTreeSet<Entry>>>>,
}

fn verdicts(args: &CheckArgs) -> Result<Verdicts> {
    let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
    let record = args.write_baseline.as_ref().map(|_| Arc::default());
    Ok(Verdicts {
        policy: policy(&args.rules)?,
        baseline,
        record,
    })
}

/// The policy: `hookscope.toml` (named, or found from the current folder
/// up to the repository root, unless `--no-config`), then `--allow`,
/// `--warn` and `--deny`.
pub fn policy(args: &PolicyArgs) -> Result<Policy> {
    let mut policy = Policy::default();
    let file = match (&args.config, args.no_config) {
        (Some(file), _) => Some(file.clone()),
        (None, true) => None,
        (None, false) => std::env::current_dir()
            .ok()
            .and_then(|dir| policy::find_config(&dir)),
    };
    if let Some(file) = file {
        policy.add_file(&file)?;
    }
    let lists = [
        (Action::Allow, &args.allow),
        (Action::Warn, &args.warn),
        (Action::Deny, &args.deny),
    ];
    for (action, specs) in lists {
        policy.add(action, specs).map_err(anyhow::Error::msg)?;
    }
    Ok(policy)
}

/// The per-payload work of `hookscope check` (also what the fuzz targets
/// drive): validate, settle by the policy and baseline, count, render.
pub fn processor(args: &CheckArgs, settings: &Settings, verdicts: Verdicts) -> CheckProcess {
    CheckProcess {
        checker: Checker::new(&args.rules, args.timezone.offset, settings, verdicts),
        format: args.format,
        color: settings.color,
        by_code: CODES.iter().map(|_| AtomicU64::new(0)).collect(),
    }
}

/// Checks one payload as `hookscope check` does, settled by the policy
/// (and the baseline): the one checker of `check`, `listen` and `replay`.
#[derive(Debug)]
pub struct Checker {
    options: CheckOptions,
    verdicts: Verdicts,
    strict: bool,
}

impl Checker {
    pub fn new(
        rules: &PolicyArgs,
        timezone: chrono::FixedOffset,
        settings: &Settings,
        verdicts: Verdicts,
    ) -> Self {
        let options = CheckOptions {
            registry: settings.registry,
            provider: settings.provider,
            strict: verdicts.policy.walks_strict(rules.strict),
            timezone,
        };
        Checker {
            options,
            verdicts,
            strict: rules.strict,
        }
    }

    /// The payload's report, its findings settled; counts baselined ones.
    pub fn report(&self, payload: &Payload<'_>, tally: &mut Tally) -> Report {
        check_payload_settled(payload, &self.options, |report| {
            self.settle(payload, report, tally);
        })
    }

    /// Whether a report passes (no error; with `--strict`, no warning).
    pub fn passes(&self, report: &Report) -> bool {
        report.passes(self.strict)
    }

    /// The payload's findings after the policy and the baseline.
    fn settle(&self, payload: &Payload<'_>, report: &mut Report, tally: &mut Tally) {
        let Verdicts {
            policy,
            baseline,
            record,
        } = &self.verdicts;
        policy.settle(&mut report.findings, self.strict);
        if baseline.is_none() && record.is_none() {
            return;
        }
        let identity = baseline::identity(report, payload.bytes());
        if let Some(baseline) = baseline {
            tally.baselined += baseline.filter(&identity, &mut report.findings) as u64;
        }
        if let Some(Ok(mut record)) = record.as_ref().map(|r| r.lock()) {
            record.extend(report.findings.iter().map(|f| Entry::new(&identity, f)));
        }
    }
}

/// `hookscope check`'s [`Process`]: payloads, and inputs that cannot be
/// read, which every format reports.
#[derive(Debug)]
pub struct CheckProcess {
    checker: Checker,
    format: CheckFormat,
    color: bool,
    /// Findings reported, per code (indexed by the code's discriminant),
    /// for the totals line; summed across worker threads.
    by_code: Vec<AtomicU64>,
}

impl CheckProcess {
    /// `(code, count)` of every code reported, most frequent first (ties
    /// in the order of the codes table).
    pub fn counts(&self) -> Vec<(&'static str, u64)> {
        let mut counts: Vec<(&'static str, u64)> = CODES
            .iter()
            .map(|d| {
                (
                    d.code.as_str(),
                    self.by_code[d.code as usize].load(Ordering::Relaxed),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        counts
    }
}

impl Process for CheckProcess {
    fn process(&self, payload: &Payload<'_>, out: &mut Output, tally: &mut Tally) {
        let report = self.checker.report(payload, tally);
        let valid = self.checker.passes(&report);
        for finding in &report.findings {
            if let Some(count) = self.by_code.get(finding.code as usize) {
                count.fetch_add(1, Ordering::Relaxed);
            }
        }
        tally.errors += report.errors() as u64;
        tally.warnings += report.warnings() as u64;
        tally.bad += u64::from(!valid);
        let source = &payload.source;
        let data = &mut out.data;
        // Rendering into a Vec only fails on a serializer bug; keep going.
        let _ = match self.format {
            CheckFormat::Text => render::text(source, payload.bytes(), &report, self.color, data),
            CheckFormat::Json => render::json(source, &report, valid, data),
            CheckFormat::Github => render::github(source, &report, data),
            CheckFormat::Junit => render::junit_case(source, &report, valid, data),
        };
    }

    fn trouble(&self, input: &str, error: &anyhow::Error, out: &mut Output, tally: &mut Tally) {
        tally.unreadable += 1;
        let finding = Finding {
            severity: Severity::Error,
            code: Code::UnreadableInput,
            pointer: String::new(),
            message: format!("{error:#}"),
        };
        let data = &mut out.data;
        let _ = match self.format {
            CheckFormat::Text => Ok(()),
            CheckFormat::Json => render::json_unreadable(input, &finding, data),
            CheckFormat::Github => render::github_unreadable(input, &finding, data),
            CheckFormat::Junit => render::junit_unreadable(input, &finding, data),
        };
    }
}
