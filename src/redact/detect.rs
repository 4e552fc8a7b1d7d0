//! Detectors of personal values inside text (e-mails, URLs, `data:` URIs,
//! telephones, CPF/CNPJ with valid check digits, IPv4 addresses) and of
//! keys that name personal data. Used for free text, for every string the
//! descriptions do not mark, and for the fields they do not know.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use super::pseudonym::is_document;
use crate::schema::Pii;

/// What a detector found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Email,
    Url,
    DataUri,
    Phone,
    Document,
    Ip,
    /// A 24-hex-digit ObjectId (found only when ids are replaced).
    ObjectId,
}

/// The personal values inside `text`, in order, not overlapping. Linear
/// in the text's length (plus a sort of the places found), whatever it
/// holds.
pub fn find(text: &str) -> Vec<(Range<usize>, Found)> {
    let b = text.as_bytes();
    let has_at = memchr::memchr(b'@', b).is_some();
    let has_colon = memchr::memchr2(b':', b'w', b).is_some();
    if !has_at && !has_colon && b.iter().filter(|c| c.is_ascii_digit()).count() < 4 {
        return Vec::new();
    }
    let mut found = if has_colon { links(text) } else { Vec::new() };
    if has_at {
        let mut mails = Vec::new();
        emails(b, &found, &mut mails);
        merge(&mut found, mails);
    }
    let mut numbers_found = Vec::new();
    numbers(text, &found, &mut numbers_found);
    merge(&mut found, numbers_found);
    found
}

/// Adds `more` to the ordered, non-overlapping `found`, dropping what
/// overlaps something before it.
fn merge(found: &mut Vec<(Range<usize>, Found)>, more: Vec<(Range<usize>, Found)>) {
    if more.is_empty() {
        return;
    }
    found.extend(more);
    found.sort_by_key(|(r, _)| r.start);
    let mut end = 0;
    found.retain(|(r, _)| {
        let keep = r.start >= end;
        if keep {
            end = r.end;
        }
        keep
    });
}

/// Adds the 24-hex-digit ObjectIds of `text` (whole words) to `found`,
/// where they overlap nothing found there, keeping it in order.
pub fn add_object_ids(text: &str, found: &mut Vec<(Range<usize>, Found)>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut ids = Vec::new();
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i - start == 24 && b[start..i].iter().all(u8::is_ascii_hexdigit) {
            ids.push((start..i, Found::ObjectId));
        }
    }
    merge(found, ids);
}

fn boundary_before(b: &[u8], at: usize) -> bool {
    at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_')
}

/// Whether `at` is inside one of the ordered, non-overlapping `found`.
fn inside(found: &[(Range<usize>, Found)], at: usize) -> bool {
    let i = found.partition_point(|(r, _)| r.end <= at);
    found.get(i).is_some_and(|(r, _)| r.start <= at)
}

/// What [`links`] looks for, its finders built once.
static LINKS: LazyLock<[(memmem::Finder<'static>, usize, Found); 4]> = LazyLock::new(|| {
    let finder = |needle: &'static str, kind| (memmem::Finder::new(needle), needle.len(), kind);
    [
        finder("data:", Found::DataUri),
        finder("http://", Found::Url),
        finder("https://", Found::Url),
        finder("www.", Found::Url),
    ]
});

/// Where a run of characters a link may hold ends: its end, the end with
/// trailing punctuation trimmed, and its last comma.
#[derive(Debug, Clone, Copy)]
struct Run {
    end: usize,
    trimmed: usize,
    comma: Option<usize>,
}

/// `data:` URIs and `http(s)://` / `www.` links, in order. A link runs to
/// the next space or quote, less trailing punctuation; a `data:` URI needs
/// a comma. One look at each run, however many links start in it.
fn links(text: &str) -> Vec<(Range<usize>, Found)> {
    let b = text.as_bytes();
    let mut starts: Vec<(usize, usize, Found)> = LINKS
        .iter()
        .flat_map(|(finder, len, kind)| finder.find_iter(b).map(move |s| (s, *len, *kind)))
        .collect();
    starts.sort_unstable_by_key(|(start, ..)| *start);
    let (mut out, mut taken, mut run) = (Vec::new(), 0, None::<Run>);
    for (start, len, kind) in starts {
        if start < taken || !boundary_before(b, start) {
            continue;
        }
        let here = match run {
            Some(r) if start < r.end => r,
            _ => {
                let r = run_at(b, start);
                run = Some(r);
                r
            }
        };
        let end = here.trimmed.max(start + len);
        if kind == Found::DataUri && !here.comma.is_some_and(|c| c > start && c < end) {
            continue;
        }
        if end > start + len {
            out.push((start..end, kind));
            taken = end;
        }
    }
    out
}

