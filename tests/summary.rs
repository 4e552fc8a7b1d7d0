//! `hookscope summary` properties the golden files cannot pin: the layout
//! follows `COLUMNS` (the golden harness fixes it at 100), color adds only
//! escape codes around the plain layout, and payload escapes stay escaped
//! byte for byte (trycmd normalizes `\` in text comparisons).

use std::process::Command;

const INPUTS: &[&str] = &[
    "samples/batch.ndjson",
    "tests/inputs/summary/nuvidio-malformed.json",
    "tests/inputs/summary/piperun-malformed.json",
    "tests/inputs/summary/piperun-escapes.json",
    "tests/inputs/summary/piperun-long.json",
    "tests/inputs/summary/nuvidio-hooks.ndjson",
    "tests/inputs/summary/not-lists.ndjson",
];

fn summary(columns: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_hookscope"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Display width, as comfy-table measures it.
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| match c as u32 {
            // Emoji of the samples (📣 📲) take two columns.
            0x1F300..=0x1FAFF => 2,
            _ => 1,
        })
        .sum()
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn layout_follows_the_width() {
    for columns in ["60", "80", "140"] {
        let mut args = vec!["summary"];
        args.extend(INPUTS);
        let text = summary(columns, &args);
        let limit: usize = columns.parse().expect("number");
        // Section bodies are indented; a payload's heading line is not
        // wrapped, so that it can be searched for.
        for line in text.lines().filter(|l| l.starts_with("  ")) {
            assert!(width(line) <= limit, "wider than {limit}: {line:?}");
        }
    }
}

/// Regression guard for the zero-width style markers: the colored output is
/// the plain output with escape codes added, nothing moved.
#[test]
fn color_only_adds_escape_codes() {
    for columns in ["60", "100"] {
        let mut plain_args = vec!["summary"];
        plain_args.extend(INPUTS);
        let mut color_args = vec!["--color", "always", "summary"];
        color_args.extend(INPUTS);
        let plain = summary(columns, &plain_args);
        let color = summary(columns, &color_args);
        assert!(color.contains("\u{1b}[38;2;133;203;60mAprovado"));
        assert!(!color.contains('\u{E0001}'), "a style marker leaked");
        assert_eq!(strip_ansi(&color), plain);
    }
}

#[test]
fn payload_escapes_stay_escaped() {
    let text = summary(
        "100",
        &["summary", "tests/inputs/summary/piperun-escapes.json"],
    );
    assert!(!text.contains('\u{1b}'), "raw ESC in the output");
    assert!(!text.contains('\u{7}'), "raw BEL in the output");
    assert!(
        !text.contains('\u{202e}'),
        "raw bidi override in the output"
    );
    for shown in [
        r"T\e]0;pwned\u{7}",
        r"hello \e[31mred\e[0m",
        r"bell\u{7}",
        r"second line\tafter tab",
        r"forged \u{e0001}",
        r"\u{202e}evil",
        r"Zé \e[7mreverse",
        r"@x\u{0}",
    ] {
        assert!(text.contains(shown), "missing {shown:?} in\n{text}");
    }
}

/// A talk whose first message is `message` and whose id has `digits`
/// digits, written under the test's temporary directory.
fn long_talk(name: &str, message: &str, digits: usize) -> String {
    let talk = std::fs::read_to_string("samples/piperun/talk.json").expect("sample");
    let talk = talk
        .replacen("\"Teste Jonas\"", &format!("\"{message}\""), 1)
        .replacen(
            "\"id\": 114603,",
            &format!("\"id\": {},", "7".repeat(digits)),
            1,
        );
    let path = format!("{}/{name}.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, talk).expect("written");
    path
}

/// The lines of section `title`'s table, up to the blank line after it.
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(title))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

// issue 9 point 7: a long unbroken word made `summary` quadratic; cells are
// now cut (or broken) before layout. Whatever the path, a cut row shows at
// most its three lines, nothing is wider than the terminal, and `--full`
// and shown-whole fields still show every character.
#[test]
fn long_words_fit_the_table() {
    let word = "x".repeat(30_000);
    let path = long_talk("long-talk", &format!("ab {word} cd"), 20_000);
    let plain = long_talk("plain-talk", "ab cd", 6);
    for columns in ["20", "100"] {
        // Tables are never narrower than 20 columns, plus the indent.
        let limit = columns.parse::<usize>().expect("number").max(22);
        let cut = summary(columns, &["summary", &path]);
        let full = summary(columns, &["summary", "--full", &path]);
        for line in cut
            .lines()
            .chain(full.lines())
            .filter(|l| l.starts_with("  "))
        {
            assert!(width(line) <= limit, "wider than {limit}: {line:?}");
        }
        let x_lines = |text: &str| {
            let rows = section(text, "Messages");
            rows.iter().filter(|l| l.contains("xxx")).count()
        };
        assert!(x_lines(&cut) <= 3, "{:?}", section(&cut, "Messages"));
        let count = |text: &str, c: char| text.chars().filter(|&x| x == c).count();
        let others = count(&summary(columns, &["summary", "--full", &plain]), 'x');
        assert_eq!(
            count(&full, 'x') - others,
            word.len(),
            "--full shows it whole"
        );
        let overview = section(&cut, "Overview").concat();
        assert!(count(&overview, '7') >= 20_000, "the id is shown whole");
    }
}

// issue 9 point 13: a payload with a million fields no description knows
// took a gigabyte to summarize as text. Text lists the first 200 and says
// how many more; --full and JSON list them all.
#[test]
fn unknown_fields_beyond_200_are_counted_in_text() {
    let talk = std::fs::read_to_string("samples/piperun/talk.json").expect("sample");
    let extra: Vec<String> = (0..300).map(|i| format!("\"k{i:03}\":{i}")).collect();
    let talk = format!(
        "{},{}}}",
        talk.trim_end().trim_end_matches('}'),
        extra.join(",")
    );
    let path = format!("{}/many-unknown.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, talk).expect("written");
    let text = summary("100", &["summary", "--section", "other", &path]);
    let other = section(&text, "Other fields");
    assert_eq!(other.len(), 201, "{other:?}");
    assert_eq!(other[200], "  … and 100 more (--full shows them all)");
    let full = summary("100", &["summary", "--full", "--section", "other", &path]);
    assert!(full.contains("/k299  299"), "{full}");
    let json = summary("100", &["summary", "--format", "json", &path]);
    assert!(json.contains(r#""key":"/k299","label":"/k299","value":"299""#));
}
