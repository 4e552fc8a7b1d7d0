use super::*;
use crate::json::{Extent, parse};
use crate::schema::inferred;

static PERSON: &[Field] = &[
    inferred("name", Ty::String, "name").personal(Pii::Name),
    inferred("email", Ty::Email, "e-mail").personal(Pii::Email),
    inferred("note", Ty::String, "note").personal(Pii::Text),
    inferred(
        "when",
        Ty::Datetime(crate::schema::DateStyle::Rfc3339OrLocal),
        "when",
    ),
    inferred("value", Ty::Any, "value").personal(Pii::WhenFlag("private")),
    inferred("private", Ty::Bool, "private"),
    inferred("id", Ty::Int, "id"),
];

use crate::schema::Ty;

fn run(text: &str, options: Options) -> Redacted {
    let doc = parse(text, Extent::Full).expect("valid");
    Redactor::new(b"salt", options).payload(text, doc.root(), Against::Description(PERSON))
}

const MASK: Options = Options {
    text: TextMode::Mask,
    ids: false,
    shift_days: None,
};

#[test]
fn only_the_personal_bytes_change() {
    let text = "{\n  \"name\" : \"Jo\\u00e3o\",\"id\":  12.50e1, \"email\":\"a@b.com\",\n\"x\":1,\"x\":[true ,null],\"when\":\"2025-09-08 11: 01\"}";
    let out = run(text, MASK);
    assert!(out.text.starts_with("{\n  \"name\" : \""));
    assert!(out.text.contains("\"id\":  12.50e1, \"email\":\"u"));
    assert!(out.text.contains(
        "@redacted.invalid\",\n\"x\":1,\"x\":[true ,null],\"when\":\"2025-09-08 11: 01\"}"
    ));
    assert!(!out.text.contains("Jo"));
    assert_eq!(out.counts.get(Replaced::Name), 1);
    assert_eq!(out.counts.get(Replaced::Email), 1);
}

