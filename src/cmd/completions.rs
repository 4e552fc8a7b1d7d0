//! `hookscope completions`: shell completion scripts, from the clap model.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use clap::ValueEnum;
use clap_complete::{Generator, Shell};

use crate::Status;
use crate::cli::{CompletionsArgs, command};
use crate::provider::Registry;

pub fn run(args: &CompletionsArgs, registry: &Registry, out: &mut dyn Write) -> Result<Status> {
    match (&args.out_dir, args.shell) {
        (Some(dir), _) => write_all(dir, registry)?,
        (None, Some(shell)) => out.write_all(&generate(shell, registry))?,
        (None, None) => anyhow::bail!("give a SHELL or --out-dir DIR"),
    }
    Ok(Status::Ok)
}

/// The completion script for one shell.
pub fn generate(shell: Shell, registry: &Registry) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut command(registry), "hookscope", &mut buf);
    buf
}

/// The file name clap_complete uses for `shell`.
pub fn file_name(shell: Shell) -> String {
    shell.file_name("hookscope")
}

fn write_all(dir: &Path, registry: &Registry) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    for shell in Shell::value_variants() {
        let path = dir.join(file_name(*shell));
        std::fs::write(&path, generate(*shell, registry))
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}
