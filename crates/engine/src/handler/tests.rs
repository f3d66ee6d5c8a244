//! Unit tests of the handler parser: the forms the language accepts and the
//! tree they give (the mistakes and the fuzz are in
//! `tests/engine/handler.rs`, every listing in the playground's tests).

use super::*;
use crate::scenario::StepId;

fn ok(text: &str) -> Handler {
    parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The known calls of `text`, in the order written (`None` for unknown).
fn known_calls(text: &str) -> Vec<Option<Known>> {
    ok(text).calls().iter().map(|c| c.known).collect()
}

fn body(h: &Handler) -> &[Stmt] {
    match &h.function.body {
        FunctionBody::Block(b) => &b.stmts,
        FunctionBody::Expr(_) => panic!("an expression body"),
    }
}

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

#[test]
fn the_await_listing_is_an_async_function_with_a_try() {
    let h = ok(AWAIT_JS);
    let f = &h.function;
    assert!(f.is_async);
    assert_eq!(f.form, FunctionForm::Function);
    assert_eq!(
        f.name.as_ref().map(|n| n.name.as_str()),
        Some("handleOrder")
    );
    assert_eq!(f.params.len(), 1);
    assert_eq!(f.params[0].name, "order");
    let [stmt] = body(&h) else {
        panic!("one statement")
    };
    let StmtKind::Try {
        body,
        param,
        handler,
    } = &stmt.kind
    else {
        panic!("a try: {stmt:?}")
    };
    assert_eq!(body.stmts.len(), 6);
    assert_eq!(param.as_ref().map(|p| p.name.as_str()), Some("err"));
    assert_eq!(handler.stmts.len(), 1);
    let StmtKind::Expr(second) = &body.stmts[1].kind else {
        panic!("an expression")
    };
    let ExprKind::Await(inner) = &second.kind else {
        panic!("await: {second:?}")
    };
    assert!(matches!(&inner.kind, ExprKind::Call(c) if c.known == Some(Known::Step(StepId::Pay))));
    use Known::*;
    assert_eq!(
        known_calls(AWAIT_JS),
        [
            TakeOrder,
            Step(StepId::Pay),
            Step(StepId::Grind),
            Step(StepId::Steam),
            Step(StepId::Assemble),
            Serve,
            OfferFreeCookie
        ]
        .map(Some)
    );
}

#[test]
fn callbacks_nest_with_their_error_checks() {
    let text = "\
function handleOrder(order) {
  takeOrder(order);
  pay(order, (err) => {
    if (err) return offerFreeCookie(order);
    grind(order, function (err) {
      if (err) { return; } // error dropped
      steam(order, err => {
        if (!err) serve(order); else offerFreeCookie(order);
      });
    });
  });
}
";
    use Known::*;
    assert_eq!(
        known_calls(text),
        [
            TakeOrder,
            Step(StepId::Pay),
            OfferFreeCookie,
            Step(StepId::Grind),
            Step(StepId::Steam),
            Serve,
            OfferFreeCookie
        ]
        .map(Some)
    );
    let h = ok(text);
    let StmtKind::Expr(pay) = &body(&h)[1].kind else {
        panic!()
    };
    let ExprKind::Call(pay) = &pay.kind else {
        panic!()
    };
    let ExprKind::Function(callback) = &pay.args[1].kind else {
        panic!("a callback: {:?}", pay.args[1])
    };
    assert_eq!(callback.form, FunctionForm::Arrow);
    assert_eq!(callback.params[0].name, "err");
    let FunctionBody::Block(b) = &callback.body else {
        panic!()
    };
    assert!(matches!(
        &b.stmts[0].kind,
        StmtKind::If { otherwise: None, then, .. } if matches!(then.kind, StmtKind::Return(Some(_)))
    ));
}

