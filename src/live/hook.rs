//! Answers one request to `listen`: method, key and size first, then the
//! body is read (bounded in size and time), framed and checked as a file
//! input is, saved before the answer, forwarded, shown and counted.

use std::convert::Infallible;
use std::io::Cursor;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use bytes::Bytes;
use chrono::{SecondsFormat, Utc};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::{ALLOW, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::http::request::Parts;
use hyper::{Method, Request, Response};
use serde::Serialize;

use super::auth::{Key, is_secret_header, redact_query};
use super::capture::Capture;
use super::client::{Sender, Target};
use super::minify::minify;
use super::{Checked, Forwarded, Hook, Inspect, Outcome, Totals};
use crate::check::Finding;
use crate::input::{self, Event, ReadOptions};

/// Everything a request needs, shared by all connections.
pub struct State {
    pub inspect: Box<dyn Inspect>,
    pub key: Option<Key>,
    pub max_body: u64,
    pub body_timeout: Duration,
    pub reject_invalid: bool,
    pub capture: Option<Mutex<Capture>>,
    pub forward: Option<Forward>,
    /// Where each hook's output goes (the command writes it to stdout).
    pub lines: mpsc::Sender<Vec<u8>>,
    pub totals: Mutex<Totals>,
    seq: AtomicU64,
}

/// `--forward-to`: the target and the idle connections to it.
pub struct Forward {
    pub target: Target,
    pub timeout: Duration,
    idle: Mutex<Vec<Sender>>,
}

impl Forward {
    pub fn new(target: Target, timeout: Duration) -> Self {
        Forward {
            target,
            timeout,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Posts `body` on an idle connection (or a new one), and keeps the
    /// connection for the next hook.
    async fn send(&self, body: Bytes, content_type: &HeaderValue) -> Forwarded {
        let kept = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut sender =
            kept.unwrap_or_else(|| Sender::new(self.target.clone(), Vec::new(), self.timeout));
        let answer = sender.post(body, content_type).await;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(sender);
        }
        match answer {
            Ok(answer) => Forwarded::Answered {
                status: answer.status,
                latency: answer.latency,
            },
            Err(err) => Forwarded::Failed(format!("{err:#}")),
        }
    }
}

/// What a request must pass, from the command line.
#[derive(Debug, Clone)]
pub struct Rules {
    /// `--key`: the secret every request must carry.
    pub key: Option<Key>,
    /// `--max-body`, in bytes.
    pub max_body: u64,
    /// `--read-timeout`, for the body.
    pub body_timeout: Duration,
    /// `--reject-invalid`: 422 for a payload with errors.
    pub reject_invalid: bool,
}

impl State {
    pub fn new(
        inspect: Box<dyn Inspect>,
        rules: Rules,
        capture: Option<Capture>,
        forward: Option<Forward>,
        lines: mpsc::Sender<Vec<u8>>,
    ) -> Self {
        State {
            inspect,
            key: rules.key,
            max_body: rules.max_body,
            body_timeout: rules.body_timeout,
            reject_invalid: rules.reject_invalid,
            capture: capture.map(Mutex::new),
            forward,
            lines,
            totals: Mutex::new(Totals::default()),
            seq: AtomicU64::new(0),
        }
    }
}

/// The request as far as it is known before its body is read.
struct Arrival {
    hook: Hook,
    query: Option<String>,
    content_type: HeaderValue,
    headers: Vec<(String, String)>,
}

/// Answers one request; never fails (every trouble is an answer).
pub async fn handle(
    state: Arc<State>,
    remote: SocketAddr,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let mut arrival = arrive(&state, remote, &parts);
    let bytes = match admit(&state, &parts, body).await {
        Ok(bytes) => bytes,
        Err(reply) => return Ok(finish(&state, arrival.hook, reply, &[], false)),
    };
    let (reply, saved) = accept(&state, &mut arrival, &bytes).await;
    Ok(finish(&state, arrival.hook, reply, &bytes, saved))
}

/// The body, once the method, the key and the size allow it and it has
/// arrived in time.
async fn admit(state: &State, parts: &Parts, body: Incoming) -> Result<Bytes, Reply> {
    if let Some((status, reason)) = refuse_early(state, parts) {
        return Err(Reply::new(status, reason));
    }
    read_body(state, body)
        .await
        .map_err(|(status, reason)| Reply::new(status, reason))
}

/// Checks the body, then saves and forwards it if it is accepted; the
/// reply, and whether the hook went into the capture.
async fn accept(state: &Arc<State>, arrival: &mut Arrival, bytes: &Bytes) -> (Reply, bool) {
    let (checked, refusal) = examine(state, bytes).await;
    arrival.hook.outcome = Outcome::Checked(checked);
    if let Some(refusal) = refusal {
        return (refusal, false);
    }
    let saved = match save(state, arrival, bytes).await {
        Ok(saved) => saved,
        Err(reason) => return (Reply::new(500, reason), false),
    };
    if let Some(forward) = &state.forward {
        arrival.hook.forwarded = Some(forward.send(bytes.clone(), &arrival.content_type).await);
    }
    (Reply::accepted(), saved)
}

fn arrive(state: &State, remote: SocketAddr, parts: &Parts) -> Arrival {
    let key = state.key.as_ref();
    let query = parts.uri.query().map(|q| redact_query(q, key));
    let mut target = match key.is_some_and(|key| key.appears_in(parts.uri.path())) {
        true => "[a path holding the key]".to_string(),
        false => parts.uri.path().to_string(),
    };
    if let Some(query) = query.as_deref().filter(|q| !q.is_empty()) {
        target = format!("{target}?{query}");
    }
    let headers = parts
        .headers
        .iter()
        .filter(|(name, value)| {
            let holds_key =
                key.is_some_and(|key| key.appears_in(&String::from_utf8_lossy(value.as_bytes())));
            !is_secret_header(name.as_str()) && !holds_key
        })
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        })
        .collect();
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("application/json"));
    Arrival {
        hook: Hook {
            seq: state.seq.fetch_add(1, Ordering::Relaxed) + 1,
            received: Utc::now(),
            remote,
            method: parts.method.to_string(),
            target,
            status: 0,
            outcome: Outcome::Refused(String::new()),
            forwarded: None,
        },
        query,
        content_type,
        headers,
    }
}

