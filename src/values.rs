//! Parsing of the value formats the providers use: datetimes (with and
//! without offset), object ids, UUIDs, colors, URLs, e-mail addresses and
//! `data:` URIs. Validation, summaries and rows share these.

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

/// `YYYY-MM-DD HH:MM:SS`, PipeRun's local-time spelling.
const LOCAL_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Parses an RFC 3339 datetime, e.g. `2025-09-08T14:01:17.000000Z`.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

/// Parses RFC 3339, or `YYYY-MM-DD HH:MM:SS` read in `local` (the account's
/// time zone, which the payload does not carry).
pub fn parse_datetime(s: &str, local: FixedOffset) -> Option<DateTime<FixedOffset>> {
    if let Some(dt) = parse_rfc3339(s) {
        return Some(dt);
    }
    if s.len() != 19 {
        return None;
    }
    let naive = NaiveDateTime::parse_from_str(s, LOCAL_FORMAT).ok()?;
    local.from_local_datetime(&naive).single()
}

/// Parses `+HH:MM`, `-HH:MM` or `Z` into an offset.
pub fn parse_offset(s: &str) -> Result<FixedOffset, String> {
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") {
        return FixedOffset::east_opt(0).ok_or_else(|| "bad offset".to_string());
    }
    let bad = || format!("invalid time zone offset '{s}': expected +HH:MM, -HH:MM or Z");
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'+') => (1, &s[1..]),
        Some(b'-') => (-1, &s[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = rest.split_once(':').ok_or_else(bad)?;
    let (h, m): (i32, i32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 || h < 0 || m < 0 {
        return Err(bad());
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60)).ok_or_else(bad)
}

/// A 24-hex-digit MongoDB ObjectId.
pub fn is_object_id(s: &str) -> bool {
    s.len() == 24 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A UUID in its usual hyphenated form.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// `#rrggbb`.
pub fn is_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// An absolute `http`/`https` URL with a host.
pub fn is_web_url(s: &str) -> bool {
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    match url::Url::parse(s) {
        Ok(url) => matches!(url.scheme(), "http" | "https") && url.host_str().is_some(),
        Err(_) => false,
    }
}

/// An e-mail address.
pub fn is_email(s: &str) -> bool {
    email_address::EmailAddress::is_valid(s)
}

/// A parsed `data:` URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataUri<'a> {
    /// The media type, `text/plain` when the URI names none.
    pub media_type: &'a str,
    /// The payload after the comma.
    pub data: &'a str,
    pub base64: bool,
}

/// What decoding a base64 `data:` URI found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    /// Decodes, with the number of bytes.
    Ok(usize),
    /// Decodes only when the missing `=` padding is forgiven.
    Unpadded(usize),
    Invalid,
}

/// Splits a `data:` URI; `None` when `s` is not one.
pub fn parse_data_uri(s: &str) -> Option<Result<DataUri<'_>, String>> {
    let rest = s.strip_prefix("data:")?;
    let Some((meta, data)) = rest.split_once(',') else {
        return Some(Err("a data: URI without the ',' before its data".into()));
    };
    let (meta, base64) = match meta.strip_suffix(";base64") {
        Some(meta) => (meta, true),
        None => (meta, false),
    };
    let media_type = meta.split(';').next().unwrap_or("");
    let media_type = if media_type.is_empty() {
        "text/plain"
    } else {
        media_type
    };
    Some(Ok(DataUri {
        media_type,
        data,
        base64,
    }))
}

