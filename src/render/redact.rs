//! `redact --report`: how many values of each kind were replaced, one
//! line per payload and a totals line (for stderr).

use crate::input::Source;
use crate::redact::Counts;

/// `SOURCE: 3 values replaced: 2 name, 1 email` (or `nothing replaced`).
pub fn payload_line(source: &Source<'_>, counts: &Counts) -> String {
    format!("{source}: {}\n", summary(counts))
}

/// `N payloads: M values replaced: 5 email, ...`.
pub fn totals_line(payloads: u64, counts: &Counts) -> String {
    let noun = if payloads == 1 { "payload" } else { "payloads" };
    format!("{payloads} {noun}: {}\n", summary(counts))
}

fn summary(counts: &Counts) -> String {
    let total = counts.total();
    if total == 0 {
        return "nothing replaced".into();
    }
    let kinds: Vec<String> = counts
        .nonzero()
        .map(|(kind, n)| format!("{n} {}", kind.as_str()))
        .collect();
    let noun = if total == 1 { "value" } else { "values" };
    format!("{total} {noun} replaced: {}", kinds.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::Replaced;

    #[test]
    fn lines_name_the_kinds_in_a_fixed_order() {
        let mut counts = Counts::default();
        assert_eq!(totals_line(1, &counts), "1 payload: nothing replaced\n");
        counts.add(Replaced::Email);
        counts.add(Replaced::Name);
        counts.add(Replaced::Email);
        let source = Source {
            input: "a.json",
            line: 3,
            column: 1,
            shares_line: false,
        };
        assert_eq!(
            payload_line(&source, &counts),
            "a.json:3: 3 values replaced: 1 name, 2 email\n"
        );
    }
}