#[test]
fn text_modes_private_flags_ids_and_dates() {
    let text = r#"{"note":"Ligar para maria@x.com.br amanhã","value":"segredo","private":true,"id":144527,"when":"2025-09-08T14:01:17.123-03:00"}"#;
    let out = run(text, MASK);
    let doc = parse(&out.text, Extent::Full).expect("valid output");
    let note = doc.root().get("note").as_str().expect("string");
    assert_eq!(
        note.chars().count(),
        "Ligar para ".chars().count()
            + "u0000000000@redacted.invalid".len()
            + " amanhã".chars().count()
    );
    assert!(note.contains("@redacted.invalid "));
    assert_ne!(doc.root().get("value").as_str(), Some("segredo"));
    assert_eq!(doc.root().get("id").as_i64(), Some(144527));
    let keep = run(
        text,
        Options {
            text: TextMode::Keep,
            ids: true,
            shift_days: Some(-3),
        },
    );
    let doc = parse(&keep.text, Extent::Full).expect("valid output");
    assert_eq!(
        doc.root().get("note").as_str(),
        Some("Ligar para maria@x.com.br amanhã")
    );
    assert_ne!(doc.root().get("id").as_i64(), Some(144527));
    assert_eq!(
        doc.root().get("when").as_str(),
        Some("2025-09-05T14:01:17.123-03:00")
    );
    let drop = run(
        text,
        Options {
            text: TextMode::Drop,
            ..MASK
        },
    );
    assert!(drop.text.starts_with(r#"{"note":"","#));
    let public = run(&text.replace("true", "false"), MASK);
    assert!(public.text.contains("\"segredo\""), "not private: kept");
}

#[test]
fn shifted_local_datetimes_keep_their_form() {
    assert_eq!(
        walk::shift_date("2025-03-01 10:00:00", -1).as_deref(),
        Some("2025-02-28 10:00:00")
    );
    assert_eq!(
        walk::shift_date("2025-09-08T14:01:17.000000Z", 30).as_deref(),
        Some("2025-10-08T14:01:17.000000Z")
    );
    assert_eq!(
        walk::shift_date("2025-09-08 11: 01: 18", 1).as_deref(),
        Some("2025-09-09 11: 01: 18")
    );
    assert_eq!(walk::shift_date("2025-09-08", 1), None);
}

#[test]
fn ids_inside_text_follow_the_ids_option() {
    let text =
        r#"{"x":"routed to attendant 67dc550dec7027a4a852781e.","id":"67dc550dec7027a4a852781e"}"#;
    let kept = run(text, MASK);
    assert_eq!(kept.text, text);
    let out = run(text, Options { ids: true, ..MASK });
    let doc = parse(&out.text, Extent::Full).expect("valid output");
    let id = doc.root().get("id").as_str().expect("id");
    assert_ne!(id, "67dc550dec7027a4a852781e");
    assert_eq!(
        doc.root().get("x").as_str(),
        Some(format!("routed to attendant {id}.").as_str())
    );
}

static INVITE: &[Field] = &[
    inferred("token", Ty::Uuid, "token").personal(Pii::Token),
    inferred("link", Ty::Url, "link").personal(Pii::Url),
    inferred("pic", Ty::Url, "picture").personal(Pii::Url),
];

#[test]
fn urls_keep_scheme_and_host_and_carry_their_token_pseudonym() {
    let token = "3d3d65e4-7249-42ad-a710-7a291853b841";
    let text = format!(
        r#"{{"token":"{token}","link":"https://nuvidio.com/loja.maria?token={token}&push=true#top","pic":"https: //cdn.x.com/u/joao.jpg"}}"#
    );
    let doc = parse(&text, Extent::Full).expect("valid");
    let out = Redactor::new(b"salt", MASK).payload(&text, doc.root(), Against::Description(INVITE));
    let doc = parse(&out.text, Extent::Full).expect("valid output");
    let new_token = doc.root().get("token").as_str().expect("token");
    assert!(crate::values::is_uuid(new_token));
    let link = doc.root().get("link").as_str().expect("link");
    assert!(link.starts_with("https://nuvidio.com/"), "{link}");
    assert!(
        link.contains(&format!("?token={new_token}&push=true#")),
        "{link}"
    );
    assert!(!link.contains("maria") && !link.contains("top"), "{link}");
    assert!(crate::values::is_web_url(link));
    let pic = doc.root().get("pic").as_str().expect("pic");
    assert!(
        pic.starts_with("https: //") && pic.ends_with(".jpg") && !pic.contains("joao"),
        "{pic}"
    );
    assert!(!crate::values::is_web_url(pic), "a broken URL stays broken");
}

#[test]
fn scalar_tokens_are_the_values_in_document_order() {
    let text = " {\"a\" : [1, -2.5e3, \"x\\\"y\", true,null], \"k\":{\"z\":false}, \"s\":\"\\\\\"}";
    let tokens: Vec<&str> = scalar_tokens(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        tokens,
        [
            "1",
            "-2.5e3",
            "\"x\\\"y\"",
            "true",
            "null",
            "false",
            "\"\\\\\""
        ]
    );
}

/// Random JSON with awkward strings (escapes, controls, non-ASCII,
/// personal values) under personal and other keys.
fn random_value(rng: &mut fastrand::Rng, depth: u32, out: &mut String) {
    const KEYS: &[&str] = &[
        "name",
        "email",
        "note",
        "when",
        "x",
        "nome_cliente",
        "telefone",
        "id",
        "a b",
        "é\"q",
    ];
    const STRINGS: &[&str] = &[
        "Maria José",
        "maria@x.com.br",
        "+55 (51) 99999-8888",
        "529.982.247-25",
        "tab\there",
        "quote\"back\\slash",
        "line\nbreak\u{1}",
        "😀 emoji ção",
        "https://x.com/a/b?c=d",
        "2025-09-08 11:01:17",
        "",
        "200.10.20.30",
        "\u{7f}\u{2028}",
    ];
    match (rng.u8(..6), depth) {
        (0, d) if d < 4 => {
            out.push('{');
            for i in 0..rng.usize(..5) {
                if i > 0 {
                    out.push_str(if rng.bool() { "," } else { " ,\n " });
                }
                crate::json::push_json_string(out, KEYS[rng.usize(..KEYS.len())]);
                out.push_str(if rng.bool() { ":" } else { " : " });
                random_value(rng, d + 1, out);
            }
            out.push('}');
        }
        (1, d) if d < 4 => {
            out.push('[');
            for i in 0..rng.usize(..5) {
                if i > 0 {
                    out.push(',');
                }
                random_value(rng, d + 1, out);
            }
            out.push(']');
        }
        (2, _) => {
            out.push_str(["1", "-0.50", "12e3", "51999998888", "true", "null"][rng.usize(..6)])
        }
        _ => {
            let s = STRINGS[rng.usize(..STRINGS.len())];
            if rng.bool() {
                crate::json::push_json_string(out, s);
            } else {
                // Escaped the long way: every non-ASCII character as \u.
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' | '\\' => {
                            out.push('\\');
                            out.push(c);
                        }
                        c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
                        c => {
                            let mut buf = [0u16; 2];
                            for unit in c.encode_utf16(&mut buf) {
                                out.push_str(&format!("\\u{unit:04x}"));
                            }
                        }
                    }
                }
                out.push('"');
            }
        }
    }
}

