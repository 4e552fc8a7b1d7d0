//! `hookscope redact`: writes every input back with the personal data of
//! its payloads replaced ([`crate::redact`]). Inputs are framed as the
//! other commands frame them, while a [`Tee`] keeps the bytes read since
//! the last payload written: the bytes between payloads (array brackets,
//! commas, newlines) are written as they were, so one document stays one
//! document, an array an array and NDJSON NDJSON. Memory holds a window
//! of payloads, not the input.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::ops::Range;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{Context, Result, anyhow};

use super::{Problem, diagnose};
use crate::Status;
use crate::check::Code;
use crate::cli::{RedactArgs, TextArg};
use crate::diagnostics;
use crate::input::{self, Frame, Framer, Payload, Place, STDIN, Source};
use crate::json::{self, Extent, Val, push_json_string};
use crate::pipeline::Output;
use crate::redact::{Against, Counts, Options, Redacted, Redactor, TextMode};
use crate::render::redact::{payload_line, totals_line};
use crate::settings::Settings;
use crate::text::Escaped;

/// Payloads handed to the worker threads at a time, and their bytes.
const WINDOW: usize = 2048;
const WINDOW_BYTES: usize = 8 << 20;

pub fn run(args: &RedactArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let salt = match &args.salt {
        Some(salt) => salt.clone(),
        None => random_salt()?,
    };
    if args.show_salt {
        diagnostics::line(&format!("hookscope: redact salt: {salt}"));
    }
    let job = Job::new(args, settings, &salt);
    let names: Vec<&str> = if args.inputs.inputs.is_empty() {
        vec![STDIN]
    } else {
        args.inputs.inputs.iter().map(String::as_str).collect()
    };
    let mut tally = Tally::default();
    for given in names {
        let files = input::expand(given, settings.recursive).unwrap_or_else(|err| {
            diagnostics::error(&err);
            tally.trouble = true;
            Vec::new()
        });
        for name in &files {
            match input::open_input(name) {
                Ok((reader, gzip)) => job.input(name, reader, gzip, out, &mut tally)?,
                Err(err) => {
                    diagnostics::error(&err);
                    tally.trouble = true;
                }
            }
        }
    }
    if args.report {
        diagnostics::write(&totals_line(tally.payloads, &tally.counts));
    }
    Ok(tally.status())
}

/// Redacts one input already opened and decoded (as
/// [`input::decode`] gives it) with the salt of `args` (a random one
/// without it), as [`run`] redacts each file; the way in of the `redact`
/// fuzz target, which has bytes rather than a file.
pub fn redact_reader(
    args: &RedactArgs,
    settings: &Settings,
    name: &str,
    (reader, gzip): (Box<dyn Read + Send>, bool),
    out: &mut dyn Write,
) -> Result<Status> {
    let salt = match &args.salt {
        Some(salt) => salt.clone(),
        None => random_salt()?,
    };
    let mut tally = Tally::default();
    Job::new(args, settings, &salt).input(name, reader, gzip, out, &mut tally)?;
    Ok(tally.status())
}

fn options(args: &RedactArgs) -> Options {
    Options {
        text: match args.text {
            TextArg::Keep => TextMode::Keep,
            TextArg::Mask => TextMode::Mask,
            TextArg::Drop => TextMode::Drop,
        },
        ids: args.ids,
        shift_days: args.shift_dates,
    }
}

/// 16 random bytes from the operating system, in hex.
fn random_salt() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow!("cannot draw a random salt: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[derive(Debug, Default)]
struct Tally {
    payloads: u64,
    bad: u64,
    trouble: bool,
    counts: Counts,
}

impl Tally {
    fn status(&self) -> Status {
        if self.trouble {
            Status::Trouble
        } else if self.bad > 0 {
            Status::Bad
        } else {
            Status::Ok
        }
    }
}

struct Job<'s> {
    redactor: Redactor,
    settings: &'s Settings,
    report: bool,
}

impl<'s> Job<'s> {
    fn new(args: &RedactArgs, settings: &'s Settings, salt: &str) -> Self {
        Job {
            redactor: Redactor::new(salt.as_bytes(), options(args)),
            settings,
            report: args.report,
        }
    }
}

/// A payload of an input: where it starts, where the bytes before it
/// (since the previous payload) and its own are in the input.
#[derive(Debug, Clone)]
struct Piece {
    place: Place,
    gap: Range<usize>,
    bytes: Range<usize>,
}

