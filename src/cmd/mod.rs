//! One thin module per subcommand: read the inputs, call domain code, hand
//! the result to a renderer.

pub mod check;
pub mod completions;
pub mod csv;
pub mod detect;
pub mod explain;
pub mod listen;
pub mod man;
pub mod redact;
pub mod replay;
pub mod schema;
pub mod summary;

use std::io::Write;

use crate::check::Code;
use crate::detect::Detection;
use crate::input::{ErrorKind, Payload};
use crate::json::{Doc, Extent};
use crate::pipeline::Output;
use crate::provider::{Provider, Registry};
use crate::render::snippet::{Fault, snippet};
use crate::text::Escaped;

/// Why a payload could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    /// Where a syntax error is (line and column in the input).
    pub fault: Option<(u64, u64)>,
}

/// Parses and recognises a payload, as every command but `check` needs it.
pub fn load<'a>(
    payload: &Payload<'a>,
    extent: Extent,
    registry: &Registry,
    provider: Option<&'static Provider>,
) -> Result<(Doc<'a>, Detection), Problem> {
    let doc = payload.parse(extent).map_err(|e| Problem {
        code: Code::of_payload_error(&e),
        message: e.to_string(),
        fault: (e.kind == ErrorKind::Syntax).then_some((e.line, e.column)),
    })?;
    let detection =
        crate::detect::detect(doc.root(), registry, provider).map_err(|message| Problem {
            code: Code::UnknownProvider,
            message,
            fault: None,
        })?;
    Ok((doc, detection))
}

/// Writes `hookscope: SOURCE: error[code]: message` to the diagnostics; a
/// syntax error is followed by its source line with a caret under the
/// fault (uncoloured, as every diagnostic).
pub fn diagnose(out: &mut Output, payload: &Payload<'_>, problem: &Problem) {
    let source = &payload.source;
    // Writing to a Vec cannot fail.
    let _ = writeln!(
        out.diagnostics,
        "hookscope: {source}: error[{}]: {}",
        problem.code.as_str(),
        Escaped(&problem.message)
    );
    if let Some((line, column)) = problem.fault {
        let fault = Fault {
            first_line: source.line,
            first_column: source.column,
            line,
            column,
        };
        if let Some(drawn) = snippet(payload.bytes(), fault, false) {
            out.diagnostics.extend_from_slice(drawn.as_bytes());
        }
    }
}
