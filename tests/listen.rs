//! `hookscope listen` and `hookscope replay` over loopback: answers,
//! the capture byte for byte, the key, limits, signals, forwarding,
//! replaying a capture, and a bounded load test.

mod listen {
    pub mod server;
}

use std::io::Write;
use std::time::{Duration, Instant};

use listen::server::{Server, connect, hookscope, post, raw, read, read_answer, sample, scratch};

const PRETTY: &str = "{\n  \"hookType\" : \"call_finished\",\n  \"hookDescription\": \"Chamada   finalizada \\\"x\\\" \\\\\",\n  \"timestamp\": \"2025-04-23T15:41:35.266Z\",\n  \"content\": { \"id\": \"68090a14c44d41ed6a30baeb\", \"n\": 1.50E+3, \"n\": -0.0,\n    \"nome\": \"Jo\u{e3}o \\u00e3 \u{1F600}\"\r\n  }\n}\n";
const PRETTY_LINE: &str = "{\"hookType\":\"call_finished\",\"hookDescription\":\"Chamada   finalizada \\\"x\\\" \\\\\",\"timestamp\":\"2025-04-23T15:41:35.266Z\",\"content\":{\"id\":\"68090a14c44d41ed6a30baeb\",\"n\":1.50E+3,\"n\":-0.0,\"nome\":\"Jo\u{e3}o \\u00e3 \u{1F600}\"}}";

/// The samples, each as posted, and the line the capture must hold.
fn samples() -> Vec<(Vec<u8>, Vec<u8>)> {
    let golden = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/listen/samples.expected.ndjson"
    ))
    .expect("golden capture");
    let mut lines = golden.split(|b| *b == b'\n').map(<[u8]>::to_vec);
    let mut posted = Vec::new();
    for name in [
        "piperun/talk.json",
        "nuvidio/attendant_closed_issue.complete.json",
        "nuvidio/attendant_closed_issue.incomplete.json",
    ] {
        posted.push((sample(name), lines.next().expect("a golden line")));
    }
    for line in String::from_utf8(sample("batch.ndjson"))
        .expect("utf-8")
        .lines()
    {
        // Already on one line: the capture holds it unchanged.
        posted.push((line.as_bytes().to_vec(), line.as_bytes().to_vec()));
    }
    posted.push((PRETTY.as_bytes().to_vec(), PRETTY_LINE.as_bytes().to_vec()));
    posted
}

