//! The whole command-line surface. Doc comments here are the `--help` text.
//! The values of `--provider`, `--section` and `--rows` come from the
//! provider registry: [`command`] builds the clap model over one, so that
//! parsing, help, completions and the man page all list them.

use chrono::FixedOffset;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::provider::Registry;
use crate::values::parse_offset;

/// The clap model of the command line, with the registry's providers,
/// sections and entities as the values of `--provider`, `--section` and
/// `--rows`.
pub fn command(registry: &Registry) -> clap::Command {
    let providers = registry
        .providers()
        .iter()
        .map(|p| PossibleValue::new(p.name));
    let sections = registry
        .sections()
        .iter()
        .map(|s| PossibleValue::new(s.def.name).help(s.about));
    let entities = registry
        .entities()
        .iter()
        .map(|e| PossibleValue::new(e.table.name).help(e.about));
    let (providers, sections, entities) = (
        PossibleValuesParser::new(providers),
        PossibleValuesParser::new(sections),
        PossibleValuesParser::new(entities),
    );
    // `mut_args` and `mut_subcommands` keep the order (help, completions).
    let with = |id: &'static str, parser: PossibleValuesParser| {
        move |arg: clap::Arg| match arg.get_id() == id {
            true => arg.value_parser(parser.clone()),
            false => arg,
        }
    };
    let command = Cli::command().mut_args(with("provider", providers.clone()));
    let inputs_only = hidden_input_flags(&command);
    command.mut_subcommands(|c| match c.get_name() {
        "summary" => c.mut_args(with("section", sections.clone())),
        "csv" => c.mut_args(with("rows", entities.clone())),
        "man" => c
            .mut_args(with("page", man_pages()))
            .args(inputs_only.clone()),
        "schema" => c
            .mut_args(with("schema_provider", providers.clone()))
            .args(inputs_only.clone()),
        "completions" => c.args(inputs_only.clone()),
        _ => c,
    })
}

/// The global flags, hidden: given to the subcommands that read no
/// payload, so that their help and man page leave them out. clap
/// propagates a global flag only where the subcommand has none of that
/// name, and a hidden flag is still accepted (`hookscope --jobs 2 man`).
fn hidden_input_flags(command: &clap::Command) -> Vec<clap::Arg> {
    command
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .map(|arg| arg.clone().hide(true))
        .collect()
}

/// The subcommands that have a man page of their own.
fn man_pages() -> PossibleValuesParser {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    PossibleValuesParser::new(names)
}

/// Parses a command line (`argv[0]` first) against [`command`].
pub fn parse_from<I, T>(registry: &Registry, argv: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = command(registry);
    let matches = command.try_get_matches_from_mut(argv)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))
}

const EXIT_STATUS: &str = "\
Exit status:
  0  every payload is fine
  1  at least one payload is bad: unparseable or unrecognised (for check:
     also invalid). summary and csv succeed on any payload they can read
     and recognise, valid or not
  2  trouble: usage error, an input that cannot be opened or read, an
     output that cannot be written
A closed pipe (| head) ends the output quietly; the status still counts
the payloads seen before it closed.

Inputs: files, or - for stdin (the default). Each may hold one JSON payload,
a JSON array of payloads, NDJSON, or concatenated (pretty-printed) documents,
optionally gzip-compressed. Payloads are labelled PATH:LINE.";

/// Inspect, validate and flatten NuVidio and PipeRun CXM webhook payloads.
#[derive(Debug, Parser)]
#[command(name = "hookscope", version, about, after_help = EXIT_STATUS)]
#[command(propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Skip detection: treat every payload as this provider's.
    #[arg(long, global = true, value_name = "PROVIDER")]
    pub provider: Option<String>,

    /// When to use color: auto means stdout is a terminal and NO_COLOR is
    /// unset (CLICOLOR_FORCE forces it).
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// Worker threads for parsing and checking, 1 to 256 (default: all
    /// cores, at most 256). Output is in input order and the same for any
    /// value.
    #[arg(long, short = 'j', global = true, value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<std::num::NonZeroUsize>,

    /// Largest payload read, in bytes or with a K, M or G suffix (KiB, MiB,
    /// GiB); 0 for no limit. A longer payload is reported and skipped.
    #[arg(long, global = true, value_name = "SIZE", default_value = "256M",
          value_parser = parse_size)]
    pub max_payload: u64,

    /// Read the *.json, *.ndjson, *.jsonl and *.gz files inside folders
    /// given as inputs (at any depth, in sorted order).
    #[arg(long, short = 'r', global = true)]
    pub recursive: bool,

    /// Read the JSON object or array on each line of text (log lines such
    /// as `... INFO received payload: {...}`), labelled by that line; lines
    /// without JSON are skipped.
    #[arg(long, global = true)]
    pub extract: bool,
}

