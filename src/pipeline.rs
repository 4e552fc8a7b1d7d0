//! Runs a per-payload function over every input, on one or more threads,
//! and writes what it produced in input order (byte-identical whatever the
//! number of jobs).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};

use crate::diagnostics;
use crate::input::{self, Batch, Event, Payload, ReadOptions};
use crate::settings::Settings;

/// Counts gathered over the payloads of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub payloads: u64,
    /// Payloads that make the exit status 1.
    pub bad: u64,
    pub errors: u64,
    pub warnings: u64,
    /// Findings a baseline accepted (`check --baseline`).
    pub baselined: u64,
    /// Inputs that could not be opened or read.
    pub unreadable: u64,
    /// Payloads of another provider than the entity `csv` writes.
    pub other_provider: u64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.payloads += other.payloads;
        self.bad += other.bad;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.baselined += other.baselined;
        self.unreadable += other.unreadable;
        self.other_provider += other.other_provider;
    }
}

/// What a run ended with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Outcome {
    pub tally: Tally,
    /// An input could not be opened or read (exit status 2).
    pub trouble: bool,
    /// The reader of the output went away (e.g. `| head -1`): reading
    /// stopped there, and `tally` counts the payloads seen until then.
    pub closed: bool,
}

/// What processing payloads produced: data for stdout, diagnostics for
/// stderr (kept apart, each written in input order).
#[derive(Debug, Default)]
pub struct Output {
    pub data: Vec<u8>,
    pub diagnostics: Vec<u8>,
}

