//! Golden tests: every `tests/cmd/**/*.toml` runs the built binary from the
//! repository root with a clean environment and compares its whole stdout,
//! stderr and exit status with the files beside it.
//!
//! Regenerate after a deliberate change with
//! `TRYCMD=overwrite cargo test --test cli`, then review the diff.

#[test]
fn golden() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "0")
        .env("COLUMNS", "100")
        .case("tests/cmd/**/*.toml")
        .skip(WIDTHS[0])
        .skip(WIDTHS[1]);
}

/// Cases that set their own `COLUMNS` (the harness's own would win).
const WIDTHS: [&str; 2] = [
    "tests/cmd/summary/width/*.toml",
    "tests/cmd/explain/width/*.toml",
];

#[test]
fn golden_at_other_widths() {
    let cases = trycmd::TestCases::new();
    cases.env("NO_COLOR", "1").env("CLICOLOR_FORCE", "0");
    for glob in WIDTHS {
        cases.case(glob);
    }
}