/// `1048576`, `64K`, `256M`, `1G` (also `KiB`, `MiB`, `GiB`; any case).
fn parse_size(text: &str) -> Result<u64, String> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = text.split_at(digits);
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kib" => 10,
        "m" | "mib" => 20,
        "g" | "gib" => 30,
        _ => {
            return Err(format!(
                "`{text}` is not a size like 1048576, 64K, 256M or 1G"
            ));
        }
    };
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size like 1048576, 64K, 256M or 1G"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// The most `--jobs` hookscope starts: beyond a few per core more threads
/// only cost memory, and a huge count would exhaust it.
pub const MAX_JOBS: usize = 256;

/// The largest `redact --shift-dates`, either way: a century keeps every
/// plausible date within the years 0000 to 9999 that datetimes are written
/// in (a shift past them would have to keep the date as it was).
pub const MAX_SHIFT_DAYS: i64 = 36_500;

/// `--jobs`: a whole number from 1 to [`MAX_JOBS`].
fn parse_jobs(s: &str) -> Result<std::num::NonZeroUsize, String> {
    use std::num::IntErrorKind;
    let too_many = || format!("--jobs must be at most {MAX_JOBS}");
    match s.parse::<usize>() {
        Ok(n) if n > MAX_JOBS => Err(too_many()),
        Ok(n) => std::num::NonZeroUsize::new(n).ok_or_else(|| "--jobs must be 1 or more".into()),
        Err(e) if *e.kind() == IntErrorKind::PosOverflow => Err(too_many()),
        Err(_) => Err(format!("expected a whole number from 1 to {MAX_JOBS}")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print each payload's provider and kind.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope detect samples/batch.ndjson\n",
        "  zcat hooks.ndjson.gz | hookscope detect --format json\n\n",
        "Output: SOURCE<TAB>PROVIDER<TAB>KIND, e.g.\n",
        "  x.ndjson:3\tnuvidio\tattendant_closed_issue/incomplete"
    ))]
    Detect(DetectArgs),

    /// Validate payloads against the providers' documented fields.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope check samples/piperun/talk.json\n",
        "  hookscope check --format github captured/*.json\n",
        "  hookscope check --strict --format junit hooks.ndjson > report.xml\n\n",
        "Exit status: 0 when no payload has an error (warnings allowed; with\n",
        "--strict, none either), 1 otherwise, 2 for trouble."
    ))]
    Check(CheckArgs),

    /// Readable overview of each payload, section by section.
    #[command(visible_alias = "show", after_help = concat!(
        "Examples:\n",
        "  hookscope summary samples/piperun/talk.json\n",
        "  hookscope summary --section overview,messages --full talk.json\n",
        "  hookscope summary --format json hooks.ndjson | jq ."
    ))]
    Summary(SummaryArgs),

    /// Flatten payload entities into CSV, TSV or JSON Lines rows.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope csv --rows messages talks.ndjson > messages.csv\n",
        "  hookscope csv --rows tags --format tsv samples/batch.ndjson\n",
        "  hookscope csv --list"
    ))]
    Csv(CsvArgs),

    /// Receive webhooks over HTTP: check, show, save and forward each one.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope listen --save hooks.ndjson\n",
        "  hookscope listen --port 8787 --key \"$NUVIDIO_KEY\" --forward-to http://localhost:3000/hooks\n",
        "  hookscope listen --port 0 --format json --reject-invalid\n\n",
        "The first line on stderr is `listening on http://ADDR:PORT`. Answers:\n",
        "200 accepted, 400 not JSON, 401 missing or wrong --key, 405 not a POST,\n",
        "408 body too slow, 413 over --max-body, 422 invalid (--reject-invalid),\n",
        "500 the capture cannot be written. Ctrl-C or SIGTERM stops it: requests\n",
        "in flight are finished, the totals printed to stderr, exit status 0\n",
        "(2 when it cannot listen or open the capture)."
    ))]
    Listen(ListenArgs),

    /// Post payloads to a URL again, and report each answer.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope replay hooks.ndjson --to http://localhost:3000/hooks\n",
        "  hookscope replay hooks.ndjson --to http://127.0.0.1:8787/ --concurrency 8 --rate 50\n",
        "  hookscope replay --only-invalid --format json hooks.ndjson --to http://localhost:3000/\n\n",
        "One request per payload, except that an NDJSON line holding several\n",
        "payloads (several values, or an array: one hook as `listen --save`\n",
        "writes it) is one request, the line's bytes as read.\n",
        "Output: SOURCE<TAB>STATUS<TAB>LATENCY per request, in input order, then\n",
        "<TAB>N payloads for a line of several (SOURCE is then FILE:LINE).\n",
        "Exit status: 0 when every answer is 2xx, 1 when one is not (or a\n",
        "payload cannot be read), 2 for trouble (the URL cannot be reached, bad\n",
        "arguments, an unreadable input)."
    ))]
    Replay(ReplayArgs),

    /// Explain a provider's fields, a finding code, or a payload's value.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope explain piperun\n",
        "  hookscope explain piperun '/talk_histories/*/type'\n",
        "  hookscope explain numeric-string\n",
        "  hookscope explain samples/piperun/talk.json /initial_sender_channel\n\n",
        "NAME is resolved in this order: a provider, a finding code, a file\n",
        "(- reads stdin). An unknown NAME is a usage error (exit 2) that lists\n",
        "the providers and codes. Exit status with a file: 0, or 1 when a\n",
        "payload cannot be parsed or recognised (findings do not count)."
    ))]
    Explain(ExplainArgs),

    /// Print a JSON Schema (draft 2020-12) of a provider's payloads.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope schema piperun > piperun.talk.schema.json\n",
        "  hookscope schema nuvidio --hook attendant_closed_issue --kind incomplete\n",
        "  hookscope schema --out-dir schemas\n\n",
        "The schema is generated from the description check uses; what it\n",
        "cannot express (cross-field rules, severities) is listed in its\n",
        "top-level description."
    ))]
    Schema(SchemaArgs),

    /// Replace the personal data of payloads, keeping them valid payloads.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope redact samples/piperun/talk.json > talk.shared.json\n",
        "  hookscope redact --salt ticket-4711 --report hooks.ndjson > shared.ndjson\n",
        "  hookscope redact --text keep --ids --shift-dates -30 talk.json\n\n",
        "The output keeps the input's form (one document, an array or NDJSON;\n",
        "key order, spacing, number text); gzip input is written plain.\n",
        "Exit status: 0 when every payload was redacted against its provider's\n",
        "description, 1 when a payload could not be parsed or recognised (it is\n",
        "still written, every string in it masked), 2 for trouble."
    ))]
    Redact(RedactArgs),

    /// Print shell completions (or write all of them with --out-dir).
    #[command(
        after_help = "Examples:\n  hookscope completions bash > ~/.local/share/bash-completion/completions/hookscope\n  hookscope completions --out-dir completions"
    )]
    Completions(CompletionsArgs),

    /// Print a man page (roff): hookscope(1), or a subcommand's.
    #[command(after_help = concat!(
        "Examples:\n",
        "  hookscope man | man -l -\n",
        "  hookscope man check | man -l -\n",
        "  hookscope man --out-dir /usr/local/share/man/man1"
    ))]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A provider (its fields), a finding code, or a file of payloads.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// A JSON Pointer: only that field and its children (with a
    /// provider; `*` or a number for array items), or the value to
    /// explain in each payload (with a file, where it is required).
    #[arg(value_name = "POINTER")]
    pub pointer: Option<String>,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: ExplainFormat,

    #[command(flatten)]
    pub timezone: Timezone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Tables for people
    Text,
    /// One JSON document (one object per payload per line for a file)
    Json,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The provider whose payloads the schema describes (every one with
    /// --out-dir when left out).
    #[arg(
        id = "schema_provider",
        value_name = "PROVIDER",
        required_unless_present = "out_dir"
    )]
    pub provider: Option<String>,

    /// The hook type (for providers that have them; default: the
    /// provider's first documented kind).
    #[arg(long, value_name = "TYPE", conflicts_with = "out_dir")]
    pub hook: Option<String>,

    /// The data form (for providers whose hooks come in both).
    #[arg(long, value_name = "FORM", conflicts_with = "out_dir")]
    pub kind: Option<SchemaForm>,

    /// Write one file per provider and kind into this folder instead
    /// (PROVIDER.KIND.schema.json), and list them.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaForm {
    /// Ids only (NuVidio's basic data mode)
    Incomplete,
    /// Whole objects
    Complete,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (hookscope-COMMAND(1)); none
    /// prints hookscope(1).
    #[arg(value_name = "COMMAND", conflicts_with = "out_dir")]
    pub page: Option<String>,

    /// Write every page (hookscope.1, hookscope-check.1, ...) into this
    /// folder instead.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    /// Key of the pseudonyms (HMAC-SHA256): two runs with the same salt
    /// give the same output. Default: a random salt per run.
    #[arg(long, value_name = "SALT")]
    pub salt: Option<String>,

    /// Print the salt used to stderr (to redact more payloads the same way
    /// later).
    #[arg(long)]
    pub show_salt: bool,

    /// Free text (messages, notes, free fields): keep it, mask it (personal
    /// values inside replaced, every other letter and digit masked, length
    /// and punctuation kept) or drop it (an empty string).
    #[arg(long, value_name = "MODE", default_value = "mask")]
    pub text: TextArg,

    /// Replace the ids that only link records too (ObjectIds, *_id); kept
    /// by default, the vendor's support needs them.
    #[arg(long)]
    pub ids: bool,

    /// Move every datetime by this many days (negative: earlier), keeping
    /// its text format, order and durations; at most 36500 (a century)
    /// either way.
    #[arg(
        long,
        value_name = "DAYS",
        allow_hyphen_values = true,
        value_parser = clap::value_parser!(i64).range(-MAX_SHIFT_DAYS..=MAX_SHIFT_DAYS)
    )]
    pub shift_dates: Option<i64>,

    /// Print to stderr how many values of each kind were replaced, per
    /// payload, and the totals.
    #[arg(long)]
    pub report: bool,
}