/// What the framer handed out, in input order: a payload to redact, or a
/// problem between payloads (a broken payload, one too large) to say
/// when the payloads before it are written, so that stderr keeps the
/// input's order.
#[derive(Debug, Clone)]
enum Item {
    Payload(Piece),
    Problem(String),
}

/// A redacted payload and what to say about it.
#[derive(Debug)]
struct Done {
    redacted: Redacted,
    diagnostics: Vec<u8>,
    bad: bool,
}

/// A window of payloads (and the problems between them) with the bytes
/// they are in, for the worker.
#[derive(Debug)]
struct Batch {
    log: Log,
    items: Vec<Item>,
}

/// Takes the log's bytes up to the input's offset `end` (where the last
/// payload of `items` ends) out of it, with `items`.
/// `spare` is an emptied buffer of an earlier batch: the log goes on in
/// it, so that the buffers are reused rather than allocated (and their
/// pages cleared) for every window.
fn cut(log: &RefCell<Log>, items: Vec<Item>, end: usize, mut spare: Vec<u8>) -> Batch {
    let mut log = log.borrow_mut();
    let cut_at = end - log.base;
    spare.clear();
    spare.extend_from_slice(&log.bytes[cut_at..]);
    log.bytes.truncate(cut_at);
    let bytes = std::mem::replace(&mut log.bytes, spare);
    let base = std::mem::replace(&mut log.base, end);
    Batch {
        log: Log { base, bytes },
        items,
    }
}

/// The bytes read from an input and not yet written, starting at the
/// input's offset `base`.
#[derive(Debug, Default)]
struct Log {
    base: usize,
    bytes: Vec<u8>,
}

impl Log {
    /// The bytes at `range` of the input (still held).
    fn get(&self, range: &Range<usize>) -> &[u8] {
        &self.bytes[range.start - self.base..range.end - self.base]
    }
}

/// A reader that keeps what it reads in a [`Log`].
struct Tee<R> {
    inner: R,
    log: Rc<RefCell<Log>>,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.log.borrow_mut().bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl Job<'_> {
    /// Redacts one input and writes it, a window of payloads at a time.
    fn input(
        &self,
        name: &str,
        reader: Box<dyn Read + Send>,
        gzip: bool,
        out: &mut dyn Write,
        tally: &mut Tally,
    ) -> Result<()> {
        let log = Rc::new(RefCell::new(Log::default()));
        let tee = Tee {
            inner: reader,
            log: Rc::clone(&log),
        };
        let mut framer = Framer::with_max_payload(tee, self.settings.max_payload)
            .extracting(self.settings.extract);
        self.stream(name, &mut framer, &log, out, tally)?;
        let rest = std::mem::take(&mut log.borrow_mut().bytes);
        self.gap(&rest, out)?;
        if let Some(err) = framer.take_error() {
            let what = if gzip {
                "gzip data is truncated or corrupt; what was read before is written"
            } else {
                "read failed; what was read before is written"
            };
            diagnostics::line(&format!("hookscope: {}: {what}: {err}", Escaped(name)));
            tally.trouble = true;
        }
        Ok(())
    }

    /// Frames the input and writes its payloads redacted, a window at a
    /// time: framing goes on here while a worker redacts the window
    /// before. What is left in the log after the last payload is the
    /// caller's to write.
    fn stream<R: Read>(
        &self,
        name: &str,
        framer: &mut Framer<R>,
        log: &RefCell<Log>,
        out: &mut dyn Write,
        tally: &mut Tally,
    ) -> Result<()> {
        // The input's offset where the last payload framed ends.
        let mut end = 0;
        std::thread::scope(|scope| -> Result<()> {
            let (to_worker, batches) = mpsc::sync_channel::<Batch>(1);
            let (to_main, results) = mpsc::sync_channel::<Result<(Batch, Vec<Done>)>>(1);
            scope.spawn(move || {
                for batch in batches {
                    let done = self.window(name, &batch.log, &batch.items);
                    if to_main.send(done.map(|d| (batch, d))).is_err() {
                        break;
                    }
                }
            });
            let (mut window, mut held, mut pending) = (Vec::new(), 0, false);
            let mut spare = Vec::new();
            while let Some(frame) = framer.next_frame() {
                let Some(item) = self.item(name, frame, framer, log, &mut end) else {
                    continue;
                };
                if let Item::Payload(piece) = &item {
                    held += piece.gap.len() + piece.bytes.len();
                }
                window.push(item);
                if window.len() >= WINDOW || held >= WINDOW_BYTES {
                    let batch = cut(log, std::mem::take(&mut window), end, spare);
                    held = 0;
                    spare = Vec::new();
                    if pending {
                        spare = self.receive(name, &results, out, tally)?;
                    }
                    to_worker
                        .send(batch)
                        .map_err(|_| anyhow!("the redaction thread stopped"))?;
                    pending = true;
                }
            }
            if pending {
                spare = self.receive(name, &results, out, tally)?;
            }
            to_worker
                .send(cut(log, window, end, spare))
                .map_err(|_| anyhow!("the redaction thread stopped"))?;
            self.receive(name, &results, out, tally).map(drop)
        })
    }

