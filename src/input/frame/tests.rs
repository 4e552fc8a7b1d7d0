use super::*;

/// Each frame as `label text`: the label as the reader prints it (`LINE` or
/// `LINE:COLUMN`), the payload text, `BROKEN message` or `TOO LARGE`.
fn framed(input: &[u8], max_payload: u64) -> Vec<String> {
    let mut framer = Framer::with_max_payload(input, max_payload);
    let mut out = Vec::new();
    while let Some(frame) = framer.next_frame() {
        let place = frame.place();
        let label = if place.shares_line {
            format!("{}:{}", place.line, place.column)
        } else {
            place.line.to_string()
        };
        let text = match frame {
            Frame::Payload { range, .. } => String::from_utf8_lossy(framer.bytes(range)).into(),
            Frame::Broken { message, .. } => format!("BROKEN {message}"),
            Frame::TooLarge { .. } => "TOO LARGE".into(),
        };
        out.push(format!("{label} {text}"));
    }
    out
}

fn frames(input: &str) -> Vec<String> {
    framed(input.as_bytes(), 0)
}

const P: &str = r#"{"hookType":"x","content":{"n":1}}"#;

#[test]
fn ndjson_lines() {
    let got = frames("{\"a\":1}\n{\"b\":2}\r\n\n{\"c\":3}");
    assert_eq!(got, ["1 {\"a\":1}", "2 {\"b\":2}", "4 {\"c\":3}"]);
}

#[test]
fn broken_ndjson_line_does_not_swallow_neighbours() {
    let got = frames("{\"a\":1}\n{\"b\":\n{\"c\":3}\n");
    assert_eq!(got, ["1 {\"a\":1}", "2 {\"b\":", "3 {\"c\":3}"]);
    let got = frames("{\"a\":\"x\n{\"c\":3}\n");
    assert_eq!(got, ["1 {\"a\":\"x", "2 {\"c\":3}"]);
}

// issue 9 point 1: a `[` line in an NDJSON stream opened an array that
// swallowed every later line.
#[test]
fn an_array_line_in_ndjson_is_unrolled_within_its_line() {
    let input = format!("{P}\n[{P},{{\"hookType\":\n{P}\n{P}\n");
    let got = frames(&input);
    assert_eq!(
        got,
        [
            format!("1 {P}"),
            format!("2 {P}"),
            "2:37 {\"hookType\":".into(),
            format!("3 {P}"),
            format!("4 {P}"),
        ]
    );
}

// A backslash at the end of a cut line escaped the newline, and the string
// went on into the next line.
#[test]
fn a_backslash_before_a_newline_does_not_join_lines() {
    let got = frames(&format!("{P}\n{{\"a\":\"x\\\n{P}\n[\"\\\n{P}"));
    assert_eq!(
        got,
        [
            format!("1 {P}"),
            "2 {\"a\":\"x\\".into(),
            format!("3 {P}"),
            "4 \"\\".into(),
            format!("5 {P}"),
        ]
    );
}

// issue 9 point 1: an array line without truncation added an error row for
// every later line.
#[test]
fn a_whole_array_line_adds_no_error() {
    let input = format!("{P}\n[{P}]\n{P}\n[]\n{P}");
    let got = frames(&input);
    assert_eq!(
        got,
        [
            format!("1 {P}"),
            format!("2 {P}"),
            format!("3 {P}"),
            format!("5 {P}")
        ]
    );
}

// issue 9 point 1: the "unterminated array" row came after later lines.
#[test]
fn an_open_array_line_is_one_error_where_its_line_ends() {
    let input = format!("{P}\n[{P},\n{P}\n");
    let got = frames(&input);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[1], format!("2 {P}"));
    assert_eq!(
        got[2],
        "2:37 BROKEN unterminated array (opened at line 2 column 1): the line ends before its closing `]`"
    );
    assert_eq!(got[3], format!("3 {P}"));
}

