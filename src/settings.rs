//! Resolves the environment once (terminal, `NO_COLOR`, `CLICOLOR_FORCE`,
//! width, cores) into settings the commands and renderers receive; nothing
//! deeper asks whether stdout is a terminal.

use std::io::IsTerminal;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::provider::{Provider, Registry};

/// Width used when output is not a terminal and `COLUMNS` is unset, so that
/// piped output has a stable layout.
pub const DEFAULT_WIDTH: usize = 100;

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub color: bool,
    pub width: usize,
    pub jobs: usize,
    /// The providers payloads are recognised among.
    pub registry: Registry,
    /// `--provider`: skip detection.
    pub provider: Option<&'static Provider>,
    /// Payloads longer than this many bytes are skipped (`0`: no limit).
    pub max_payload: u64,
    /// `--recursive`: folders stand for the payload files inside them.
    pub recursive: bool,
    /// `--extract`: read the JSON on lines of text (log lines).
    pub extract: bool,
}

impl Settings {
    pub fn resolve(global: &GlobalArgs, registry: Registry) -> Self {
        let tty = std::io::stdout().is_terminal();
        Settings {
            color: resolve_color(global.color, tty, |k| std::env::var_os(k)),
            width: resolve_width(tty),
            jobs: global.jobs.map_or_else(default_jobs, |n| n.get()),
            registry,
            // clap accepts only the registry's names.
            provider: global.provider.as_deref().and_then(|n| registry.find(n)),
            max_payload: global.max_payload,
            recursive: global.recursive,
            extract: global.extract,
        }
    }
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(crate::cli::MAX_JOBS))
}

fn resolve_color(
    choice: ColorChoice,
    tty: bool,
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => tty && env("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn resolve_width(tty: bool) -> usize {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        && cols >= 20
    {
        return cols;
    }
    if tty && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return usize::from(w).max(20);
    }
    DEFAULT_WIDTH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_rules() {
        let none = |_: &str| None;
        let no_color = |k: &str| (k == "NO_COLOR").then(|| "1".into());
        let force = |k: &str| (k == "CLICOLOR_FORCE").then(|| "1".into());
        assert!(resolve_color(ColorChoice::Auto, true, none));
        assert!(!resolve_color(ColorChoice::Auto, false, none));
        assert!(!resolve_color(ColorChoice::Auto, true, no_color));
        assert!(resolve_color(ColorChoice::Auto, false, force));
        assert!(resolve_color(ColorChoice::Always, false, no_color));
        assert!(!resolve_color(ColorChoice::Never, true, force));
    }
}
