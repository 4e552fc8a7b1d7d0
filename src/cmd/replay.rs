//! `hookscope replay`: post each payload of the inputs to a URL, the
//! payload's bytes as read, and report each answer in input order. An
//! NDJSON line that holds several payloads (several values, or an array)
//! is one hook as `listen --save` writes it, and is sent as one request:
//! the line's bytes as read.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use bytes::Bytes;
use hyper::header::{AUTHORIZATION, HeaderName, HeaderValue};
use tokio::sync::{Mutex, mpsc};

use super::check::{Checker, Verdicts};
use crate::Status;
use crate::cli::{LiveFormat, ReplayArgs};
use crate::input::{self, Event, ReadOptions};
use crate::live::client::{Sender, Target, is_unreachable, parse_header};
use crate::pipeline::Tally;
use crate::render::live::{self as render, Sent};
use crate::settings::Settings;

/// One request to send (a payload, or a line of several), numbered in
/// input order.
struct Job {
    seq: u64,
    row: Row,
    body: Bytes,
}

/// What the report names a request by: its label, and how many payloads
/// it carried.
struct Row {
    source: String,
    payloads: usize,
}

/// What became of request `seq`.
struct Done {
    seq: u64,
    row: Row,
    sent: Sent,
}

pub fn run(args: &ReplayArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let target = Target::parse(&args.to).context("--to")?;
    let headers = headers(args)?;
    let checker = match args.only_invalid {
        true => Some(checker(args, settings)?),
        false => None,
    };
    let (jobs_tx, jobs_rx) = mpsc::channel::<Job>(usize::from(args.concurrency) * 2);
    let (done_tx, done_rx) = std_mpsc::channel::<Done>();
    let sending = Sending {
        target,
        headers,
        timeout: Duration::from_secs(args.timeout),
        concurrency: args.concurrency,
        rate: args.rate,
        threads: settings.jobs,
    };
    let senders = {
        let done_tx = done_tx.clone();
        std::thread::Builder::new()
            .name("replay".into())
            .spawn(move || sending.run(jobs_rx, done_tx))
            .context("cannot start the sender thread")?
    };
    let reading = ReadOptions {
        max_payload: settings.max_payload,
        recursive: settings.recursive,
        extract: settings.extract,
        lines: true,
    };
    let inputs = args.inputs.inputs.clone();
    let reader = std::thread::Builder::new()
        .name("replay-read".into())
        .spawn(move || read(&inputs, reading, checker.as_ref(), &jobs_tx, &done_tx))
        .context("cannot start the reader thread")?;
    let report = write_in_order(done_rx, args.format, settings.color, out);
    let read = reader.join().map_err(|_| anyhow!("the reader failed"))?;
    let sent = senders.join().map_err(|_| anyhow!("the sender failed"))?;
    // A closed output first: the reader and senders stopped because of it.
    let report = report?;
    let unreadable_input = read?;
    sent?;
    crate::diagnostics::line(&render::replay_totals(
        report.sent,
        report.ok,
        report.not_ok,
        report.failed,
        report.unreadable,
    ));
    Ok(if report.failed > 0 || unreadable_input {
        Status::Trouble
    } else if report.not_ok + report.unreadable > 0 {
        Status::Bad
    } else {
        Status::Ok
    })
}

fn checker(args: &ReplayArgs, settings: &Settings) -> Result<Checker> {
    let verdicts = Verdicts {
        policy: super::check::policy(&args.rules)?,
        ..Verdicts::default()
    };
    Ok(Checker::new(
        &args.rules,
        args.timezone.offset,
        settings,
        verdicts,
    ))
}

/// `--header` values, and `--key` as NuVidio sends it.
fn headers(args: &ReplayArgs) -> Result<Vec<(HeaderName, HeaderValue)>> {
    let mut headers = Vec::new();
    for text in &args.header {
        headers.push(parse_header(text).map_err(|e| anyhow!("--header: {e}"))?);
    }
    if let Some(key) = &args.key {
        let value = HeaderValue::from_str(key).map_err(|_| anyhow!("--key: not a header value"))?;
        headers.push((AUTHORIZATION, value));
    }
    Ok(headers)
}

/// Reads every request into jobs: a payload, or an NDJSON line of several
/// ([`input::Unit`]); only those with an invalid payload with
/// `--only-invalid`. A payload that cannot be framed is reported as done
/// unsent. Returns whether an input could not be read.
fn read(
    inputs: &[String],
    reading: ReadOptions,
    checker: Option<&Checker>,
    jobs: &mpsc::Sender<Job>,
    done: &std_mpsc::Sender<Done>,
) -> Result<bool> {
    let mut seq = 0;
    let mut trouble = false;
    let stopped = || anyhow!("the senders stopped");
    input::read_all(inputs, reading, |event| {
        let batch = match event {
            Event::Batch(batch) => batch,
            Event::Trouble { error, .. } => {
                crate::diagnostics::error(&error);
                trouble = true;
                return Ok(());
            }
        };
        for unit in batch.units() {
            if let Some(checker) = checker {
                let passes =
                    |payload| checker.passes(&checker.report(payload, &mut Tally::default()));
                if unit.payloads.iter().all(passes) {
                    continue;
                }
            }
            match request(&unit) {
                Ok((row, body)) => jobs
                    .blocking_send(Job { seq, row, body })
                    .map_err(|_| stopped())?,
                Err((row, sent)) => done.send(Done { seq, row, sent }).map_err(|_| stopped())?,
            }
            seq += 1;
        }
        Ok(())
    })?;
    Ok(trouble)
}

