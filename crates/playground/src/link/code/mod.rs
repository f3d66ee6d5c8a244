//! The learner's handler in links: compressed as the TypeScript playground
//! compresses its code (lz-string's `compressToEncodedURIComponent`, the
//! `lz-str` crate), and decompressed with bounds ([`compress_code`],
//! [`decompress_code`]).
//!
//! lz-string's decoder can write far more than it reads: each code may
//! repeat the previous entry plus one character, so `n` codes can write
//! about `n²/2` characters (16,384 link characters, some 120 MB). Before
//! `lz-str` decodes a value, [`fits`] walks the same codes counting lengths
//! only, and stops once past the limit.

use crate::engine::handler::MAX_CHARS;

/// The alphabet of `compressToEncodedURIComponent`: 6 bits a character
/// (lz-string reads its 65th, `$`, which it never writes, as `A`).
const ALPHABET: &[u8; 65] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

/// Longest compressed value read, in characters (no longer link is read:
/// [`crate::setup::MAX_QUERY_CHARS`]).
pub const MAX_CODE_LINK_CHARS: usize = crate::setup::MAX_QUERY_CHARS;

/// Why a value is not a handler's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeRefusal {
    /// No text at all.
    Empty,
    /// Longer than [`MAX_CODE_LINK_CHARS`].
    TooLongCompressed,
    /// Not lz-string's encoded-URI text, or not text once decompressed.
    NotCompressed,
    /// More than [`MAX_CHARS`] characters once decompressed.
    TooLong,
}

impl CodeRefusal {
    /// What a notice says (its "why").
    pub fn why(self) -> String {
        match self {
            CodeRefusal::Empty => "empty (expected a compressed handler)".to_string(),
            CodeRefusal::TooLongCompressed => {
                format!("longer than {MAX_CODE_LINK_CHARS} characters")
            }
            CodeRefusal::NotCompressed => "not a compressed handler".to_string(),
            CodeRefusal::TooLong => format!(
                "longer than {MAX_CHARS} characters once decompressed (the most a handler has)"
            ),
        }
    }
}

/// A handler's text as a link writes it: only `A–Z a–z 0–9 + -`, safe in
/// a query as it stands (a `+` read back as a space is taken as `+`, as
/// lz-string takes it).
pub fn compress_code(text: &str) -> String {
    lz_str::compress_to_encoded_uri_component(text)
}

/// The handler's text in a link's value (spaces taken as `+`), refused
/// when empty, longer than [`MAX_CODE_LINK_CHARS`], not lz-string's
/// encoded-URI text, or over [`MAX_CHARS`] characters once decompressed.
/// Never parses the JavaScript.
pub fn decompress_code(value: &str) -> Result<String, CodeRefusal> {
    if value.is_empty() {
        return Err(CodeRefusal::Empty);
    }
    if value.chars().count() > MAX_CODE_LINK_CHARS {
        return Err(CodeRefusal::TooLongCompressed);
    }
    let sixes = value
        .bytes()
        .map(|b| {
            let b = if b == b' ' { b'+' } else { b };
            ALPHABET.iter().position(|&a| a == b).map(|i| i as u16)
        })
        .collect::<Option<Vec<u16>>>()
        .ok_or(CodeRefusal::NotCompressed)?;
    // A character is one or two UTF-16 units.
    if !fits(&sixes, 2 * MAX_CHARS) {
        return Err(CodeRefusal::TooLong);
    }
    let units =
        lz_str::decompress_internal(sixes.into_iter(), 6).ok_or(CodeRefusal::NotCompressed)?;
    let text = String::from_utf16(&units).map_err(|_| CodeRefusal::NotCompressed)?;
    if text.chars().count() > MAX_CHARS {
        return Err(CodeRefusal::TooLong);
    }
    Ok(text)
}

/// lz-string's bit reader over 6-bit values, as `lz-str` reads them: the
/// lowest bit first of each code, the highest bit first of each value, and
/// the next value fetched as soon as one is used up.
struct Bits<'a> {
    values: &'a [u16],
    next: usize,
    value: u16,
    mask: u16,
}

impl Bits<'_> {
    const FIRST: u16 = 1 << 5;

    fn bit(&mut self) -> Option<bool> {
        let on = self.value & self.mask != 0;
        self.mask >>= 1;
        if self.mask == 0 {
            self.mask = Self::FIRST;
            self.value = *self.values.get(self.next)?;
            self.next += 1;
        }
        Some(on)
    }

    fn bits(&mut self, n: u32) -> Option<u32> {
        let mut out = 0;
        for i in 0..n {
            out |= u32::from(self.bit()?) << i;
        }
        Some(out)
    }
}

/// Whether decoding `values` (6-bit) writes at most `limit` UTF-16 units
/// before it ends: `lz-str`'s decoder (`decompress_internal`) walked with
/// the lengths of its dictionary's entries in place of the entries. A
/// stream that is not lz-string's fits (`lz-str` then refuses it).
fn fits(values: &[u16], limit: usize) -> bool {
    walk(values, limit).is_none_or(|written| written <= limit)
}

/// How many units decoding `values` writes before it ends or passes
/// `limit`; `None` when the stream is not lz-string's.
fn walk(values: &[u16], limit: usize) -> Option<usize> {
    let Some(&value) = values.first() else {
        return Some(0);
    };
    let mut bits = Bits {
        values,
        next: 1,
        value,
        mask: Bits::FIRST,
    };
    // Codes 0 and 1: an 8- or 16-bit character follows; 2: the end.
    let literal = |bits: &mut Bits, code: u32| bits.bits(if code == 0 { 8 } else { 16 });
    match bits.bits(2)? {
        code @ (0 | 1) => literal(&mut bits, code)?,
        2 => return Some(0),
        _ => return None,
    };
    // Three codes, then the first character.
    let mut lengths: Vec<usize> = vec![1; 4];
    let (mut w, mut written) = (1, 1);
    // The code width grows with the dictionary: under 18 bits for a value
    // of at most MAX_CODE_LINK_CHARS characters.
    let (mut width, mut enlarge_in) = (3u32, 4u64);
    loop {
        let mut code = bits.bits(width)?;
        match code {
            0 | 1 => {
                literal(&mut bits, code)?;
                lengths.push(1);
                code = u32::try_from(lengths.len() - 1).ok()?;
                enlarge_in -= 1;
            }
            2 => return Some(written),
            _ => {}
        }
        if enlarge_in == 0 {
            enlarge_in = 1 << width;
            width += 1;
        }
        let code = usize::try_from(code).ok()?;
        let entry = match lengths.get(code) {
            Some(&n) => n,
            None if code == lengths.len() => w + 1,
            None => return None,
        };
        written += entry;
        if written > limit {
            return Some(written);
        }
        lengths.push(w + 1);
        w = entry;
        enlarge_in -= 1;
        if enlarge_in == 0 {
            enlarge_in = 1 << width;
            width += 1;
        }
    }
}

#[cfg(test)]
mod tests;