// issue 9 point 1: a broken first line `[1,` swallowed the rest.
#[test]
fn a_broken_array_first_line_means_ndjson() {
    let got = frames(&format!("[1,\n{P}\n{P}\n"));
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0], "1 1");
    assert!(
        got[1].starts_with("1:4 BROKEN unterminated array"),
        "{got:?}"
    );
    assert_eq!(got[2..], [format!("2 {P}"), format!("3 {P}")]);
}

// issue 9 point 1: `[[[[` then a payload gave two rows labelled `-:1`.
#[test]
fn brackets_on_the_first_line_stay_on_it() {
    let got = frames(&format!("[[[[\n{P}\n"));
    assert_eq!(got, ["1 [[[".to_string(), format!("2 {P}")]);
    let deep = "[".repeat(100_000);
    let got = frames(&format!("{deep}\n{P}\n"));
    assert_eq!(got.len(), 2);
    assert!(got[0].starts_with("1 [[["));
    assert_eq!(got[1], format!("2 {P}"));
}

#[test]
fn arrays_written_one_element_per_line_still_span_lines() {
    let got = frames("[{\"a\":1},\n{\"b\":2},\n{\"c\":3}]\n{\"d\":4}");
    assert_eq!(
        got,
        ["1 {\"a\":1}", "2 {\"b\":2}", "3 {\"c\":3}", "4 {\"d\":4}"]
    );
    let got = frames("[\n{\"a\":1}\n]");
    assert_eq!(got, ["2 {\"a\":1}"]);
}

#[test]
fn pretty_documents() {
    let got = frames("{\n  \"a\": \"}\"\n}\n\n{\n\"b\": [1,\n2]\n}");
    assert_eq!(got, ["1 {\n  \"a\": \"}\"\n}", "5 {\n\"b\": [1,\n2]\n}"]);
}

#[test]
fn arrays_are_unrolled() {
    let got = frames("[\n {\"a\":1},\n {\"b\":[1,2]} , 3\n]\n{\"c\":1}");
    assert_eq!(
        got,
        ["2 {\"a\":1}", "3 {\"b\":[1,2]}", "3:16 3", "5 {\"c\":1}"]
    );
}

#[test]
fn array_errors_are_reported_once_where_the_array_ends() {
    let got = frames("[{\"a\":1} {\"b\":2}]");
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[1], "1:10 {\"b\":2}");
    assert_eq!(
        got[2],
        "1:17 BROKEN the array that ends here is not valid: a `,` is missing between its elements (first at line 1 column 10)"
    );
    let got = frames("[\n{\"a\":1},");
    assert_eq!(
        got[1],
        "2:9 BROKEN unterminated array (opened at line 1 column 1): the input ends before its closing `]`"
    );
    // A truncated last element is its own error; the array adds none.
    let got = frames("[\n{\"a\":1},\n{\"b\":");
    assert_eq!(got, ["2 {\"a\":1}", "3 {\"b\":"]);
}

// issue 9 point 2: `{..}{..}` gave two payloads on line 1 but one error on
// a later line.
#[test]
fn values_on_one_line_are_framed_alike_on_every_line() {
    let got = frames("{\"a\":1}{\"b\":2}\n{\"c\":3}{\"d\":4}\n{\"e\":5} 6");
    assert_eq!(
        got,
        [
            "1 {\"a\":1}",
            "1:8 {\"b\":2}",
            "2 {\"c\":3}",
            "2:8 {\"d\":4}",
            "3 {\"e\":5}",
            "3:9 6"
        ]
    );
}

// issue 9 point 2: a BOM was skipped only at the start of the input.
#[test]
fn a_bom_is_skipped_at_the_start_of_any_line_or_document() {
    let got = frames("\u{feff}{\"a\":1}\n\u{feff}{\"b\":2}\n");
    assert_eq!(got, ["1 {\"a\":1}", "2 {\"b\":2}"]);
    let got = frames("\u{feff}{\n\"a\":1\n}\n\u{feff}{\n\"b\":2\n}\n");
    assert_eq!(got, ["1 {\n\"a\":1\n}", "4 {\n\"b\":2\n}"]);
}

