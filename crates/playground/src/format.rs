//! How numbers are shown to people — one place, shared by the command line's
//! tables and the page, so both always say the same thing. Rounding is
//! [`fixed`]'s: like core's `{:.N}`, without negative zero.

use crate::engine::decimal::fixed;

/// A duration for reading: whole milliseconds below ten seconds
/// ("1260 ms"), then seconds with one decimal ("12.3 s").
pub fn duration_ms(ms: f64) -> String {
    if !ms.is_finite() {
        "—".to_string()
    } else if ms.abs() >= 10_000.0 {
        format!("{} s", fixed(ms / 1000.0, 1))
    } else {
        format!("{} ms", fixed(ms, 0))
    }
}

/// A rate per minute with one decimal ("97.4").
pub fn per_minute(rate: f64) -> String {
    if rate.is_finite() {
        fixed(rate, 1)
    } else {
        "—".to_string()
    }
}

/// `part` as a whole percentage of `whole` ("52%"); "—" when `whole` is 0.
pub fn percent(part: f64, whole: f64) -> String {
    if whole > 0.0 && part.is_finite() {
        format!("{}%", fixed(100.0 * part / whole, 0))
    } else {
        "—".to_string()
    }
}

/// A whole number with thousands separated: `20000` is `"20,000"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn durations_switch_to_seconds_at_ten_seconds() {
        assert_eq!(duration_ms(0.0), "0 ms");
        assert_eq!(duration_ms(1259.6), "1260 ms");
        assert_eq!(duration_ms(9999.4), "9999 ms");
        assert_eq!(duration_ms(10_000.0), "10.0 s");
        assert_eq!(duration_ms(12_345.0), "12.3 s");
        assert_eq!(duration_ms(f64::NAN), "—");
    }

    #[test]
    fn rates_and_percentages() {
        assert_eq!(per_minute(97.43), "97.4");
        assert_eq!(percent(52.0, 100.0), "52%");
        assert_eq!(percent(1.0, 0.0), "—");
    }
}
