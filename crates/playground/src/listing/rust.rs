//! Rust: `async fn` taking `&Order` (an `Arc<Order>` for callbacks), `?` and
//! a `match` on `make_drink` instead of `try`/`catch`, `.await` after the
//! call, `futures::try_join!(…)`, `move` closures for callbacks, the breaker
//! as `breaker.call(pay(order))` and the cache read with a `match`. (The
//! `?` and `.await` of a flat step are written by `Gen::flat_step`.)

use super::builder::L;
use super::handler::{Gen, Name};
use crate::engine::snapshot::CodePoint;

/// The handler's first line after its `async `: `fn handle_order(order:
/// &Order) {`, taking an `Arc<Order>` for `callbacks`, returning a `Result`
/// when `fallible`.
pub(super) fn header(line: L, name: &'static str, callbacks: bool, fallible: bool) -> L {
    line.kw("fn")
        .sp()
        .func(name)
        .p("(")
        .id("order")
        .p(": ")
        .when(callbacks, |l| l.ty("Arc").p("<").ty("Order").p(">"))
        .when(!callbacks, |l| l.p("&").ty("Order"))
        .p(")")
        .when(fallible, returns_result)
        .p(" {")
}

/// ` -> Result<(), Error>`.
fn returns_result(line: L) -> L {
    line.p(" -> ").ty("Result").p("<(), ").ty("Error").p(">")
}

/// `Ok(())`, a fallible function's last line. Always inlined: as a function
/// of its own it made the WebAssembly larger.
#[inline(always)]
pub(super) fn ok(depth: usize) -> L {
    L::at(depth).id("Ok").p("(())")
}

/// `match make_drink(order) { Ok(()) => serve(order), Err(_) =>
/// offer_free_cookie(order), }`, the error handler at the top (`served`:
/// `make_drink` ends with the drink made, not in a callback).
pub(super) fn make_drink_match(g: &mut Gen, served: bool) {
    let line = g.call(
        L::at(1).kw("match").id(" "),
        g.name(Name::MakeDrink),
        g.arg(),
    );
    g.push(line.when(g.style.inner_async, L::awaited).p(" {"));
    let ok = L::at(2).id("Ok").p("(()) => ");
    // Served in `make_drink`'s callback, else here.
    let serve = if served {
        g.call(ok, g.name(Name::Serve), g.arg())
            .p(",")
            .at_points([CodePoint::Done])
    } else {
        ok.p("{},")
    };
    g.push(serve);
    let cookie = g.call(
        L::at(2).id("Err").p("(_) => "),
        g.name(Name::Cookie),
        g.arg(),
    );
    g.push(cookie.p(",").at_points([CodePoint::Catch]));
    g.close(1);
}

/// `async fn make_drink(order: &Order) -> Result<(), Error> {`: the parts
/// the error handler covers, where `?` passes the error up.
pub(super) fn make_drink_header(g: &mut Gen) {
    let line = L::at(0)
        .when(g.style.inner_async, |l| l.kw("async").sp())
        .kw("fn")
        .id(" ")
        .func(g.name(Name::MakeDrink))
        .p("(")
        .id("order")
        .p(": &")
        .ty("Order")
        .p(")");
    let line = returns_result(line).p(" {");
    g.push(line);
}

/// `let Ok(()) = `: a call's error checked where it is (in a callback).
pub(super) fn let_ok(line: L) -> L {
    line.kw("let").id(" Ok").p("(()) = ")
}

/// `let Ok(_) = `: a join's error checked where it is (in a callback).
pub(super) fn let_ok_any(line: L) -> L {
    line.kw("let").id(" Ok").p("(_) = ")
}

/// The price lookup asking the cache first, a `match`: the line reading
/// the cache stands for a `hit`, the lookup's call keeps its `points`.
pub(super) fn cached_lookup(
    g: &mut Gen,
    depth: usize,
    name: &'static str,
    awaits: bool,
    hit: CodePoint,
    points: Vec<CodePoint>,
) {
    let line = L::at(depth).kw("let").sp().id("price").p(" = ");
    let line = g.cache_get(line.kw("match").sp()).p(" {");
    g.push(line.at_points([hit]));
    let some = L::at(depth + 1).id("Some").p("(").id("price").p(") => ");
    g.push(some.id("price").p(","));
    let none = g.call(L::at(depth + 1).id("None").p(" => "), name, g.arg());
    g.push(none.when(awaits, L::awaited).p("?,").at_points(points));
    g.push(L::at(depth).p("};"));
}

/// The price lookup asking the cache first on one line, after `line`:
/// `let price = match cache.get(&order.drink) { Some(price) => price, None
/// => lookup_price(order).await? };` (in a join's `async` block).
pub(super) fn cached_lookup_inline(g: &Gen, line: L, name: &'static str, awaits: bool) -> L {
    let line = line.kw("let").sp().id("price").p(" = ");
    let line = g.cache_get(line.kw("match").sp()).p(" { ");
    let line = line
        .id("Some")
        .p("(")
        .id("price")
        .p(") => ")
        .id("price")
        .p(", ");
    let line = g.call(line.id("None").p(" => "), name, g.arg());
    line.when(awaits, L::awaited).p("? };")
}

