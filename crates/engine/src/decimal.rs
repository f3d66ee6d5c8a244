//! Decimal text for `f64`s with integer arithmetic only: [`parse`] reads what
//! people type, [`show`] writes the shortest text that reads back, [`fixed`]
//! writes a set number of decimals. None of it uses core's float formatting
//! or parsing, so the WebAssembly build carries neither.

/// Millionths: the quantum of [`parse`].
const MICROS: u128 = 1_000_000;
/// 2^53: every integer below it is exact as an `f64`.
const EXACT: u128 = 1 << 53;
/// Most decimals [`fixed`] writes.
pub const MAX_DECIMALS: u32 = 18;

/// Reads a decimal number: an optional sign, digits with an optional
/// fraction (`12`, `-0.5`, `.5`, `5.`), an optional exponent (`1e3`,
/// `2.5E-2`). Surrounding whitespace is ignored. Anything else — `""`,
/// `"inf"`, `"NaN"`, `"1.2.3"`, `"0x10"`, `"1_000"`, `"e5"` — is `None`.
///
/// The value is **quantised to 6 decimal places** (rounded half away from
/// zero at 1e-6), then rounded to the nearest `f64`, exactly as
/// `str::parse::<f64>` reads those 6-decimal digits: `parse("0.1")` is
/// `0.1`, `parse("0.0000004")` is `0.0`, and every result has a short exact
/// decimal form, which [`show`] writes. Magnitudes of 2^53 millionths
/// (about 9.007e9) or more are rounded to whole numbers; from 2^128
/// millionths (about 3.4e32) — 400 digits, `1e999` — the result saturates to
/// ±infinity, which range checks refuse. `-0` reads as `0`.
pub fn parse(text: &str) -> Option<f64> {
    let s = text.trim().as_bytes();
    let (negative, s) = sign(s);
    let int_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let (int, rest) = s.split_at(int_len);
    let (frac, rest) = match rest.split_first() {
        Some((b'.', r)) => r.split_at(r.iter().take_while(|b| b.is_ascii_digit()).count()),
        _ => (&[][..], rest),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let exp = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', r)) => exponent(r)?,
        Some(_) => return None,
    };
    // value × 10^6 = (the digits as one integer) × 10^shift
    let shift = exp.saturating_add(6).saturating_sub(frac.len() as i64);
    let magnitude = scale_digits(int, frac, shift).map_or(f64::INFINITY, from_micros);
    Some(if negative && magnitude != 0.0 {
        -magnitude
    } else {
        magnitude
    })
}

/// Splits off an optional `+` or `-`.
fn sign(s: &[u8]) -> (bool, &[u8]) {
    match s.split_first() {
        Some((b'-', r)) => (true, r),
        Some((b'+', r)) => (false, r),
        _ => (false, s),
    }
}

