//! The provider registry: one folder per webhook family, and [`PROVIDERS`],
//! the one list that detection, the lean-parse guide, the lookup index,
//! `check`, `summary`, `csv` and clap's value lists all read. Generic code
//! reaches a provider only through a [`Provider`] from this list; adding a
//! family is one folder plus one line here.

pub mod nuvidio;
pub mod piperun;

use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::check::Finding;
use crate::detect::Kind;
use crate::json::{Pointer, Val};
use crate::rows::Table;
use crate::schema::{Field, HookType, Shape};
use crate::summary::{self, Name};

/// Every provider hookscope knows, in detection order.
pub static PROVIDERS: &[&Provider] = &[&nuvidio::NUVIDIO, &piperun::PIPERUN];

/// What a provider makes of a payload (an object) during detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recognition {
    /// It is this provider's, of this kind.
    Yes(Kind),
    /// Nearly: detection stops with this reason (after `not a ... payload: `).
    Near(String),
    /// Not this provider's; the next one is asked.
    No,
}

/// A provider's evaluator of its own rules ([`crate::schema::Rule::Custom`]):
/// the rule's name, the value at one of its path's places and its pointer.
pub type RuleHook = for<'d, 'a> fn(&'static str, &Pointer, Val<'d, 'a>, &mut Vec<Finding>);

/// One webhook family: what it is called, how it is recognised, its
/// descriptions, rules, summary sections and row entities. A table of
/// `'static` data and functions, so that it is built at compile time (a
/// test declares its own with `static TOY: Provider = Provider { .. }`).
pub struct Provider {
    /// As `--provider` takes it and `detect` prints it: `nuvidio`.
    pub name: &'static str,
    /// As messages name it: `NuVidio`.
    pub title: &'static str,
    /// What its payloads look like, for the unrecognised-payload message:
    /// `NuVidio has hookType and content`.
    pub hint: &'static str,
    /// Whether an object payload is this provider's.
    pub recognise: for<'d, 'a> fn(Val<'d, 'a>) -> Recognition,
    /// The kind of a payload `--provider` forces to this provider.
    pub force: for<'d, 'a> fn(Val<'d, 'a>) -> Kind,
    /// What identifies a payload across captures (for `check --baseline`),
    /// or `None` when it carries nothing that does.
    pub identity: for<'d, 'a> fn(Val<'d, 'a>) -> Option<String>,
    /// The top-level keys whose members [`Provider::recognise`] reads
    /// (detection's parse builds them and their children's members).
    pub detect_keys: &'static [&'static str],
    /// The root description that guides the lean parse. A reference to
    /// the provider's static, not a copy of its value: a copy made at
    /// compile time may point at a duplicate of the list, which the
    /// lookup index (keyed by address) would not know.
    pub root: &'static &'static [Field],
    /// Every description [`Provider::shape`] returns (their field lists
    /// are indexed for lookups, besides the root's).
    pub shapes: &'static [&'static Shape],
    /// The description a payload of this kind is checked against, and
    /// whether presence below the root is relaxed.
    pub shape: fn(&Kind) -> (&'static Shape, bool),
    /// Findings before the description walk (an unknown hook type).
    pub precheck: for<'d, 'a> fn(Val<'d, 'a>, &Kind, &mut Vec<Finding>),
    /// Evaluates the provider's own rules.
    pub rule: RuleHook,
    /// Its summary sections, in their usual order.
    pub sections: &'static [Name],
    /// Every section of a payload of this kind, empty ones included.
    pub summary: for<'d, 'a> fn(Val<'d, 'a>, &Kind, &summary::Options) -> Vec<summary::Section>,
    /// Its row entities, in `--list` order.
    pub tables: &'static [Table],
    /// The kinds `explain` and `schema` document, one per description a
    /// payload can be checked against; the first is `schema`'s default.
    pub kinds: &'static [KindDoc],
    /// The hook types its documentation lists (empty for providers whose
    /// payloads name none).
    pub hook_types: &'static [HookType],
}

/// A kind of payload as `explain` and `schema` document it: the kind
/// handed to [`Provider::shape`], and names for people and files.
#[derive(Debug, Clone, Copy)]
pub struct KindDoc {
    /// As file names and `--format json` show it: `talk`,
    /// `attendant_closed_issue-complete`.
    pub name: &'static str,
    /// The hook type of its payloads, for providers that have one (`None`:
    /// any hook type not documented by another kind).
    pub hook_type: Option<&'static str>,
    /// The complete or incomplete form, for providers that have both.
    pub complete: Option<bool>,
    /// Which payloads are of this kind.
    pub about: &'static str,
}

