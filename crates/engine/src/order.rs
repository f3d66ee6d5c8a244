//! One sort for everything the page runs. Every `sort_by_key` with its own
//! element type or closure compiles a whole stable sort into the
//! WebAssembly; here every ordering is a `sort_unstable` of one concrete
//! type, `u128` = (key << 64) | position, which is stable by construction:
//! equal keys are ordered by their original position.

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

/// Sorts plain values in place (like `sort_unstable`, with the same sort).
pub fn sort_u64(values: &mut [u64]) {
    let mut packed: Vec<u128> = values.iter().map(|&v| u128::from(v) << 64).collect();
    sort(&mut packed);
    for (v, p) in values.iter_mut().zip(packed) {
        *v = (p >> 64) as u64;
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
}
