//! A compact binary codec over `u32` words: a finished run crosses from a
//! Web Worker to the page as one `Uint32Array` and is rebuilt as it was,
//! in one linear pass, without recomputing anything.
//!
//! A value is its fields in declaration order: `u32` as one word, `u64`
//! (also `SimTime`, `usize` and `f64` as its bits) as two (low, then high),
//! `u8` and `bool` as one word, an enum as one word (its tag; variants with
//! fields pack their small fields into that word, see `What`), a `Vec` as
//! its length and then its items, an `Option` as 0 or 1 and then the value.
//! The names a run holds as `&'static str` (a strategy's key, a machine's
//! key) are their index in the engine's own lists. [`encode`] and
//! [`decode`] put [`MAGIC`] first.
//!
//! Decoding trusts nothing: every length is checked against the words left
//! before anything is allocated, every tag and small field is checked, and
//! every refusal is a [`WireError`] saying what was bad and at which word.
//! The encoding is canonical: words that decode re-encode to themselves.
//!
//! [`decode_paced`] decodes the same words in slices, pausing between them
//! (a page decodes a big run without a long task).

use super::breaker::Circuit;
use super::metrics::{MachineStats, Metrics, Series, Summary};
use super::pool::Phase;
use super::resilience::{BreakerStats, CacheStats};
use super::scenario::MachineKind;
use super::strategy::Strategy;
use super::time::SimTime;
use super::trace::{Act, Event, Job, JobKind, OrderRecord, Outcome, Rejection, Trace, What};
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// The first word of [`encode`]'s output: "AE" and the format's version
/// (bump it whenever the encoding of anything changes).
pub const MAGIC: u32 = 0x4145_0003;

/// Why words could not be decoded: what was bad, and at which word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WireError {
    /// What was bad.
    pub what: &'static str,
    /// The word's position in the input.
    pub at: usize,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)?;
        f.write_str(" at word ")?;
        fmt::Display::fmt(&self.at, f)
    }
}

impl std::error::Error for WireError {}

/// Words being written.
#[derive(Clone, Debug, Default)]
pub struct Writer {
    words: Vec<u32>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// An empty writer with room for `words` words.
    pub fn with_capacity(words: usize) -> Writer {
        Writer {
            words: Vec::with_capacity(words),
        }
    }

    /// The words written.
    pub fn into_words(self) -> Vec<u32> {
        self.words
    }

    /// One word.
    #[inline]
    pub fn u32(&mut self, v: u32) {
        self.words.push(v);
    }

    /// A byte, as one word.
    #[inline]
    pub fn u8(&mut self, v: u8) {
        self.u32(u32::from(v));
    }

    /// Two words: low, then high.
    #[inline]
    pub fn u64(&mut self, v: u64) {
        self.words.extend_from_slice(&[v as u32, (v >> 32) as u32]);
    }

    /// 0 or 1.
    #[inline]
    pub fn bool(&mut self, v: bool) {
        self.u32(u32::from(v));
    }

    /// Its bits, as [`Writer::u64`].
    #[inline]
    pub fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }

    /// Its microseconds, as [`Writer::u64`].
    #[inline]
    pub fn time(&mut self, v: SimTime) {
        self.u64(v.0);
    }

    /// As [`Writer::u64`] (exact on every target).
    #[inline]
    pub fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }

    /// A list's length, one word (no list in a run comes near 2³²).
    #[inline]
    pub fn length(&mut self, len: usize) {
        self.u32(len as u32);
    }

    /// `name` as its index among `names(0)`, `names(1)`, … (`u32::MAX`,
    /// which decoding refuses, when it is not there).
    pub fn name(&mut self, name: &str, names: fn(usize) -> Option<&'static str>) {
        let mut i = 0;
        while let Some(n) = names(i) {
            if n == name {
                return self.length(i);
            }
            i += 1;
        }
        self.u32(u32::MAX);
    }
}

