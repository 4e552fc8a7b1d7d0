//! Deterministic, format-preserving pseudonyms: each one is drawn from an
//! HMAC-SHA256 of the value keyed by the run's salt, so the same value gets
//! the same replacement in every payload of a run, and another salt gives
//! another one. Each keeps the form of what it replaces (an e-mail stays an
//! e-mail, a CPF keeps valid check digits, an IP stays in a documentation
//! range), so the redacted payload still passes or fails the same checks.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::values::{self, Decoded};

/// Keyed pseudonym source of one run.
#[derive(Clone)]
pub struct Pseudonyms {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for Pseudonyms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pseudonyms(..)")
    }
}

/// A deterministic stream of pseudo-random numbers (splitmix64) seeded by
/// an HMAC, for replacements of any length.
#[derive(Debug, Clone)]
pub struct Stream(u64);

impl Stream {
    pub fn draw(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.draw() % n
    }

    /// A byte of `lo..lo + n` other than `not`, which is in that range.
    pub fn other_in(&mut self, lo: u8, n: u8, not: u8) -> u8 {
        let i = self.below(u64::from(n) - 1) as u8;
        if lo + i >= not { lo + i + 1 } else { lo + i }
    }

    /// A character of `set` other than `not` (when `not` is in it).
    pub fn pick_other(&mut self, set: &[u8], not: u8) -> u8 {
        let others = set.len() as u64 - u64::from(set.contains(&not));
        let mut i = self.below(others) as usize;
        for &c in set {
            if c == not {
                continue;
            }
            if i == 0 {
                return c;
            }
            i -= 1;
        }
        set[0]
    }
}

pub const DIGITS: &[u8] = b"0123456789";
const HEX_LOWER: &[u8] = b"0123456789abcdef";
const HEX_UPPER: &[u8] = b"0123456789ABCDEF";

impl Pseudonyms {
    pub fn new(salt: &[u8]) -> Self {
        // HMAC takes a key of any length.
        let mac = Hmac::<Sha256>::new_from_slice(salt).unwrap_or_else(|_| {
            Hmac::<Sha256>::new_from_slice(b"hookscope").expect("a fixed key is valid")
        });
        Pseudonyms { mac }
    }

    /// HMAC(salt, domain ‖ 0 ‖ value).
    pub fn digest(&self, domain: &str, value: &str) -> [u8; 32] {
        let mut mac = self.mac.clone();
        mac.update(domain.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// A stream seeded by the digest of `value` in `domain`.
    pub fn stream(&self, domain: &str, value: &str) -> Stream {
        let d = self.digest(domain, value);
        Stream(u64::from_le_bytes([
            d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
        ]))
    }

    /// `u` and 10 hex digits at `redacted.invalid`.
    pub fn email(&self, value: &str) -> String {
        let d = self.digest("email", &value.to_lowercase());
        let mut out = String::with_capacity(28);
        out.push('u');
        for b in &d[..5] {
            out.push_str(&format!("{b:02x}"));
        }
        out.push_str("@redacted.invalid");
        out
    }

    /// The same digits count and separators; the country code (`+55` or a
    /// leading `55` of a 12-13 digit number) and the area code kept, every
    /// other digit replaced by another digit.
    pub fn phone(&self, value: &str) -> String {
        let digits = value.bytes().filter(u8::is_ascii_digit).count();
        let keep = match (value.trim_start().starts_with('+'), digits) {
            (true, 12..) => 4,
            (true, _) => 2,
            (false, 12..=13) if digits_start(value, b"55") => 4,
            (false, 10..=11) => 2,
            _ => 0,
        };
        let mut stream = self.stream("phone", value);
        let mut seen = 0;
        value
            .bytes()
            .map(|b| {
                if !b.is_ascii_digit() {
                    return char::from(b);
                }
                seen += 1;
                if seen <= keep {
                    char::from(b)
                } else {
                    char::from(stream.pick_other(DIGITS, b))
                }
            })
            .collect()
    }

    /// A CPF (11 digits) or CNPJ (14 digits) with valid check digits, in
    /// the value's own punctuation; `None` for another digit count.
    pub fn document(&self, value: &str) -> Option<String> {
        let original: Vec<u8> = value
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        let body = match original.len() {
            11 => 9,
            14 => 12,
            _ => return None,
        };
        let mut stream = self.stream("document", value);
        let mut new: Vec<u8> = original[..body]
            .iter()
            .map(|&d| stream.pick_other(DIGITS, d + b'0') - b'0')
            .collect();
        while new.len() < original.len() {
            let check = if body == 9 {
                cpf_check(&new)
            } else {
                cnpj_check(&new)
            };
            new.push(check);
        }
        let mut digits = new.into_iter();
        Some(
            value
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from(b'0' + digits.next().unwrap_or(0)),
                    other => other,
                })
                .collect(),
        )
    }

