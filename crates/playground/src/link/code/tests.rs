//! The handler's text in links: exact round trips, the refusals, and the
//! bounds on lz-string's decoder (adversarial and random values).

use super::*;
use crate::engine::handler::starter;
use crate::engine::presets::preset;
use crate::engine::{Instance, Strategy};
use crate::test_rng::Rng;
use std::time::{Duration, Instant};

/// Handler texts that must come back exactly.
fn texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "",
        " ",
        "async function handleOrder(order) {\n  await pay(order);\n}\n",
        "// café: é, ☕, 😀, 李雷, Ωmega\nconst s = \"a&b=c%d+e#f?g\";\r\n",
        "'single' \"double\" `back` \\ \t tab",
        "&=%+#?/$-",
        "%2B%26 +++ $$$ ---",
        "\u{FFFD}\u{10FFFF}\u{0}",
        "}{ not JavaScript at all (",
    ]
    .map(String::from)
    .to_vec();
    let scenario = preset("karen").unwrap().scenario().unwrap();
    let instance = Instance::new(&scenario);
    texts.extend(Strategy::ALL.map(|s| starter(s, &instance)));
    texts.push("é".repeat(MAX_CHARS));
    texts.push("😀".repeat(MAX_CHARS));
    texts.push("ab\n".repeat(MAX_CHARS / 3));
    texts
}

#[test]
fn texts_come_back_exactly_and_links_need_no_escapes() {
    for text in texts() {
        let value = compress_code(&text);
        assert!(
            value.bytes().all(|b| ALPHABET[..64].contains(&b)),
            "{value} for {text:?}"
        );
        assert_eq!(decompress_code(&value).as_deref(), Ok(text.as_str()));
        // A `+` read from a query is a space: taken as `+`.
        assert_eq!(
            decompress_code(&value.replace('+', " ")).as_deref(),
            Ok(text.as_str())
        );
    }
}

#[test]
fn refusals() {
    assert_eq!(decompress_code(""), Err(CodeRefusal::Empty));
    for value in ["%", "abc=", "é", "<script>", "A", "AAAA", "$", "zzzz"] {
        assert_eq!(
            decompress_code(value),
            Err(CodeRefusal::NotCompressed),
            "{value}"
        );
    }
    assert_eq!(
        decompress_code(&"A".repeat(MAX_CODE_LINK_CHARS + 1)),
        Err(CodeRefusal::TooLongCompressed)
    );
    for text in [
        "a".repeat(MAX_CHARS + 1),
        "😀".repeat(MAX_CHARS + 1),
        format!("{}é", "e".repeat(MAX_CHARS)),
    ] {
        assert_eq!(
            decompress_code(&compress_code(&text)),
            Err(CodeRefusal::TooLong)
        );
    }
    // A lone surrogate is UTF-16 but not text.
    let lone = lz_str::compress_to_encoded_uri_component(&[0xD800_u16][..]);
    assert_eq!(decompress_code(&lone), Err(CodeRefusal::NotCompressed));
    assert_eq!(
        CodeRefusal::Empty.why(),
        "empty (expected a compressed handler)"
    );
    assert_eq!(
        CodeRefusal::TooLong.why(),
        "longer than 10000 characters once decompressed (the most a handler has)"
    );
}

/// Writes codes as lz-string does: each code's lowest bit first, into 6-bit
/// values highest bit first.
#[derive(Default)]
struct Writer {
    values: Vec<u16>,
    value: u16,
    used: u32,
}

impl Writer {
    fn code(&mut self, code: u32, width: u32) {
        for i in 0..width {
            self.value = (self.value << 1) | ((code >> i) & 1) as u16;
            self.used += 1;
            if self.used == 6 {
                self.values.push(self.value);
                (self.value, self.used) = (0, 0);
            }
        }
    }

    fn text(mut self) -> String {
        // Padding, and one value more: the reader fetches ahead.
        self.code(0, 6 - self.used);
        self.values.push(0);
        self.values
            .iter()
            .map(|&v| char::from(ALPHABET[usize::from(v)]))
            .collect()
    }
}