/// 405, 401 and 413 (from `Content-Length`), before the body is read.
fn refuse_early(state: &State, parts: &Parts) -> Option<(u16, String)> {
    if parts.method != Method::POST {
        return Some((
            405,
            format!("method {} not allowed; POST a hook", parts.method),
        ));
    }
    if let Some(key) = &state.key {
        let authorization = parts.headers.get(AUTHORIZATION).map(|v| v.as_bytes());
        if !key.admits(authorization, parts.uri.query()) {
            return Some((401, "missing or wrong key".into()));
        }
    }
    let length = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match length {
        Some(length) if length > state.max_body => Some((413, too_large(state.max_body))),
        _ => None,
    }
}

fn too_large(max: u64) -> String {
    format!("body larger than --max-body ({max} bytes)")
}

/// The whole body, within `--max-body` bytes and the body timeout.
async fn read_body(state: &State, body: Incoming) -> Result<Bytes, (u16, String)> {
    let limit = usize::try_from(state.max_body).unwrap_or(usize::MAX);
    let collected = tokio::time::timeout(state.body_timeout, Limited::new(body, limit).collect());
    match collected.await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(err)) if err.is::<LengthLimitError>() => Err((413, too_large(state.max_body))),
        Ok(Err(err)) => Err((400, format!("cannot read the body: {err}"))),
        Err(_) => Err((
            408,
            format!(
                "body not received within {} s",
                state.body_timeout.as_secs()
            ),
        )),
    }
}