impl KindDoc {
    /// The detection kind this documents.
    pub fn kind(&self) -> Kind {
        kind_of(self.name, self.hook_type, self.complete)
    }
}

/// A detection kind from a hook type and a form (`explain` and `schema`'s
/// `--hook` and `--kind`).
pub fn kind_of(label: &str, hook_type: Option<&str>, complete: Option<bool>) -> Kind {
    Kind {
        label: label.to_string(),
        hook_type: hook_type.map(str::to_string),
        complete,
    }
}

impl PartialEq for Provider {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Provider {}

impl fmt::Debug for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Provider({})", self.name)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Serialize for Provider {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

/// A rule hook for providers without rules of their own.
pub fn no_rules(_: &'static str, _: &Pointer, _: Val<'_, '_>, _: &mut Vec<Finding>) {}

/// The identity of payloads that carry none of their own: their bytes'
/// hash stands in (see `check --baseline`).
pub fn no_identity(_: Val<'_, '_>) -> Option<String> {
    None
}

/// `name=value` pairs of the scalars at these paths, the identity of a
/// payload (absent ones left out; `None` when all are).
pub fn identity_of(root: Val<'_, '_>, paths: &[&[&str]]) -> Option<String> {
    let parts: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let value = root.path(path);
            (!value.is_nothing()).then(|| format!("{}={}", path.join("."), value.to_json()))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A precheck for providers without one.
pub fn no_precheck(_: Val<'_, '_>, _: &Kind, _: &mut Vec<Finding>) {}

/// A row entity and the provider whose payloads have its rows (`None`:
/// every provider's, such as `findings`).
#[derive(Debug, Clone, Copy)]
pub struct Entity {
    pub provider: Option<&'static Provider>,
    pub table: &'static Table,
    /// What `--list` and `--help` say of it: `NuVidio: one row per issue`.
    pub about: &'static str,
}

impl Entity {
    /// Whether payloads of this provider have rows of this entity.
    pub fn applies_to(&self, provider: &Provider) -> bool {
        self.provider.is_none_or(|p| p == provider)
    }
}

/// A summary section as `--section` offers it: its definition (the first
/// declaring provider's) and which providers have it.
#[derive(Debug, Clone, Copy)]
pub struct SectionInfo {
    pub def: Name,
    /// `NuVidio: one row per issue`, `Both: ...`.
    pub about: &'static str,
}

/// A list of providers and what is built from it once: the root lists of
/// the lean parse, the merged section and entity lists. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Registry {
    providers: &'static [&'static Provider],
    roots: &'static [&'static [Field]],
    detect_keys: &'static [&'static str],
    sections: &'static [SectionInfo],
    entities: &'static [Entity],
}

