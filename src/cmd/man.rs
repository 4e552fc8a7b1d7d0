//! `hookscope man`: roff man pages from the clap model: hookscope(1) and
//! one page per subcommand (hookscope-check(1), ...). The help's examples,
//! output and exit status become preformatted sections of their own, and
//! hookscope-check(1) lists the finding codes.

use std::fs;
use std::io::Write;

use anyhow::{Context, Result, bail};
use clap_mangen::Man;

use crate::Status;
use crate::check::CODES;
use crate::cli::{ManArgs, command};
use crate::provider::Registry;

pub fn run(args: &ManArgs, registry: &Registry, out: &mut dyn Write) -> Result<Status> {
    let mut root = command(registry);
    root.build();
    if let Some(dir) = &args.out_dir {
        fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
        for (name, page) in pages(&root)? {
            let path = dir.join(format!("{name}.1"));
            fs::write(&path, page).with_context(|| format!("{}: cannot write", path.display()))?;
        }
        return Ok(Status::Ok);
    }
    let page = match &args.page {
        None => main_page(&root)?,
        Some(name) => subcommand_page(&root, name)?,
    };
    out.write_all(&page)?;
    Ok(Status::Ok)
}

/// Every page with its name (`hookscope`, `hookscope-check`, ...).
pub fn pages(root: &clap::Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = vec![("hookscope".to_string(), main_page(root)?)];
    for sub in subcommands(root) {
        let name = sub.get_name();
        pages.push((format!("hookscope-{name}"), subcommand_page(root, name)?));
    }
    Ok(pages)
}

fn subcommands(root: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    root.get_subcommands().filter(|c| c.get_name() != "help")
}

/// hookscope(1): options, commands, exit status, and the pages to see.
fn main_page(root: &clap::Command) -> Result<Vec<u8>> {
    let man = Man::new(root.clone());
    let mut page = head(&man)?;
    commands(root, &mut page);
    help_sections(root, &mut page);
    let see: Vec<String> = subcommands(root)
        .map(|c| format!("hookscope-{}(1)", c.get_name()))
        .collect();
    see_also(&see, &mut page);
    man.render_version_section(&mut page)?;
    Ok(page)
}

/// A page's title, name, synopsis, description and options, as clap_mangen
/// renders them for every page.
fn head(man: &Man) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    Ok(page)
}

/// The subcommands, each with its page (`help` has none).
fn commands(root: &clap::Command, page: &mut Vec<u8>) {
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in subcommands(root) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let _ = write!(
            page,
            ".TP\n\\fBhookscope\\-{}\\fR(1)\n{}\n",
            escape(sub.get_name()),
            escape(&about)
        );
    }
}

/// hookscope-NAME(1): the subcommand's options (the global ones too), its
/// examples and exit status; the finding codes for `check`.
fn subcommand_page(root: &clap::Command, name: &str) -> Result<Vec<u8>> {
    let Some(sub) = subcommands(root).find(|c| c.get_name() == name) else {
        bail!("no man page for {name}");
    };
    let sub = sub
        .clone()
        .name(format!("hookscope-{name}"))
        .bin_name(format!("hookscope {name}"))
        .version(root.get_version().unwrap_or_default().to_string());
    let man = Man::new(sub.clone());
    let mut page = head(&man)?;
    help_sections(&sub, &mut page);
    if name == "check" {
        finding_codes(&mut page);
    }
    see_also(&["hookscope(1)".to_string()], &mut page);
    man.render_version_section(&mut page)?;
    Ok(page)
}

/// The help's closing text, block by block: `Examples:`, `Output:`,
/// `Exit status:`, `Inputs:` become sections, preformatted as written.
fn help_sections(cmd: &clap::Command, page: &mut Vec<u8>) {
    let Some(text) = cmd.get_after_help().map(|t| t.to_string()) else {
        return;
    };
    let mut section: Option<(&str, Vec<&str>)> = None;
    for line in text.lines() {
        if let Some((title, rest)) = heading(line) {
            flush(section.take(), page);
            let first = rest.trim();
            section = Some((
                title,
                if first.is_empty() {
                    vec![]
                } else {
                    vec![first]
                },
            ));
        } else if let Some((_, lines)) = &mut section {
            lines.push(line);
        }
    }
    flush(section, page);
}

/// A line that opens a block, with its section title and the rest of it.
fn heading(line: &str) -> Option<(&'static str, &str)> {
    const HEADINGS: &[(&str, &str)] = &[
        ("Examples:", "EXAMPLES"),
        ("Example:", "EXAMPLES"),
        ("Output:", "OUTPUT"),
        ("Exit status:", "EXIT STATUS"),
        ("Inputs:", "INPUT"),
    ];
    HEADINGS
        .iter()
        .find_map(|(start, title)| line.strip_prefix(start).map(|rest| (*title, rest)))
}

fn flush(section: Option<(&str, Vec<&str>)>, page: &mut Vec<u8>) {
    let Some((title, mut lines)) = section else {
        return;
    };
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let body: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    let _ = write!(page, ".SH \"{title}\"\n.nf\n{}\n.fi\n", body.join("\n"));
}

/// hookscope-check(1)'s table of finding codes, from the one list.
fn finding_codes(page: &mut Vec<u8>) {
    page.extend_from_slice(b".SH \"FINDING CODES\"\n");
    for doc in CODES {
        let _ = write!(
            page,
            ".TP\n\\fB{}\\fR ({})\n{}.\n.br\nExample: {}\n",
            escape(doc.code.as_str()),
            doc.severity.as_str(),
            escape(doc.meaning),
            escape(doc.example)
        );
    }
}

fn see_also(pages: &[String], page: &mut Vec<u8>) {
    let list: Vec<String> = pages
        .iter()
        .map(|p| match p.split_once('(') {
            Some((name, section)) => format!("\\fB{}\\fR({section}", escape(name)),
            None => escape(p),
        })
        .collect();
    let _ = write!(page, ".SH \"SEE ALSO\"\n{}\n", list.join(",\n"));
}

/// Text for roff: backslashes and hyphens escaped, a leading `.` or `'`
/// kept from being read as a request.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("\\[u{:04X}]", u32::from(c))),
        }
    }
    let text = out;
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_escapes() {
        assert_eq!(escape(".x"), "\\&.x");
        assert_eq!(escape("a\\b-c"), "a\\eb\\-c");
        assert_eq!(escape("x…"), "x\\[u2026]");
    }
}