    /// The item a frame is: a payload's piece (its bytes and the bytes
    /// before it taken out of the log), or what the framer reports between
    /// payloads (a broken array, a payload too large), to be said on
    /// stderr in its turn, its text left in the log to be masked with the
    /// bytes between payloads.
    fn item<R: Read>(
        &self,
        name: &str,
        frame: Frame,
        framer: &Framer<R>,
        log: &RefCell<Log>,
        end: &mut usize,
    ) -> Option<Item> {
        match frame {
            Frame::Payload { place, range } => {
                let payload = framer.bytes(range);
                let log = log.borrow();
                let from = *end - log.base;
                let start = locate(&log.bytes, from, payload)?;
                *end = log.base + start + payload.len();
                Some(Item::Payload(Piece {
                    place,
                    gap: log.base + from..log.base + start,
                    bytes: log.base + start..*end,
                }))
            }
            Frame::Broken { place, message } => Some(Item::Problem(format!(
                "hookscope: {}: error[json-syntax]: {message}; its text is written masked\n",
                source(name, place)
            ))),
            Frame::TooLarge { place, .. } => Some(Item::Problem(format!(
                "hookscope: {}: error[payload-too-large]: payload larger than --max-payload; its text is written masked\n",
                source(name, place)
            ))),
        }
    }

    /// Writes the next window the worker redacted, each payload after the
    /// bytes before it, and says the problems between payloads in their
    /// turn.
    fn receive(
        &self,
        name: &str,
        results: &mpsc::Receiver<Result<(Batch, Vec<Done>)>>,
        out: &mut dyn Write,
        tally: &mut Tally,
    ) -> Result<Vec<u8>> {
        let (batch, done) = results
            .recv()
            .map_err(|_| anyhow!("the redaction thread stopped"))??;
        let log = &batch.log;
        let mut done = done.into_iter();
        for item in &batch.items {
            let piece = match item {
                Item::Payload(piece) => piece,
                Item::Problem(message) => {
                    diagnostics::write(message);
                    (tally.payloads, tally.bad) = (tally.payloads + 1, tally.bad + 1);
                    continue;
                }
            };
            let done = done
                .next()
                .ok_or_else(|| anyhow!("the redaction thread lost a payload"))?;
            self.gap(log.get(&piece.gap), out)?;
            write(out, done.redacted.text.as_bytes())?;
            diagnostics::write_bytes(&done.diagnostics);
            if self.report {
                diagnostics::write(&payload_line(
                    &source(name, piece.place),
                    &done.redacted.counts,
                ));
            }
            tally.payloads += 1;
            tally.bad += u64::from(done.bad);
            tally.counts.merge(&done.redacted.counts);
        }
        Ok(batch.log.bytes)
    }