/// `redact --text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextArg {
    /// Left as it is
    Keep,
    /// Personal values replaced, every other letter and digit masked
    Mask,
    /// Replaced by an empty string
    Drop,
}

#[derive(Debug, Args)]
pub struct Inputs {
    /// Files to read; none, or -, reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DetectArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: DetectFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DetectFormat {
    /// SOURCE<TAB>PROVIDER<TAB>KIND
    Text,
    /// One JSON object per line: source, provider, kind, hook_type, complete
    Json,
}

/// `--timezone`, one definition for every command that reads PipeRun's
/// local datetimes.
#[derive(Debug, Clone, Copy, Args)]
pub struct Timezone {
    /// The account's UTC offset: PipeRun's local `YYYY-MM-DD HH:MM:SS`
    /// datetimes are read in it; summary shows times in it, and so does
    /// csv with --times local.
    #[arg(
        long = "timezone",
        value_name = "OFFSET",
        default_value = "-03:00",
        allow_hyphen_values = true,
        value_parser = parse_offset
    )]
    pub offset: FixedOffset,
}

/// What a payload is checked against, one definition for `check`,
/// `listen` and `replay --only-invalid`.
#[derive(Debug, Clone, Args)]
pub struct PolicyArgs {
    /// Fail on warnings too, and report fields no description knows.
    #[arg(long)]
    pub strict: bool,

