//! One sort for everything the page runs. Every `sort_by_key` with its own
//! element type or closure compiles a whole stable sort into the
//! WebAssembly; here every ordering is a `sort_unstable` of one concrete
//! type, `u128` = (key << 64) | position, which is stable by construction:
//! equal keys are ordered by their original position. Plain values (the
//! metrics' percentiles, a million at a time in large runs) are sorted by a
//! small radix sort instead.

/// The original positions of items, in order of their `u64` keys; items with
/// equal keys keep their original order (a stable sort).
pub fn stable_order(keys: impl IntoIterator<Item = u64>) -> Vec<usize> {
    let mut packed: Vec<u128> = keys
        .into_iter()
        .enumerate()
        .map(|(i, k)| u128::from(k) << 64 | i as u128)
        .collect();
    sort(&mut packed);
    packed.into_iter().map(|p| p as u64 as usize).collect()
}

/// Sorts `items` by `key`, stably (like `sort_by_key`, without another sort
/// in the binary).
pub fn sort_by_u64_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    // Most callers hand over items already in order (arrivals, events): a
    // check is one pass, a sort and a permutation are several.
    if items.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let order = stable_order(items.iter().map(key));
    let mut old: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| old[i].take()));
}

/// Sorts plain values in place (like `sort_unstable`): short slices with
/// the one comparison sort, long ones by a least-significant-digit radix
/// sort, 11 bits a pass, skipping the digits every value shares (the high
/// ones, for durations in microseconds). Linear time, one buffer.
pub fn sort_u64(values: &mut [u64]) {
    const BITS: usize = 11;
    const BUCKETS: usize = 1 << BITS;
    const MASK: u64 = BUCKETS as u64 - 1;
    const PASSES: usize = 64_usize.div_ceil(BITS);
    let n = values.len();
    if n < 1024 {
        let mut packed: Vec<u128> = values.iter().map(|&v| u128::from(v) << 64).collect();
        sort(&mut packed);
        for (v, p) in values.iter_mut().zip(packed) {
            *v = (p >> 64) as u64;
        }
        return;
    }
    let digit = |v: u64, pass: usize| ((v >> (pass * BITS)) & MASK) as usize;
    let mut counts = vec![[0usize; BUCKETS]; PASSES];
    for &v in values.iter() {
        for (pass, c) in counts.iter_mut().enumerate() {
            c[digit(v, pass)] += 1;
        }
    }
    let mut buffer = vec![0u64; n];
    // Where the values are now: `values`, or the buffer after an odd
    // number of passes.
    let mut in_buffer = false;
    for (pass, c) in counts.iter_mut().enumerate() {
        if c.contains(&n) {
            continue; // Every value has the same digit here.
        }
        let mut at = 0;
        for slot in c.iter_mut() {
            let count = *slot;
            *slot = at;
            at += count;
        }
        let (from, to): (&[u64], &mut [u64]) = if in_buffer {
            (&buffer, values)
        } else {
            (values, &mut buffer)
        };
        for &v in from {
            let d = digit(v, pass);
            to[c[d]] = v;
            c[d] += 1;
        }
        in_buffer = !in_buffer;
    }
    if in_buffer {
        values.copy_from_slice(&buffer);
    }
}

/// The only sort call (kept out of line: one copy in the binary).
#[inline(never)]
fn sort(packed: &mut [u128]) {
    packed.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_keep_their_order() {
        assert_eq!(stable_order([3, 1, 3, 0, 1, 3]), [3, 1, 4, 0, 2, 5]);
        assert_eq!(stable_order([u64::MAX, 0, u64::MAX]), [1, 0, 2]);
        assert!(stable_order(std::iter::empty()).is_empty());

        let mut items: Vec<(u64, char)> = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|x| x.0);
        sort_by_u64_key(&mut items, |x| x.0);
        assert_eq!(items, expected);
        assert_eq!(items.iter().map(|x| x.1).collect::<String>(), "ebdac");
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for n in 0..200u64 {
            let mut items: Vec<(u64, u64)> = (0..n)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % (n / 4 + 1), i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|x| x.0);
            sort_by_u64_key(&mut items, |x| x.0);
            assert_eq!(items, expected);

            let mut values: Vec<u64> = items.iter().map(|x| x.1 ^ seed).collect();
            let mut sorted = values.clone();
            sorted.sort_unstable();
            sort_u64(&mut values);
            assert_eq!(values, sorted);
        }
    }

    #[test]
    fn long_slices_sort_like_the_standard_sort() {
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [1023, 1024, 1025, 5000, 100_000] {
            // Full 64-bit values, microsecond-like ones, few distinct ones,
            // all equal, already sorted, reversed.
            let cases: Vec<Vec<u64>> = vec![
                (0..n).map(|_| next()).collect(),
                (0..n).map(|_| next() % 30_000_000).collect(),
                (0..n).map(|_| (next() % 3) << 40).collect(),
                vec![7; n],
                (0..n as u64).collect(),
                (0..n as u64).rev().map(|v| v * 1_000_003).collect(),
            ];
            for mut values in cases {
                let mut sorted = values.clone();
                sorted.sort_unstable();
                sort_u64(&mut values);
                assert_eq!(values, sorted, "n = {n}");
            }
        }
    }
}