#[test]
fn random_json_stays_valid_with_its_skeleton_and_without_its_personal_values() {
    let mut rng = fastrand::Rng::with_seed(16);
    for round in 0..400 {
        let mut text = String::new();
        random_value(&mut rng, 0, &mut text);
        let doc = parse(&text, Extent::Full).expect("generated JSON is valid");
        let against = if round % 2 == 0 {
            Against::Nothing
        } else {
            Against::Description(PERSON)
        };
        let out = Redactor::new(b"r", MASK).payload(&text, doc.root(), against);
        let redacted = parse(&out.text, Extent::Full)
            .unwrap_or_else(|e| panic!("{e}: {text}\n=> {}", out.text));
        assert_eq!(redacted.root().kind(), doc.root().kind());
        let outside = |t: &str| {
            let mut s = String::new();
            let (mut inside, mut escaped) = (false, false);
            for c in t.chars() {
                match (inside, escaped, c) {
                    (true, true, _) => escaped = false,
                    (true, false, '\\') => escaped = true,
                    (true, false, '"') => inside = false,
                    (true, ..) => {}
                    (false, _, '"') => inside = true,
                    (false, ..) => s.push(c),
                }
            }
            s
        };
        if round % 2 == 0 {
            // Nothing recognised: numbers are kept unless a key names them.
            assert_eq!(
                outside(&text).len(),
                outside(&out.text).len(),
                "{text}\n=> {}",
                out.text
            );
        }
        // A name is replaced where it is marked (or, recognised by nothing,
        // everywhere); the detected values everywhere.
        let names: &[&str] = if round % 2 == 0 { &["Maria"] } else { &[] };
        let detected = ["maria@x", "99999-8888", "529.982.247-25", "200.10.20.30"];
        for gone in names.iter().chain(&detected) {
            assert!(!out.text.contains(gone), "{gone}: {text}\n=> {}", out.text);
        }
    }
}

static SENDER: &[Field] = &[inferred("from", Ty::String, "sender").personal(Pii::Phone)];