#[test]
fn empty_and_bom() {
    assert_eq!(
        frames("  \n "),
        ["1 BROKEN no payload: the input is empty or holds only whitespace"]
    );
    assert!(frames("")[0].starts_with("1 BROKEN no payload"));
    assert!(frames("\u{feff}")[0].starts_with("1 BROKEN no payload"));
    assert_eq!(frames("\u{feff}{\"a\":1}"), ["1 {\"a\":1}"]);
    assert_eq!(framed(b"\xEF\xBB", 0), ["1 \u{fffd}"]);
}

#[test]
fn escapes_and_strings_across_refills() {
    let long = "x".repeat(INITIAL_BUFFER * 3);
    let input = format!("{{\"a\":\"{long}\\\"\"}}\n{{\"b\":1}}");
    let got = frames(&input);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1], "2 {\"b\":1}");
}

// issue 11 point 11: a log line, a comment and prose are one frame each;
// with extract the JSON on a log line is framed at its line.
#[test]
fn text_lines_are_one_frame_each() {
    let input = "2025-09-08T14:01:17Z INFO got: {\"a\":1} took 5ms\n# note\nsome words\n1 2\n";
    assert_eq!(
        frames(input),
        [
            "1 BROKEN text before the JSON: a JSON payload starts at column 32; pass --extract to read the JSON on each line",
            "2 BROKEN a comment line: JSON has no comments",
            "3 BROKEN not JSON: a line of text",
            "4 1",
            "4:3 2",
        ]
    );
    let mut framer = Framer::new(input.as_bytes()).extracting(true);
    let mut got = Vec::new();
    while let Some(frame) = framer.next_frame() {
        if let Frame::Payload { place, range } = frame {
            got.push(format!(
                "{} {}",
                place.line,
                String::from_utf8_lossy(framer.bytes(range))
            ));
        }
    }
    assert_eq!(got, ["1 {\"a\":1}", "4 1", "4 2"]);
}

#[test]
fn stray_closers_make_progress() {
    assert_eq!(frames("}\n]"), ["1 }", "2 ]"]);
}

// issue 9 point 12: a payload over the limit is one error, skipped without
// being held, and the stream goes on.
#[test]
fn a_payload_over_the_limit_is_reported_and_skipped() {
    let big = format!("{{\"a\":\"{}\"}}", "x".repeat(3 * READ_CHUNK));
    let input = format!("{P}\n{big}\n{P}\n");
    let got = framed(input.as_bytes(), 1000);
    assert_eq!(
        got,
        [format!("1 {P}"), "2 TOO LARGE".into(), format!("3 {P}")]
    );
    // Over the limit but read whole in one go. (Issue 11 point 11: the text
    // after it is one frame that says so.)
    let got = framed(format!("{P}\n{P}x\n").as_bytes(), 20);
    assert_eq!(
        got,
        [
            "1 TOO LARGE",
            "2 TOO LARGE",
            "2:35 BROKEN not JSON: a line of text"
        ]
    );
    // Pretty-printed, in an array, and garbage that never ends.
    let input = format!("[\n{big},\n{P}\n]");
    let got = framed(input.as_bytes(), 1000);
    assert_eq!(got, ["2 TOO LARGE".to_string(), format!("3 {P}")]);
    let got = framed(&vec![0; 4 * READ_CHUNK], 1000);
    assert_eq!(got, ["1 TOO LARGE"]);
}

#[test]
fn a_skipped_payload_keeps_memory_bounded() {
    let mut framer = Framer::with_max_payload(io::repeat(0).take(64 << 20), 1 << 20);
    assert!(matches!(framer.next_frame(), Some(Frame::TooLarge { .. })));
    assert_eq!(framer.next_frame(), None);
    assert!(
        framer.buf.capacity() <= 4 * INITIAL_BUFFER,
        "{}",
        framer.buf.len()
    );
}

