//! JavaScript, the essay's language: `async function`, `try`/`catch`,
//! `await Promise.all([…])`, arrow-function callbacks, the breaker as
//! opossum's `breaker.fire(order)` and the cache read with `??`. (Its
//! camelCase names are in the names table shared by the three languages,
//! `Gen::name`.)

use super::builder::L;

/// The handler's first line after its `async `: `function handleOrder(order) {`.
pub(super) fn header(line: L, name: &'static str) -> L {
    line.kw("function")
        .sp()
        .func(name)
        .p("(")
        .id("order")
        .p(") {")
}

/// `try {`.
pub(super) fn try_open(depth: usize) -> L {
    L::at(depth).kw("try").p(" {")
}

/// `} catch (err) {`.
pub(super) fn catch(depth: usize) -> L {
    L::at(depth).p("} ").kw("catch").p(" (").id("err").p(") {")
}

/// `const ` before the price read from the cache.
pub(super) fn declare(line: L) -> L {
    line.kw("const").sp()
}

/// What asks the menu server when the cache has no price: `??`.
pub(super) fn or_else(line: L) -> L {
    line.p(" ?? ")
}

/// A payment through the breaker (opossum), after `breaker.`: `fire(order)`.
pub(super) fn breaker_call(line: L) -> L {
    line.func("fire").p("(").id("order").p(")")
}

/// `await Promise.all([`.
pub(super) fn join_opening(line: L) -> L {
    line.kw("await")
        .id(" ")
        .ty("Promise")
        .p(".")
        .func("all")
        .p("([")
}

/// What closes `Promise.all([`.
pub(super) const JOIN_CLOSING: &str = "]);";

/// A payment through the breaker taking a callback: `breaker.fire(`.
pub(super) fn breaker_callback_call(line: L) -> L {
    line.id("breaker").p(".").func("fire").p("(")
}

/// Ends `call` with the order and an arrow function: `pay(order, (err) =>
/// {` (`async (err) => {` when its body awaits).
pub(super) fn with_callback(call: L, is_async: bool) -> L {
    let call = call.id("order");
    let call = if is_async {
        call.p(", ").kw("async").sp().p("(")
    } else {
        call.p(", (")
    };
    call.id("err").p(") => {")
}

/// The start of a callback's error check: `if (err) return`.
pub(super) fn err_check(depth: usize) -> L {
    L::at(depth).kw("if").p(" (").id("err").p(") ").kw("return")
}

/// What ends an error check that drops the error, and its comment.
pub(super) const ERROR_DROPPED: (&str, &str) = ("; ", "// error dropped: order lost");

#[cfg(test)]
mod tests {
    use crate::engine::Strategy;
    use crate::engine::snapshot::CodePoint;
    use crate::listing::fixtures::{
        BOTH, UNHANDLED, assert_default_latte, assert_guarded, latte_with_lookup,
    };
    use crate::listing::{ErrorHandling, Language, Tok, line_of, listing_with};

    const BLOCKING_JS: &str = "\
function handleOrder(order) {
  try {
    takeOrder(order);
    pay(order);
    grind(order);
    steam(order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

    const CALLBACKS_JS: &str = "\
function handleOrder(order) {
  takeOrder(order);
  pay(order, (err) => {
    if (err) return offerFreeCookie(order);
    grind(order, (err) => {
      if (err) return offerFreeCookie(order);
      steam(order, (err) => {
        if (err) return offerFreeCookie(order);
        assemble(order);
        serve(order);
      });
    });
  });
}
";

    const AWAIT_JS: &str = "\
async function handleOrder(order) {
  try {
    takeOrder(order);
    await pay(order);
    await grind(order);
    await steam(order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

    const JOIN_JS: &str = "\
async function handleOrder(order) {
  try {
    takeOrder(order);
    await Promise.all([pay(order), grind(order), steam(order)]);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

    #[test]
    fn the_default_latte_reads_as_designed_in_every_strategy() {
        assert_default_latte(
            Language::JavaScript,
            [
                (Strategy::Blocking, BLOCKING_JS),
                (Strategy::Callbacks, CALLBACKS_JS),
                (Strategy::Await, AWAIT_JS),
                (Strategy::Join, JOIN_JS),
            ],
        );
    }

    const AWAIT_JS_GUARDED: &str = "\
async function handleOrder(order) {
  try {
    takeOrder(order);
    const price = cache.get(order.drink) ?? await lookupPrice(order);
    await breaker.fire(order);
    await grind(order);
    await steam(order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

    const JOIN_JS_GUARDED: &str = "\
async function handleOrder(order) {
  try {
    takeOrder(order);
    const price = cache.get(order.drink) ?? await lookupPrice(order);
    await Promise.all([
      breaker.fire(order),
      grind(order),
      steam(order),
    ]);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

    const CALLBACKS_JS_GUARDED: &str = "\
function handleOrder(order) {
  takeOrder(order);
  cache.fetch(lookupPrice, order, (err) => {
    if (err) return offerFreeCookie(order);
    breaker.fire(order, (err) => {
      if (err) return offerFreeCookie(order);
      grind(order, (err) => {
        if (err) return offerFreeCookie(order);
        steam(order, (err) => {
          if (err) return offerFreeCookie(order);
          assemble(order);
          serve(order);
        });
      });
    });
  });
}
";

    #[test]
    fn the_breaker_and_the_cache_read_as_designed() {
        let plan = latte_with_lookup();
        let all = ErrorHandling::default();
        assert_guarded(&[
            (Strategy::Await, Language::JavaScript, all, AWAIT_JS_GUARDED),
            (Strategy::Join, Language::JavaScript, all, JOIN_JS_GUARDED),
            (
                Strategy::Callbacks,
                Language::JavaScript,
                all,
                CALLBACKS_JS_GUARDED,
            ),
        ]);
        // Short enough, the breaker's call stays inside a one-line join.
        let join = listing_with(Strategy::Join, Language::JavaScript, &plan, UNHANDLED, BOTH);
        let all = line_of(&join, CodePoint::AwaitAll).unwrap();
        assert_eq!(
            join.lines[all].code(),
            "await Promise.all([breaker.fire(order), grind(order), steam(order)]);"
        );
        assert_eq!(line_of(&join, CodePoint::Await(1)), Some(all));
        let tokens: Vec<(Tok, &str)> = join.lines[all].tokens[6..10]
            .iter()
            .map(|t| (t.tok, t.text))
            .collect();
        use Tok::*;
        assert_eq!(
            tokens,
            [
                (Plain, "breaker"),
                (Punct, "."),
                (Function, "fire"),
                (Punct, "(")
            ]
        );
    }
}
