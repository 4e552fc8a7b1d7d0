//! Live hooks: `listen` receives webhooks over HTTP, checks each as
//! `check` does, saves and forwards it; `replay` sends captured payloads
//! again. [`server`] runs the listener, [`hook`] answers one request,
//! [`capture`] appends to the capture file, [`client`] posts to a URL,
//! [`auth`] holds the key, [`minify`] gives the capture form of a body.
//! This layer returns data ([`Hook`], [`Totals`]); `cmd` renders it.

pub mod auth;
pub mod capture;
pub mod client;
pub mod hook;
pub mod minify;
pub mod server;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::check::Report;
use crate::input::Payload;

/// One request as `listen` saw and answered it.
#[derive(Debug)]
pub struct Hook {
    /// Its number, from 1, in the order requests arrived.
    pub seq: u64,
    pub received: DateTime<Utc>,
    pub remote: SocketAddr,
    pub method: String,
    /// The path, and the query without its `key` parameter.
    pub target: String,
    /// The answer's status code.
    pub status: u16,
    pub outcome: Outcome,
    /// What `--forward-to` got.
    pub forwarded: Option<Forwarded>,
}

/// What became of a request.
#[derive(Debug)]
pub enum Outcome {
    /// The body was read and checked: one report per payload in it
    /// (a body holding an array of payloads has several).
    Checked(Vec<Checked>),
    /// Refused before checking (401, 405, 413, 400 ...), and why.
    Refused(String),
}

/// One payload's check.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    /// Whether it passes (no error; with `--strict` no warning either).
    pub valid: bool,
}

/// The answer of the `--forward-to` service.
#[derive(Debug, Clone)]
pub enum Forwarded {
    Answered { status: u16, latency: Duration },
    Failed(String),
}

/// How `listen` checks a payload and shows a hook: given by the command,
/// so that this layer neither checks nor renders by itself.
pub trait Inspect: Send + Sync + 'static {
    /// Checks one payload of a body, as `check` does.
    fn inspect(&self, payload: &Payload<'_>) -> Checked;
    /// The output for one hook (whole lines); `body` is the request body.
    fn show(&self, hook: &Hook, body: &[u8]) -> Vec<u8>;
}

/// Counts over a `listen` run, printed when it stops.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub requests: u64,
    /// Requests per answer status.
    pub by_status: BTreeMap<u16, u64>,
    /// Payloads checked, and those that did not pass.
    pub payloads: u64,
    pub invalid: u64,
    /// Hooks written to the capture.
    pub saved: u64,
    /// Hooks forwarded and answered 2xx, and the others.
    pub forwarded_ok: u64,
    pub forward_failed: u64,
}

impl Totals {
    pub fn count(&mut self, hook: &Hook, saved: bool) {
        self.requests += 1;
        *self.by_status.entry(hook.status).or_default() += 1;
        if let Outcome::Checked(checked) = &hook.outcome {
            self.payloads += checked.len() as u64;
            self.invalid += checked.iter().filter(|c| !c.valid).count() as u64;
        }
        self.saved += u64::from(saved);
        match &hook.forwarded {
            Some(Forwarded::Answered { status, .. }) if (200..300).contains(status) => {
                self.forwarded_ok += 1
            }
            Some(_) => self.forward_failed += 1,
            None => {}
        }
    }
}