/// A payment through the breaker, after `breaker.`: `call(pay(order))`, a
/// closure in blocking code: `call(|| pay(order))`.
pub(super) fn breaker_call(g: &Gen, line: L, name: &'static str, blocking: bool) -> L {
    let line = line.func("call").p("(").when(blocking, |l| l.p("|| "));
    g.call(line, name, g.arg()).p(")")
}

/// `futures::try_join!(`.
pub(super) fn join_opening(line: L) -> L {
    line.id("futures").p("::").func("try_join!").p("(")
}

/// What closes `futures::try_join!(`.
pub(super) const JOIN_CLOSING: &str = ")?;";

/// Ends `call` with a clone of the order and a closure: `pay(order.clone(),
/// move |res| {` (`move |res| async move {` when its body awaits).
pub(super) fn with_callback(call: L, is_async: bool) -> L {
    let call = call.id("order").p(".").func("clone").p("(), ");
    let call = call.kw("move").sp().p("|").id("res");
    if is_async {
        call.p("| ").kw("async").sp().kw("move").p(" {")
    } else {
        call.p("| {")
    }
}

/// The start of a callback's error check: `let Ok(()) = res else { return`.
pub(super) fn err_check(depth: usize) -> L {
    L::at(depth)
        .kw("let")
        .id(" Ok")
        .p("(()) = ")
        .id("res ")
        .kw("else")
        .p(" { ")
        .kw("return")
}

/// What ends an error check that hands out a cookie.
pub(super) const ERR_CHECK_END: &str = " };";

/// What ends an error check that drops the error, and its comment.
pub(super) const ERROR_DROPPED: (&str, &str) = (" }; ", "// error dropped: order lost");

#[cfg(test)]
mod tests {
    use crate::engine::Strategy;
    use crate::listing::fixtures::{UNHANDLED, assert_default_latte, assert_guarded};
    use crate::listing::{ErrorHandling, Language};

    const BLOCKING_RUST: &str = "\
fn handle_order(order: &Order) {
    take_order(order);
    match make_drink(order) {
        Ok(()) => serve(order),
        Err(_) => offer_free_cookie(order),
    }
}

fn make_drink(order: &Order) -> Result<(), Error> {
    pay(order)?;
    grind(order)?;
    steam(order)?;
    assemble(order);
    Ok(())
}
";

    const CALLBACKS_RUST: &str = "\
fn handle_order(order: Arc<Order>) {
    take_order(&order);
    pay(order.clone(), move |res| {
        let Ok(()) = res else { return offer_free_cookie(&order) };
        grind(order.clone(), move |res| {
            let Ok(()) = res else { return offer_free_cookie(&order) };
            steam(order.clone(), move |res| {
                let Ok(()) = res else { return offer_free_cookie(&order) };
                assemble(&order);
                serve(&order);
            });
        });
    });
}
";

    const AWAIT_RUST: &str = "\
async fn handle_order(order: &Order) {
    take_order(order);
    match make_drink(order).await {
        Ok(()) => serve(order),
        Err(_) => offer_free_cookie(order),
    }
}

async fn make_drink(order: &Order) -> Result<(), Error> {
    pay(order).await?;
    grind(order).await?;
    steam(order).await?;
    assemble(order);
    Ok(())
}
";

    const JOIN_RUST: &str = "\
async fn handle_order(order: &Order) {
    take_order(order);
    match make_drink(order).await {
        Ok(()) => serve(order),
        Err(_) => offer_free_cookie(order),
    }
}

async fn make_drink(order: &Order) -> Result<(), Error> {
    futures::try_join!(pay(order), grind(order), steam(order))?;
    assemble(order);
    Ok(())
}
";

    #[test]
    fn the_default_latte_reads_as_designed_in_every_strategy() {
        assert_default_latte(
            Language::Rust,
            [
                (Strategy::Blocking, BLOCKING_RUST),
                (Strategy::Callbacks, CALLBACKS_RUST),
                (Strategy::Await, AWAIT_RUST),
                (Strategy::Join, JOIN_RUST),
            ],
        );
    }

    const AWAIT_RUST_GUARDED: &str = "\
async fn handle_order(order: &Order) {
    take_order(order);
    match make_drink(order).await {
        Ok(()) => serve(order),
        Err(_) => offer_free_cookie(order),
    }
}

async fn make_drink(order: &Order) -> Result<(), Error> {
    let price = match cache.get(&order.drink) {
        Some(price) => price,
        None => lookup_price(order).await?,
    };
    breaker.call(pay(order)).await?;
    grind(order).await?;
    steam(order).await?;
    assemble(order);
    Ok(())
}
";

    const BLOCKING_RUST_GUARDED_UNHANDLED: &str = "\
fn handle_order(order: &Order) -> Result<(), Error> {
    take_order(order);
    let price = match cache.get(&order.drink) {
        Some(price) => price,
        None => lookup_price(order)?,
    };
    breaker.call(|| pay(order))?;
    grind(order)?;
    steam(order)?;
    assemble(order);
    serve(order);
    Ok(())
}
";

    #[test]
    fn the_breaker_and_the_cache_read_as_designed() {
        let all = ErrorHandling::default();
        assert_guarded(&[
            (Strategy::Await, Language::Rust, all, AWAIT_RUST_GUARDED),
            (
                Strategy::Blocking,
                Language::Rust,
                UNHANDLED,
                BLOCKING_RUST_GUARDED_UNHANDLED,
            ),
        ]);
    }
}