/// The request a unit is: its row and body, or why it cannot be sent.
fn request(unit: &input::Unit<'_>) -> Result<(Row, Bytes), (Row, Sent)> {
    let first = &unit.payloads[0];
    if let Some(line) = unit.line {
        let source = input::Source {
            shares_line: false,
            ..first.source
        };
        let row = Row {
            source: source.label(),
            payloads: unit.payloads.len(),
        };
        return Ok((row, Bytes::copy_from_slice(line)));
    }
    let row = Row {
        source: first.source.label(),
        payloads: 1,
    };
    if first.bytes().is_empty() {
        let reason = first.parse(crate::json::Extent::Full).err();
        let reason = reason.map_or_else(|| "empty".to_string(), |e| e.to_string());
        return Err((row, Sent::Unreadable(reason)));
    }
    Ok((row, Bytes::copy_from_slice(first.bytes())))
}

/// How the payloads are sent.
struct Sending {
    target: Target,
    headers: Vec<(HeaderName, HeaderValue)>,
    timeout: Duration,
    concurrency: u16,
    rate: Option<u32>,
    /// Runtime worker threads (`--jobs`).
    threads: usize,
}

impl Sending {
    /// Runs `--concurrency` senders over the jobs until they run out.
    fn run(self, jobs: mpsc::Receiver<Job>, done: std_mpsc::Sender<Done>) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(self.threads.max(1))
            .enable_all()
            .build()
            .context("cannot start the sender runtime")?;
        let jobs = Arc::new(Mutex::new(jobs));
        let unreachable = Arc::new(AtomicBool::new(false));
        let content_type = HeaderValue::from_static("application/json");
        runtime.block_on(async {
            // An interval needs the runtime's timer: made inside it.
            let pace = self.rate.map(|rate| {
                let mut interval =
                    tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(rate)));
                interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                Arc::new(Mutex::new(interval))
            });
            let mut workers = tokio::task::JoinSet::new();
            for _ in 0..self.concurrency {
                let sender = Sender::new(self.target.clone(), self.headers.clone(), self.timeout);
                let (jobs, done, pace) = (Arc::clone(&jobs), done.clone(), pace.clone());
                let (unreachable, content_type) = (Arc::clone(&unreachable), content_type.clone());
                workers.spawn(work(sender, jobs, done, pace, unreachable, content_type));
            }
            while workers.join_next().await.is_some() {}
        });
        Ok(())
    }
}

async fn work(
    mut sender: Sender,
    jobs: Arc<Mutex<mpsc::Receiver<Job>>>,
    done: std_mpsc::Sender<Done>,
    pace: Option<Arc<Mutex<tokio::time::Interval>>>,
    unreachable: Arc<AtomicBool>,
    content_type: HeaderValue,
) {
    loop {
        let next = jobs.lock().await.recv().await;
        let Some(job) = next else { return };
        let sent = if unreachable.load(Ordering::Relaxed) {
            // Once the URL could not be reached, the rest is reported, not tried.
            Sent::Failed("not sent: the URL could not be reached".into())
        } else {
            if let Some(pace) = &pace {
                pace.lock().await.tick().await;
            }
            match sender.post(job.body, &content_type).await {
                Ok(answer) => Sent::Answered {
                    status: answer.status,
                    latency: answer.latency,
                },
                Err(err) => {
                    if is_unreachable(&err) {
                        unreachable.store(true, Ordering::Relaxed);
                    }
                    Sent::Failed(format!("{err:#}"))
                }
            }
        };
        let (seq, row) = (job.seq, job.row);
        if done.send(Done { seq, row, sent }).is_err() {
            return;
        }
    }
}

/// Counts over the payloads reported.
#[derive(Debug, Default)]
struct Report {
    sent: u64,
    ok: u64,
    not_ok: u64,
    failed: u64,
    unreadable: u64,
}

/// Writes the answers in input order as they come.
fn write_in_order(
    done: std_mpsc::Receiver<Done>,
    format: LiveFormat,
    color: bool,
    out: &mut dyn Write,
) -> Result<Report> {
    let mut report = Report::default();
    let mut pending = BTreeMap::new();
    let mut next = 0;
    for one in done {
        pending.insert(one.seq, one);
        while let Some(one) = pending.remove(&next) {
            next += 1;
            report.count(&one.sent);
            let mut bytes = Vec::new();
            let _ = match format {
                LiveFormat::Text => render::replay_text(
                    &one.row.source,
                    one.row.payloads,
                    &one.sent,
                    color,
                    &mut bytes,
                ),
                LiveFormat::Json => {
                    render::replay_json(&one.row.source, one.row.payloads, &one.sent, &mut bytes)
                }
            };
            out.write_all(&bytes).context("cannot write the output")?;
        }
        out.flush().context("cannot write the output")?;
    }
    Ok(report)
}

impl Report {
    fn count(&mut self, sent: &Sent) {
        match sent {
            Sent::Answered { status, .. } => {
                self.sent += 1;
                match (200..300).contains(status) {
                    true => self.ok += 1,
                    false => self.not_ok += 1,
                }
            }
            Sent::Failed(_) => {
                self.sent += 1;
                self.failed += 1;
            }
            Sent::Unreadable(_) => self.unreadable += 1,
        }
    }
}
