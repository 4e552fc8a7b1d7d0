//! UTF-16 input (what PowerShell's `>` writes), with or without a byte
//! order mark, transcoded to UTF-8 as it is read, so that the framer and
//! the parser see the text the person saw. Without a BOM, UTF-16 is told
//! by its first code unit: JSON starts with an ASCII character, so one
//! zero byte beside it gives the byte order away.

use std::io::{self, Read};

/// The byte order of a UTF-16 input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Little,
    Big,
}

/// The byte order the first two bytes show, and whether they are a BOM.
pub fn sniff(head: &[u8]) -> Option<(Order, bool)> {
    match *head {
        [0xFF, 0xFE] => Some((Order::Little, true)),
        [0xFE, 0xFF] => Some((Order::Big, true)),
        [a, 0] if a != 0 && a.is_ascii() => Some((Order::Little, false)),
        [0, b] if b != 0 && b.is_ascii() => Some((Order::Big, false)),
        _ => None,
    }
}

/// Reads UTF-16 from `inner` and hands out UTF-8; unpaired surrogates
/// become U+FFFD.
pub struct Utf16Reader<R> {
    inner: R,
    order: Order,
    /// A byte of a code unit whose other byte has not come yet.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    /// Transcoded bytes not yet handed out.
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: Read> Utf16Reader<R> {
    pub fn new(inner: R, order: Order) -> Self {
        Utf16Reader {
            inner,
            order,
            odd: None,
            high: None,
            out: Vec::new(),
            pos: 0,
            done: false,
        }
    }

    /// Reads and transcodes the next chunk into `out`.
    fn fill(&mut self) -> io::Result<()> {
        let mut raw = [0u8; 32 * 1024];
        let n = self.inner.read(&mut raw)?;
        self.out.clear();
        self.pos = 0;
        if n == 0 {
            self.done = true;
            if self.high.take().is_some() || self.odd.take().is_some() {
                self.push(char::REPLACEMENT_CHARACTER);
            }
            return Ok(());
        }
        for &byte in &raw[..n] {
            match self.odd.take() {
                None => self.odd = Some(byte),
                Some(first) => {
                    let pair = [first, byte];
                    let unit = match self.order {
                        Order::Little => u16::from_le_bytes(pair),
                        Order::Big => u16::from_be_bytes(pair),
                    };
                    self.unit(unit);
                }
            }
        }
        Ok(())
    }

    fn unit(&mut self, unit: u16) {
        if let Some(high) = self.high.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                self.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                return;
            }
            self.push(char::REPLACEMENT_CHARACTER);
        }
        if (0xD800..0xDC00).contains(&unit) {
            self.high = Some(unit);
        } else {
            self.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
    }

    fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], order: Order) -> String {
        let mut text = String::new();
        Utf16Reader::new(bytes, order)
            .read_to_string(&mut text)
            .expect("utf-8");
        text
    }

    fn encode(text: &str, order: Order) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| match order {
                Order::Little => u.to_le_bytes(),
                Order::Big => u.to_be_bytes(),
            })
            .collect()
    }

    #[test]
    fn both_orders_and_surrogate_pairs_decode() {
        let text = "{\"a\":\"ção 😀\"}\r\n";
        for order in [Order::Little, Order::Big] {
            assert_eq!(decode(&encode(text, order), order), text);
        }
    }

    #[test]
    fn the_order_is_sniffed_with_and_without_a_bom() {
        assert_eq!(sniff(&[0xFF, 0xFE]), Some((Order::Little, true)));
        assert_eq!(sniff(&[0xFE, 0xFF]), Some((Order::Big, true)));
        assert_eq!(sniff(b"{\0"), Some((Order::Little, false)));
        assert_eq!(sniff(b"\0{"), Some((Order::Big, false)));
        assert_eq!(sniff(b"{\""), None);
        assert_eq!(sniff(b"\0\0"), None);
    }

    #[test]
    fn an_unpaired_surrogate_becomes_a_replacement_character() {
        let bytes = [0x00, 0xD8, b'x', 0x00];
        assert_eq!(decode(&bytes, Order::Little), "\u{FFFD}x");
    }
}