/// Words being read, front to back.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    words: &'a [u32],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Reads `words` from the first.
    pub fn new(words: &'a [u32]) -> Reader<'a> {
        Reader { words, at: 0 }
    }

    /// The position of the next word.
    pub fn at(&self) -> usize {
        self.at
    }

    /// How many words are left.
    pub fn left(&self) -> usize {
        self.words.len() - self.at
    }

    /// The error `what` at word `at`.
    #[cold]
    pub fn error(what: &'static str, at: usize) -> WireError {
        WireError { what, at }
    }

    /// One word.
    #[inline]
    pub fn u32(&mut self) -> Result<u32, WireError> {
        match self.words.get(self.at) {
            Some(&w) => {
                self.at += 1;
                Ok(w)
            }
            None => Err(Reader::error("the words end early", self.at)),
        }
    }

    /// A byte (a word below 256).
    #[inline]
    pub fn u8(&mut self) -> Result<u8, WireError> {
        let at = self.at;
        u8::try_from(self.u32()?).map_err(|_| Reader::error("not a byte", at))
    }

    /// Two words: low, then high.
    #[inline]
    pub fn u64(&mut self) -> Result<u64, WireError> {
        match self.words.get(self.at..self.at + 2) {
            Some(&[lo, hi]) => {
                self.at += 2;
                Ok(u64::from(lo) | u64::from(hi) << 32)
            }
            _ => Err(Reader::error("the words end early", self.at)),
        }
    }

    /// 0 or 1.
    #[inline]
    pub fn bool(&mut self) -> Result<bool, WireError> {
        let at = self.at;
        match self.u32()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Reader::error("not a bool", at)),
        }
    }

    /// A float from its bits.
    #[inline]
    pub fn f64(&mut self) -> Result<f64, WireError> {
        self.u64().map(f64::from_bits)
    }

    /// Simulated time.
    #[inline]
    pub fn time(&mut self) -> Result<SimTime, WireError> {
        self.u64().map(SimTime)
    }

    /// A `usize` (refused when it does not fit this target's).
    #[inline]
    pub fn usize(&mut self) -> Result<usize, WireError> {
        let at = self.at;
        usize::try_from(self.u64()?).map_err(|_| Reader::error("too large a count", at))
    }

    /// A list's length, refused unless the words left could hold that many
    /// items of at least `min_words` words each: nothing is allocated for
    /// items that are not there.
    #[inline]
    pub fn length(&mut self, min_words: usize) -> Result<usize, WireError> {
        let at = self.at;
        let n = self.u32()? as usize;
        match n.checked_mul(min_words.max(1)) {
            Some(words) if words <= self.left() => Ok(n),
            _ => Err(Reader::error("a length beyond the words left", at)),
        }
    }

    /// A name written by [`Writer::name`] with the same `names`.
    pub fn name(
        &mut self,
        names: fn(usize) -> Option<&'static str>,
    ) -> Result<&'static str, WireError> {
        let at = self.at;
        let i = self.u32()?;
        names(i as usize).ok_or(Reader::error("an unknown name", at))
    }

    /// The enum whose tag is `code`, read in the word at `at`.
    #[inline]
    pub(crate) fn tag<T: Tag>(code: u8, at: usize) -> Result<T, WireError> {
        T::from_code(code).ok_or(Reader::error(T::UNKNOWN, at))
    }

    /// Refuses words left over.
    pub fn finish(&self) -> Result<(), WireError> {
        match self.left() {
            0 => Ok(()),
            _ => Err(Reader::error("words left over", self.at)),
        }
    }
}

/// A value that goes over the wire.
pub trait Wire: Sized {
    /// The fewest words a value takes (at least 1): lists check their
    /// length against it before allocating.
    const MIN_WORDS: usize = 1;

    /// The words this value takes ([`encode`] allocates them at once). The
    /// default, [`Wire::MIN_WORDS`], is right for values of a fixed size.
    #[inline]
    fn size(&self) -> usize {
        Self::MIN_WORDS
    }

    /// Writes the value.
    fn put(&self, w: &mut Writer);