#[test]
fn promise_all_takes_calls_async_blocks_and_then_chains_nested() {
    let text = "\
const handleOrder = async (order) => {
  await pay(order);
  await Promise.all([
    (async () => { await grind(order); await steam(order); })(),
    heatWater(order).then(() => handPour(order)),
    Promise.all([lookup(order), (async () => {
      await Promise.all([grind(order), steam(order)]);
    })()]),
  ]);
  serve(order);
};
";
    let h = ok(text);
    let f = &h.function;
    assert!(f.is_async);
    assert_eq!(f.form, FunctionForm::Arrow);
    assert_eq!(
        f.name.as_ref().map(|n| n.name.as_str()),
        Some("handleOrder")
    );
    let StmtKind::Expr(all) = &body(&h)[1].kind else {
        panic!()
    };
    let ExprKind::Await(all) = &all.kind else {
        panic!()
    };
    let ExprKind::Call(all) = &all.kind else {
        panic!()
    };
    assert_eq!(all.known, Some(Known::PromiseAll));
    let [array] = &all.args[..] else { panic!() };
    let ExprKind::Array(branches) = &array.kind else {
        panic!()
    };
    assert_eq!(branches.len(), 3, "a trailing comma adds nothing");
    // The first branch calls an async arrow function written in place.
    let ExprKind::Call(block) = &branches[0].kind else {
        panic!()
    };
    assert!(block.args.is_empty() && block.known.is_none());
    assert!(
        matches!(&block.callee.kind, ExprKind::Function(f) if f.is_async && f.params.is_empty())
    );
    // The second chains with `.then`, an arrow with an expression body.
    let ExprKind::Call(then) = &branches[1].kind else {
        panic!()
    };
    assert_eq!(then.known, Some(Known::Then));
    assert!(
        matches!(&then.args[0].kind, ExprKind::Function(f) if matches!(f.body, FunctionBody::Expr(_)))
    );
    // A call comes before the calls inside it; the async blocks' own calls
    // are unknown (`None`).
    let (s, k) = (|step| Some(Known::Step(step)), Some);
    assert_eq!(
        known_calls(text),
        [
            s(StepId::Pay),
            k(Known::PromiseAll),
            None,
            s(StepId::Grind),
            s(StepId::Steam),
            k(Known::Then),
            s(StepId::Heat),
            s(StepId::Pour),
            k(Known::PromiseAll),
            s(StepId::Lookup),
            None,
            k(Known::PromiseAll),
            s(StepId::Grind),
            s(StepId::Steam),
            k(Known::Serve),
        ]
    );
}

#[test]
fn the_guarded_listings_read_the_cache_and_fire_the_breaker() {
    let text = "\
async function handleOrder(order) {
  const price = cache.get(order.drink) ?? await lookupPrice(order);
  await breaker.fire(order);
  await helpers.run(handPour, order);
  helpers.runAndWait(handPour, order);
  cache.fetch(lookupPrice, order, (err) => {});
}
";
    let h = ok(text);
    let StmtKind::Decl {
        kind: DeclKind::Const,
        name,
        value: Some(value),
    } = &body(&h)[0].kind
    else {
        panic!()
    };
    assert_eq!(name.name, "price");
    let ExprKind::Binary {
        op: BinaryOp::Nullish,
        left,
        right,
    } = &value.kind
    else {
        panic!("{value:?}")
    };
    assert!(matches!(&left.kind, ExprKind::Call(c) if c.known == Some(Known::CacheGet)));
    assert!(matches!(&right.kind, ExprKind::Await(_)));
    use Known::*;
    assert_eq!(
        known_calls(text),
        [
            CacheGet,
            Step(StepId::Lookup),
            BreakerFire,
            HelpersRun,
            HelpersRunAndWait,
            CacheFetch
        ]
        .map(Some)
    );
    assert_eq!(step_named("handPour"), Some(StepId::Pour));
}