    /// Every hex digit replaced by another, in the same case (an ObjectId
    /// stays 24 hex digits); other characters masked.
    pub fn hex(&self, value: &str) -> String {
        let mut stream = self.stream("hex", &value.to_ascii_lowercase());
        value
            .bytes()
            .map(|b| match b {
                b'0'..=b'9' | b'a'..=b'f' => char::from(stream.pick_other(HEX_LOWER, b)),
                b'A'..=b'F' => char::from(stream.pick_other(HEX_UPPER, b)),
                other => char::from(other),
            })
            .collect()
    }

    /// A version-4 UUID in the value's case and hyphenation.
    pub fn uuid(&self, value: &str) -> String {
        let lower = value.to_ascii_lowercase();
        let d = self.digest("uuid", &lower);
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&d[..16]);
        let mut id = uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string();
        if id == lower {
            id = uuid::Builder::from_random_bytes([0x5a; 16])
                .into_uuid()
                .to_string();
        }
        if value.bytes().any(|b| b.is_ascii_uppercase()) {
            id = id.to_ascii_uppercase();
        }
        if !value.contains('-') {
            id.retain(|c| c != '-');
        }
        id
    }

    /// Digits replaced by other digits, the first one not 0 when it was
    /// not; the length kept (integer ids, numbers as text).
    pub fn digits(&self, value: &str) -> String {
        let mut stream = self.stream("digits", value);
        let mut first = true;
        value
            .bytes()
            .map(|b| {
                if !b.is_ascii_digit() {
                    return char::from(b);
                }
                let set: &[u8] = if first && b != b'0' {
                    b"123456789"
                } else {
                    DIGITS
                };
                first = false;
                char::from(stream.pick_other(set, b))
            })
            .collect()
    }

    /// An address of the same family in a documentation range
    /// (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; 2001:db8::/32).
    pub fn ip(&self, ip: IpAddr) -> String {
        let d = self.digest("ip", &ip.to_string());
        match ip {
            IpAddr::V4(_) => {
                let [a, b, c] = match d[0] % 3 {
                    0 => [192, 0, 2],
                    1 => [198, 51, 100],
                    _ => [203, 0, 113],
                };
                Ipv4Addr::new(a, b, c, 1 + d[1] % 254).to_string()
            }
            IpAddr::V6(_) => {
                let g = |i: usize| u16::from_be_bytes([d[i], d[i + 1]]);
                Ipv6Addr::new(0x2001, 0xdb8, g(0), g(2), g(4), g(6), g(8), g(10)).to_string()
            }
        }
    }

    /// A small valid file of the same media type, in the URI's own form
    /// (base64 with or without its `=` padding); a URI whose data does not
    /// decode keeps not decoding (its characters masked).
    pub fn data_uri(&self, value: &str) -> Option<String> {
        let uri = values::parse_data_uri(value)?.ok()?;
        let prefix = &value[..value.len() - uri.data.len()];
        let decoded = uri.decode();
        if !uri.base64 || matches!(decoded, Decoded::Invalid) {
            return Some(format!("{prefix}{}", self.mask_alnum("data", uri.data)));
        }
        let tag = hex_of(&self.digest("file", value)[..8]);
        let file = small_file(uri.media_type, &tag);
        let mut data = STANDARD.encode(file);
        if matches!(decoded, Decoded::Unpadded(_)) {
            data.truncate(data.trim_end_matches('=').len());
        }
        Some(format!("{prefix}{data}"))
    }

    /// Letters replaced by letters, digits by digits (each by another one),
    /// everything else kept; the byte length of every character kept.
    pub fn mask_alnum(&self, domain: &str, value: &str) -> String {
        let mut stream = self.stream(domain, value);
        let mut out = String::with_capacity(value.len());
        for c in value.chars() {
            out.push(super::mask::mask_char(c, &mut stream));
        }
        out
    }
}