/// Frames the body as a file input is framed and checks each payload;
/// also says why the hook is refused, if it is: 400 for a body that is
/// not JSON, 422 for an invalid one with `--reject-invalid`.
async fn examine(state: &Arc<State>, bytes: &Bytes) -> (Vec<Checked>, Option<Reply>) {
    let (state, body) = (Arc::clone(state), bytes.clone());
    let examined = tokio::task::spawn_blocking(move || {
        let checked = check_body(state.inspect.as_ref(), body);
        let refusal = verdict(&checked, state.reject_invalid);
        (checked, refusal)
    })
    .await;
    examined.unwrap_or_else(|_| (Vec::new(), Some(Reply::new(500, "the check failed".into()))))
}

fn check_body(inspect: &dyn Inspect, body: Bytes) -> Vec<Checked> {
    let mut checked = Vec::new();
    // An empty or blank body holds no payload, as `[]` does: one answer
    // for the three (the reader would call the first two a syntax error).
    if body.iter().all(u8::is_ascii_whitespace) {
        return checked;
    }
    let options = ReadOptions {
        max_payload: 0,
        recursive: false,
        extract: false,
        lines: false,
    };
    // Reading from memory cannot fail.
    let _ = input::read_reader("body", Box::new(Cursor::new(body)), options, |event| {
        if let Event::Batch(batch) = event {
            checked.extend(batch.payloads().map(|p| inspect.inspect(&p)));
        }
        Ok(())
    });
    checked
}

fn verdict(checked: &[Checked], reject_invalid: bool) -> Option<Reply> {
    if checked.is_empty() {
        return Some(Reply::new(
            400,
            "the body holds no payload (it is empty, blank, or an empty array)".into(),
        ));
    }
    if let Some(broken) = checked.iter().find(|c| c.report.fault.is_some()) {
        let message = broken.report.findings.first().map(|f| f.message.as_str());
        return Some(Reply::new(
            400,
            not_json(message.unwrap_or("it does not parse")),
        ));
    }
    if reject_invalid && checked.iter().any(|c| !c.valid) {
        let findings = checked
            .iter()
            .flat_map(|c| c.report.findings.iter().cloned());
        return Some(Reply {
            status: 422,
            reason: "invalid payload".into(),
            findings: findings.collect(),
        });
    }
    None
}

/// The one wording of a 400 for a body that does not parse: `not JSON:`
/// and the parser's message (which may already start so).
fn not_json(message: &str) -> String {
    const WORDS: &str = "not JSON: ";
    format!("{WORDS}{}", message.strip_prefix(WORDS).unwrap_or(message))
}

/// Appends the hook to the capture (when there is one) before the answer.
async fn save(state: &Arc<State>, arrival: &Arrival, bytes: &Bytes) -> Result<bool, String> {
    if state.capture.is_none() {
        return Ok(false);
    }
    let meta = metadata(arrival, 200);
    let (state, body) = (Arc::clone(state), bytes.clone());
    let written = tokio::task::spawn_blocking(move || {
        let line = minify(&body);
        let Some(capture) = &state.capture else {
            return Ok(false);
        };
        let mut capture = capture
            .lock()
            .map_err(|_| "the capture is unusable".to_string())?;
        capture
            .append(&line, &meta)
            .map(|()| true)
            .map_err(|e| format!("{e:#}"))
    })
    .await;
    written.unwrap_or_else(|_| Err("the capture write failed".into()))
}

/// One line of `FILE.meta.ndjson`: no key, no `Authorization`.
#[derive(Serialize)]
struct Meta<'a> {
    received: String,
    remote: String,
    method: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    content_type: Option<&'a str>,
    headers: &'a [(String, String)],
    status: u16,
}