// issue 9 point 13: a large payload leaves the framer without a copy.
#[test]
fn take_bytes_hands_over_the_payload_and_goes_on() {
    let big = format!("{{\"a\":\"{}\"}}", "x".repeat(2 * INITIAL_BUFFER));
    let input = format!("{big}\n{P}\n{P}");
    let mut framer = Framer::new(input.as_bytes());
    let Some(Frame::Payload { range, .. }) = framer.next_frame() else {
        panic!("payload");
    };
    let taken = framer.take_bytes(range.clone());
    assert_eq!(&taken[range], big.as_bytes());
    let rest: Vec<_> = std::iter::from_fn(|| framer.next_frame())
        .map(|f| f.place())
        .collect();
    assert_eq!(rest.iter().map(|p| p.line).collect::<Vec<_>>(), [2, 3]);
}

/// A reader that hands out one byte per read, as a slow pipe may.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some((&first, rest)) = self.0.split_first() else {
            return Ok(0);
        };
        if buf.is_empty() {
            return Ok(0);
        }
        buf[0] = first;
        self.0 = rest;
        Ok(1)
    }
}

#[test]
fn one_byte_reads_frame_the_same() {
    let input = format!("\u{feff}{P}{P}\n[{P},{{\"a\":\n[1,2]\n\u{feff}{P}\n");
    let whole = frames(&input);
    let mut framer = Framer::new(Trickle(input.as_bytes()));
    let mut trickled = Vec::new();
    while let Some(frame) = framer.next_frame() {
        trickled.push(frame.place());
    }
    assert_eq!(whole.len(), trickled.len(), "{whole:?}");
    assert_eq!(whole.len(), 7, "{whole:?}");
}

#[test]
fn string_stop_finds_what_a_plain_search_finds() {
    let mut rng = fastrand::Rng::with_seed(9);
    for _ in 0..20_000 {
        let len = rng.usize(0..150);
        let bytes: Vec<u8> = (0..len)
            .map(|_| match rng.u8(0..40) {
                0 => b'"',
                1 => b'\\',
                2 => b'\n',
                3 => 0x80 | rng.u8(..),
                _ => rng.u8(b' '..b'~'),
            })
            .collect();
        for cut in [false, true] {
            let plain = bytes
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || (cut && b == b'\n'));
            assert_eq!(string_stop(&bytes, cut), plain, "{bytes:?} {cut}");
        }
    }
}

/// The NDJSON fast path (one object per line, found without the bracket
/// scan) frames exactly what the scan frames: a `}` followed by another
/// value sends the line to the scan, a `}` inside a string costs only that.
#[test]
fn lone_object_lines_frame_as_the_scan_does() {
    let input = "{\"a\":1}\n{\"a\":\"} {\"} \r\n{\"a\":1}{\"b\":2}\n{\"a\":{\"b\":1}, \"c\":[{}]}\n{\"a\":1} 7\n";
    let got = frames(input);
    assert_eq!(
        got,
        [
            "1 {\"a\":1}",
            "2 {\"a\":\"} {\"}",
            "3 {\"a\":1}",
            "3:8 {\"b\":2}",
            "4 {\"a\":{\"b\":1}, \"c\":[{}]}",
            "5 {\"a\":1}",
            "5:9 7",
        ]
    );
    // A stray closer after the object stays on its line: one payload that
    // the parser reports, nothing lost on the next line.
    let got = frames("{\"a\":1}\n{\"a\":1}}\n{\"c\":3}\n");
    assert_eq!(got, ["1 {\"a\":1}", "2 {\"a\":1}}", "3 {\"c\":3}"]);
}

/// An empty top-level array holds no payload but is no error: the same
/// whether it is the whole input or a line of a longer one (found by the
/// property that checking a stream in parts equals checking it whole).
#[test]
fn an_empty_array_is_not_an_empty_input() {
    assert!(frames("[]").is_empty());
    assert!(frames("[]\n").is_empty());
    assert_eq!(frames("7\n[]\n"), ["1 7"]);
    assert!(frames("  \n")[0].contains("BROKEN no payload"));
}