/// Processes one payload: appends its output, counts it.
pub trait Process: Sync {
    fn process(&self, payload: &Payload<'_>, out: &mut Output, tally: &mut Tally);

    /// An input that could not be opened or read: its diagnostic goes to
    /// stderr in any case; a format that reports every input (check's)
    /// also writes it here.
    fn trouble(&self, _input: &str, _error: &anyhow::Error, _out: &mut Output, _tally: &mut Tally) {
    }
}

impl<F: Fn(&Payload<'_>, &mut Output, &mut Tally) + Sync> Process for F {
    fn process(&self, payload: &Payload<'_>, out: &mut Output, tally: &mut Tally) {
        self(payload, out, tally)
    }
}

/// Reads `inputs` and runs `process` on every payload with as many threads
/// as the settings say.
pub fn run(
    inputs: &[String],
    settings: &Settings,
    out: &mut dyn Write,
    process: &dyn Process,
) -> Result<Outcome> {
    let reading = ReadOptions {
        max_payload: settings.max_payload,
        recursive: settings.recursive,
        extract: settings.extract,
        lines: false,
    };
    if settings.jobs <= 1 {
        run_serial(inputs, reading, out, process)
    } else {
        run_parallel(inputs, reading, settings.jobs, out, process)
    }
}

fn run_batch(batch: &Batch, process: &dyn Process) -> (Output, Tally) {
    let mut bytes = Output::default();
    let mut tally = Tally::default();
    for payload in batch.payloads() {
        tally.payloads += 1;
        process.process(&payload, &mut bytes, &mut tally);
    }
    (bytes, tally)
}

fn emit(output: &Output, out: &mut dyn Write) -> Result<()> {
    if !output.diagnostics.is_empty() {
        // Data written so far comes first, so that both streams keep input
        // order on a shared terminal.
        out.flush().context(WRITE_FAILED)?;
        diagnostics::write_bytes(&output.diagnostics);
    }
    out.write_all(&output.data).context(WRITE_FAILED)
}

/// The context of a failed write to the output.
const WRITE_FAILED: &str = "cannot write the output";

fn run_serial(
    inputs: &[String],
    reading: ReadOptions,
    out: &mut dyn Write,
    process: &dyn Process,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let read = input::read_all(inputs, reading, |event| {
        outcome.absorb(Done::of(event, process), out)
    });
    match read {
        Err(_) if outcome.closed => Ok(outcome),
        Err(err) => Err(err),
        Ok(()) => Ok(outcome),
    }
}

/// A processed batch, or an input's trouble, ready to be written.
enum Done {
    Output(Output, Tally),
    Trouble(anyhow::Error, Output, Tally),
}

impl Done {
    fn of(event: Event, process: &dyn Process) -> Self {
        match event {
            Event::Batch(batch) => {
                let (bytes, tally) = run_batch(&batch, process);
                Done::Output(bytes, tally)
            }
            Event::Trouble { input, error } => {
                let (mut output, mut tally) = (Output::default(), Tally::default());
                process.trouble(&input, &error, &mut output, &mut tally);
                Done::Trouble(error, output, tally)
            }
        }
    }
}

impl Outcome {
    /// Writes what a batch produced (or reports its input's trouble) and
    /// counts it. A closed output sets `closed` and stops the run with
    /// [`OutputClosed`]; the batch still counts, it was seen.
    fn absorb(&mut self, done: Done, out: &mut dyn Write) -> Result<()> {
        let written = match done {
            Done::Output(bytes, tally) => {
                self.tally.add(tally);
                emit(&bytes, out)
            }
            Done::Trouble(err, output, tally) => {
                self.trouble = true;
                self.tally.add(tally);
                let flushed = out.flush().context(WRITE_FAILED);
                diagnostics::error(&err);
                flushed.and_then(|()| emit(&output, out))
            }
        };
        match written {
            Err(err) if crate::is_broken_pipe(&err) => {
                self.closed = true;
                Err(OutputClosed.into())
            }
            other => other,
        }
    }
}

fn run_parallel(
    inputs: &[String],
    reading: ReadOptions,
    jobs: usize,
    out: &mut dyn Write,
    process: &dyn Process,
) -> Result<Outcome> {
    let read =
        move |sink: &mut dyn FnMut(Event) -> Result<()>| input::read_all(inputs, reading, sink);
    run_parallel_with(read, jobs, out, process)
}

/// How many batches the reader may be ahead of the writer: read, queued,
/// being processed or waiting for an earlier one to be written. Bounds
/// memory when one slow batch (a huge payload) holds up the others.
fn reorder_window(jobs: usize) -> usize {
    jobs * 4
}

/// Reads what `read` hands out into workers and writes their output in
/// order, with at most [`reorder_window`] batches in flight.
fn run_parallel_with(
    read: impl FnOnce(&mut dyn FnMut(Event) -> Result<()>) -> Result<()> + Send,
    jobs: usize,
    out: &mut dyn Write,
    process: &dyn Process,
) -> Result<Outcome> {
    let (batch_tx, batch_rx) = sync_channel::<(u64, Event)>(jobs * 2);
    let (done_tx, done_rx) = sync_channel::<(u64, Done)>(jobs * 2);
    let window = reorder_window(jobs);
    let (permit_tx, permit_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        permit_tx.send(()).context("cannot start the reader")?;
    }
    let batch_rx = Arc::new(Mutex::new(batch_rx));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let rx = Arc::clone(&batch_rx);
            let tx = done_tx.clone();
            spawn(scope, move || work(&rx, &tx, process))?;
        }
        let reader = spawn(scope, move || read_into(read, permit_rx, batch_tx))?;
        drop(done_tx);
        drop(batch_rx);
        let written = write_in_order(done_rx, permit_tx, out);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("reader thread failed")));
        let outcome = written?;
        read?;
        Ok(outcome)
    })
}

/// Starts a thread; a failure (too many threads, no memory for a stack) is
/// an error, not a panic. The threads already started stop on their own
/// once the channels they use close.
fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> Result<std::thread::ScopedJoinHandle<'scope, T>> {
    std::thread::Builder::new()
        .spawn_scoped(scope, f)
        .context("cannot start a worker thread (try a smaller --jobs)")
}

