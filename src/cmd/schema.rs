//! `hookscope schema`: the JSON Schema of a provider's payloads, of one
//! kind, or of every provider and kind into a folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::Status;
use crate::cli::{SchemaArgs, SchemaForm};
use crate::detect::Kind;
use crate::json_schema;
use crate::provider::{Provider, Registry, kind_of};

pub fn run(args: &SchemaArgs, registry: &Registry, out: &mut dyn Write) -> Result<Status> {
    // clap accepts only the registry's names.
    let provider = args
        .provider
        .as_deref()
        .and_then(|name| registry.find(name));
    if let Some(dir) = &args.out_dir {
        let providers = match provider {
            Some(p) => vec![p],
            None => registry.providers().to_vec(),
        };
        for path in write_all(dir, &providers)? {
            writeln!(out, "{}", crate::text::escape_control(&path))?;
        }
        return Ok(Status::Ok);
    }
    let Some(provider) = provider else {
        bail!("schema: give a PROVIDER or --out-dir DIR");
    };
    let (name, kind) = pick(provider, args.hook.as_deref(), args.kind)?;
    let schema = generate(provider, &name, &kind);
    out.write_all(&pretty(&schema)?)?;
    Ok(Status::Ok)
}

/// The schema of `provider`'s payloads of `kind`, named `name`.
pub fn generate(provider: &Provider, name: &str, kind: &Kind) -> json_schema::Schema {
    let (shape, relaxed) = (provider.shape)(kind);
    json_schema::schema(provider, name, shape, relaxed)
}

fn pretty(schema: &json_schema::Schema) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(schema)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The kind `--hook` and `--kind` name: a documented one when they match
/// one, else one built from them; the first documented kind by default.
pub fn pick(
    provider: &Provider,
    hook: Option<&str>,
    form: Option<SchemaForm>,
) -> Result<(String, Kind)> {
    let complete = form.map(|f| f == SchemaForm::Complete);
    if hook.is_some() && provider.kinds.iter().all(|k| k.hook_type.is_none()) {
        bail!(
            "schema: {} payloads have no hook type (--hook)",
            provider.name
        );
    }
    if complete.is_some() && provider.kinds.iter().all(|k| k.complete.is_none()) {
        bail!(
            "schema: {} payloads have no incomplete and complete forms (--kind)",
            provider.name
        );
    }
    let found = provider.kinds.iter().find(|k| {
        hook.is_none_or(|h| k.hook_type == Some(h))
            && complete.is_none_or(|c| k.complete == Some(c))
    });
    if let Some(doc) = found {
        return Ok((doc.name.to_string(), doc.kind()));
    }
    let Some(hook) = hook else {
        bail!("schema: {} documents no kind of payload", provider.name);
    };
    if hook.is_empty() {
        bail!("schema: --hook needs a hook type");
    }
    if !provider.hook_types.iter().any(|h| h.name == hook) {
        crate::diagnostics::line(&format!(
            "hookscope: schema: warning: {} is not among the documented {} hook types; printing the schema its payloads are checked against",
            crate::text::quote(hook),
            provider.title
        ));
    }
    let name = match form {
        Some(SchemaForm::Complete) => format!("{hook}-complete"),
        Some(SchemaForm::Incomplete) => format!("{hook}-incomplete"),
        None => hook.to_string(),
    };
    Ok((name.clone(), kind_of(&name, Some(hook), complete)))
}

/// The file of one provider's kind: `piperun.talk.schema.json`.
pub fn file_name(provider: &Provider, kind: &str) -> String {
    format!("{}.{kind}.schema.json", provider.name)
}

fn write_all(dir: &Path, providers: &[&'static Provider]) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut written = Vec::new();
    for provider in providers {
        for doc in provider.kinds {
            let path = dir.join(file_name(provider, doc.name));
            let schema = generate(provider, doc.name, &doc.kind());
            std::fs::write(&path, pretty(&schema)?)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            written.push(path.display().to_string());
        }
    }
    Ok(written)
}