    /// Redacts the payloads of a window on `--jobs` threads, in order.
    fn window(&self, name: &str, log: &Log, items: &[Item]) -> Result<Vec<Done>> {
        let window: Vec<&Piece> = items
            .iter()
            .filter_map(|item| match item {
                Item::Payload(piece) => Some(piece),
                Item::Problem(_) => None,
            })
            .collect();
        let jobs = self.settings.jobs.clamp(1, window.len().max(1));
        let one = |piece: &Piece| self.payload(name, piece.place, log.get(&piece.bytes));
        if jobs == 1 {
            return Ok(window.iter().map(|piece| one(piece)).collect());
        }
        // Each thread takes the next payload as it is free, so that one
        // large payload does not hold a whole share of the window back.
        let next = AtomicUsize::new(0);
        let take = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(piece) = window.get(i) else {
                    return done;
                };
                done.push((i, one(piece)));
            }
        };
        let mut all: Vec<(usize, Done)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..jobs).map(|_| scope.spawn(take)).collect();
            let mut all = Vec::with_capacity(window.len());
            for handle in handles {
                all.extend(
                    handle
                        .join()
                        .map_err(|_| anyhow!("a redaction thread failed"))?,
                );
            }
            Ok::<_, anyhow::Error>(all)
        })?;
        all.sort_unstable_by_key(|(i, _)| *i);
        Ok(all.into_iter().map(|(_, done)| done).collect())
    }

    /// Redacts one payload: against its provider's description; masked
    /// whole when it does not parse, every string masked when no provider
    /// recognises it.
    fn payload(&self, name: &str, place: Place, bytes: &[u8]) -> Done {
        let mut payload = Payload::from_bytes(name, bytes);
        payload.source = source(name, place);
        let mut out = Output::default();
        // One UTF-8 validation: the payload's own parse (with its error
        // places) only for a payload that fails.
        let parsed = std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| Some((text, json::parse(text, Extent::Full).ok()?)));
        let Some((text, doc)) = parsed else {
            let problem = match payload.parse(Extent::Full) {
                Err(err) => Problem {
                    code: Code::of_payload_error(&err),
                    message: format!("{err}; written masked"),
                    fault: Some((err.line, err.column)),
                },
                Ok(_) => Problem {
                    code: Code::JsonSyntax,
                    message: "the payload could not be parsed; written masked".into(),
                    fault: None,
                },
            };
            diagnose(&mut out, &payload, &problem);
            return Done {
                redacted: self.redactor.loose(&String::from_utf8_lossy(bytes)),
                diagnostics: out.diagnostics,
                bad: true,
            };
        };
        let (redacted, problem) = self.document(text, doc.root());
        if let Some(message) = &problem {
            let problem = Problem {
                code: Code::UnknownProvider,
                message: format!("{message}; every string value is written masked"),
                fault: None,
            };
            diagnose(&mut out, &payload, &problem);
        }
        Done {
            redacted,
            diagnostics: out.diagnostics,
            bad: problem.is_some(),
        }
    }

    /// Redacts a parsed payload (a double-encoded one decoded, redacted and
    /// encoded again); the message when no provider recognises it.
    fn document(&self, text: &str, root: Val<'_, '_>) -> (Redacted, Option<String>) {
        if let Some(inner) = root.as_str()
            && inner.trim_start().starts_with(['{', '['])
            && let Ok(doc) = json::parse(inner, Extent::Full)
        {
            let (redacted, problem) = self.document(inner, doc.root());
            let mut encoded = String::with_capacity(redacted.text.len() + 16);
            push_json_string(&mut encoded, &redacted.text);
            let redacted = Redacted {
                text: encoded,
                counts: redacted.counts,
            };
            return (redacted, problem);
        }
        let registry = &self.settings.registry;
        match crate::detect::detect(root, registry, self.settings.provider) {
            Ok(found) => {
                let (shape, _) = (found.provider.shape)(&found.kind);
                let against = Against::Description(shape.fields);
                (self.redactor.payload(text, root, against), None)
            }
            Err(message) => (
                self.redactor.payload(text, root, Against::Nothing),
                Some(message),
            ),
        }
    }

    /// Writes the bytes between payloads; anything but spacing and JSON
    /// punctuation there is masked.
    fn gap(&self, gap: &[u8], out: &mut dyn Write) -> Result<()> {
        let plain = gap
            .iter()
            .all(|b| b.is_ascii_whitespace() || b",[]".contains(b));
        if plain {
            return write(out, gap);
        }
        let masked = self.redactor.loose(&String::from_utf8_lossy(gap));
        write(out, masked.text.as_bytes())
    }
}

fn write(out: &mut dyn Write, bytes: &[u8]) -> Result<()> {
    out.write_all(bytes).context("cannot write the output")
}

fn source(name: &str, place: Place) -> Source<'_> {
    Source {
        input: name,
        line: place.line,
        column: place.column,
        shares_line: place.shares_line,
    }
}

/// Where `payload` (a framed payload's bytes) starts in `bytes`, at or
/// after `from`.
fn locate(bytes: &[u8], from: usize, payload: &[u8]) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let skip = rest
        .iter()
        .position(|b| !(b.is_ascii_whitespace() || b",[".contains(b)))
        .unwrap_or(rest.len());
    // The framer hands out the bytes at that place: its ends and length
    // tell it apart from anything else there without comparing it whole.
    let here = &rest[skip..];
    let edge = payload.len().min(64);
    let same = here.len() >= payload.len()
        && here[..edge] == payload[..edge]
        && here[payload.len() - edge..payload.len()] == payload[payload.len() - edge..];
    if same {
        return Some(from + skip);
    }
    memchr::memmem::find(rest, payload).map(|i| from + i)
}
