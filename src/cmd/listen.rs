//! `hookscope listen`: receive webhooks over HTTP; check each as `check`
//! does, show it on stdout, save and forward it (see [`crate::live`]).

use std::io::{Cursor, Write};
use std::net::SocketAddr;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};

use super::check::{Checker, Verdicts};
use crate::Status;
use crate::cli::{Inputs, ListenArgs, LiveFormat, SummaryArgs, SummaryFormat};
use crate::input::{self, Event, Payload, ReadOptions};
use crate::live::auth::Key;
use crate::live::capture::Capture;
use crate::live::client::Target;
use crate::live::hook::{Forward, Rules, State};
use crate::live::server::{self, Announce, Config};
use crate::live::{Checked, Hook, Inspect, Outcome};
use crate::pipeline::{Output, Process, Tally};
use crate::render::live as render;
use crate::settings::Settings;

/// How long the requests in flight may take to finish once told to stop.
const GRACE: Duration = Duration::from_secs(30);

pub fn run(args: &ListenArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    if args.key.as_deref() == Some("") {
        anyhow::bail!("--key is empty: give the secret the sender uses, or leave --key out");
    }
    let (lines, shown) = mpsc::channel();
    let state = state(args, settings, lines)?;
    let config = Config {
        bind: SocketAddr::new(args.bind, args.port),
        header_timeout: Duration::from_secs(args.read_timeout),
        grace: GRACE,
        threads: settings.jobs,
    };
    let server = std::thread::Builder::new()
        .name("listen".into())
        .spawn(move || server::run(config, state, Stderr))
        .context("cannot start the server thread")?;
    write_lines(shown, out);
    let totals = server
        .join()
        .map_err(|_| anyhow!("the server thread failed"))??;
    let capture = args.save.as_ref().map(|p| p.display().to_string());
    crate::diagnostics::line(&render::listen_totals(&totals, capture.as_deref()));
    Ok(Status::Ok)
}

/// Everything the requests share: the checker and renderers, the rules,
/// the capture (opened now: trouble before listening) and the forwarding.
fn state(args: &ListenArgs, settings: &Settings, lines: mpsc::Sender<Vec<u8>>) -> Result<State> {
    let capture = args
        .save
        .as_deref()
        .map(|path| Capture::open(path, args.fsync))
        .transpose()?;
    let forward = match &args.forward_to {
        Some(url) => {
            let target = Target::parse(url).context("--forward-to")?;
            Some(Forward::new(target, Duration::from_secs(args.read_timeout)))
        }
        None => None,
    };
    let rules = Rules {
        key: args.key.as_deref().map(Key::new),
        max_body: args.max_body,
        body_timeout: Duration::from_secs(args.read_timeout),
        reject_invalid: args.reject_invalid,
    };
    let viewer = Box::new(Viewer::new(args, settings)?);
    Ok(State::new(viewer, rules, capture, forward, lines))
}

/// Writes each hook's output as it comes, until the server stops. A
/// closed stdout is said once; hooks are still answered and saved.
fn write_lines(shown: mpsc::Receiver<Vec<u8>>, out: &mut dyn Write) {
    let mut open = true;
    for bytes in shown {
        if open && let Err(err) = out.write_all(&bytes).and_then(|()| out.flush()) {
            open = false;
            crate::diagnostics::line(&format!(
                "hookscope: cannot write the output ({err}); hooks are still answered and saved"
            ));
        }
    }
}

/// Says where the server listens, on the first line of stderr.
struct Stderr;

impl Announce for Stderr {
    fn listening(&mut self, address: SocketAddr) {
        crate::diagnostics::line(&format!("listening on http://{address}"));
    }

    fn stopping(&mut self, gave_up: bool) {
        if gave_up {
            crate::diagnostics::line(&format!(
                "hookscope: stopped waiting for requests in flight after {} s",
                GRACE.as_secs()
            ));
        }
    }
}

/// `listen`'s [`Inspect`]: `check`'s checker, and the renderers (with
/// `--summary`, `summary`'s own processor).
struct Viewer {
    checker: Checker,
    format: LiveFormat,
    color: bool,
    summary: Option<Box<dyn Process + Send>>,
}

impl Viewer {
    fn new(args: &ListenArgs, settings: &Settings) -> Result<Self> {
        let verdicts = Verdicts {
            policy: super::check::policy(&args.rules)?,
            ..Verdicts::default()
        };
        let checker = Checker::new(&args.rules, args.timezone.offset, settings, verdicts);
        let summary = args.summary.then(|| {
            let summary_args = SummaryArgs {
                inputs: Inputs { inputs: Vec::new() },
                section: Vec::new(),
                full: false,
                no_findings: false,
                format: match args.format {
                    LiveFormat::Text => SummaryFormat::Text,
                    LiveFormat::Json => SummaryFormat::Json,
                },
                timezone: args.timezone,
            };
            let process = super::summary::processor(&summary_args, settings);
            Box::new(process) as Box<dyn Process + Send>
        });
        Ok(Viewer {
            checker,
            format: args.format,
            color: settings.color,
            summary,
        })
    }

    /// Each payload's summary, as `summary` shows it, labelled
    /// `hook N:LINE`.
    fn summaries(&self, process: &dyn Process, hook: &Hook, body: &[u8], out: &mut Vec<u8>) {
        let mut output = Output::default();
        let reader = Box::new(Cursor::new(body.to_vec()));
        // Reading from memory cannot fail.
        let name = format!("hook {}", hook.seq);
        let _ = input::read_reader(&name, reader, ReadOptions::default(), |event| {
            if let Event::Batch(batch) = event {
                for payload in batch.payloads() {
                    process.process(&payload, &mut output, &mut Tally::default());
                }
            }
            Ok(())
        });
        out.extend_from_slice(&output.data);
    }
}

impl Inspect for Viewer {
    fn inspect(&self, payload: &Payload<'_>) -> Checked {
        let report = self.checker.report(payload, &mut Tally::default());
        let valid = self.checker.passes(&report);
        Checked { report, valid }
    }

    fn show(&self, hook: &Hook, body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let accepted = matches!(hook.outcome, Outcome::Checked(_)) && hook.status == 200;
        if let (Some(process), true) = (&self.summary, accepted) {
            if self.format == LiveFormat::Text {
                let _ = render::hook_text(hook, self.color, &mut out);
            }
            self.summaries(process.as_ref(), hook, body, &mut out);
            return out;
        }
        // Rendering into a Vec only fails on a serializer bug.
        let _ = match self.format {
            LiveFormat::Text => render::hook_text(hook, self.color, &mut out),
            LiveFormat::Json => render::hook_json(hook, &mut out),
        };
        out
    }
}
