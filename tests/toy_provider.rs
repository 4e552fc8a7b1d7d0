//! issue 10: a third provider, declared here only, is detected, checked,
//! summarised and listed through the library's entry points, without a
//! change to any other file: the registry is the one place providers are
//! named.

mod common;

use hookscope::Status;
use hookscope::detect::Kind;
use hookscope::json::Val;
use hookscope::provider::{PROVIDERS, Provider, Recognition, Registry, no_precheck, no_rules};
use hookscope::rows::{Cell, Column, Rows, Table};
use hookscope::schema::{Field, Shape, Ty, inferred, inferred_required};
use hookscope::summary::{self, Fields, Name, Section, Value};

static TOY_FIELDS: &[Field] = &[
    inferred_required("toy", Ty::Int, "how many toys"),
    inferred("name", Ty::String, "the toy's name"),
];

static TOY_SHAPE: Shape = Shape {
    name: "Toy payload",
    fields: TOY_FIELDS,
    rules: &[],
    empty_array_is_object: false,
};

const OVERVIEW: Name = &summary::section("overview", "Overview", "the toy");

static TOY: Provider = Provider {
    name: "toy",
    title: "Toy",
    hint: "Toy payloads have toy",
    recognise,
    force: |_| Kind::named("box"),
    detect_keys: &[],
    identity: hookscope::provider::no_identity,
    root: &TOY_FIELDS,
    shapes: &[&TOY_SHAPE],
    shape: |_| (&TOY_SHAPE, false),
    precheck: no_precheck,
    rule: no_rules,
    sections: &[OVERVIEW],
    summary: toy_summary,
    tables: &[Table {
        name: "toys",
        help: "one row per toy payload",
        rows: Rows::Payload,
        columns: &[
            Column {
                name: "toy",
                cell: Cell::Root(&["toy"]),
            },
            Column {
                name: "name",
                cell: Cell::Root(&["name"]),
            },
        ],
    }],
    kinds: &[],
    hook_types: &[],
};

fn recognise(root: Val<'_, '_>) -> Recognition {
    match root.get("toy").is_missing() {
        true => Recognition::No,
        false => Recognition::Yes(Kind::named("box")),
    }
}

fn toy_summary(root: Val<'_, '_>, _: &Kind, _: &summary::Options) -> Vec<Section> {
    let mut fields = Fields::new();
    if let Some(name) = root.get("name").as_str() {
        fields.push("name", "Name", Value::text(name));
    }
    vec![Section::fields(OVERVIEW, fields.into_vec())]
}

/// The built-in providers, then the toy.
fn registry() -> Registry {
    let mut all: Vec<&'static Provider> = PROVIDERS.to_vec();
    all.push(&TOY);
    Registry::new(Vec::leak(all))
}

/// Runs `hookscope ARGS INPUT` in-process over the toy registry.
fn run(args: &[&str], input: &str) -> (Status, String) {
    let path = std::env::temp_dir().join(format!(
        "hookscope-toy-{}-{}.ndjson",
        std::process::id(),
        args.join("_").replace(['/', ' '], "")
    ));
    std::fs::write(&path, input).expect("temp input");
    let path_text = path.to_str().expect("utf-8 path").to_string();
    let argv = std::iter::once("hookscope")
        .chain(args.iter().copied())
        .chain([path_text.as_str()]);
    let registry = registry();
    let cli = hookscope::cli::parse_from(&registry, argv).expect("parses");
    let mut out = Vec::new();
    let status = hookscope::run_to(&cli, registry, &mut out).expect("runs");
    let _ = std::fs::remove_file(&path);
    (status, String::from_utf8(out).expect("utf-8"))
}

const TOYS: &str = "{\"toy\":3,\"name\":\"top\"}\n{\"toy\":\"many\"}\n";

#[test]
fn the_toy_is_detected() {
    let (status, out) = run(&["detect"], TOYS);
    assert_eq!(status, Status::Ok);
    let kinds: Vec<&str> = out
        .lines()
        .map(|l| l.split_once('\t').expect("tab").1)
        .collect();
    assert_eq!(kinds, ["toy\tbox", "toy\tbox"]);
    // The unrecognised message names every provider and its hint.
    let registry = registry();
    let doc = hookscope::json::parse("{\"x\":1}", hookscope::json::Extent::Full).expect("json");
    let err = hookscope::detect::detect(doc.root(), &registry, None).expect_err("unknown");
    assert!(
        err.starts_with("not a NuVidio, PipeRun or Toy payload: top-level keys are x"),
        "{err}"
    );
    assert!(err.ends_with("; Toy payloads have toy)"), "{err}");
}

#[test]
fn the_toy_is_checked_against_its_shape() {
    let (status, out) = run(&["check", "--format", "json"], TOYS);
    assert_eq!(status, Status::Bad);
    let reports: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(reports[0]["valid"], true, "{out}");
    assert_eq!(reports[1]["provider"], "toy");
    let finding = &reports[1]["findings"][0];
    assert_eq!(finding["code"], "wrong-type", "{out}");
    assert_eq!(finding["path"], "/toy");
}

#[test]
fn the_toy_is_summarised() {
    let (status, out) = run(
        &["summary", "--section", "overview", "--format", "json"],
        TOYS,
    );
    assert_eq!(status, Status::Ok);
    let first: serde_json::Value =
        serde_json::from_str(out.lines().next().expect("a line")).expect("json");
    assert_eq!(first["provider"], "toy");
    assert!(out.contains("\"top\""), "{out}");
}

#[test]
fn the_toy_has_rows_and_is_listed() {
    let (_, list) = run(&["csv", "--list"], "");
    assert!(
        list.contains("toys            Toy: one row per toy payload"),
        "{list}"
    );
    assert!(
        list.contains("findings        All: one row per check finding"),
        "{list}"
    );
    let (status, rows) = run(&["--provider", "toy", "csv", "--rows", "toys"], TOYS);
    assert_eq!(status, Status::Ok);
    let cells: Vec<&str> = rows
        .lines()
        .map(|l| l.split_once(',').expect("comma").1)
        .collect();
    assert_eq!(cells, ["toy,name", "3,top", "many,"]);
}

/// The built-in binary does not know the toy: its name is a usage error
/// that lists the valid ones.
#[test]
fn the_binary_does_not_know_the_toy() {
    let run = common::hookscope(&["--provider", "toy", "detect"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("[possible values: nuvidio, piperun]"),
        "{}",
        run.stderr
    );
}
