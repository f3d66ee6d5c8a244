//! Unit tests of the lowering: hand-written handlers in the shapes the
//! listings never print (pay first then a join, branches that are `async`
//! functions or `.then` chains, callbacks mixed with `await`) give the
//! program expected and fit the default drinks; the refusals give their
//! exact line, column and message. (Every listing is lowered in the
//! playground's tests; the fuzz in `tests/engine/handler.rs`.)

use super::super::program;
use crate::flow::{Call, Flow, Part, Program, Via, Wait};
use crate::scenario::{Drink, MachineKind, Scenario, StepId};

fn ok(text: &str) -> Program {
    program(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn call(step: StepId, wait: Wait, via: Via, handled: bool) -> Call {
    Call {
        step,
        wait,
        via,
        handled,
    }
}

/// Every drink of the default scenario, with helpers, the breaker and the
/// cache, and a price lookup first when `program` looks the price up:
/// `program` fits each.
#[track_caller]
fn fits_every_drink(program: &Program) {
    let mut s = Scenario::default();
    s.capacity[MachineKind::Helper.index()] = 2;
    s.breaker.on = true;
    s.cache.on = true;
    if program.calls().iter().any(|c| c.step == StepId::Lookup) {
        for recipe in &mut s.recipes {
            recipe.insert(0, StepId::Lookup);
        }
    }
    for drink in Drink::ALL {
        if let Err(e) = Flow::new(program, drink, &s) {
            panic!("{drink:?}: {e}\n{program:?}");
        }
    }
}

use StepId::*;
use Via::{Breaker, Cache, Direct, Helper};
use Wait::{Await, Block, Callback, Joined};

#[test]
fn pay_first_then_every_machine_at_once_then_the_barista() {
    let p = ok("\
async function handleOrder(order) {
  takeOrder(order);
  await lookupPrice(order);
  await pay(order);
  await Promise.all([grind(order), steam(order), heatWater(order)]);
  handPour(order);
  assemble(order);
  serve(order);
}
");
    let joined = |step| vec![call(step, Joined, Direct, false)];
    assert_eq!(
        p.parts,
        [
            Part::Call(call(Lookup, Await, Direct, false)),
            Part::Call(call(Pay, Await, Direct, false)),
            Part::All {
                branches: vec![joined(Grind), joined(Steam), joined(Heat)],
                handled: false
            },
            Part::Call(call(Pour, Block, Direct, false)),
            Part::Call(call(Assemble, Block, Direct, false)),
        ]
    );
    fits_every_drink(&p);
}

#[test]
fn branches_may_be_async_functions_run_at_once() {
    // An arrow handler, the order called `o`, steps by their keys, no
    // semicolons, comments.
    let p = ok("\
const handleOrder = async (o) => {
  try {
    takeOrder(o)
    await Promise.all([
      (async () => { await grind(o); await steam(o) })(), // milk after beans
      (async function () {
        await heat(o);
        pour(o);
        const paid = await breaker.fire(o);
      })(),
      (async () => await lookupPrice(o))(),
    ])
    await helpers.run(assemble, o)
    serve(o)
  } catch {
    offerFreeCookie(o)
  }
};
");
    assert_eq!(
        p.parts,
        [
            Part::All {
                branches: vec![
                    vec![
                        call(Grind, Await, Direct, true),
                        call(Steam, Await, Direct, true)
                    ],
                    vec![
                        call(Heat, Await, Direct, true),
                        call(Pour, Block, Direct, false),
                        call(Pay, Await, Breaker, true),
                    ],
                    vec![call(Lookup, Await, Direct, true)],
                ],
                handled: true
            },
            Part::Call(call(Assemble, Await, Helper, false)),
        ]
    );
    fits_every_drink(&p);
}

#[test]
fn branches_may_be_then_chains() {
    let p = ok("\
async function handleOrder(order) {
  takeOrder(order);
  const done = await Promise.all([
    grind(order).then(() => steam(order)),
    heatWater(order)
      .then(() => { return helpers.run(handPour, order); })
      .then(function () { assemble(order); }),
    cache.get(order.drink) ?? lookupPrice(order),
    breaker.fire(order),
  ]);
  serve(order);
}
");
    assert_eq!(
        p.parts,
        [Part::All {
            branches: vec![
                vec![
                    call(Grind, Await, Direct, false),
                    call(Steam, Await, Direct, false)
                ],
                vec![
                    call(Heat, Await, Direct, false),
                    call(Pour, Await, Helper, false),
                    call(Assemble, Block, Direct, false),
                ],
                vec![call(Lookup, Joined, Cache, false)],
                vec![call(Pay, Joined, Breaker, false)],
            ],
            handled: false
        }]
    );
    fits_every_drink(&p);
}

#[test]
fn a_callback_may_carry_on_with_await_and_a_try_of_its_own() {
    let p = ok("\
async function handleOrder(order) {
  takeOrder(order);
  const price = cache.get(order.drink) ?? await lookupPrice(order);
  breaker.fire(order, async (err) => {
    if (err) return offerFreeCookie(order);
    try {
      await grind(order);
      await Promise.all([steam(order), heatWater(order)]);
      helpers.runAndWait(handPour, order);
      assemble(order);
      serve(order);
    } catch (e) {}
  });
}
");
    // The empty `catch` swallows the failures inside it: not handled.
    assert_eq!(
        p.parts,
        [
            Part::Call(call(Lookup, Await, Cache, false)),
            Part::Call(call(Pay, Callback, Breaker, true)),
            Part::Call(call(Grind, Await, Direct, false)),
            Part::All {
                branches: vec![
                    vec![call(Steam, Joined, Direct, false)],
                    vec![call(Heat, Joined, Direct, false)],
                ],
                handled: false
            },
            Part::Call(call(Pour, Block, Helper, false)),
            Part::Call(call(Assemble, Block, Direct, false)),
        ]
    );
    fits_every_drink(&p);
}

#[test]
fn a_plain_function_blocks_and_its_callbacks_say_what_they_handle() {
    let p = ok("\
function handleOrder(order) {
  try {
    takeOrder(order);
    pay(order);
    grind(order, function (err) {
      if (err) { offerFreeCookie(order); return; }
      assemble(order);
      helpers.run(handPour, order, (e) => {
        if (e) { return; }
        steam(order);
        heatWater(order);
        serve(order);
      });
    });
  } catch (err) {
    offerFreeCookie(order);
  }
}
");
    // The `try` catches `pay`, not what runs later in a callback: `steam`
    // and `heatWater` block inside one, where a failure is not caught. CPU
    // work, which cannot fail, is never "handled".
    assert_eq!(
        p.parts,
        [
            Part::Call(call(Pay, Block, Direct, true)),
            Part::Call(call(Grind, Callback, Direct, true)),
            Part::Call(call(Assemble, Block, Direct, false)),
            Part::Call(call(Pour, Callback, Helper, false)),
            Part::Call(call(Steam, Block, Direct, false)),
            Part::Call(call(Heat, Block, Direct, false)),
        ]
    );
    fits_every_drink(&p);
}

#[test]
fn a_handler_that_only_takes_and_serves_is_an_empty_program() {
    let p = ok("function h(order) { try { takeOrder(order); serve(order); } catch {} }");
    assert_eq!(p, Program::default());
    // Flow::new judges what a drink needs: here, every step is missing.
    let e = Flow::new(&p, Drink::Latte, &Scenario::default()).unwrap_err();
    assert_eq!(
        e.message,
        "the handler never calls pay: the latte needs to be paid for"
    );
}

/// `text` is refused at `line`, `column` with exactly `message`.
#[track_caller]
fn refused(text: &str, line: usize, column: usize, message: &str) {
    let e = match program(text) {
        Ok(p) => panic!("lowered, expected an error:\n{text}\n{p:?}"),
        Err(e) => e,
    };
    assert_eq!(
        (e.line, e.column, e.message.as_str()),
        (line, column, message),
        "\n{text}"
    );
}

/// A handler around `body`: `async` or not, the order taken first and
/// served last.
fn around(is_async: bool, body: &str) -> String {
    let word = if is_async { "async " } else { "" };
    format!("{word}function h(order) {{\n  takeOrder(order);\n{body}\n  serve(order);\n}}")
}

#[test]
fn the_order_is_taken_first_and_served_last() {
    refused(
        "function h(order) {\n  pay(order);\n  serve(order);\n}",
        2,
        3,
        "the handler must take the order first: write `takeOrder(order);` as its first statement",
    );
    refused(
        "function h(order) {\n  takeOrder(order);\n  pay(order);\n}",
        3,
        3,
        "the handler never calls `serve(order)`: the customer never gets the drink. Write `serve(order);` as its last step",
    );
    refused(
        &around(false, "  serve(order);\n  assemble(order);"),
        4,
        3,
        "nothing may come after `serve(order)`: the drink is already served. Move this before `serve(order)`",
    );
    refused(
        &around(false, "  takeOrder(order);"),
        3,
        3,
        "the order is already taken: `takeOrder(order)` comes once, as the first statement",
    );
    refused(
        "function h(order, drink) {\n  takeOrder(order);\n  serve(order);\n}",
        1,
        19,
        "the handler takes one parameter, the order: remove `drink`",
    );
}

#[test]
fn unknown_functions_are_named_with_the_cafes() {
    refused(
        &around(true, "  await brew(order);"),
        3,
        9,
        "`brew` is not one of the café's functions: they are `pay`, `grind`, `steam`, `heatWater`, `handPour`, `assemble`, `lookupPrice`, `takeOrder`, `serve`, `offerFreeCookie`, `Promise.all`, `breaker.fire`, `cache.get`, `cache.fetch`, `helpers.run`, `helpers.runAndWait`",
    );
    refused(
        &around(false, "  grind();"),
        3,
        3,
        "wrong arguments for `grind`: write `grind(order)`",
    );
}

#[test]
fn await_belongs_to_async_functions_and_io_is_awaited_there() {
    refused(
        &around(true, "  grind(order);"),
        3,
        3,
        "`grind(order)` is not awaited: write `await grind(order)`",
    );
    refused(
        &around(false, "  await grind(order);"),
        3,
        3,
        "`await` is only allowed in an `async` function: make the handler `async`: `async function handleOrder(order)`",
    );
    refused(
        &around(true, "  await handPour(order);"),
        3,
        9,
        "`handPour(order)` is the barista's own work and returns no promise: write it without `await`",
    );
    refused(
        &around(false, "  helpers.run(handPour, order);"),
        3,
        3,
        "`helpers.run(handPour, order)` returns a promise that nothing waits for: in a plain function write `helpers.runAndWait(handPour, order)`, or `await helpers.run(handPour, order)` in an `async` one",
    );
    refused(
        &around(
            true,
            "  const price = cache.get(order.drink) ?? lookupPrice(order);",
        ),
        3,
        43,
        "`lookupPrice(order)` is not awaited: write `await lookupPrice(order)`",
    );
}

#[test]
fn try_catch_offers_a_cookie_and_ends_the_handler() {
    refused(
        "function h(order) {\n  try {\n    takeOrder(order);\n  } catch (err) {\n    offerFreeCookie(order);\n  }\n  serve(order);\n}",
        7,
        3,
        "this comes after the `try`/`catch`: it would still run after a caught failure. Move it into the `try` block",
    );
    refused(
        "function h(order) {\n  try {\n    takeOrder(order);\n    serve(order);\n  } catch (err) {\n    serve(order);\n  }\n}",
        6,
        5,
        "a `catch` block only offers a free cookie: write `offerFreeCookie(order);` (an empty `catch` swallows the error: the order is lost)",
    );
    // The `try` block's mistakes first, as they come first in the text.
    refused(
        "function h(order) {\n  try {\n    takeOrder(order);\n  } catch (err) {\n    serve(order);\n  }\n}",
        3,
        5,
        "the handler never calls `serve(order)`: the customer never gets the drink. Write `serve(order);` as its last step",
    );
    refused(
        &around(false, "  offerFreeCookie(order);"),
        3,
        3,
        "`offerFreeCookie(order)` is for a failure: it goes in the `catch` block, or in a callback's `if (err) return offerFreeCookie(order);`",
    );
}

#[test]
fn a_callback_checks_its_error_first_and_carries_the_rest() {
    refused(
        "function h(order) {\n  takeOrder(order);\n  pay(order, (err) => {\n    serve(order);\n  });\n}",
        4,
        5,
        "this callback does not check its error first: begin it with `if (err) return offerFreeCookie(order);` (or `if (err) return;` to drop the error and lose the order)",
    );
    refused(
        "function h(order) {\n  takeOrder(order);\n  pay(order, (err) => {\n    if (err) return offerFreeCookie(order);\n    serve(order);\n  });\n  grind(order);\n}",
        7,
        3,
        "this runs as soon as `pay(…)` has started, before it finishes: move it into the callback, after its `if (err)` check",
    );
    refused(
        "function h(order) {\n  takeOrder(order);\n  grind(order, (e) => {\n    if (e) { offerFreeCookie(order); }\n    serve(order);\n  });\n}",
        4,
        14,
        "after the cookie the callback would go on making the drink: write `if (e) return offerFreeCookie(order);`",
    );
    refused(
        "function h(order) {\n  takeOrder(order);\n  grind(order, (err) => {\n    if (err) return offerFreeCookie(order);\n    else serve(order);\n  });\n}",
        5,
        10,
        "a callback's error check has no `else`: write `if (err) return offerFreeCookie(order);` and the rest of the callback after it",
    );
    refused(
        "function h(order) {\n  takeOrder(order);\n  grind(order, (err) => {\n    if (err) return;\n    await steam(order);\n    serve(order);\n  });\n}",
        5,
        5,
        "`await` is only allowed in an `async` function: make this callback `async`: `async (err) => { … }`",
    );
    refused(
        &around(false, "  handPour(order, (err) => {});"),
        3,
        3,
        "`handPour` is the barista's own work: it takes no callback. Write `handPour(order);`",
    );
}

#[test]
fn promise_all_is_awaited_and_its_branches_are_flat() {
    refused(
        &around(true, "  Promise.all([grind(order), steam(order)]);"),
        3,
        3,
        "`Promise.all([…])` is not awaited: write `await Promise.all([…])`",
    );
    refused(
        &around(
            true,
            "  await Promise.all([grind(order), Promise.all([steam(order)])]);",
        ),
        3,
        36,
        "a `Promise.all` inside a `Promise.all` branch is not supported: list every call to start together in one `Promise.all`",
    );
    refused(
        &around(
            true,
            "  await Promise.all([\n    (async () => {\n      try { await grind(order); } catch (e) {}\n    })(),\n  ]);",
        ),
        5,
        7,
        "a `try` inside a `Promise.all` branch is not supported: a failure rejects the whole `Promise.all`, so put the `try` around `await Promise.all([…])`",
    );
    refused(
        &around(true, "  await Promise.all([grind(order, (err) => {})]);"),
        3,
        22,
        "a callback inside `Promise.all`: write `grind(order)` without it, `Promise.all` waits for its promise",
    );
    refused(
        &around(true, "  await Promise.all([await grind(order)]);"),
        3,
        22,
        "`await` inside the list waits for this call before the next one starts: write it without `await`, `Promise.all` waits for them all",
    );
    refused(
        &around(
            true,
            "  await Promise.all([grind(order).then(() => { steam(order); })]);",
        ),
        3,
        48,
        "`steam(order)` is not returned: the chain would go on without waiting for it. Write `return steam(order);`",
    );
    refused(
        &around(
            true,
            "  await Promise.all([grind(order), helpers.runAndWait(handPour, order)]);",
        ),
        3,
        36,
        "`helpers.runAndWait(handPour, order)` blocks the barista until the helper is done: inside `Promise.all` write `helpers.run(handPour, order)`, which returns a promise",
    );
    refused(
        "async function h(order) {\n  takeOrder(order);\n  await Promise.all([(async () => { await grind(order); serve(order); })()]);\n}",
        3,
        57,
        "`serve(order)` inside a `Promise.all` branch would serve before the other branches finish: call it after `await Promise.all([…])`, last",
    );
    refused(
        &around(true, "  await grind(order).then(() => steam(order));"),
        3,
        9,
        "a `.then` chain is only for a `Promise.all` branch: here write one `await` per step, `await grind(order); await steam(order);`",
    );
}

#[test]
fn other_javascript_is_refused_where_it_is() {
    refused(
        &around(false, "  if (order) pay(order);"),
        3,
        3,
        "an `if` is only for a callback's error check, as its first statement: `if (err) return offerFreeCookie(order);`",
    );
    refused(
        "function h(order) {\n  takeOrder(order);\n  return serve(order);\n}",
        3,
        3,
        "`return` is only for a callback's error check, `if (err) return offerFreeCookie(order);`, and the last step of a `Promise.all` branch",
    );
    refused(
        &around(
            true,
            "  await grind(order).catch(() => offerFreeCookie(order));",
        ),
        3,
        9,
        "`.catch` is not supported: put the calls inside `try { … } catch (err) { offerFreeCookie(order); }`",
    );
    refused(
        &around(false, "  let note;"),
        3,
        3,
        "`let note` has no value: a declaration here holds a call's result, such as `const price = cache.get(order.drink) ?? lookupPrice(order);`",
    );
    refused(
        &around(false, "  helpers.runAndWait(grind, order);"),
        3,
        22,
        "`grind` runs on its machine, not on a helper: only the barista's own work (`handPour`, `assemble`) goes to `helpers.runAndWait`",
    );
    refused(
        &around(false, "  order.drink;"),
        3,
        3,
        "this does nothing: a statement of the handler is a call, such as `grind(order);`",
    );
}