/// Hands each event on with its sequence number, once the writer has
/// given a permit for it (one per batch written).
fn read_into(
    read: impl FnOnce(&mut dyn FnMut(Event) -> Result<()>) -> Result<()>,
    permits: Receiver<()>,
    tx: SyncSender<(u64, Event)>,
) -> Result<()> {
    let mut seq = 0u64;
    let result = read(&mut |event| {
        // A closed channel means the writer stopped (e.g. a closed pipe).
        permits.recv().map_err(|_| OutputClosed)?;
        tx.send((seq, event)).map_err(|_| OutputClosed)?;
        seq += 1;
        Ok(())
    });
    match result {
        Err(e) if e.is::<OutputClosed>() => Ok(()),
        other => other,
    }
}

/// The writer stopped taking batches (e.g. a closed pipe): reading ends.
#[derive(Debug)]
struct OutputClosed;

impl std::fmt::Display for OutputClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("output closed")
    }
}

impl std::error::Error for OutputClosed {}

fn work(rx: &Mutex<Receiver<(u64, Event)>>, tx: &SyncSender<(u64, Done)>, process: &dyn Process) {
    loop {
        let next = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok((seq, event)) = next else { return };
        if tx.send((seq, Done::of(event, process))).is_err() {
            return;
        }
    }
}

/// Writes the batches in sequence order; each one written returns a permit
/// to the reader, so `pending` holds at most the reorder window.
fn write_in_order(
    rx: Receiver<(u64, Done)>,
    permits: SyncSender<()>,
    out: &mut dyn Write,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    for (seq, done) in rx {
        pending.insert(seq, done);
        while let Some(done) = pending.remove(&next) {
            next += 1;
            // Never blocks: no more permits are out than the channel holds.
            let _ = permits.try_send(());
            match outcome.absorb(done, out) {
                Err(_) if outcome.closed => return Ok(outcome),
                written => written?,
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    /// Counts the lines written.
    struct Lines<'c>(&'c AtomicUsize);

    impl Write for Lines<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let lines = buf.iter().filter(|b| **b == b'\n').count();
            self.0.fetch_add(lines, Ordering::SeqCst);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    // issue 10: the writer's pending map grew without limit while one slow
    // batch held up the next sequence number.
    #[test]
    fn the_reader_stays_within_the_window_of_a_slow_batch() {
        const PAYLOADS: usize = 40;
        let jobs = 2;
        // Payloads of 1 MiB or more are a batch each.
        let big = format!("{{\"pad\":\"{}\"}}\n", "x".repeat(1 << 20));
        let data = big.repeat(PAYLOADS).into_bytes();
        let (read, written, ahead) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let source = |sink: &mut dyn FnMut(Event) -> Result<()>| {
            let reader = Box::new(std::io::Cursor::new(data.clone()));
            input::read_reader("t", reader, ReadOptions::default(), |event| {
                let n = read.fetch_add(1, Ordering::SeqCst) + 1;
                ahead.fetch_max(n - written.load(Ordering::SeqCst), Ordering::SeqCst);
                sink(event)
            })
        };
        let first = AtomicUsize::new(0);
        let process = |_: &Payload<'_>, out: &mut Output, _: &mut Tally| {
            if first.fetch_add(1, Ordering::SeqCst) == 0 {
                std::thread::sleep(Duration::from_millis(300));
            }
            out.data.extend_from_slice(b"x\n");
        };
        let mut out = Lines(&written);
        let outcome = run_parallel_with(source, jobs, &mut out, &process).expect("runs");
        assert_eq!(outcome.tally.payloads, PAYLOADS as u64);
        assert_eq!(written.load(Ordering::SeqCst), PAYLOADS);
        let ahead = ahead.load(Ordering::SeqCst);
        // The event just handed on counts too.
        assert!(ahead <= reorder_window(jobs) + 1, "{ahead} batches ahead");
    }
}