    /// Reads a value written by [`Wire::put`], or says what was wrong.
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError>;

    /// [`Wire::take`], letting `pace` pause between the items of long lists
    /// (the default: no pause inside the value; lists, tuples and `paced`
    /// structs pause inside).
    fn take_paced(
        r: &mut Reader<'_>,
        pace: &mut Pace<'_>,
    ) -> impl Future<Output = Result<Self, WireError>> {
        let _ = pace;
        std::future::ready(Self::take(r))
    }
}

/// What a pause is: given how many words are read so far, a future that
/// lets the caller's thread do other work (on a page: a new task, so input
/// and frames are not held up).
pub type Pause<'p> = &'p mut dyn FnMut(usize) -> Pin<Box<dyn Future<Output = ()>>>;

/// When [`decode_paced`] pauses: after about every `every` words read.
pub struct Pace<'p> {
    every: usize,
    next: usize,
    pause: Pause<'p>,
}

impl Pace<'_> {
    /// Pauses if `r` has read `every` words since the last pause.
    #[inline]
    pub async fn check(&mut self, r: &Reader<'_>) {
        if r.at() >= self.next {
            (self.pause)(r.at()).await;
            self.next = r.at() + self.every;
        }
    }
}

/// [`MAGIC`], then `value`.
pub fn encode<T: Wire>(value: &T) -> Vec<u32> {
    let mut w = Writer::with_capacity(1 + value.size());
    w.u32(MAGIC);
    value.put(&mut w);
    w.into_words()
}

/// The value [`encode`] wrote: refused unless the words start with
/// [`MAGIC`] and hold exactly one value.
pub fn decode<T: Wire>(words: &[u32]) -> Result<T, WireError> {
    let mut r = Reader::new(words);
    if r.u32()? != MAGIC {
        return Err(Reader::error(
            "a wrong magic word (another format or version)",
            0,
        ));
    }
    let value = T::take(&mut r)?;
    r.finish()?;
    Ok(value)
}

/// [`decode`] in slices: the same value or the same refusal, with a
/// `pause(words read).await` after about every `every` words (between two
/// items of a list; an item, or a struct that is not `paced`, is read whole).
pub async fn decode_paced<T: Wire>(
    words: &[u32],
    every: usize,
    pause: Pause<'_>,
) -> Result<T, WireError> {
    let mut r = Reader::new(words);
    if r.u32()? != MAGIC {
        return Err(Reader::error(
            "a wrong magic word (another format or version)",
            0,
        ));
    }
    let every = every.max(1);
    let mut pace = Pace {
        every,
        next: every,
        pause,
    };
    let value = T::take_paced(&mut r, &mut pace).await?;
    r.finish()?;
    Ok(value)
}

/// The strategies' keys, by [`Strategy::index`] (for [`Writer::name`]),
/// the learner's own (`yours`) last.
pub fn strategy_keys(i: usize) -> Option<&'static str> {
    Strategy::WITH_YOURS.get(i).map(|s| s.key())
}

/// The machines' keys, by [`MachineKind::index`] (for [`Writer::name`]).
pub fn machine_keys(i: usize) -> Option<&'static str> {
    MachineKind::ALL.get(i).map(|m| m.key())
}