#[test]
fn senders_are_telephones_e_mails_or_handles() {
    let redact = |v: &str| {
        let text = format!(r#"{{"from":"{v}"}}"#);
        let doc = parse(&text, Extent::Full).expect("valid");
        let out =
            Redactor::new(b"s", MASK).payload(&text, doc.root(), Against::Description(SENDER));
        let doc = parse(&out.text, Extent::Full).expect("valid");
        doc.root().get("from").as_str().expect("string").to_string()
    };
    assert!(redact("a@b.com").ends_with("@redacted.invalid"));
    let phone = redact("5551999998888");
    assert!(phone.starts_with("5551") && phone.len() == 13 && phone != "5551999998888");
    let handle = redact("j.schen");
    assert!(handle.len() == 7 && &handle[1..2] == "." && handle != "j.schen");
    assert_eq!(redact("1"), "1");
}

#[test]
fn timestamps_inside_free_text_containers_are_kept_or_shifted() {
    static CHAT: &[Field] = &[inferred("chat", Ty::List(&Ty::Any), "chat").personal(Pii::Text)];
    let text = r#"{"chat":[{"message":"oi Maria","createdAt":"2025-04-23T15:41:08.510Z","at":"2025-09-08 11:01:17"}]}"#;
    let doc = parse(text, Extent::Full).expect("valid");
    let out = Redactor::new(b"s", MASK).payload(text, doc.root(), Against::Description(CHAT));
    assert!(!out.text.contains("Maria"));
    assert!(
        out.text
            .contains(r#""createdAt":"2025-04-23T15:41:08.510Z","at":"2025-09-08 11:01:17""#),
        "{}",
        out.text
    );
    let shifted = Redactor::new(
        b"s",
        Options {
            shift_days: Some(1),
            ..MASK
        },
    );
    let out = shifted.payload(text, doc.root(), Against::Description(CHAT));
    assert!(
        out.text
            .contains(r#""createdAt":"2025-04-24T15:41:08.510Z","at":"2025-09-09 11:01:17""#),
        "{}",
        out.text
    );
}

static FORM: &[Field] = &[inferred("items", Ty::List(&Ty::Object(ANSWER)), "answers")];

static ANSWER: &[Field] = &[
    inferred("label", Ty::String, "label"),
    inferred("value", Ty::Any, "value").personal(Pii::Labelled {
        flag: "private",
        label: "label",
    }),
    inferred("private", Ty::Bool, "private"),
];

#[test]
fn a_form_answer_under_a_personal_label_is_replaced() {
    let text = r#"{"items":[{"label":"Nome completo","value":"Fulano Beltrano"},{"label":"Motocicletas","value":"Kawasaki Z650"},{"label":"x","value":"segredo","private":true},{"label":"CPF","value":"12345678901"},{"label":"Data de nascimento","value":"01/02/1990"}]}"#;
    let doc = parse(text, Extent::Full).expect("valid");
    let out = Redactor::new(b"salt", MASK).payload(text, doc.root(), Against::Description(FORM));
    for personal in ["Fulano", "Beltrano", "segredo", "12345678901", "01/02/1990"] {
        assert!(
            !out.text.contains(personal),
            "{personal} left in {}",
            out.text
        );
    }
    assert!(out.text.contains("\"Kawasaki Z650\""), "not personal: kept");
    assert!(
        out.text.contains("\"label\":\"Nome completo\""),
        "labels kept"
    );
}

static LOG: &[Field] = &[
    inferred("client", Ty::String, "who").personal(Pii::Except {
        pii: &Pii::Name,
        value: "system",
        when: "role",
    }),
    inferred("role", Ty::String, "customer or system"),
];

static LOGS: &[Field] = &[inferred("logs", Ty::List(&Ty::Object(LOG)), "logs")];

#[test]
fn a_documented_sentinel_is_kept_only_when_its_sibling_says_so() {
    let text = r#"{"logs":[{"client":"system","role":"system"},{"client":"system","role":"customer"},{"client":"Fulano Beltrano","role":"system"},{"client":"system"}]}"#;
    let doc = parse(text, Extent::Full).expect("valid");
    let out = Redactor::new(b"salt", MASK).payload(text, doc.root(), Against::Description(LOGS));
    let kept = out.text.matches(r#""client":"system""#).count();
    assert_eq!(kept, 1, "only the platform's own entry: {}", out.text);
    assert!(
        out.text
            .starts_with(r#"{"logs":[{"client":"system","role":"system"}"#),
        "{}",
        out.text
    );
    assert!(!out.text.contains("Fulano"), "{}", out.text);
    assert_eq!(out.counts.total(), 3, "{}", out.text);
}