    /// Ignore findings of CODE (repeatable); `CODE:/pointer/pattern` only
    /// where the pointer matches (`*` one segment, `**` any number).
    #[arg(long, value_name = "CODE[:POINTER]")]
    pub allow: Vec<String>,

    /// Report findings of CODE as warnings (repeatable; `CODE:/pattern`).
    #[arg(long, value_name = "CODE[:POINTER]")]
    pub warn: Vec<String>,

    /// Report findings of CODE as errors (repeatable; `CODE:/pattern`).
    #[arg(long, value_name = "CODE[:POINTER]")]
    pub deny: Vec<String>,

    /// The policy file (default: hookscope.toml here or in the nearest
    /// parent folder, up to the repository root).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<std::path::PathBuf>,

    /// Ignore any hookscope.toml.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: CheckFormat,

    #[command(flatten)]
    pub rules: PolicyArgs,

    /// Report only findings this baseline file does not hold (matched by
    /// payload identity, code and pointer, not by line).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<std::path::PathBuf>,

    /// Record today's findings (after the policy) in FILE, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub timezone: Timezone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// SOURCE: severity[code] /path: message, then a count line
    Text,
    /// One JSON object per payload per line
    Json,
    /// GitHub Actions workflow commands (::error / ::warning)
    Github,
    /// JUnit XML, one testcase per payload
    Junit,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    /// Sections to show, comma-separated, in their usual order (default:
    /// every one that has something to show; a picked one that is empty
    /// says "none").
    #[arg(long, value_name = "NAME[,NAME...]", value_delimiter = ',')]
    pub section: Vec<String>,