impl DataUri<'_> {
    /// Decodes the data to learn its size and whether it is valid base64.
    pub fn decode(&self) -> Decoded {
        if !self.base64 {
            return Decoded::Ok(percent_decoded_len(self.data));
        }
        if let Ok(bytes) = STANDARD.decode(self.data) {
            return Decoded::Ok(bytes.len());
        }
        const LENIENT: GeneralPurpose = GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
        );
        match LENIENT.decode(self.data) {
            Ok(bytes) => Decoded::Unpadded(bytes.len()),
            Err(_) => Decoded::Invalid,
        }
    }

    /// The decoded size in bytes, if the data decodes at all.
    pub fn decoded_len(&self) -> Option<usize> {
        match self.decode() {
            Decoded::Ok(n) | Decoded::Unpadded(n) => Some(n),
            Decoded::Invalid => None,
        }
    }
}

/// The length of percent-encoded text once decoded (`%20` is one byte).
fn percent_decoded_len(data: &str) -> usize {
    // An escape's two hex digits cannot start another escape: no overlaps.
    let escapes = data
        .as_bytes()
        .windows(3)
        .filter(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
        .count();
    data.len() - 2 * escapes
}

/// `27s`, `1m 05s`, `2h 03m 09s`; negative durations get a leading `-`.
pub fn human_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    match (s / 3600, s % 3600 / 60, s % 60) {
        (0, 0, sec) => format!("{sign}{sec}s"),
        (0, min, sec) => format!("{sign}{min}m {sec:02}s"),
        (h, min, sec) => format!("{sign}{h}h {min:02}m {sec:02}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brt() -> FixedOffset {
        parse_offset("-03:00").expect("valid")
    }

    #[test]
    fn datetimes() {
        let a = parse_datetime("2025-09-08T14:01:17.000000Z", brt()).expect("rfc3339");
        let b = parse_datetime("2025-09-08 11:01:19", brt()).expect("local");
        assert_eq!((b - a).num_seconds(), 2);
        assert!(parse_datetime("2025-09-08 11: 01: 18", brt()).is_none());
        assert!(parse_datetime("2025-09-08T14: 01: 18.000000Z", brt()).is_none());
        assert!(parse_rfc3339("2025-09-08 11:01:19").is_none());
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+05:30").expect("ok").local_minus_utc(), 19800);
        assert_eq!(parse_offset("Z").expect("ok").local_minus_utc(), 0);
        assert!(parse_offset("-3").is_err());
        assert!(parse_offset("+24:00").is_err());
    }

    #[test]
    fn data_uris() {
        let seed = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAIAQMAAAD+wSzIAAAABlBMVEX///+/v7+jQ3Y5AAAADklEQVQI12P4AIX8EAgALgAD/aNpbtEAAAAASUVORK5CYII";
        let uri = parse_data_uri(seed)
            .expect("data uri")
            .expect("well formed");
        assert_eq!(uri.media_type, "image/png");
        assert_eq!(uri.decode(), Decoded::Unpadded(89));
        let bad = parse_data_uri("data:image/png;base64,@@@@")
            .expect("uri")
            .expect("split");
        assert_eq!(bad.decode(), Decoded::Invalid);
        assert!(parse_data_uri("https://x").is_none());
        let text = parse_data_uri("data:,hello%20world%2")
            .expect("uri")
            .expect("split");
        assert_eq!(text.decode(), Decoded::Ok(13));
        assert!(
            parse_data_uri("data:image/png;base64")
                .expect("uri")
                .is_err()
        );
    }

    #[test]
    fn formats() {
        assert!(is_object_id("68090921d87bdc8ce9bc6808"));
        assert!(!is_object_id("68090921d87bdc8ce9bc680"));
        assert!(is_uuid("3d3d65e4-7249-42ad-a710-7a291853b841"));
        assert!(is_color("#85cb3c") && !is_color("85cb3c"));
        assert!(is_web_url("https://nuvidio.me/xts9gf"));
        assert!(!is_web_url("https: //scontent.cdninstagram.com/x.jpg"));
        assert!(is_email("a@b.co") && !is_email("[email protected]"));
        assert_eq!(human_duration(27), "27s");
        assert_eq!(human_duration(65), "1m 05s");
        assert_eq!(human_duration(3789), "1h 03m 09s");
    }
}
