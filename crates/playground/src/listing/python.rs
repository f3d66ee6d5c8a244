//! Python: `async def`, `try`/`except`, `await asyncio.gather(…)`, a nested
//! `def` per callback, the breaker as pybreaker's `breaker.call(pay, order)`
//! and the cache read with `or`.

use super::builder::L;
use crate::engine::scenario::StepId;

/// The handler's first line after its `async `: `def handle_order(order):`.
pub(super) fn header(line: L, name: &'static str) -> L {
    line.kw("def").sp().func(name).p("(").id("order").p("):")
}

/// `try:`.
pub(super) fn try_open(depth: usize) -> L {
    L::at(depth).kw("try").p(":")
}

/// `except Exception:`.
pub(super) fn catch(depth: usize) -> L {
    L::at(depth).kw("except").id(" ").ty("Exception").p(":")
}

/// What asks the menu server when the cache has no price: `or`.
pub(super) fn or_else(line: L) -> L {
    line.sp().kw("or").sp()
}

/// A payment through the breaker (pybreaker), after `breaker.`:
/// `call(pay, order)`.
pub(super) fn breaker_call(line: L, name: &'static str) -> L {
    line.func("call").p("(").id(name).p(", ").id("order").p(")")
}

/// `await asyncio.gather(`.
pub(super) fn join_opening(line: L) -> L {
    line.kw("await")
        .id(" ")
        .id("asyncio")
        .p(".")
        .func("gather")
        .p("(")
}

/// What closes `asyncio.gather(`.
pub(super) const JOIN_CLOSING: &str = ")";

/// Ends `call` with the order and the callback: `pay(order, on_paid)`.
pub(super) fn with_callback(call: L, callback: &'static str) -> L {
    call.id("order").p(", ").id(callback).p(")")
}

/// Python's name for the callback after `step`.
pub(super) fn callback_name(step: StepId) -> &'static str {
    match step {
        StepId::Pay => "on_paid",
        StepId::Grind => "on_ground",
        StepId::Steam => "on_steamed",
        StepId::Heat => "on_water_heated",
        StepId::Pour => "on_poured",
        StepId::Assemble => "on_assembled",
        StepId::Lookup => "on_priced",
    }
}

/// The start of a callback's error check: `if err: return`.
pub(super) fn err_check(depth: usize) -> L {
    L::at(depth).kw("if").id(" err").p(": ").kw("return")
}

/// What ends an error check that drops the error, and its comment.
pub(super) const ERROR_DROPPED: (&str, &str) = ("  ", "# error dropped: order lost");

#[cfg(test)]
mod tests {
    use crate::engine::Strategy;
    use crate::listing::fixtures::{assert_default_latte, assert_guarded};
    use crate::listing::{ErrorHandling, Language};

    const BLOCKING_PY: &str = "\
def handle_order(order):
    try:
        take_order(order)
        pay(order)
        grind(order)
        steam(order)
        assemble(order)
        serve(order)
    except Exception:
        offer_free_cookie(order)
";

    const CALLBACKS_PY: &str = "\
def handle_order(order):
    take_order(order)
    def on_paid(err):
        if err: return offer_free_cookie(order)
        def on_ground(err):
            if err: return offer_free_cookie(order)
            def on_steamed(err):
                if err: return offer_free_cookie(order)
                assemble(order)
                serve(order)
            steam(order, on_steamed)
        grind(order, on_ground)
    pay(order, on_paid)
";

    const AWAIT_PY: &str = "\
async def handle_order(order):
    try:
        take_order(order)
        await pay(order)
        await grind(order)
        await steam(order)
        assemble(order)
        serve(order)
    except Exception:
        offer_free_cookie(order)
";

    const JOIN_PY: &str = "\
async def handle_order(order):
    try:
        take_order(order)
        await asyncio.gather(pay(order), grind(order), steam(order))
        assemble(order)
        serve(order)
    except Exception:
        offer_free_cookie(order)
";

    #[test]
    fn the_default_latte_reads_as_designed_in_every_strategy() {
        assert_default_latte(
            Language::Python,
            [
                (Strategy::Blocking, BLOCKING_PY),
                (Strategy::Callbacks, CALLBACKS_PY),
                (Strategy::Await, AWAIT_PY),
                (Strategy::Join, JOIN_PY),
            ],
        );
    }

    const JOIN_PY_GUARDED: &str = "\
async def handle_order(order):
    try:
        take_order(order)
        price = cache.get(order.drink) or await lookup_price(order)
        await asyncio.gather(
            breaker.call(pay, order),
            grind(order),
            steam(order),
        )
        assemble(order)
        serve(order)
    except Exception:
        offer_free_cookie(order)
";

    const CALLBACKS_PY_GUARDED: &str = "\
def handle_order(order):
    take_order(order)
    def on_priced(err):
        if err: return offer_free_cookie(order)
        def on_paid(err):
            if err: return offer_free_cookie(order)
            def on_ground(err):
                if err: return offer_free_cookie(order)
                def on_steamed(err):
                    if err: return offer_free_cookie(order)
                    assemble(order)
                    serve(order)
                steam(order, on_steamed)
            grind(order, on_ground)
        breaker.call(pay, order, on_paid)
    cache.fetch(lookup_price, order, on_priced)
";

    #[test]
    fn the_breaker_and_the_cache_read_as_designed() {
        let all = ErrorHandling::default();
        assert_guarded(&[
            (Strategy::Join, Language::Python, all, JOIN_PY_GUARDED),
            (
                Strategy::Callbacks,
                Language::Python,
                all,
                CALLBACKS_PY_GUARDED,
            ),
        ]);
    }
}