#[test]
fn steps_are_named_by_their_functions_and_their_keys() {
    for step in StepId::ALL {
        assert_eq!(step_named(step.function()), Some(step));
        assert_eq!(step_named(step.key()), Some(step));
        let text = format!(
            "function h(order) {{ {}(order); {}(order); }}",
            step.function(),
            step.key()
        );
        assert_eq!(known_calls(&text), [Some(Known::Step(step)); 2]);
    }
    assert_eq!(step_named("brew"), None);
    assert_eq!(
        known_calls("function h(o) { brew(o); cache.clear(); x.y.fire(); }"),
        [None; 3]
    );
    for known in [
        Known::TakeOrder,
        Known::PromiseAll,
        Known::BreakerFire,
        Known::HelpersRunAndWait,
    ] {
        let text = format!("function h(order) {{ {}(order); }}", known.name());
        assert_eq!(known_calls(&text), [Some(known)]);
    }
    assert_eq!(
        known_calls("function h(o) { p.catch(() => offerFreeCookie(o)); }")[0],
        Some(Known::Catch)
    );
}

#[test]
fn semicolons_may_be_left_to_line_breaks() {
    let text = "\
async function handleOrder(order) {
  let paid
  paid = 1
}
";
    // `paid = 1` is an assignment, which the language has not.
    assert!(parse(text).is_err());
    let h = ok(
        "async function handleOrder(order) {\n  await pay(order)\n  grind(order)\n  return\n  steam(order)\n}",
    );
    let stmts = body(&h);
    assert_eq!(stmts.len(), 4);
    assert!(
        matches!(stmts[2].kind, StmtKind::Return(None)),
        "a line break ends `return`"
    );
    let h = ok(
        "function h(order) { let x; var y = 'coffee'; try { pay(order) } catch { serve(order) } }",
    );
    assert!(matches!(
        &body(&h)[0].kind,
        StmtKind::Decl {
            kind: DeclKind::Let,
            value: None,
            ..
        }
    ));
    assert!(
        matches!(&body(&h)[1].kind, StmtKind::Decl { kind: DeclKind::Var, value: Some(Expr { kind: ExprKind::Str(s), .. }), .. } if s == "coffee")
    );
    assert!(matches!(
        &body(&h)[2].kind,
        StmtKind::Try { param: None, .. }
    ));
}

#[test]
fn spans_give_lines_and_columns_in_characters() {
    let text = "/* café ☕ */ async function handleOrder(order) {\n\t// ☕☕\n  /* é */ grind(order, 'crème', 2.5, true, null);\n}";
    let h = ok(text);
    assert_eq!((h.function.span.line, h.function.span.column), (1, 14));
    let StmtKind::Expr(call) = &body(&h)[0].kind else {
        panic!()
    };
    assert_eq!((call.span.line, call.span.column), (3, 11));
    assert_eq!(
        &text[call.span.start..call.span.end],
        "grind(order, 'crème', 2.5, true, null)"
    );
    let ExprKind::Call(c) = &call.kind else {
        panic!()
    };
    let kinds: Vec<&ExprKind> = c.args.iter().map(|a| &a.kind).collect();
    assert_eq!(
        kinds,
        [
            &ExprKind::Name("order".into()),
            &ExprKind::Str("crème".into()),
            &ExprKind::Number(2.5),
            &ExprKind::Bool(true),
            &ExprKind::Null
        ]
    );
    assert_eq!((c.args[1].span.line, c.args[1].span.column), (3, 24));
    assert_eq!(h.span.start, text.find("async").unwrap_or(0));
    assert_eq!(h.span.end, text.len());
}

#[test]
fn strings_take_escapes_and_either_quote() {
    let h = ok(r#"function h(o) { log("it's", 'say "hi"\n', 'a\'b'); }"#);
    let strings: Vec<String> = match &body(&h)[0].kind {
        StmtKind::Expr(Expr {
            kind: ExprKind::Call(c),
            ..
        }) => c
            .args
            .iter()
            .filter_map(|a| match &a.kind {
                ExprKind::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => panic!(),
    };
    assert_eq!(strings, ["it's", "say \"hi\"\n", "a'b"]);
}

#[test]
fn errors_print_their_place_first() {
    let e = ParseError {
        line: 3,
        column: 12,
        message: "expected `)`".into(),
    };
    assert_eq!(e.to_string(), "line 3, column 12: expected `)`");
}
