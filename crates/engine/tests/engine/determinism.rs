//! Determinism: the digests of known traces are pinned in
//! `tests/golden/trace_digests.txt`, which the WebAssembly tests check too —
//! so equal digests prove byte-identical traces natively and in the browser.
//! After an intended engine change, regenerate the file with
//! `UPDATE_DIGESTS=1 cargo test --test engine determinism`.

use espresso_engine::golden::{DIGESTS_FILE, compute_digests, parse_digests};

#[test]
fn trace_digests_match_the_pinned_values() {
    let computed = compute_digests();
    if std::env::var_os("UPDATE_DIGESTS").is_some() {
        let text: String = computed
            .iter()
            .map(|(name, d)| format!("{name} {d:016x}\n"))
            .collect();
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/golden/trace_digests.txt"
            ),
            text,
        )
        .unwrap();
        return;
    }
    let pinned = parse_digests(DIGESTS_FILE);
    assert_eq!(
        pinned.len(),
        computed.len(),
        "a scenario was added or removed: regenerate the file"
    );
    for ((name, digest), (pinned_name, pinned_digest)) in computed.iter().zip(&pinned) {
        assert_eq!(name, pinned_name);
        assert_eq!(
            digest, pinned_digest,
            "{name}: the trace changed; if intended, run UPDATE_DIGESTS=1 cargo test --test engine determinism"
        );
    }
}