/// A struct's `Wire` impl: its fields in the order listed (every field,
/// with its type); optionally a leading `&'static str` field written as a
/// name (`[field: names]`, see [`Writer::name`]), a check of the decoded
/// value (`check path`, a `fn(&T) -> Result<(), &'static str>`; its refusal
/// is placed at the word after the value), and `paced` for a struct that
/// holds long lists: [`decode_paced`] may pause inside its fields (other
/// structs are read whole, between two pauses).
#[macro_export]
macro_rules! wire_struct {
    ($ty:ident $([$name:ident: $names:path])? {
        $($field:ident: $fty:ty),+ $(,)?
    } $(check $check:path)? $(; $paced:ident)?) => {
        impl $crate::wire::Wire for $ty {
            const MIN_WORDS: usize = 0 $(+ <$fty as $crate::wire::Wire>::MIN_WORDS)+;

            fn size(&self) -> usize {
                // A name is one word.
                0 $(+ { let _ = stringify!($name); 1 })?
                    $(+ <$fty as $crate::wire::Wire>::size(&self.$field))+
            }

            fn put(&self, w: &mut $crate::wire::Writer) {
                $(w.name(self.$name, $names);)?
                $(<$fty as $crate::wire::Wire>::put(&self.$field, w);)+
            }

            fn take(
                r: &mut $crate::wire::Reader<'_>,
            ) -> ::core::result::Result<Self, $crate::wire::WireError> {
                $crate::wire_struct!(@read $ty [$($name: $names)?] [$($check)?] r
                    $($field: <$fty as $crate::wire::Wire>::take(r)?),+)
            }

            $crate::wire_struct!(@paced [$($paced)?] $ty [$($name: $names)?] [$($check)?]
                $($field: $fty),+);
        }
    };
    // The value read field by field, then checked.
    (@read $ty:ident [$($name:ident: $names:path)?] [$($check:path)?] $r:ident
        $($field:ident: $read:expr),+) => {{
        let value = $ty {
            $($name: $r.name($names)?,)?
            $($field: $read,)+
        };
        $(if let Err(what) = $check(&value) {
            return Err($crate::wire::Reader::error(what, $r.at()));
        })?
        Ok(value)
    }};
    (@paced [] $($rest:tt)*) => {};
    (@paced [paced] $ty:ident [$($name:ident: $names:path)?] [$($check:path)?]
        $($field:ident: $fty:ty),+) => {
        async fn take_paced(
            r: &mut $crate::wire::Reader<'_>,
            pace: &mut $crate::wire::Pace<'_>,
        ) -> ::core::result::Result<Self, $crate::wire::WireError> {
            $crate::wire_struct!(@read $ty [$($name: $names)?] [$($check)?] r
                $($field: <$fty as $crate::wire::Wire>::take_paced(r, pace).await?),+)
        }
    };
}

macro_rules! wire_primitive {
    ($($ty:ty, $words:literal, $put:ident, $take:ident;)+) => {$(
        impl Wire for $ty {
            const MIN_WORDS: usize = $words;
            #[inline]
            fn put(&self, w: &mut Writer) {
                w.$put(*self);
            }
            #[inline]
            fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
                r.$take()
            }
        }
    )+};
}

wire_primitive! {
    u8, 1, u8, u8;
    u32, 1, u32, u32;
    u64, 2, u64, u64;
    bool, 1, bool, bool;
    f64, 2, f64, f64;
    usize, 2, usize, usize;
    SimTime, 2, time, time;
}

impl<T: Wire> Wire for Vec<T> {
    fn size(&self) -> usize {
        self.iter().fold(1, |words, item| words + item.size())
    }

    fn put(&self, w: &mut Writer) {
        w.length(self.len());
        for item in self {
            item.put(w);
        }
    }

    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let n = r.length(T::MIN_WORDS)?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::take(r)?);
        }
        Ok(items)
    }

    /// Items are read whole (a list of lists is read one inner list at a
    /// time), with a pause between two when one is due.
    async fn take_paced(r: &mut Reader<'_>, pace: &mut Pace<'_>) -> Result<Self, WireError> {
        let n = r.length(T::MIN_WORDS)?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::take(r)?);
            pace.check(r).await;
        }
        Ok(items)
    }
}

impl<T: Wire> Wire for Option<T> {
    fn size(&self) -> usize {
        1 + self.as_ref().map_or(0, Wire::size)
    }

    fn put(&self, w: &mut Writer) {
        w.bool(self.is_some());
        if let Some(v) = self {
            v.put(w);
        }
    }

    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        match r.bool()? {
            true => T::take(r).map(Some),
            false => Ok(None),
        }
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    const MIN_WORDS: usize = A::MIN_WORDS + B::MIN_WORDS;

    #[inline]
    fn size(&self) -> usize {
        self.0.size() + self.1.size()
    }