    /// Show whole messages and values instead of cutting long ones.
    #[arg(long)]
    pub full: bool,

    /// Leave out the Findings section (what `check` reports) and the marks
    /// on values it points at.
    #[arg(long)]
    pub no_findings: bool,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: SummaryFormat,

    #[command(flatten)]
    pub timezone: Timezone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Tables for people
    Text,
    /// The normalized summary, one JSON object per payload per line
    Json,
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    /// The entity to write one row per.
    #[arg(long, value_name = "ENTITY", required_unless_present = "list")]
    pub rows: Option<String>,

    /// List every entity with its columns.
    #[arg(long, conflicts_with = "rows")]
    pub list: bool,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "csv")]
    pub format: CsvFormat,

    /// Field delimiter (one ASCII character) for csv and tsv.
    #[arg(long, value_name = "C", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Leave out the header row.
    #[arg(long)]
    pub no_header: bool,

    /// Prefix cells starting with = + - @ tab or CR with ' so spreadsheets
    /// do not run them as formulas.
    #[arg(long)]
    pub formula_guard: bool,

    #[command(flatten)]
    pub timezone: Timezone,

    /// How datetime cells are written.
    #[arg(long, value_name = "MODE", default_value = "utc")]
    pub times: CsvTimes,

    /// Start the output with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvTimes {
    /// RFC 3339 in UTC (`...Z`)
    Utc,
    /// RFC 3339 in the --timezone offset
    Local,
    /// As the payload holds them
    Raw,
}