#[test]
fn every_sample_is_captured_byte_for_byte() {
    let dir = scratch("samples");
    let server = Server::start(&dir, &["--save", "cap.ndjson"]);
    let posted = samples();
    for (body, _) in &posted {
        let answer = post(&server.addr, "/hooks?source=test", &[], body);
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let stopped = server.stop();
    assert!(stopped.status.success(), "{}", stopped.stderr);
    let mut expected = Vec::new();
    for (_, line) in &posted {
        expected.extend_from_slice(line);
        expected.push(b'\n');
    }
    let capture = std::fs::read(dir.join("cap.ndjson")).expect("capture");
    assert_eq!(
        String::from_utf8_lossy(&capture),
        String::from_utf8_lossy(&expected)
    );
    // The golden lines are the samples, whitespace aside.
    for (body, line) in &posted {
        let a: serde_json::Value = serde_json::from_slice(body).expect("sample parses");
        let b: serde_json::Value = serde_json::from_slice(line).expect("line parses");
        assert_eq!(a, b);
    }
    let meta = read(&dir.join("cap.ndjson.meta.ndjson"));
    assert_eq!(meta.lines().count(), posted.len());
    let first: serde_json::Value =
        serde_json::from_str(meta.lines().next().expect("meta")).expect("json");
    assert_eq!(first["path"], "/hooks");
    assert_eq!(first["query"], "source=test");
    assert_eq!(first["status"], 200);
    assert_eq!(first["content_type"], "application/json");
    // One line per payload on stdout, then the totals on stderr.
    assert_eq!(
        stopped.stdout.lines().count(),
        posted.len(),
        "{}",
        stopped.stdout
    );
    assert!(
        stopped
            .stdout
            .lines()
            .next()
            .expect("a line")
            .contains("  200  piperun  talk  ")
    );
    assert!(
        stopped
            .stderr
            .contains(&format!("{} saved to cap.ndjson", posted.len())),
        "{}",
        stopped.stderr
    );
    // The capture is an ordinary input.
    let checked = hookscope(&dir, &["check", "--no-config", "cap.ndjson"]);
    assert!(
        checked
            .stdout
            .contains(&format!("{} payloads", posted.len())),
        "{}",
        checked.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_or_missing_key_gets_401_and_the_key_is_never_shown() {
    let dir = scratch("key");
    let key = "k3y-Zq9";
    let server = Server::start(
        &dir,
        &["--save", "cap.ndjson", "--key", key, "--format", "json"],
    );
    let body = sample("piperun/talk.json");
    assert_eq!(post(&server.addr, "/", &[], &body).status, 401);
    assert_eq!(
        post(&server.addr, "/", &["Authorization: Bearer nope"], &body).status,
        401
    );
    assert_eq!(post(&server.addr, "/?key=nope", &[], &body).status, 401);
    // The key where hookscope does not take it is refused, and not shown.
    let misplaced = format!("/?KEY={key}&token={key}");
    assert_eq!(post(&server.addr, &misplaced, &[], &body).status, 401);
    let custom = format!("X-Api-Key: {key}");
    assert_eq!(post(&server.addr, "/", &[&custom], &body).status, 401);
    assert_eq!(
        post(&server.addr, &format!("/{key}"), &[], &body).status,
        401
    );
    assert_eq!(
        read(&dir.join("cap.ndjson")),
        "",
        "refused hooks are not saved"
    );
    let auth = format!("Authorization: {key}");
    let bearer = format!("Authorization: Bearer {key}");
    assert_eq!(post(&server.addr, "/a", &[&auth], &body).status, 200);
    assert_eq!(
        post(&server.addr, "/b", &[&bearer, &custom], &body).status,
        200
    );
    assert_eq!(
        post(&server.addr, &format!("/c?x=1&key={key}"), &[], &body).status,
        200
    );
    let stopped = server.stop();
    assert!(stopped.status.success());
    let refused: Vec<&str> = stopped
        .stdout
        .lines()
        .filter(|l| l.contains("\"status\":401"))
        .collect();
    assert_eq!(refused.len(), 6, "{}", stopped.stdout);
    assert!(refused[0].contains("missing or wrong key"));
    let meta = read(&dir.join("cap.ndjson.meta.ndjson"));
    assert_eq!(meta.lines().count(), 3);
    assert!(meta.contains("\"query\":\"x=1\""), "{meta}");
    assert!(
        !meta.to_ascii_lowercase().contains("authorization"),
        "{meta}"
    );
    for text in [
        &stopped.stdout,
        &stopped.stderr,
        &meta,
        &read(&dir.join("cap.ndjson")),
    ] {
        assert!(!text.contains(key), "the key leaked: {text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn size_json_and_method_get_their_status_codes() {
    let dir = scratch("codes");
    let server = Server::start(&dir, &["--save", "cap.ndjson", "--max-body", "1K"]);
    let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(2048));
    let answer = post(&server.addr, "/", &[], big.as_bytes());
    assert_eq!(answer.status, 413, "{}", answer.body);
    // Chunked, without a length: refused once the limit is passed.
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n",
        server.addr
    );
    let mut chunked = Vec::new();
    for _ in 0..4 {
        write!(chunked, "200\r\n{}\r\n", "y".repeat(0x200)).expect("vec");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(
        raw(&server.addr, &head, &chunked).expect("answer").status,
        413
    );
    let answer = post(&server.addr, "/", &[], b"this is not json");
    assert_eq!(answer.status, 400);
    assert!(
        answer
            .body
            .contains(r#""error":"not JSON: a line of text at line 1 column 1""#),
        "{}",
        answer.body
    );
    // Every body that does not parse is answered in the same words.
    let answer = post(&server.addr, "/", &[], b"{\"a\": tru}");
    assert_eq!(answer.status, 400);
    assert!(
        answer
            .body
            .contains(r#""error":"not JSON: expected true, false or null at line 1 column 10""#),
        "{}",
        answer.body
    );
    assert_eq!(post(&server.addr, "/", &[], b"  ").status, 400);
    let get = format!("GET / HTTP/1.1\r\nHost: {}\r\n", server.addr);
    assert_eq!(raw(&server.addr, &get, b"").expect("answer").status, 405);
    // A small hook still fits.
    assert_eq!(post(&server.addr, "/", &[], b"{\"a\":1}").status, 200);
    let stopped = server.stop();
    assert_eq!(read(&dir.join("cap.ndjson")), "{\"a\":1}\n");
    // Each refused body has its line, in the words of its answer.
    for said in [
        "  400  POST /  refused: not JSON: a line of text at line 1 column 1\n",
        "  400  POST /  refused: not JSON: expected true, false or null at line 1 column 10\n",
        "  400  POST /  refused: the body holds no payload (it is empty, blank, or an empty array)\n",
    ] {
        assert!(stopped.stdout.contains(said), "{said}: {}", stopped.stdout);
    }
    assert!(
        stopped
            .stderr
            .contains("7 requests (1 200, 3 400, 1 405, 2 413)"),
        "{}",
        stopped.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reject_invalid_answers_422_with_the_findings() {
    let dir = scratch("reject");
    let server = Server::start(&dir, &["--save", "cap.ndjson", "--reject-invalid"]);
    let bad = br#"{"hookType":"call_finished","hookDescription":"x","timestamp":"bad","content":{"id":"1"}}"#;
    let answer = post(&server.addr, "/", &[], bad);
    assert_eq!(answer.status, 422);
    let body: serde_json::Value = serde_json::from_str(&answer.body).expect("json answer");
    let codes: Vec<&str> = body["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert_eq!(codes, ["bad-datetime", "bad-id"]);
    assert_eq!(body["findings"][0]["path"], "/timestamp");
    let good = sample("nuvidio/attendant_closed_issue.incomplete.json");
    assert_eq!(post(&server.addr, "/", &[], &good).status, 200);
    let stopped = server.stop();
    assert_eq!(read(&dir.join("cap.ndjson")).lines().count(), 1);
    assert!(
        stopped.stdout.contains("  422  nuvidio  call_finished"),
        "{}",
        stopped.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_hook_answered_200_survives_kill_9() {
    let dir = scratch("kill9");
    let server = Server::start(&dir, &["--save", "cap.ndjson"]);
    let answer = post(&server.addr, "/", &[], PRETTY.as_bytes());
    assert_eq!(answer.status, 200);
    let stopped = server.kill9();
    assert!(!stopped.status.success());
    assert_eq!(read(&dir.join("cap.ndjson")), format!("{PRETTY_LINE}\n"));
    assert_eq!(read(&dir.join("cap.ndjson.meta.ndjson")).lines().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigterm_finishes_the_requests_in_flight() {
    let dir = scratch("sigterm");
    let server = Server::start(&dir, &["--save", "cap.ndjson"]);
    let body = sample("piperun/talk.json");
    let (head, rest) = body.split_at(100);
    // Requests started: headers and part of the body sent.
    let mut streams = Vec::new();
    for i in 0..3 {
        let mut stream = connect(&server.addr).expect("connects");
        let request = format!(
            "POST /{i} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            server.addr,
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("head");
        stream.write_all(head).expect("part of the body");
        streams.push(stream);
    }
    // Wait until the server has read them, then tell it to stop.
    std::thread::sleep(Duration::from_millis(500));
    server.signal("TERM");
    std::thread::sleep(Duration::from_millis(200));
    for stream in &mut streams {
        stream.write_all(rest).expect("the rest of the body");
    }
    for stream in &mut streams {
        assert_eq!(read_answer(stream).expect("answered").status, 200);
    }
    let stopped = server.stop_after_signal();
    assert!(
        stopped.status.success(),
        "{:?} {}",
        stopped.status,
        stopped.stderr
    );
    assert_eq!(read(&dir.join("cap.ndjson")).lines().count(), 3);
    assert!(
        stopped.stderr.contains("3 requests (3 200)"),
        "{}",
        stopped.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hooks_are_forwarded_and_a_replayed_capture_is_byte_identical() {
    let dir = scratch("forward");
    let downstream = Server::start(&dir, &["--save", "down.ndjson"]);
    let down_url = downstream.url("/dev/hooks");
    let upstream = Server::start(&dir, &["--save", "up.ndjson", "--forward-to", &down_url]);
    let posted = samples();
    for (body, _) in &posted {
        assert_eq!(post(&upstream.addr, "/", &[], body).status, 200);
    }
    let up = upstream.stop();
    let down = downstream.stop();
    assert_eq!(
        up.stdout.matches("  -> 200 ").count(),
        posted.len(),
        "{}",
        up.stdout
    );
    assert!(
        up.stderr
            .contains(&format!("forwarded {} 2xx, 0 not", posted.len()))
    );
    let up_capture = read(&dir.join("up.ndjson"));
    same_lines(&read(&dir.join("down.ndjson")), &up_capture);
    assert!(read(&dir.join("down.ndjson.meta.ndjson")).contains("\"path\":\"/dev/hooks\""));
    assert_eq!(down.stdout.lines().count(), posted.len());

    // Replay the capture into a third listener: the same capture again.
    let third = Server::start(&dir, &["--save", "again.ndjson"]);
    let replayed = hookscope(&dir, &["replay", "up.ndjson", "--to", &third.url("/")]);
    // With 4 at once they arrive in any order: the same lines, sorted.
    let fourth = Server::start(&dir, &["--save", "any-order.ndjson"]);
    let at_once = hookscope(
        &dir,
        &[
            "replay",
            "up.ndjson",
            "--to",
            &fourth.url("/"),
            "--concurrency",
            "4",
        ],
    );
    assert!(fourth.stop().status.success());
    assert!(at_once.status.success(), "{}", at_once.stderr);
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    assert_eq!(
        sorted(&read(&dir.join("any-order.ndjson"))),
        sorted(&up_capture)
    );
    let stopped = third.stop();
    assert!(replayed.status.success(), "{}", replayed.stderr);
    assert_eq!(replayed.stdout.lines().count(), posted.len());
    assert!(
        replayed.stdout.lines().all(|l| l.contains("\t200\t")),
        "{}",
        replayed.stdout
    );
    assert!(
        replayed.stdout.starts_with("up.ndjson:1\t200\t"),
        "{}",
        replayed.stdout
    );
    assert!(stopped.status.success());
    same_lines(&read(&dir.join("again.ndjson")), &up_capture);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The two captures are byte-identical (compared line by line first, for
/// a readable failure).
fn same_lines(got: &str, want: &str) {
    for (i, (a, b)) in got.lines().zip(want.lines()).enumerate() {
        assert!(a == b, "line {} differs:\n{:.300}\n{:.300}", i + 1, a, b);
    }
    assert_eq!(got.lines().count(), want.lines().count());
    assert!(got == want);
}

/// Issue 15: a body of several hooks (NDJSON, an array) is one capture
/// line, and `replay` sends that line as one request, so replaying a
/// capture gives the same capture, line for line.
#[test]
fn a_replayed_capture_of_multi_hook_bodies_is_byte_identical() {
    let dir = scratch("replay-lines");
    let first = Server::start(&dir, &["--save", "a.ndjson"]);
    let talk = String::from_utf8(sample("piperun/talk.json")).expect("utf-8");
    let closed =
        String::from_utf8(sample("nuvidio/attendant_closed_issue.complete.json")).expect("utf-8");
    let array = format!("[\n{talk},\n{closed}\n]\n");
    let mut bodies = vec![sample("batch.ndjson"), array.into_bytes()];
    for name in [
        "piperun/talk.json",
        "nuvidio/attendant_closed_issue.complete.json",
        "nuvidio/attendant_closed_issue.incomplete.json",
    ] {
        bodies.push(sample(name));
    }
    for body in &bodies {
        let answer = post(&first.addr, "/", &[], body);
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    assert!(first.stop().status.success());
    let capture = read(&dir.join("a.ndjson"));
    assert_eq!(capture.lines().count(), bodies.len(), "{capture}");
    assert!(capture.starts_with("{\""), "{capture}");
    assert!(capture.lines().nth(1).expect("the array").starts_with("[{"));

    let second = Server::start(&dir, &["--save", "b.ndjson"]);
    let replayed = hookscope(&dir, &["replay", "a.ndjson", "--to", &second.url("/")]);
    let json = hookscope(
        &dir,
        &[
            "replay",
            "a.ndjson",
            "--to",
            &second.url("/"),
            "--format",
            "json",
        ],
    );
    assert!(second.stop().status.success());
    assert!(replayed.status.success(), "{}", replayed.stderr);
    // One row per request, labelled by its line, with the payloads of a
    // line of several.
    let rows: Vec<&str> = replayed.stdout.lines().collect();
    assert_eq!(rows.len(), bodies.len(), "{}", replayed.stdout);
    assert!(rows[0].starts_with("a.ndjson:1\t200\t"), "{}", rows[0]);
    assert!(rows[0].ends_with("\t3 payloads"), "{}", rows[0]);
    assert!(rows[1].starts_with("a.ndjson:2\t200\t"), "{}", rows[1]);
    assert!(rows[1].ends_with("\t2 payloads"), "{}", rows[1]);
    assert!(rows[2].starts_with("a.ndjson:3\t200\t"), "{}", rows[2]);
    assert!(!rows[2].contains("payloads"), "{}", rows[2]);
    assert!(
        replayed
            .stderr
            .contains("replayed 5 requests: 5 answered 2xx"),
        "{}",
        replayed.stderr
    );
    let json_rows: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON row"))
        .collect();
    assert_eq!(json_rows.len(), bodies.len(), "{}", json.stdout);
    assert_eq!(json_rows[0]["source"], "a.ndjson:1");
    assert_eq!(json_rows[0]["payloads"], 3);
    assert_eq!(json_rows[1]["payloads"], 2);
    assert!(json_rows[2].get("payloads").is_none(), "{}", json_rows[2]);

    // The first replay's capture is the first capture, byte for byte (the
    // second replay appended the same lines again).
    let again = read(&dir.join("b.ndjson"));
    let once: String = again.split_inclusive('\n').take(bodies.len()).collect();
    same_lines(&once, &capture);
    assert_eq!(again, format!("{capture}{capture}"));
    let meta_a = read(&dir.join("a.ndjson.meta.ndjson"));
    let meta_b = read(&dir.join("b.ndjson.meta.ndjson"));
    assert_eq!(meta_a.lines().count(), bodies.len());
    assert_eq!(meta_b.lines().count(), 2 * bodies.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--only-invalid` sends a line of several payloads, whole, when any of
/// them is invalid, and leaves a line of valid ones.
#[test]
fn only_invalid_sends_a_line_of_several_when_one_is_invalid() {
    let dir = scratch("replay-lines-invalid");
    let batch = String::from_utf8(sample("batch.ndjson")).expect("utf-8");
    let hooks: Vec<&str> = batch.lines().collect();
    // The batch's third hook is invalid (`check samples/batch.ndjson`).
    let (good, other, bad) = (hooks[0], hooks[1], hooks[2]);
    let mixed = format!("[{good},{bad}]");
    let input = format!("{good}{other}\n{good} {bad}\r\n{mixed}\n");
    std::fs::write(dir.join("in.ndjson"), input).expect("input");
    let server = Server::start(&dir, &["--save", "cap.ndjson"]);
    let replayed = hookscope(
        &dir,
        &[
            "replay",
            "in.ndjson",
            "--to",
            &server.url("/"),
            "--only-invalid",
            "--no-config",
        ],
    );
    assert!(server.stop().status.success());
    assert!(replayed.status.success(), "{}", replayed.stderr);
    let rows: Vec<&str> = replayed.stdout.lines().collect();
    assert_eq!(rows.len(), 2, "{}", replayed.stdout);
    assert!(rows[0].starts_with("in.ndjson:2\t200\t"), "{}", rows[0]);
    assert!(rows[0].ends_with("\t2 payloads"), "{}", rows[0]);
    assert!(rows[1].starts_with("in.ndjson:3\t200\t"), "{}", rows[1]);
    // listen saves the body minified: the space between the values goes.
    assert_eq!(
        read(&dir.join("cap.ndjson")),
        format!("{good}{bad}\n{mixed}\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn replay_reports_non_2xx_with_1_and_an_unreachable_url_with_2() {
    let dir = scratch("replay-status");
    std::fs::write(dir.join("in.ndjson"), "{\"a\":1}\nnot json\n{\"b\":2}\n").expect("input");
    let server = Server::start(&dir, &["--key", "s"]);
    let url = server.url("/");
    let refused = hookscope(
        &dir,
        &["replay", "in.ndjson", "--to", &url, "--format", "json"],
    );
    assert_eq!(refused.status.code(), Some(1), "{}", refused.stderr);
    let rows: Vec<serde_json::Value> = refused
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json row"))
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["status"], 401);
    assert!(
        rows[1]["error"]
            .as_str()
            .expect("error")
            .contains("not JSON")
    );
    let keyed = hookscope(&dir, &["replay", "in.ndjson", "--to", &url, "--key", "s"]);
    assert_eq!(
        keyed.status.code(),
        Some(1),
        "the unreadable line: {}",
        keyed.stdout
    );
    assert_eq!(keyed.stdout.matches("\t200\t").count(), 2);
    drop(server);
    let unreachable = hookscope(&dir, &["replay", "in.ndjson", "--to", &url]);
    assert_eq!(unreachable.status.code(), Some(2), "{}", unreachable.stdout);
    // The first payload finds the URL unreachable; the rest are reported
    // without waiting for it again.
    let rows: Vec<&str> = unreachable.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "{}", unreachable.stdout);
    assert!(
        rows[0].starts_with("in.ndjson:1\terror\tcannot connect to 127.0.0.1:"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("in.ndjson:2\tunreadable\t"),
        "{}",
        rows[1]
    );
    assert_eq!(
        rows[2],
        "in.ndjson:3\terror\tnot sent: the URL could not be reached"
    );
    let https = hookscope(
        &dir,
        &["replay", "in.ndjson", "--to", "https://example.com/"],
    );
    assert_eq!(https.status.code(), Some(2));
    assert!(
        https.stderr.contains("https is not supported"),
        "{}",
        https.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// 64 clients post 5,000 hooks: each one answered 2xx is in the capture
/// exactly once, no line is torn, and listen stays under 100 MB.
#[test]
fn load_64_clients_5000_hooks() {
    const CLIENTS: usize = 64;
    const HOOKS: usize = 5000;
    let dir = scratch("load");
    let server = Server::start(&dir, &["--save", "cap.ndjson", "--format", "json"]);
    let start = Instant::now();
    let deadline = Duration::from_secs(240);
    let accepted: Vec<Vec<usize>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let addr = server.addr.clone();
                scope.spawn(move || {
                    let mut ok = Vec::new();
                    for n in (client..HOOKS).step_by(CLIENTS) {
                        if start.elapsed() > deadline {
                            break;
                        }
                        let body = format!(
                            "{{ \"hookType\": \"call_finished\", \"hookDescription\": \"load {n}\",\n  \"timestamp\": \"2025-04-23T15:41:35.266Z\", \"content\": {{ \"id\": \"{n:024x}\", \"pad\": \"{}\" }} }}",
                            "p ".repeat(n % 200)
                        );
                        let head = format!(
                            "POST /load HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\n",
                            body.len()
                        );
                        if let Ok(answer) = raw(&addr, &head, body.as_bytes())
                            && (200..300).contains(&answer.status)
                        {
                            ok.push(n);
                        }
                    }
                    ok
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client"))
            .collect()
    });
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).expect("status");
    let stopped = server.stop();
    assert!(stopped.status.success());
    assert!(start.elapsed() < deadline, "took {:?}", start.elapsed());
    let mut ids: Vec<usize> = accepted.into_iter().flatten().collect();
    ids.sort_unstable();
    assert_eq!(ids.len(), HOOKS, "every hook answered 2xx");
    let capture = read(&dir.join("cap.ndjson"));
    let mut seen = Vec::new();
    for line in capture.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("a whole JSON line");
        let id = value["content"]["id"].as_str().expect("id");
        seen.push(usize::from_str_radix(id, 16).expect("hex id"));
    }
    seen.sort_unstable();
    assert_eq!(seen, ids, "each accepted hook once");
    assert_eq!(
        read(&dir.join("cap.ndjson.meta.ndjson")).lines().count(),
        HOOKS
    );
    let hwm_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    eprintln!("listen's peak memory (VmHWM) in the load test: {hwm_kb} kB");
    assert!(hwm_kb < 100 * 1024, "peak memory {hwm_kb} kB");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_slow_client_is_cut_off_by_the_read_timeouts() {
    let dir = scratch("slow");
    let server = Server::start(&dir, &["--read-timeout", "1"]);
    let start = Instant::now();
    // Headers never finished: the connection is closed.
    let mut headers_only = connect(&server.addr).expect("connects");
    headers_only
        .write_all(b"POST / HTTP/1.1\r\nHost: x\r\n")
        .expect("part of the headers");
    let mut rest = Vec::new();
    // The server closes it (end of stream) well before our own 20 s.
    let closed = std::io::Read::read_to_end(&mut headers_only, &mut rest);
    assert!(closed.is_ok(), "{closed:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // A body that stops coming: 408.
    let start = Instant::now();
    let mut slow_body = connect(&server.addr).expect("connects");
    let head =
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"a\":";
    slow_body.write_all(head.as_bytes()).expect("head");
    let answer = read_answer(&mut slow_body).expect("an answer");
    assert_eq!(answer.status, 408);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    let stopped = server.stop();
    assert!(
        stopped
            .stdout
            .contains("  408  POST /  refused: body not received within 1 s"),
        "{}",
        stopped.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summary_shows_each_hook_whole() {
    let dir = scratch("summary");
    let server = Server::start(&dir, &["--summary"]);
    let body = sample("nuvidio/attendant_closed_issue.incomplete.json");
    assert_eq!(post(&server.addr, "/", &[], &body).status, 200);
    assert_eq!(post(&server.addr, "/", &[], b"nope").status, 400);
    let stopped = server.stop();
    let summary = hookscope(
        &dir,
        &[
            "summary",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/samples/nuvidio/attendant_closed_issue.incomplete.json"
            ),
        ],
    );
    assert!(
        summary.status.success() && summary.stdout.len() > 200,
        "{}",
        summary.stderr
    );
    // The hook's line, then the summary exactly as `summary` prints it.
    let (first, rest) = stopped.stdout.split_once('\n').expect("lines");
    assert!(
        first.contains("  200  nuvidio  attendant_closed_issue/incomplete  "),
        "{first}"
    );
    let (label, whole) = summary.stdout.split_once('\n').expect("a summary");
    assert!(label.ends_with(".json:1  nuvidio attendant_closed_issue/incomplete"));
    assert!(
        rest.starts_with("hook 1:1  nuvidio attendant_closed_issue/incomplete\n"),
        "{rest}"
    );
    assert!(rest.contains(whole), "{rest}\n---\n{whole}");
    // A refused body is shown in the words of its answer.
    assert!(
        rest.ends_with("  400  POST /  refused: not JSON: a line of text at line 1 column 1\n"),
        "{rest}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn replay_sends_headers_keys_at_its_rate_and_only_invalid_ones() {
    let dir = scratch("replay-options");
    let bad = r#"{"hookType":"call_finished","hookDescription":"x","timestamp":"bad","content":{"id":"1"}}"#;
    let good = String::from_utf8(sample("batch.ndjson")).expect("utf-8");
    std::fs::write(dir.join("in.ndjson"), format!("{good}{bad}\n{bad}\n")).expect("input");
    let server = Server::start(&dir, &["--save", "cap.ndjson", "--key", "s"]);
    let start = Instant::now();
    let replayed = hookscope(
        &dir,
        &[
            "replay",
            "in.ndjson",
            "--to",
            &server.url("/r"),
            "--header",
            "X-Trace: t1",
            "--key",
            "s",
            "--rate",
            "10",
            "--only-invalid",
            "--no-config",
        ],
    );
    // Three payloads at 10 per second: the third waits 200 ms at least.
    assert!(start.elapsed() >= Duration::from_millis(200));
    let stopped = server.stop();
    assert!(replayed.status.success(), "{}", replayed.stderr);
    // The batch's third hook is invalid too (`check samples/batch.ndjson`).
    let third = good.lines().nth(2).expect("three hooks");
    assert_eq!(replayed.stdout.lines().count(), 3, "{}", replayed.stdout);
    assert!(
        replayed.stdout.starts_with("in.ndjson:3\t200\t"),
        "{}",
        replayed.stdout
    );
    assert_eq!(
        read(&dir.join("cap.ndjson")),
        format!("{third}\n{bad}\n{bad}\n")
    );
    let meta = read(&dir.join("cap.ndjson.meta.ndjson"));
    assert_eq!(meta.matches("[\"x-trace\",\"t1\"]").count(), 3, "{meta}");
    assert!(!meta.contains("\"s\""), "{meta}");
    assert!(
        replayed
            .stderr
            .contains("replayed 3 requests: 3 answered 2xx"),
        "{}",
        replayed.stderr
    );
    assert!(stopped.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigint_stops_as_sigterm_does_and_an_empty_key_is_refused() {
    let dir = scratch("sigint");
    let server = Server::start(&dir, &["--save", "cap.ndjson", "--fsync"]);
    assert_eq!(post(&server.addr, "/", &[], b"{\"a\":1}").status, 200);
    // An idle connection does not hold the stop for the 30 s grace.
    let idle = connect(&server.addr).expect("connects");
    std::thread::sleep(Duration::from_millis(100));
    let start = Instant::now();
    server.signal("INT");
    let stopped = server.stop_after_signal();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    drop(idle);
    assert_eq!(read(&dir.join("cap.ndjson")), "{\"a\":1}\n");
    assert!(stopped.status.success(), "{:?}", stopped.status);
    assert!(
        stopped
            .stderr
            .ends_with("1 request (1 200); 1 payload checked, 1 invalid; 1 saved to cap.ndjson\n"),
        "{}",
        stopped.stderr
    );
    let empty = hookscope(&dir, &["listen", "--port", "0", "--key", ""]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(empty.stderr.contains("--key is empty"), "{}", empty.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}