impl Registry {
    /// The registry of `providers`; prepares the lookup index of their
    /// descriptions. Built once per process (what it derives is leaked).
    pub fn new(providers: &'static [&'static Provider]) -> Self {
        let index: Vec<&'static [Field]> = providers
            .iter()
            .flat_map(|p| p.shapes.iter().map(|s| s.fields).chain([*p.root]))
            .collect();
        crate::schema::prepare_index(&index);
        let roots: Vec<&'static [Field]> = providers.iter().map(|p| *p.root).collect();
        let mut detect_keys: Vec<&'static str> = Vec::new();
        for key in providers.iter().flat_map(|p| p.detect_keys) {
            if !detect_keys.contains(key) {
                detect_keys.push(key);
            }
        }
        Registry {
            providers,
            roots: Vec::leak(roots),
            detect_keys: Vec::leak(detect_keys),
            sections: Vec::leak(merge_sections(providers)),
            entities: Vec::leak(entities(providers)),
        }
    }

    /// The registry of [`PROVIDERS`].
    pub fn builtin() -> Self {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        *BUILTIN.get_or_init(|| Registry::new(PROVIDERS))
    }

    pub fn providers(&self) -> &'static [&'static Provider] {
        self.providers
    }

    /// The provider `--provider` names.
    pub fn find(&self, name: &str) -> Option<&'static Provider> {
        self.providers.iter().copied().find(|p| p.name == name)
    }

    /// Every provider's root description: the lean parse's guide before
    /// detection.
    pub fn lean_roots(&self) -> &'static [&'static [Field]] {
        self.roots
    }

    /// The top-level keys detection reads below the root, of every
    /// provider: what [`crate::json::Extent::Detect`] builds.
    pub fn detect_keys(&self) -> &'static [&'static str] {
        self.detect_keys
    }

    /// Every summary section, each once, in the providers' order.
    pub fn sections(&self) -> &'static [SectionInfo] {
        self.sections
    }

    /// The section `--section` names.
    pub fn section(&self, name: &str) -> Option<&'static SectionInfo> {
        self.sections.iter().find(|s| s.def.name == name)
    }

    /// Every row entity: the providers' in their order, then `findings`.
    pub fn entities(&self) -> &'static [Entity] {
        self.entities
    }

    /// The entity `--rows` names.
    pub fn entity(&self, name: &str) -> Option<&'static Entity> {
        self.entities.iter().find(|e| e.table.name == name)
    }

    /// Who has a thing: `NuVidio`, `NuVidio, PipeRun`, or `Both` / `All`
    /// when every provider does.
    fn owners(providers: &[&Provider], owners: &[&Provider]) -> String {
        match (owners.len(), providers.len()) {
            (2, 2) => "Both".to_string(),
            (n, all) if n == all && all > 2 => "All".to_string(),
            _ => owners
                .iter()
                .map(|p| p.title)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

fn merge_sections(providers: &[&'static Provider]) -> Vec<SectionInfo> {
    let mut names: Vec<Name> = Vec::new();
    for provider in providers {
        for def in provider.sections {
            if !names.iter().any(|n| n.name == def.name) {
                names.push(def);
            }
        }
    }
    names
        .into_iter()
        .map(|def| {
            let owners: Vec<&Provider> = providers
                .iter()
                .copied()
                .filter(|p| p.sections.iter().any(|s| s.name == def.name))
                .collect();
            let who = Registry::owners(providers, &owners);
            SectionInfo {
                def,
                about: String::leak(format!("{who}: {}", def.help)),
            }
        })
        .collect()
}

fn entities(providers: &[&'static Provider]) -> Vec<Entity> {
    let mut all: Vec<Entity> = providers
        .iter()
        .flat_map(|p| {
            p.tables.iter().map(move |table| Entity {
                provider: Some(*p),
                table,
                about: String::leak(format!("{}: {}", p.title, table.help)),
            })
        })
        .collect();
    let who = Registry::owners(providers, providers);
    all.push(Entity {
        provider: None,
        table: &crate::rows::FINDINGS,
        about: String::leak(format!("{who}: {}", crate::rows::FINDINGS.help)),
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field list the built-in providers declare is indexed, as the
    /// guide and the walk reach it (from the root and from the shapes).
    #[test]
    fn every_declared_list_has_a_sorted_index() {
        let _ = Registry::builtin();
        fn all(fields: &'static [Field], out: &mut Vec<&'static [Field]>) {
            out.push(fields);
            for field in fields {
                let mut ty = &field.ty;
                while let crate::schema::Ty::List(item) | crate::schema::Ty::Map(item) = ty {
                    ty = item;
                }
                if let crate::schema::Ty::Object(fields) = ty {
                    all(fields, out);
                }
            }
        }
        let mut lists = Vec::new();
        for provider in PROVIDERS {
            all(provider.root, &mut lists);
            for shape in provider.shapes {
                all(shape.fields, &mut lists);
            }
            let kinds = [Kind::named("talk"), Kind::named("x")];
            for kind in kinds {
                all((provider.shape)(&kind).0.fields, &mut lists);
            }
        }
        for fields in [piperun::fields::TALK, nuvidio::fields::CONTENT] {
            lists.push(fields);
        }
        for fields in lists {
            let lookup = crate::schema::FieldLookup::new(fields);
            assert!(lookup.is_indexed(), "{}", fields[0].name);
        }
    }

    #[test]
    fn names_are_unique() {
        let registry = Registry::builtin();
        let mut names: Vec<&str> = registry.entities().iter().map(|e| e.table.name).collect();
        names.sort_unstable();
        let len = names.len();
        names.dedup();
        assert_eq!(names.len(), len);
        let mut providers: Vec<&str> = PROVIDERS.iter().map(|p| p.name).collect();
        providers.dedup();
        assert_eq!(providers.len(), PROVIDERS.len());
    }
}
