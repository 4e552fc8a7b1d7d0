//! Deterministic benchmark corpus: NDJSON shaped like the bundled samples.
//!
//! `cargo run --release --example gen-corpus -- --mb 200 --seed 1 > corpus.ndjson`
//!
//! Mix: about 60% PipeRun talks with 1 to 200 messages, 30% complete NuVidio
//! `attendant_closed_issue` hooks (some with image data URIs of 100 B to
//! 20 KB), 10% incomplete hooks and other hook types. Message texts carry
//! accents, emoji, quotes, commas and newlines. The same seed always gives
//! the same bytes.

use std::io::{self, BufWriter, Write};

use base64::Engine;
use serde_json::{Value, json};

const TALK: &str = include_str!("../samples/piperun/talk.json");
const COMPLETE: &str = include_str!("../samples/nuvidio/attendant_closed_issue.complete.json");
const INCOMPLETE: &str = include_str!("../samples/nuvidio/attendant_closed_issue.incomplete.json");

const TEXTS: &[&str] = &[
    "Olá, tudo bem? Gostaria de saber o status do meu pedido.",
    "Bom dia! Já fiz o pagamento, segue o comprovante 📎",
    "Não consegui acessar o link, dá \"erro 404\", pode verificar?",
    "Perfeito, obrigado pela ajuda 😀👍",
    "Preciso trocar o endereço de entrega: Rua das Acácias, 123, apto 4",
    "Linha 1\nLinha 2\nLinha 3, com vírgula",
    "Atenção: promoção válida até sexta-feira; consulte condições.",
    "Você pode me ligar às 14h? Meu número é (51) 99999-8888",
    "ação, emoção, coração — çãõéêíóú",
    "=SUM(A1:A2) não é fórmula, é texto do cliente",
];

struct Args {
    mb: u64,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { mb: 200, seed: 1 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = value
            .parse()
            .map_err(|_| format!("{flag}: not a number: {value}"))?;
        match flag.as_str() {
            "--mb" => args.mb = number,
            "--seed" => args.seed = number,
            _ => return Err(format!("unknown option {flag} (use --mb N --seed S)")),
        }
    }
    Ok(args)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            std::process::exit(2);
        }
    };
    let mut corpus = Generator::new(args.seed);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let target = args.mb * 1_000_000;
    let mut written = 0u64;
    while written < target {
        let line = corpus.payload().to_string();
        if out
            .write_all(line.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .is_err()
        {
            return;
        }
        written += line.len() as u64 + 1;
    }
    let _ = out.flush();
}

struct Generator {
    rng: fastrand::Rng,
    talk: Value,
    complete: Value,
    incomplete: Value,
    n: u64,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let parse = |s: &str| serde_json::from_str::<Value>(s).expect("bundled sample parses");
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            talk: parse(TALK),
            complete: parse(COMPLETE),
            incomplete: parse(INCOMPLETE),
            n: 0,
        }
    }

    fn payload(&mut self) -> Value {
        self.n += 1;
        match self.rng.u32(0..100) {
            0..60 => self.talk(),
            60..90 => self.complete(),
            90..95 => self.incomplete(),
            _ => self.other_hook(),
        }
    }

    fn object_id(&mut self) -> String {
        (0..24)
            .map(|_| char::from_digit(self.rng.u32(0..16), 16).unwrap_or('0'))
            .collect()
    }

    fn text(&mut self) -> String {
        let mut text = TEXTS[self.rng.usize(0..TEXTS.len())].to_string();
        if self.rng.u8(0..4) == 0 {
            text.push(' ');
            text.push_str(TEXTS[self.rng.usize(0..TEXTS.len())]);
        }
        text
    }

    fn talk(&mut self) -> Value {
        let mut talk = self.talk.clone();
        let id = 100_000 + self.n;
        talk["id"] = json!(id);
        talk["tracking_number"] = json!(format!("2025090{}", id));
        let templates = talk["talk_histories"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let count = 1 + self.rng.usize(0..200);
        let mut messages = Vec::with_capacity(count);
        for i in 0..count {
            let mut m = templates[i % templates.len()].clone();
            m["id"] = json!(2_000_000 + self.n * 1000 + i as u64);
            m["talk_id"] = json!(id);
            m["message"] = json!(self.text());
            m["type"] = json!(["in", "out", "system"][self.rng.usize(0..3)]);
            messages.push(m);
        }
        talk["talk_histories"] = Value::Array(messages);
        talk["talk_events"][0]["talk_id"] = json!(id);
        talk
    }

    fn complete(&mut self) -> Value {
        let mut hook = self.complete.clone();
        hook["content"]["id"] = json!(self.object_id());
        hook["content"]["ticket"] = json!(format!("{:014}", self.n));
        if self.rng.u8(0..3) == 0 {
            let size = self.rng.usize(100..20_000);
            let bytes: Vec<u8> = (0..size).map(|_| self.rng.u8(..)).collect();
            let uri = format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            );
            hook["content"]["issues"][0]["data"][1]["value"] = json!(uri);
        }
        hook["content"]["issues"][1]["notes"] = json!(format!("<p>{}</p>", self.text()));
        hook
    }

    fn incomplete(&mut self) -> Value {
        let mut hook = self.incomplete.clone();
        hook["content"]["id"] = json!(self.object_id());
        hook["content"]["call"]["id"] = json!(self.object_id());
        hook
    }

    fn other_hook(&mut self) -> Value {
        let kinds = [
            "new_client_waiting",
            "call_finished",
            "client_left_queue",
            "customer_scheduled_call",
        ];
        let kind = kinds[self.rng.usize(0..kinds.len())];
        json!({
            "hookType": kind,
            "hookDescription": kind.replace('_', " "),
            "timestamp": "2025-04-23T15:41:46.625Z",
            "content": {
                "id": self.object_id(),
                "customer": {"id": self.object_id(), "name": "Duda", "email": "duda@example.com"},
                "invite": {"id": self.object_id(), "token": "3d3d65e4-7249-42ad-a710-7a291853b841"},
                "status": {"name": "done", "detail": {"code": "quit", "message": "User left"}},
                "initialDate": "2025-04-23T15:41:08.510Z",
                "expirationDate": "2025-04-23T15:41:35.266Z"
            }
        })
    }
}