fn digits_start(value: &str, prefix: &[u8]) -> bool {
    value
        .bytes()
        .filter(u8::is_ascii_digit)
        .take(prefix.len())
        .eq(prefix.iter().copied())
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The check digit of a CPF over `digits` (9, then 10 of them).
pub fn cpf_check(digits: &[u8]) -> u8 {
    let n = digits.len() as u32 + 1;
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * (n - i as u32))
        .sum();
    let rest = (sum * 10) % 11;
    if rest == 10 { 0 } else { rest as u8 }
}

/// The check digit of a CNPJ over `digits` (12, then 13 of them).
pub fn cnpj_check(digits: &[u8]) -> u8 {
    let weights: &[u32] = if digits.len() == 12 {
        &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    } else {
        &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    };
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    let rest = sum % 11;
    if rest < 2 { 0 } else { (11 - rest) as u8 }
}

/// Whether 11 or 14 digits (punctuation aside) are a CPF or CNPJ with valid
/// check digits (and not one digit repeated).
pub fn is_document(digits: &[u8]) -> bool {
    let (body, check): (usize, fn(&[u8]) -> u8) = match digits.len() {
        11 => (9, cpf_check),
        14 => (12, cnpj_check),
        _ => return false,
    };
    if digits.iter().all(|&d| d == digits[0]) {
        return false;
    }
    (body..digits.len()).all(|i| check(&digits[..i]) == digits[i])
}

