//! Links: everything that matters lives in the URL, so a link opens exactly
//! what its author saw. Pure Rust (no browser), tested natively.
//!
//! A link is `?v=1&preset=ID`, then the scenario parameters that differ from
//! that preset's scenario (canonical text from [`params::to_pairs`], in its
//! order), then the [`View`] fields that differ from [`View::default`].
//! [`query`] writes it; [`crate::setup::setup_from_query`] reads it back
//! (leniently: every bad value gets a notice naming the key, the value, why,
//! and what is shown instead). Recipes are written with spaces between
//! steps (`latte=pay+steam+assemble` in the link, rather than `%2B`), which
//! read back the same.
//!
//! One idea per file: `view.rs` the model ([`View`], [`Theme`], [`Panels`],
//! [`Embed`]); `keys.rs` the keys and their short forms; `write.rs` the
//! writer ([`query`]); `read.rs` the view's reader ([`ViewReader`]);
//! `code/` the learner's handler text, compressed and decompressed with
//! bounds ([`compress_code`], [`decompress_code`]); `notice.rs` what
//! reading a value did ([`Reading`], [`notice`]).
//!
//! # Keys
//!
//! Each key is defined once, and not copied here:
//!
//! - `v` (the link version, [`VERSION`]; none means 1, others are read as 1
//!   with a notice), `preset` (a preset id; the first preset by default) and
//!   the view's keys, each with its short form, are one table in `keys.rs`:
//!   [`VIEW_KEYS`] lists the view's keys in link order, [`VIEW_ALIASES`] the
//!   short forms. What each view key holds is its [`View`] field's doc, its
//!   default [`View::default`]'s, and what a bad value gets
//!   [`ViewReader::read`]'s notices.
//! - Each scenario parameter's key, short key, accepted values and unit are
//!   its row of [`crate::engine::param_table::TABLE`] (also printed by
//!   `espresso --help`); its default is the preset's scenario.
//!
//! Switches read `1`, `true`, `yes`, `on` (and a bare key, `?embed`) as on
//! and `0`, `false`, `no`, `off` as off; [`query`] writes `1`.
//!
//! `code` (last in a link) carries the learner's handler text
//! ([`View::code`]), compressed as the TypeScript playground compresses its
//! code: lz-string's `compressToEncodedURIComponent`, whose letters
//! (`A–Z a–z 0–9 + -`) [`query`] writes as they stand; a `+` read as a
//! space is read back as `+`, and `%2B` is read too. The reader refuses,
//! with a notice, a value that is empty, longer than
//! [`MAX_CODE_LINK_CHARS`], not lz-string's, or longer than
//! [`MAX_CHARS`](crate::engine::handler::MAX_CHARS) characters once
//! decompressed (measured before it is decompressed: `code/mod.rs`); it
//! never parses the JavaScript, so a text with syntax errors comes back as
//! written. `strategy=yours` (the learner's handler) without a code is
//! read as yours with no code: the page starts it from the
//! sequential await handler. A code beside another strategy is kept.
//!
//! # Short keys
//!
//! [`query`] writes the long keys unless that link is longer than
//! [`COMPACT_OVER`] characters; then it writes every key by its short form
//! (values are unchanged). Reading always accepts both ([`long_key`]). No
//! short key is a long key.
//!
//! # Text encoded once too often
//!
//! Chat apps, mail clients and forms sometimes percent-encode a link a
//! second time (`%253Cscript%253E`, `preset%3Dkaren`). The rule: **text that
//! is not usable as it stands and still contains a valid `%XX` escape after
//! the usual decode is decoded again** (at most [`MAX_EXTRA_DECODES`] more
//! times), and used, with a notice, if that makes it usable:
//!
//! - a value its key refuses is decoded again and tried again; when every
//!   attempt is refused, the notice names the last (most decoded) text;
//! - a key that is not known is decoded again; and a part without `=` whose
//!   decoded text is itself `key=value…` with a known first key
//!   (`preset%3Dkaren%26strategy%3Djoin`, a whole query encoded again) is
//!   read as those pairs (one level deep).
//!
//! Text that is usable once decoded is never decoded again (a value never
//! changes meaning), and truncated or malformed escapes (`%`, `%2`, `%zz`)
//! stay as they are, so they are refused like any other bad text.
//!
//! # Round trip
//!
//! For every valid state — a preset, a scenario the page can show (at most
//! [`crate::setup::MAX_PAGE_CUSTOMERS`] customers; whose link fits in
//! [`crate::setup::MAX_QUERY_CHARS`]; and not without a customer list when
//! the preset has one, since no parameter removes a list: no built-in
//! preset has one) and a view whose
//! speed is offered, whose `t` is whole ms up to [`MAX_T_MS`], whose
//! followed customer exists, whose lesson id is well formed with a step
//! below [`MAX_LESSON_STEPS`], whose embed panels are not empty, and whose
//! code, if any, has at most
//! [`MAX_CHARS`](crate::engine::handler::MAX_CHARS) characters (any text:
//! every character of Unicode, newlines, syntax errors) and is there when
//! the strategy is yours — reading `query(p, s, v)` gives back exactly `s`
//! and `v`, with no notices.
//!
//! [`params::to_pairs`]: crate::engine::params::to_pairs

mod code;
mod keys;
mod notice;
mod read;
mod view;
mod write;

pub use code::{CodeRefusal, MAX_CODE_LINK_CHARS, compress_code, decompress_code};
pub use keys::{VIEW_ALIASES, VIEW_KEYS, aliases, is_scenario_key, long_key, short_key};
pub use notice::{Reading, notice};
pub use read::{ViewReader, valid_lesson_id};
pub use view::{Embed, Panels, Theme, View};
pub use write::{encode, query, scenario_pairs, view_pairs};

/// The link format this app writes and reads.
pub const VERSION: u32 = 1;
/// Latest playhead a link may ask for, in ms (24 hours).
pub const MAX_T_MS: u64 = 86_400_000;
/// Most steps a lesson link may point at (1-based in links).
pub const MAX_LESSON_STEPS: usize = 999;
/// Longest lesson id.
pub const MAX_LESSON_ID_CHARS: usize = 32;
/// Links longer than this (with long keys) are written with short keys.
pub const COMPACT_OVER: usize = 200;
/// Most extra decodes of text that was encoded once too often.
pub const MAX_EXTRA_DECODES: usize = 2;