/// An exponent's digits (with an optional sign), saturating.
fn exponent(s: &[u8]) -> Option<i64> {
    let (negative, digits) = sign(s);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let e = digits.iter().fold(0i64, |e, &d| {
        e.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    Some(if negative { -e } else { e })
}

/// The digits `int` then `frac` as one integer times 10^`shift`, rounded
/// half away from zero to a whole number; `None` when it overflows `u128`.
fn scale_digits(int: &[u8], frac: &[u8], shift: i64) -> Option<u128> {
    // How many leading digits stay in front of the decimal point.
    let keep = ((int.len() + frac.len()) as i64).saturating_add(shift.min(0));
    let mut q: u128 = 0;
    let mut round_up = false;
    for (i, &d) in int.iter().chain(frac).enumerate() {
        let d = u128::from(d - b'0');
        if (i as i64) < keep {
            q = q.checked_mul(10)?.checked_add(d)?;
        } else {
            round_up = i as i64 == keep && d >= 5;
            break;
        }
    }
    if q != 0 {
        // At most 39 rounds before overflow.
        for _ in 0..shift.max(0) {
            q = q.checked_mul(10)?;
        }
    }
    q.checked_add(u128::from(round_up))
}

/// The `f64` that [`parse`] gives for `q` millionths.
fn from_micros(q: u128) -> f64 {
    if q < EXACT {
        // Both operands exact: one correctly rounded division.
        q as u64 as f64 / 1e6
    } else {
        (q / MICROS + u128::from(q % MICROS >= MICROS / 2)) as f64
    }
}

/// `|x| × 10^decimals` rounded to a whole number (ties to even, as core's
/// formatting rounds), exactly; `None` when `x` is not finite or the result
/// overflows `u128`. `decimals` must be at most [`MAX_DECIMALS`].
fn scaled(x: f64, decimals: u32) -> Option<u128> {
    if !x.is_finite() {
        return None;
    }
    let bits = x.abs().to_bits();
    let (biased, frac) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    // Below 2^53 · 10^18 < 2^113.
    let v = u128::from(m) * 10u128.pow(decimals);
    if e >= 0 {
        let e = e as u32;
        return (v.leading_zeros() >= e).then(|| v << e);
    }
    let s = e.unsigned_abs();
    if s >= 120 {
        return Some(0);
    }
    let (q, rem, half) = (v >> s, v & ((1 << s) - 1), 1u128 << (s - 1));
    Some(q + u128::from(rem > half || (rem == half && q & 1 == 1)))
}

/// Appends `v` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, mut v: u128, width: usize) {
    let mut digits = Vec::new();
    while v > 0 || digits.len() < width.max(1) {
        digits.push(b'0' + (v % 10) as u8);
        v /= 10;
    }
    out.extend(digits.iter().rev().map(|&d| char::from(d)));
}

/// `v / 10^decimals` as text with exactly `decimals` decimals, with a minus
/// sign only when `negative` and `v` is not zero.
fn render(negative: bool, v: u128, decimals: u32) -> String {
    let mut out = String::new();
    if negative && v != 0 {
        out.push('-');
    }
    let p = 10u128.pow(decimals);
    push_digits(&mut out, v / p, 1);
    if decimals > 0 {
        out.push('.');
        push_digits(&mut out, v % p, decimals as usize);
    }
    out
}

/// Text for a non-finite value: `"NaN"`, `"inf"` or `"-inf"`.
fn non_finite(x: f64) -> String {
    match x {
        _ if x.is_nan() => "NaN",
        _ if x < 0.0 => "-inf",
        _ => "inf",
    }
    .to_string()
}

/// The shortest decimal text that [`parse`] maps back to exactly `x` (the
/// fewest decimals; no exponent): `3600000`, `450.5`, `0.25`, `-2`, `0.1`.
/// Whole numbers have no `.0`; zero (either sign) is `"0"`.
///
/// Defined for every value: a finite `x` that [`parse`] cannot produce
/// (`1e-9`, `0.1 + 0.2`) is written rounded to 6 decimals, trailing zeros
/// dropped, so `parse(show(x))` is `x` quantised as [`parse`] quantises.
/// `NaN` is `"NaN"`; infinities, and magnitudes from 2^128 millionths (about
/// 3.4e32, where [`parse`] saturates), are `"inf"` or `"-inf"` — texts
/// [`parse`] refuses.
pub fn show(x: f64) -> String {
    let Some(m) = scaled(x, 6) else {
        return non_finite(x);
    };
    let negative = x < 0.0;
    let target = x.abs();
    for d in 0..=6 {
        let p = 10u128.pow(6 - d);
        let lo = m / p * p;
        let hi = lo.checked_add(p).filter(|_| lo != m);
        let nearer_first = if m - lo > p / 2 {
            [hi, Some(lo)]
        } else {
            [Some(lo), hi]
        };
        for c in nearer_first.into_iter().flatten() {
            if from_micros(c) == target {
                return trimmed(render(negative, c, 6));
            }
        }
    }
    trimmed(render(negative, m, 6))
}

/// Drops trailing zeros after a decimal point, and the point itself.
fn trimmed(mut text: String) -> String {
    if text.contains('.') {
        let len = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(len);
    }
    text
}

/// `x` with exactly `decimals` decimals, like `format!("{x:.decimals$}")`:
/// the exact binary value rounded to nearest, ties to even (`fixed(12.345,
/// 1)` is `"12.3"`, `fixed(1259.6, 0)` is `"1260"`). Two differences: no
/// negative zero (`fixed(-0.04, 1)` is `"0.0"`), and at most
/// [`MAX_DECIMALS`] decimals (more are written as 18). `NaN` is `"NaN"`;
/// infinities, and magnitudes too large for `u128` once scaled (from about
/// 3.4e38 / 10^decimals: far beyond 1e15), are `"inf"` or `"-inf"`.
pub fn fixed(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    match scaled(x, decimals) {
        Some(v) => render(x < 0.0, v, decimals),
        None => non_finite(x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_type_is_read() {
        let cases: &[(&str, f64)] = &[
            ("0", 0.0),
            ("-0", 0.0),
            ("0.1", 0.1),
            ("450.5", 450.5),
            ("3600000", 3_600_000.0),
            ("0.25", 0.25),
            (" 12 ", 12.0),
            ("+7", 7.0),
            ("-2", -2.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e3", 1000.0),
            ("2.5E-2", 0.025),
            ("1E+2", 100.0),
            ("0.35", 0.35),
            ("0.0000005", 0.000001),
            ("0.0000004", 0.0),
            ("-0.0000005", -0.000001),
            ("1.23456789", 1.234568),
            ("000123.4500", 123.45),
            ("1e-999", 0.0),
            ("0e999", 0.0),
            ("9007199254.5", 9_007_199_254.5),
            ("12345678901234.4", 12_345_678_901_234.0),
            ("12345678901234.5", 12_345_678_901_235.0),
        ];
        for &(text, want) in cases {
            let got = parse(text);
            assert_eq!(got.map(f64::to_bits), Some(want.to_bits()), "{text}");
        }
    }

    #[test]
    fn nonsense_is_refused() {
        for text in [
            "", " ", "-", "+", ".", "inf", "-inf", "NaN", "nan", "infinity", "1.2.3", "0x10",
            "1_000", "e5", "1e", "1e+", "1e5.5", "--1", "1 2", "١", "12a", "1,5",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn huge_inputs_saturate_quickly() {
        let digits = "9".repeat(400);
        assert_eq!(parse(&digits), Some(f64::INFINITY));
        assert_eq!(parse(&format!("-{digits}")), Some(f64::NEG_INFINITY));
        assert_eq!(parse("1e999"), Some(f64::INFINITY));
        assert_eq!(parse("1e99999999999999999999999"), Some(f64::INFINITY));
        assert_eq!(parse("1e-99999999999999999999999"), Some(0.0));
        assert_eq!(parse(&format!("0.{}1", "0".repeat(5000))), Some(0.0));
        assert_eq!(parse("1e20"), Some(1e20));
    }

    #[test]
    fn show_writes_the_shortest_text() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (3_600_000.0, "3600000"),
            (0.25, "0.25"),
            (450.5, "450.5"),
            (-2.0, "-2"),
            (0.1, "0.1"),
            (0.35, "0.35"),
            (0.000001, "0.000001"),
            (1.234568, "1.234568"),
            (1e20, "100000000000000000000"),
            (0.1 + 0.2, "0.3"),
            (1e-9, "0"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (1e300, "inf"),
        ];
        for &(x, want) in cases {
            assert_eq!(show(x), want, "{x:?}");
        }
    }

    #[test]
    fn fixed_matches_core_formatting_but_for_negative_zero() {
        assert_eq!(fixed(12.345, 1), "12.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(1260.0, 0), "1260");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(f64::NEG_INFINITY, 0), "-inf");
        assert_eq!(fixed(1.0, 40), format!("1.{}", "0".repeat(18)));
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for i in 0..20_000u32 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let x = match i % 4 {
                0 => f64::from(i) / 8.0 - 1000.0,
                1 => (seed >> 11) as f64 / (1u64 << 53) as f64 * 1e6,
                2 => f64::from_bits(seed) % 1e15,
                _ => (seed % 2_000_000) as f64 / 1000.0,
            };
            if !x.is_finite() {
                continue;
            }
            for d in [0, 1, 2, 3, 6] {
                let core = format!("{:.*}", d as usize, x);
                let core = match core.strip_prefix('-') {
                    Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
                    _ => core,
                };
                assert_eq!(fixed(x, d), core, "{x:?} with {d}");
            }
        }
    }

    #[test]
    fn show_and_parse_agree_with_core_on_short_decimals() {
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Up to 10^7 with 0 to 6 significant decimals.
            let round = 10u64.pow((seed >> 60) as u32 % 7);
            let micros = seed % 10_000_000_000_000 / round * round;
            let text = format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000);
            let x = parse(&text).unwrap();
            assert_eq!(x, text.parse::<f64>().unwrap(), "{text}");
            assert_eq!(show(x), x.to_string(), "{text}");
        }
    }
}