fn metadata(arrival: &Arrival, status: u16) -> Vec<u8> {
    let hook = &arrival.hook;
    let path = hook.target.split('?').next().unwrap_or("");
    let content_type = arrival
        .headers
        .iter()
        .find(|(name, _)| name == CONTENT_TYPE.as_str())
        .map(|(_, value)| value.as_str());
    let meta = Meta {
        received: hook.received.to_rfc3339_opts(SecondsFormat::Millis, true),
        remote: hook.remote.to_string(),
        method: &hook.method,
        path,
        query: arrival.query.as_deref(),
        content_type,
        headers: &arrival.headers,
        status,
    };
    serde_json::to_vec(&meta).unwrap_or_default()
}

/// The answer's status and what its body says.
struct Reply {
    status: u16,
    reason: String,
    findings: Vec<Finding>,
}

impl Reply {
    fn new(status: u16, reason: String) -> Self {
        Reply {
            status,
            reason,
            findings: Vec::new(),
        }
    }

    fn accepted() -> Self {
        Reply::new(200, String::new())
    }
}

#[derive(Serialize)]
struct ReplyBody<'a> {
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "<[Finding]>::is_empty")]
    findings: &'a [Finding],
}

/// Shows and counts the hook, and builds its answer.
fn finish(
    state: &State,
    mut hook: Hook,
    reply: Reply,
    body: &[u8],
    saved: bool,
) -> Response<Full<Bytes>> {
    hook.status = reply.status;
    let accepted = reply.status == 200;
    // A refused body (400) is shown in the words of its answer, as every
    // refusal is; a 422 keeps its payloads' findings.
    let refused = matches!(hook.outcome, Outcome::Refused(_));
    if !accepted && (refused || reply.status == 400 || reply.status >= 500) {
        hook.outcome = Outcome::Refused(reply.reason.clone());
    }
    // The command reads the lines until the server has stopped.
    let _ = state.lines.send(state.inspect.show(&hook, body));
    if let Ok(mut totals) = state.totals.lock() {
        totals.count(&hook, saved);
    }
    response(&reply)
}

/// The HTTP answer: the status, and a JSON body saying why.
fn response(reply: &Reply) -> Response<Full<Bytes>> {
    let accepted = reply.status == 200;
    let answer = ReplyBody {
        status: if accepted { "accepted" } else { "refused" },
        error: (!accepted).then_some(reply.reason.as_str()),
        findings: &reply.findings,
    };
    let mut bytes = serde_json::to_vec(&answer).unwrap_or_default();
    bytes.push(b'\n');
    let mut response = Response::new(Full::new(Bytes::from(bytes)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if reply.status == 405 {
        headers.insert(ALLOW, HeaderValue::from_static("POST"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Code, Report};
    use crate::schema::Severity;

    fn checked(code: Option<Code>, fault: bool) -> Checked {
        let findings = code.into_iter().map(|code| Finding {
            severity: Severity::Error,
            code,
            pointer: String::new(),
            message: "expected value at line 1 column 6".into(),
        });
        let report = Report {
            findings: findings.collect(),
            fault: fault.then_some((1, 6)),
            ..Report::default()
        };
        let valid = report.passes(false);
        Checked { report, valid }
    }

    #[test]
    fn the_verdict_is_400_for_no_payload_or_broken_json_then_422_if_asked() {
        let status = |checked: &[Checked], reject| verdict(checked, reject).map(|r| r.status);
        assert_eq!(status(&[], false), Some(400));
        let broken = [checked(Some(Code::JsonSyntax), true)];
        assert_eq!(status(&broken, true), Some(400));
        let reason = verdict(&broken, false).map(|r| r.reason);
        assert_eq!(
            reason.as_deref(),
            Some("not JSON: expected value at line 1 column 6")
        );
        assert_eq!(
            not_json("not JSON: a line of text at line 1 column 1"),
            "not JSON: a line of text at line 1 column 1",
            "said once"
        );
        let invalid = [
            checked(None, false),
            checked(Some(Code::MissingField), false),
        ];
        assert_eq!(status(&invalid, false), None);
        let reply = verdict(&invalid, true).expect("refused");
        assert_eq!((reply.status, reply.findings.len()), (422, 1));
        assert_eq!(status(&[checked(None, false)], true), None);
    }
}