fn run_at(b: &[u8], start: usize) -> Run {
    let stop = |c: &u8| c.is_ascii_whitespace() || b"\"<>'`".contains(c);
    let end = b[start..]
        .iter()
        .position(stop)
        .map_or(b.len(), |i| start + i);
    let mut trimmed = end;
    while trimmed > start && b".,;:!?)]}".contains(&b[trimmed - 1]) {
        trimmed -= 1;
    }
    let comma = memchr::memrchr(b',', &b[start..trimmed]).map(|i| start + i);
    Run {
        end,
        trimmed,
        comma,
    }
}

fn emails(b: &[u8], links: &[(Range<usize>, Found)], found: &mut Vec<(Range<usize>, Found)>) {
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let domain = |c: u8| c.is_ascii_alphanumeric() || b".-".contains(&c);
    for at in memchr::memchr_iter(b'@', b) {
        if inside(links, at) {
            continue;
        }
        let mut start = at;
        while start > 0 && local(b[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < b.len() && domain(b[end]) {
            end += 1;
        }
        while end > at + 1 && b[end - 1] == b'.' {
            end -= 1;
        }
        let dom = &b[at + 1..end];
        if start < at && dom.contains(&b'.') && !dom.starts_with(b".") {
            found.push((start..end, Found::Email));
        }
    }
}

/// Telephones, CPF/CNPJ and IPv4 addresses: runs of digits and the
/// punctuation they are written with.
fn numbers(text: &str, taken: &[(Range<usize>, Found)], found: &mut Vec<(Range<usize>, Found)>) {
    let b = text.as_bytes();
    let part = |c: u8| c.is_ascii_digit() || b".-/()+ ".contains(&c);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts = c.is_ascii_digit()
            || ((c == b'+' || c == b'(') && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts || !boundary_before(b, i) || inside(taken, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < b.len()
            && part(b[end])
            && !(b[end] == b' '
                && b.get(end + 1)
                    .is_none_or(|n| !(n.is_ascii_digit() || *n == b'(')))
        {
            end += 1;
        }
        while end > start && !b[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let after_ok = end >= b.len() || !(b[end].is_ascii_alphanumeric() || b[end] == b'_');
        if after_ok && let Some(kind) = number_kind(&text[start..end]) {
            found.push((start..end, kind));
        }
        i = end.max(i + 1);
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
    }
}

/// What a run of digits and punctuation is, if personal.
pub fn number_kind(run: &str) -> Option<Found> {
    let digits: Vec<u8> = run
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|d| d - b'0')
        .collect();
    if run.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some(Found::Ip);
    }
    if looks_like_date(run) {
        return None;
    }
    let doc_punct = run
        .bytes()
        .all(|c| c.is_ascii_digit() || b".-/".contains(&c));
    if doc_punct && is_document(&digits) {
        return Some(Found::Document);
    }
    if is_phone(run, &digits) {
        return Some(Found::Phone);
    }
    None
}

/// A Brazilian or international telephone: 10 to 13 digits, written with
/// a `+`, an area code in parentheses, a separator before the last four
/// digits, or as 10-11 national digits (a valid area code) or 12-13
/// starting with 55.
fn is_phone(run: &str, digits: &[u8]) -> bool {
    let n = digits.len();
    if !(10..=13).contains(&n) || run.contains('/') || run.matches('.').count() > 1 {
        return false;
    }
    if run.starts_with('+') || run.starts_with('(') {
        return true;
    }
    let plain = run.bytes().all(|c| c.is_ascii_digit());
    let area_ok = |d: &[u8]| d[0] != 0 && d[1] != 0;
    match n {
        10 | 11 if plain => area_ok(digits) && (n == 10 || digits[2] == 9),
        12 | 13 if plain => digits.starts_with(&[5, 5]) && area_ok(&digits[2..]),
        _ => {
            let last = run.rsplit([' ', '-', '.']).next().unwrap_or("");
            last.len() == 4 && area_ok(digits)
        }
    }
}

/// `YYYY-MM-DD`, `DD/MM/YYYY`, `YYYY/MM/DD` (with a time or not).
fn looks_like_date(run: &str) -> bool {
    let b = run.as_bytes();
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    (at(4, b'-') && at(7, b'-')) || (at(2, b'/') && at(5, b'/')) || (at(4, b'/') && at(7, b'/'))
}

/// The personal kind a key names (`email`, `telefone`, `cpf`, `nome`, ...),
/// by its words (`customer_email`, `customerEmail`, `e-mail`).
pub fn key_kind(key: &str) -> Option<Pii> {
    thread_local! {
        static SEEN: RefCell<HashMap<Box<str>, Option<Pii>>> = RefCell::new(HashMap::new());
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(kind) = seen.get(key) {
            return *kind;
        }
        if seen.len() >= 4096 {
            seen.clear();
        }
        let kind = key_kind_of(key);
        seen.insert(key.into(), kind);
        kind
    })
}

fn key_kind_of(key: &str) -> Option<Pii> {
    let words = words(key);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let joined: String = words.concat();
    if has(&["email", "mail"]) || joined.contains("email") {
        Some(Pii::Email)
    } else if has(&[
        "phone",
        "telephone",
        "telefone",
        "fone",
        "celular",
        "cel",
        "tel",
        "whatsapp",
        "mobile",
        "msisdn",
    ]) {
        Some(Pii::Phone)
    } else if has(&[
        "cpf",
        "cnpj",
        "document",
        "documento",
        "rg",
        "doc",
        "passport",
    ]) {
        Some(Pii::Document)
    } else if has(&[
        "name",
        "nome",
        "fullname",
        "surname",
        "sobrenome",
        "apelido",
        "nickname",
        "username",
        "login",
        "pushname",
    ]) {
        Some(Pii::Name)
    } else if has(&["ip"]) || joined.contains("ipaddress") {
        Some(Pii::Ip)
    } else if joined.contains("useragent") {
        Some(Pii::UserAgent)
    } else if has(&[
        "address",
        "endereco",
        "endereço",
        "street",
        "rua",
        "cep",
        "zip",
        "zipcode",
        "logradouro",
        "bairro",
        "latitude",
        "longitude",
        "lat",
        "lng",
        "lon",
    ]) {
        Some(Pii::Location)
    } else if has(&["token", "password", "senha", "secret"]) {
        Some(Pii::Token)
    } else if has(&[
        "message",
        "mensagem",
        "text",
        "texto",
        "comment",
        "comentario",
        "comentário",
        "note",
        "notes",
        "nota",
        "notas",
        "obs",
        "observacao",
        "observação",
        "body",
    ]) {
        Some(Pii::Text)
    } else if has(&["birth", "birthday", "nascimento", "birthdate"]) {
        Some(Pii::Name)
    } else {
        None
    }
}

/// A key's words, lowercase: split at `_`, `-`, `.`, spaces and a
/// lowercase-to-uppercase step.
fn words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in key.chars() {
        if c == '_' || c == '-' || c == '.' || c == ' ' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Found)> {
        find(text).into_iter().map(|(r, k)| (&text[r], k)).collect()
    }

    #[test]
    fn finds_personal_values_in_text() {
        let text = "Oi, sou maria.silva@example.com, tel (51) 99999-8888 ou +55 51 98888-7777, \
                    CPF 529.982.247-25, veja https://x.com/a?b=c. IP 200.10.20.30";
        assert_eq!(
            kinds(text),
            vec![
                ("maria.silva@example.com", Found::Email),
                ("(51) 99999-8888", Found::Phone),
                ("+55 51 98888-7777", Found::Phone),
                ("529.982.247-25", Found::Document),
                ("https://x.com/a?b=c", Found::Url),
                ("200.10.20.30", Found::Ip),
            ]
        );
    }

    #[test]
    fn leaves_ids_dates_and_tickets_alone() {
        for text in [
            "2025-09-08 11:01:17",
            "2025-04-23T15:41:08.510Z",
            "25042332620347",
            "User moved to call by attendant 67dc550dec7027a4a852781e",
            "12312312312",
            "Default.mp3",
        ] {
            assert_eq!(kinds(text), vec![], "{text}");
        }
        assert_eq!(kinds("51999998888"), vec![("51999998888", Found::Phone)]);
    }

    #[test]
    fn keys_by_their_words() {
        assert_eq!(key_kind("customerEmail"), Some(Pii::Email));
        assert_eq!(key_kind("e-mail"), Some(Pii::Email));
        assert_eq!(key_kind("nome_completo"), Some(Pii::Name));
        assert_eq!(key_kind("filename"), None);
        assert_eq!(key_kind("client_ip"), Some(Pii::Ip));
        assert_eq!(key_kind("description"), None);
    }
}