/// `--delimiter`: one ASCII character other than a quote or a line break;
/// `\t` spells a tab.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    let byte = match s.as_bytes() {
        b"\\t" => b'\t',
        [b] if b.is_ascii() => *b,
        _ => return Err("expected one ASCII character, e.g. ';' or '\\t'".into()),
    };
    match byte {
        b'"' | b'\n' | b'\r' => Err("a quote or line break cannot separate fields".into()),
        _ => Ok(byte),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvFormat {
    Csv,
    Tsv,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ListenArgs {
    /// The address to listen on (loopback unless said otherwise).
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// The port; 0 picks a free one.
    #[arg(long, value_name = "PORT", default_value_t = 8787)]
    pub port: u16,

    /// Append each accepted hook to this NDJSON capture (the body without
    /// whitespace outside strings, one line per hook), and its request
    /// metadata to FILE.meta.ndjson, before answering.
    #[arg(long, value_name = "FILE")]
    pub save: Option<std::path::PathBuf>,

    /// Also sync the capture to the disk after each hook.
    #[arg(long, requires = "save")]
    pub fsync: bool,

    /// Refuse (401) requests without this key in the Authorization header
    /// (optionally after `Bearer `) or the `key` query parameter.
    #[arg(
        long,
        value_name = "SECRET",
        env = "HOOKSCOPE_KEY",
        hide_env_values = true
    )]
    pub key: Option<String>,

    /// Forward each accepted hook, byte for byte with its content type, to
    /// this http:// URL, and show the answer's status and latency.
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,

    /// Also print each accepted hook's whole summary, as `summary` does
    /// (text: after the hook's line; json: instead of the hook's object).
    #[arg(long)]
    pub summary: bool,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: LiveFormat,

    /// Answer 422, with the findings as JSON, for a payload with errors
    /// (it is not saved nor forwarded).
    #[arg(long)]
    pub reject_invalid: bool,

    /// Largest body taken, in bytes or with a K, M or G suffix; a longer
    /// one gets 413 without being read whole.
    #[arg(long, value_name = "SIZE", default_value = "10M", value_parser = parse_size)]
    pub max_body: u64,

    /// Seconds a client may take to send a request's headers, and again
    /// its body.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub read_timeout: u64,

    #[command(flatten)]
    pub rules: PolicyArgs,

    #[command(flatten)]
    pub timezone: Timezone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LiveFormat {
    /// One line per hook (per payload with --summary: its summary)
    Text,
    /// One JSON object per line
    Json,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    /// The http:// URL to post each payload to.
    #[arg(long, value_name = "URL")]
    pub to: String,

    /// At most this many requests per second.
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub rate: Option<u32>,

    /// Add this header to every request (repeatable).
    #[arg(long, value_name = "K: V")]
    pub header: Vec<String>,

    /// Send this key in the Authorization header, as NuVidio does.
    #[arg(
        long,
        value_name = "SECRET",
        env = "HOOKSCOPE_KEY",
        hide_env_values = true
    )]
    pub key: Option<String>,

    /// Send only the payloads `check` finds invalid (a line of several
    /// when any of them is).
    #[arg(long)]
    pub only_invalid: bool,

    /// Requests in flight at once (answers are still reported in input
    /// order).
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,

    /// Seconds to wait for each answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: LiveFormat,

    #[command(flatten)]
    pub rules: PolicyArgs,

    #[command(flatten)]
    pub timezone: Timezone,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for.
    #[arg(value_name = "SHELL", required_unless_present = "out_dir")]
    pub shell: Option<clap_complete::Shell>,

    /// Write completions for every shell into this folder.
    #[arg(long, value_name = "DIR", conflicts_with = "shell")]
    pub out_dir: Option<std::path::PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
        command(&Registry::builtin()).debug_assert();
    }

    #[test]
    fn registry_values_parse() {
        let registry = Registry::builtin();
        let cli = parse_from(
            &registry,
            [
                "hookscope",
                "--provider",
                "piperun",
                "csv",
                "--rows",
                "bot-variables",
            ],
        )
        .expect("parses");
        assert_eq!(cli.global.provider.as_deref(), Some("piperun"));
        let err =
            parse_from(&registry, ["hookscope", "csv", "--rows", "nope"]).expect_err("unknown");
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
    }

    // issue 9 point 14: --jobs had no upper bound, and 0 gave a type error.
    #[test]
    fn jobs_are_bounded() {
        assert_eq!(parse_jobs("1").map(|n| n.get()), Ok(1));
        assert_eq!(parse_jobs("256").map(|n| n.get()), Ok(256));
        assert_eq!(parse_jobs("0"), Err("--jobs must be 1 or more".into()));
        assert_eq!(parse_jobs("257"), Err("--jobs must be at most 256".into()));
        let huge = "4294967296".repeat(3);
        assert_eq!(parse_jobs(&huge), Err("--jobs must be at most 256".into()));
        assert!(parse_jobs("-1").is_err_and(|e| e.contains("whole number")));
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("0"), Ok(0));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        for bad in ["", "M", "1.5G", "-1", "12X", "99999999999999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