    #[inline]
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }

    #[inline]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        Ok((A::take(r)?, B::take(r)?))
    }

    async fn take_paced(r: &mut Reader<'_>, pace: &mut Pace<'_>) -> Result<Self, WireError> {
        Ok((A::take_paced(r, pace).await?, B::take_paced(r, pace).await?))
    }
}

impl<A: Wire, B: Wire, C: Wire> Wire for (A, B, C) {
    const MIN_WORDS: usize = A::MIN_WORDS + B::MIN_WORDS + C::MIN_WORDS;

    #[inline]
    fn size(&self) -> usize {
        self.0.size() + self.1.size() + self.2.size()
    }

    #[inline]
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }

    #[inline]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        Ok((A::take(r)?, B::take(r)?, C::take(r)?))
    }

    async fn take_paced(r: &mut Reader<'_>, pace: &mut Pace<'_>) -> Result<Self, WireError> {
        Ok((
            A::take_paced(r, pace).await?,
            B::take_paced(r, pace).await?,
            C::take_paced(r, pace).await?,
        ))
    }
}

impl<T: Wire + Copy + Default, const N: usize> Wire for [T; N] {
    const MIN_WORDS: usize = N * T::MIN_WORDS;

    #[inline]
    fn size(&self) -> usize {
        self.iter().fold(0, |words, item| words + item.size())
    }

    #[inline]
    fn put(&self, w: &mut Writer) {
        for item in self {
            item.put(w);
        }
    }

    #[inline]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let mut items = [T::default(); N];
        for item in &mut items {
            *item = T::take(r)?;
        }
        Ok(items)
    }
}

/// An enum without fields, by its tag (`as u8`); packed into a word's byte
/// inside other values.
pub(crate) trait Tag: Copy {
    /// The error for a tag that names no variant.
    const UNKNOWN: &'static str;
    /// The tag.
    fn code(self) -> u8;
    /// The variant tagged `code`.
    fn from_code(code: u8) -> Option<Self>;
}

/// [`Tag`] and a one-word [`Wire`] for enums without fields; the variants
/// are listed in declaration order (the tests check each tag maps back).
macro_rules! wire_enum {
    ($($ty:ident, $unknown:literal, [$($variant:ident),+];)+) => {$(
        impl Tag for $ty {
            const UNKNOWN: &'static str = $unknown;
            #[inline]
            fn code(self) -> u8 {
                self as u8
            }
            #[inline]
            fn from_code(code: u8) -> Option<$ty> {
                const ALL: &[$ty] = &[$($ty::$variant),+];
                ALL.get(usize::from(code)).copied()
            }
        }

        impl Wire for $ty {
            #[inline]
            fn put(&self, w: &mut Writer) {
                w.u8(self.code());
            }
            #[inline]
            fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
                let at = r.at();
                Reader::tag(r.u8()?, at)
            }
        }
    )+};
}

wire_enum! {
    Strategy, "an unknown strategy", [Blocking, Callbacks, Await, Join, Yours];
    MachineKind, "an unknown machine", [Reader, Grinder, Steamer, Kettle, Helper, Menu];
    JobKind, "an unknown job kind", [Arrival, MachineDone, Resume, Settle, Joined, Timeout];
    Act, "an unknown act", [TakeOrder, Dispatch, Step, Cookie];
    Outcome, "an unknown outcome", [Served, Cookie, Lost];
    Rejection, "an unknown rejection", [FastFail, TimedOut];
    Circuit, "an unknown circuit state", [Closed, Open, HalfOpen];
    Phase, "an unknown pool phase", [Cold, Warming, Idle, Busy];
}

/// Four bytes as one word (the first lowest).
#[inline]
pub(crate) fn pack(bytes: [u8; 4]) -> u32 {
    u32::from_le_bytes(bytes)
}

/// A job: kind, position and unit packed in one word, then the order.
impl Wire for Job {
    const MIN_WORDS: usize = 2;