/// 1x1 PNG, GIF, JPEG and a one-page PDF, each carrying `tag` in a comment
/// (so different values give different files); other types get text.
fn small_file(media_type: &str, tag: &str) -> Vec<u8> {
    const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    const GIF: &str = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    const JPEG: &str = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=";
    let decode = |b64: &str| STANDARD.decode(b64).unwrap_or_default();
    match media_type.to_ascii_lowercase().as_str() {
        "image/png" => {
            let mut png = decode(PNG);
            let mut chunk = b"tEXt".to_vec();
            chunk.extend_from_slice(b"Comment\0redacted ");
            chunk.extend_from_slice(tag.as_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(&chunk);
            let mut insert = ((chunk.len() - 4) as u32).to_be_bytes().to_vec();
            insert.extend_from_slice(&chunk);
            insert.extend_from_slice(&crc.sum().to_be_bytes());
            // After the signature (8) and IHDR (25).
            png.splice(33..33, insert);
            png
        }
        "image/gif" => {
            let mut gif = decode(GIF);
            let text = format!("redacted {tag}");
            let mut insert = vec![0x21, 0xFE, text.len() as u8];
            insert.extend_from_slice(text.as_bytes());
            insert.push(0);
            let at = gif.len() - 1;
            gif.splice(at..at, insert);
            gif
        }
        "image/jpeg" | "image/jpg" => {
            let mut jpeg = decode(JPEG);
            let text = format!("redacted {tag}");
            let mut insert = vec![0xFF, 0xFE];
            insert.extend_from_slice(&((text.len() + 2) as u16).to_be_bytes());
            insert.extend_from_slice(text.as_bytes());
            jpeg.splice(2..2, insert);
            jpeg
        }
        "application/pdf" => format!(
            "%PDF-1.4\n%redacted {tag}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
             2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        )
        .into_bytes(),
        _ => format!("redacted {tag}\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(salt: &str) -> Pseudonyms {
        Pseudonyms::new(salt.as_bytes())
    }

    #[test]
    fn cpf_and_cnpj_keep_valid_check_digits_and_punctuation() {
        let cpf = p("s").document("529.982.247-25").expect("11 digits");
        assert_eq!(cpf.len(), 14);
        assert_eq!(&cpf[3..4], ".");
        assert_eq!(&cpf[11..12], "-");
        let digits: Vec<u8> = cpf
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        assert!(is_document(&digits), "{cpf}");
        assert!(is_document(&[5, 2, 9, 9, 8, 2, 2, 4, 7, 2, 5]));
        let cnpj = p("s").document("11222333000181").expect("14 digits");
        let digits: Vec<u8> = cnpj.bytes().map(|b| b - b'0').collect();
        assert!(is_document(&digits), "{cnpj}");
        assert!(is_document(&[1, 1, 2, 2, 2, 3, 3, 3, 0, 0, 0, 1, 8, 1]));
        assert_ne!(cnpj, "11222333000181");
    }

    #[test]
    fn email_uuid_hex_and_ips_keep_their_form() {
        let e = p("s").email("Maria.Silva@example.com");
        assert!(values::is_email(&e), "{e}");
        assert_eq!(e, p("s").email("maria.silva@example.com"));
        assert_ne!(e, p("t").email("maria.silva@example.com"));
        let u = p("s").uuid("3d3d65e4-7249-42ad-a710-7a291853b841");
        assert!(values::is_uuid(&u), "{u}");
        assert_ne!(u, "3d3d65e4-7249-42ad-a710-7a291853b841");
        let h = p("s").hex("68090a14c44d41ed6a30baeb");
        assert!(values::is_object_id(&h));
        assert!(
            h.bytes()
                .zip("68090a14c44d41ed6a30baeb".bytes())
                .all(|(a, b)| a != b)
        );
        let v4: Ipv4Addr = p("s")
            .ip("200.1.2.3".parse().expect("ip"))
            .parse()
            .expect("v4");
        let o = v4.octets();
        assert!(matches!(
            [o[0], o[1], o[2]],
            [192, 0, 2] | [198, 51, 100] | [203, 0, 113]
        ));
        let v6: Ipv6Addr = p("s")
            .ip("2804:14c::1".parse().expect("ip"))
            .parse()
            .expect("v6");
        assert_eq!(&v6.segments()[..2], &[0x2001, 0xdb8]);
    }

    #[test]
    fn phones_keep_length_separators_and_prefixes() {
        let out = p("s").phone("+55 (51) 99999-8888");
        assert_eq!(out.len(), "+55 (51) 99999-8888".len());
        assert!(out.starts_with("+55 (51) "), "{out}");
        assert_ne!(&out[9..], "99999-8888");
        let out = p("s").phone("51999998888");
        assert!(out.starts_with("51") && out.len() == 11, "{out}");
    }

    #[test]
    fn data_uris_become_small_files_of_their_type_and_padding() {
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAQMAAAD+wSzIAAAABlBMVEX///+/v7+jQ3Y5AAAADklEQVQI12P4AIX8EAgALgAD/aNpbtEAAAAASUVORK5CYII";
        let out = p("s").data_uri(png).expect("a data URI");
        let uri = values::parse_data_uri(&out).expect("data").expect("parses");
        assert_eq!(uri.media_type, "image/png");
        assert!(
            matches!(uri.decode(), Decoded::Unpadded(_)),
            "unpadded stays unpadded"
        );
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(uri.data)
            .expect("decodes");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_ne!(out, p("t").data_uri(png).expect("a data URI"));
        for media in ["image/jpeg", "image/gif", "application/pdf", "text/plain"] {
            let out = p("s")
                .data_uri(&format!("data:{media};base64,aGVsbG8="))
                .expect("a data URI");
            let uri = values::parse_data_uri(&out).expect("data").expect("parses");
            assert!(matches!(uri.decode(), Decoded::Ok(_)), "{out}");
        }
    }
}
