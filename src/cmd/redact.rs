//! `hookscope redact`: writes every input back with the personal data of
//! its payloads replaced ([`crate::redact`]). Each input is read whole
//! (decompressed) and framed as the other commands frame it; the bytes
//! between payloads (array brackets, commas, newlines) are written as they
//! were, so one document stays one document, an array an array and NDJSON
//! NDJSON.

use std::io::{Cursor, Write};
use std::ops::Range;

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

/// Payloads handed to the worker threads at a time.
const WINDOW: usize = 2048;

pub fn run(args: &RedactArgs, settings: &Settings, out: &mut dyn Write) -> Result<Status> {
    let salt = match &args.salt {
        Some(salt) => salt.clone(),
        None => random_salt()?,
    };
    if args.show_salt {
        diagnostics::line(&format!("hookscope: redact salt: {salt}"));
    }
    let job = Job {
        redactor: Redactor::new(salt.as_bytes(), options(args)),
        settings,
        report: args.report,
    };
    let names: Vec<&str> = if args.inputs.inputs.is_empty() {
        vec![STDIN]
    } else {
        args.inputs.inputs.iter().map(String::as_str).collect()
    };
    let mut tally = Tally::default();
    for name in names {
        match input::read_whole(name) {
            Ok(bytes) => job.input(name, &bytes, out, &mut tally)?,
            Err(err) => {
                diagnostics::error(&err);
                tally.trouble = true;
            }
        }
    }
    if args.report {
        diagnostics::write(&totals_line(tally.payloads, &tally.counts));
    }
    Ok(if tally.trouble {
        Status::Trouble
    } else if tally.bad > 0 {
        Status::Bad
    } else {
        Status::Ok
    })
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

struct Job<'s> {
    redactor: Redactor,
    settings: &'s Settings,
    report: bool,
}

/// A payload of an input: where it starts and its bytes in the input.
#[derive(Debug, Clone)]
struct Piece {
    place: Place,
    range: Range<usize>,
}

/// A redacted payload and what to say about it.
#[derive(Debug)]
struct Done {
    redacted: Redacted,
    diagnostics: Vec<u8>,
    bad: bool,
}

impl Job<'_> {
    /// Redacts one input and writes it.
    fn input(
        &self,
        name: &str,
        bytes: &[u8],
        out: &mut dyn Write,
        tally: &mut Tally,
    ) -> Result<()> {
        let pieces = self.frame(name, bytes);
        let mut at = 0;
        for window in pieces.chunks(WINDOW) {
            let done = self.window(name, bytes, window)?;
            for (piece, done) in window.iter().zip(done) {
                self.gap(&bytes[at..piece.range.start], out)?;
                write(out, done.redacted.text.as_bytes())?;
                at = piece.range.end;
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
        }
        self.gap(&bytes[at..], out)
    }

    /// The payloads of an input, located in its bytes; what the framer
    /// reports between them (a broken array, a payload too large) is said
    /// on stderr, and its text masked with the bytes between payloads.
    fn frame(&self, name: &str, bytes: &[u8]) -> Vec<Piece> {
        let mut framer = Framer::with_max_payload(Cursor::new(bytes), self.settings.max_payload);
        let mut pieces = Vec::new();
        let mut end = 0;
        while let Some(frame) = framer.next_frame() {
            match frame {
                Frame::Payload { place, range } => {
                    let payload = framer.bytes(range);
                    let Some(start) = locate(bytes, end, payload) else {
                        continue;
                    };
                    end = start + payload.len();
                    pieces.push(Piece {
                        place,
                        range: start..end,
                    });
                }
                Frame::Broken { place, message } => diagnostics::line(&format!(
                    "hookscope: {}: error[json-syntax]: {message}; its text is written masked",
                    source(name, place)
                )),
                Frame::TooLarge { place, .. } => diagnostics::line(&format!(
                    "hookscope: {}: error[payload-too-large]: payload larger than --max-payload; its text is written masked",
                    source(name, place)
                )),
            }
        }
        pieces
    }

    /// Redacts a window of payloads on `--jobs` threads, in order.
    fn window(&self, name: &str, bytes: &[u8], window: &[Piece]) -> Result<Vec<Done>> {
        let jobs = self.settings.jobs.clamp(1, window.len().max(1));
        let one = |piece: &Piece| self.payload(name, piece.place, &bytes[piece.range.clone()]);
        if jobs == 1 || window.len() < 64 {
            return Ok(window.iter().map(one).collect());
        }
        let chunk = window.len().div_ceil(jobs);
        std::thread::scope(|scope| {
            let handles: Vec<_> = window
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                .collect();
            let mut all = Vec::with_capacity(window.len());
            for handle in handles {
                all.extend(
                    handle
                        .join()
                        .map_err(|_| anyhow!("a redaction thread failed"))?,
                );
            }
            Ok(all)
        })
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
    if rest[skip..].starts_with(payload) {
        return Some(from + skip);
    }
    memchr::memmem::find(rest, payload).map(|i| from + i)
}