    #[inline]
    fn put(&self, w: &mut Writer) {
        w.u32(pack([self.kind.code(), self.pos, self.unit, 0]));
        w.u32(self.order);
    }

    #[inline]
    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let at = r.at();
        let head = r.u32()?;
        let [kind, pos, unit, rest] = head.to_le_bytes();
        if rest != 0 {
            return Err(Reader::error("a bad job word", at));
        }
        Ok(Job {
            kind: Reader::tag(kind, at)?,
            pos,
            unit,
            order: r.u32()?,
        })
    }
}

/// The word that starts an event: its variant's tag (0 to 12, as in the
/// trace digest) and its small fields, one byte each.
fn head(what: &What) -> u32 {
    match *what {
        What::Run {
            kind, pos, unit, ..
        } => pack([0, kind.code(), pos, unit]),
        What::Work { act, pos, .. } => pack([1, act.code(), pos, 0]),
        What::Block { pos, .. } => pack([2, 0, pos, 0]),
        What::Queue { machine, pos, .. } => pack([3, machine.code(), pos, 0]),
        What::Start {
            machine, unit, pos, ..
        } => pack([4, machine.code(), pos, unit]),
        What::Release { machine, unit } => pack([5, machine.code(), 0, unit]),
        What::Microtask { kind, pos, .. } => pack([6, kind.code(), pos, 0]),
        What::End { outcome, .. } => pack([7, outcome.code(), 0, 0]),
        What::Warm {
            machine, unit, pos, ..
        } => pack([8, machine.code(), pos, unit]),
        What::Cool { machine, unit } => pack([9, machine.code(), 0, unit]),
        What::Circuit { state, .. } => pack([10, state.code(), 0, 0]),
        What::Reject { pos, cause, .. } => pack([11, cause.code(), pos, 0]),
        What::Cache { pos, hit, .. } => pack([12, u8::from(hit), pos, 0]),
    }
}

/// An event: its head word (`head`), then its order (if any), then its times.
impl Wire for What {
    fn size(&self) -> usize {
        match self {
            What::Run { .. }
            | What::Work { .. }
            | What::Block { .. }
            | What::Start { .. }
            | What::Warm { .. } => 4,
            What::Queue { .. }
            | What::Microtask { .. }
            | What::End { .. }
            | What::Reject { .. }
            | What::Cache { .. } => 2,
            What::Release { .. } | What::Cool { .. } => 1,
            What::Circuit { .. } => 3,
        }
    }

    fn put(&self, w: &mut Writer) {
        w.u32(head(self));
        match *self {
            What::Run { order, lag, .. } => {
                w.u32(order);
                w.time(lag);
            }
            What::Work { order, until, .. }
            | What::Block { order, until, .. }
            | What::Start { order, until, .. }
            | What::Warm { order, until, .. } => {
                w.u32(order);
                w.time(until);
            }
            What::Queue { order, .. }
            | What::Microtask { order, .. }
            | What::End { order, .. }
            | What::Reject { order, .. }
            | What::Cache { order, .. } => w.u32(order),
            What::Release { .. } | What::Cool { .. } => {}
            What::Circuit { until, .. } => w.time(until),
        }
    }

    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let at = r.at();
        let word = r.u32()?;
        let [tag, a, pos, unit] = word.to_le_bytes();
        let what = match tag {
            0 => What::Run {
                kind: Reader::tag(a, at)?,
                pos,
                unit,
                order: r.u32()?,
                lag: r.time()?,
            },
            1 => What::Work {
                act: Reader::tag(a, at)?,
                pos,
                order: r.u32()?,
                until: r.time()?,
            },
            2 => What::Block {
                pos,
                order: r.u32()?,
                until: r.time()?,
            },
            3 => What::Queue {
                machine: Reader::tag(a, at)?,
                pos,
                order: r.u32()?,
            },
            4 => What::Start {
                machine: Reader::tag(a, at)?,
                unit,
                pos,
                order: r.u32()?,
                until: r.time()?,
            },
            5 => What::Release {
                machine: Reader::tag(a, at)?,
                unit,
            },
            6 => What::Microtask {
                kind: Reader::tag(a, at)?,
                pos,
                order: r.u32()?,
            },
            7 => What::End {
                outcome: Reader::tag(a, at)?,
                order: r.u32()?,
            },
            8 => What::Warm {
                machine: Reader::tag(a, at)?,
                unit,
                pos,
                order: r.u32()?,
                until: r.time()?,
            },
            9 => What::Cool {
                machine: Reader::tag(a, at)?,
                unit,
            },
            10 => What::Circuit {
                state: Reader::tag(a, at)?,
                until: r.time()?,
            },
            11 => What::Reject {
                cause: Reader::tag(a, at)?,
                pos,
                order: r.u32()?,
            },
            12 => What::Cache {
                hit: a == 1,
                pos,
                order: r.u32()?,
            },
            _ => return Err(Reader::error("an unknown event", at)),
        };
        // Bytes a variant does not use must be zero, a flag 0 or 1.
        match head(&what) == word {
            true => Ok(what),
            false => Err(Reader::error("a bad event word", at)),
        }
    }
}

