//! The committed completions in `completions/` must match what the current
//! CLI generates.

use clap::ValueEnum;
use clap_complete::Shell;
use hookscope::cmd::completions::{file_name, generate};
use hookscope::provider::Registry;

#[test]
fn committed_completions_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for shell in Shell::value_variants() {
        let path = dir.join(file_name(*shell));
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == generate(*shell, &Registry::builtin()),
            "{} is out of date with the CLI; regenerate with\n    cargo run -- completions --out-dir completions\nand commit the result",
            path.display()
        );
    }
}

#[test]
fn man_page_renders() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hookscope"))
        .arg("man")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("utf-8");
    assert!(page.starts_with(".ie"), "{}", &page[..80.min(page.len())]);
    assert!(page.contains("hookscope"));
}
