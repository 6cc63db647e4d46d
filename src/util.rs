//! Small helpers shared by the core.
//!
//! Sorting: the standard library's sorts are fast on big inputs but each use instantiates
//! several kilobytes of code, and this crate sorts a dozen kinds of short list (areas, periods,
//! labels; at most a few thousand items). Measured: the std sorts were about 45 KB of the wasm.
//! One stable insertion sort with binary search serves them all in a few hundred bytes each.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`: binary search for the place, then one rotation.
pub fn sort_by<T, F: FnMut(&T, &T) -> Ordering>(items: &mut [T], mut compare: F) {
    for i in 1..items.len() {
        // The first position in the sorted prefix whose item is greater than items[i]:
        // equal items stay in their given order.
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if compare(&items[mid], &items[i]) == Ordering::Greater {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        items[lo..=i].rotate_right(1);
    }
}

pub fn sort_by_key<T, K: Ord, F: FnMut(&T) -> K>(items: &mut [T], mut key: F) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn sorts_like_the_standard_library_and_is_stable(v in proptest::collection::vec((0u8..8, 0u16..1000), 0..200)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std_sorted = v.clone();
            std_sorted.sort_by_key(|x| x.0);
            proptest::prop_assert_eq!(ours, std_sorted);
        }
    }
}