wire_struct!(Event {
    t: SimTime,
    what: What
});

wire_struct!(OrderRecord {
    arrived: SimTime,
    taken: SimTime,
    ended: SimTime,
    outcome: Outcome,
});

wire_struct!(Trace {
    strategy: Strategy,
    orders: Vec<OrderRecord>,
    events: Vec<Event>,
    end: SimTime,
}; paced);

wire_struct!(Summary {
    count: usize,
    mean_ms: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    max_ms: f64,
});

wire_struct!(MachineStats [machine: machine_keys] {
    capacity: u32,
    jobs: u32,
    busy_ms: f64,
    utilisation: f64,
    longest_queue: u32,
    wait_for_unit: Summary,
    warmups: u32,
    put_away: u32,
});

wire_struct!(BreakerStats {
    trips: u32,
    fast_failed: u32,
    timed_out: u32,
    open_ms: f64,
    half_open_ms: f64,
});

wire_struct!(CacheStats {
    ttl_ms: f64,
    lookups: u32,
    hits: u32,
    misses: u32,
    hit_rate: f64,
});

wire_struct!(Metrics [strategy: strategy_keys] {
    customers: usize,
    served: usize,
    cookies: usize,
    lost: usize,
    latency: Summary,
    wait_in_line: Summary,
    throughput_per_min: f64,
    working_ms: f64,
    blocked_ms: f64,
    idle_ms: f64,
    lag: Summary,
    machines: Vec<MachineStats>,
    longest_line: u32,
    wasted_machine_ms: f64,
    makespan_ms: f64,
    mean_in_flight: f64,
    breaker: Option<BreakerStats>,
    cache: Option<CacheStats>,
});