/// A stream whose every code is the next dictionary entry, `n` codes long:
/// entries 1, 2, 3… characters long, `n²/2` characters in all.
fn quadratic(n: usize) -> String {
    let mut w = Writer::default();
    w.code(0, 2);
    w.code(u32::from(b'a'), 8);
    let (mut next, mut width, mut enlarge_in) = (4u32, 3u32, 4u32);
    for _ in 0..n {
        w.code(next, width);
        next += 1;
        enlarge_in -= 1;
        if enlarge_in == 0 {
            enlarge_in = 1 << width;
            width += 1;
        }
    }
    w.code(2, width);
    w.text()
}

#[test]
fn a_quadratic_stream_is_measured_before_it_is_decoded() {
    // Small: lz-str and the walk agree on what it writes.
    let small = quadratic(120);
    let units = 1 + (2..=121).sum::<usize>();
    assert_eq!(decompress_code(&small).map(|t| t.len()), Ok(units));
    assert_eq!(sixes_walk(&small, usize::MAX), Some(units));
    // As long as a link allows: billions of units, refused at once.
    let mut n = 120;
    while quadratic(n * 2).len() <= MAX_CODE_LINK_CHARS {
        n *= 2;
    }
    let big = quadratic(n);
    assert!(big.len() > MAX_CODE_LINK_CHARS / 2, "{}", big.len());
    let started = Instant::now();
    assert_eq!(decompress_code(&big), Err(CodeRefusal::TooLong));
    assert!(started.elapsed() < Duration::from_millis(500));
}

fn sixes_walk(value: &str, limit: usize) -> Option<usize> {
    let sixes: Vec<u16> = value
        .bytes()
        .map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u16)
        .collect();
    walk(&sixes, limit)
}

/// 20,000 values: random letters of the alphabet, random bytes, and valid
/// values cut, changed, grown or repeated. None panics or takes long; what
/// decodes (by lz-str) is as long as the walk counted.
#[test]
fn random_and_mutated_values_never_panic() {
    let valid: Vec<String> = texts().iter().take(13).map(|t| compress_code(t)).collect();
    let mut rng = Rng(0x5EED_CAFE);
    let started = Instant::now();
    let (mut taken, mut slowest) = (0, Duration::ZERO);
    for i in 0..20_000 {
        let value: String = match i % 4 {
            0 => (0..rng.below(300))
                .map(|_| char::from(ALPHABET[rng.below(65)]))
                .collect(),
            1 => (0..rng.below(40))
                .map(|_| char::from(rng.below(128) as u8))
                .collect(),
            _ => {
                let mut bytes = valid[rng.below(valid.len())].clone().into_bytes();
                for _ in 0..=rng.below(4) {
                    let at = rng.below(bytes.len() + 1);
                    match rng.below(4) {
                        0 => bytes.truncate(at),
                        1 if at < bytes.len() => bytes[at] = ALPHABET[rng.below(65)],
                        2 => bytes.insert(at, ALPHABET[rng.below(65)]),
                        _ => {
                            let tail = bytes[at..].to_vec();
                            bytes.extend(tail.iter().take(500));
                        }
                    }
                }
                String::from_utf8(bytes).unwrap()
            }
        };
        let one = Instant::now();
        let read = decompress_code(&value);
        slowest = slowest.max(one.elapsed());
        if let Ok(text) = &read {
            taken += 1;
            assert!(text.chars().count() <= MAX_CHARS);
            let units = text.encode_utf16().count();
            assert_eq!(
                sixes_walk(&value.replace(' ', "+"), usize::MAX),
                Some(units)
            );
        }
    }
    println!(
        "20,000 values: {taken} decoded, slowest {slowest:?}, all in {:?}",
        started.elapsed()
    );
    assert!(slowest < Duration::from_millis(500), "{slowest:?}");
}