wire_struct!(Series {
    line: Vec<(SimTime, u32)>,
    in_flight: Vec<(SimTime, u32)>,
    lag: Vec<(SimTime, SimTime)>,
}; paced);

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Wire + PartialEq + fmt::Debug>(value: T) {
        let words = encode(&value);
        assert_eq!(words.len(), 1 + value.size());
        assert_eq!(decode::<T>(&words), Ok(value));
    }

    /// Every variant's tag maps back to it (the lists are in declaration
    /// order), and the next tag is refused.
    fn tags<T: Tag + PartialEq + fmt::Debug>(all: &[T]) {
        for (i, &v) in all.iter().enumerate() {
            assert_eq!(usize::from(v.code()), i, "{v:?}");
            assert_eq!(T::from_code(v.code()), Some(v));
        }
        assert_eq!(T::from_code(all.len() as u8), None);
    }

    #[test]
    fn every_enum_tag_is_its_position() {
        tags(&[
            Strategy::Blocking,
            Strategy::Callbacks,
            Strategy::Await,
            Strategy::Join,
            Strategy::Yours,
        ]);
        tags(&MachineKind::ALL);
        tags(&[
            JobKind::Arrival,
            JobKind::MachineDone,
            JobKind::Resume,
            JobKind::Settle,
            JobKind::Joined,
            JobKind::Timeout,
        ]);
        tags(&[Act::TakeOrder, Act::Dispatch, Act::Step, Act::Cookie]);
        tags(&[Outcome::Served, Outcome::Cookie, Outcome::Lost]);
        tags(&[Rejection::FastFail, Rejection::TimedOut]);
        tags(&[Circuit::Closed, Circuit::Open, Circuit::HalfOpen]);
        tags(&[Phase::Cold, Phase::Warming, Phase::Idle, Phase::Busy]);
    }

    #[test]
    fn plain_values_round_trip() {
        round_trip(u64::MAX - 5);
        round_trip(-0.0_f64);
        round_trip(f64::from_bits(0x7FF8_0000_0000_0001).to_bits());
        round_trip(usize::MAX);
        round_trip(SimTime(u64::MAX));
        round_trip(vec![Some((1u8, true)), None]);
        round_trip(vec![[1u32, 2, 3], [4, 5, 6]]);
        round_trip((SimTime(7), 8u32, Outcome::Lost));
        round_trip(vec![vec![Phase::Busy], vec![]]);
    }

    #[test]
    fn names_are_indices_and_unknown_ones_are_refused() {
        let mut w = Writer::new();
        w.name("join", strategy_keys);
        w.name("yours", strategy_keys);
        w.name("menu", machine_keys);
        w.name("nonsense", machine_keys);
        assert_eq!(w.into_words(), [3, 4, 5, u32::MAX]);
        let mut r = Reader::new(&[1, 6]);
        assert_eq!(r.name(strategy_keys), Ok("callbacks"));
        assert_eq!(
            r.name(machine_keys),
            Err(WireError {
                what: "an unknown name",
                at: 1
            })
        );
    }

    #[test]
    fn bad_words_say_what_and_where() {
        let bad = |words: &[u32]| decode::<Vec<(u8, bool)>>(words).map_err(|e| e.to_string());
        assert_eq!(
            bad(&[1, 0]),
            Err("a wrong magic word (another format or version) at word 0".into())
        );
        assert_eq!(bad(&[MAGIC]), Err("the words end early at word 1".into()));
        assert_eq!(
            bad(&[MAGIC, 2, 1, 1]),
            Err("a length beyond the words left at word 1".into())
        );
        assert_eq!(bad(&[MAGIC, 1, 256, 1]), Err("not a byte at word 2".into()));
        assert_eq!(bad(&[MAGIC, 1, 255, 2]), Err("not a bool at word 3".into()));
        assert_eq!(bad(&[MAGIC, 0, 0]), Err("words left over at word 2".into()));
        assert_eq!(bad(&[MAGIC, 1, 255, 1]), Ok(vec![(255, true)]));
        // A length is checked before anything is allocated.
        assert!(bad(&[MAGIC, u32::MAX]).is_err());
    }

    #[test]
    fn events_refuse_unused_bits_and_unknown_tags() {
        let event = Event {
            t: SimTime(9),
            what: What::Cache {
                order: 3,
                pos: 1,
                hit: true,
            },
        };
        let words = encode(&event);
        assert_eq!(decode::<Event>(&words), Ok(event));
        let mut bad = words.clone();
        bad[3] |= 1 << 24;
        assert_eq!(
            decode::<Event>(&bad),
            Err(WireError {
                what: "a bad event word",
                at: 3
            })
        );
        bad[3] = pack([12, 2, 1, 0]);
        assert_eq!(
            decode::<Event>(&bad).map_err(|e| e.what),
            Err("a bad event word")
        );
        bad[3] = pack([13, 0, 0, 0]);
        assert_eq!(
            decode::<Event>(&bad).map_err(|e| e.what),
            Err("an unknown event")
        );
        bad[3] = pack([3, 6, 0, 0]);
        assert_eq!(
            decode::<Event>(&bad).map_err(|e| e.what),
            Err("an unknown machine")
        );
    }
}
