//! The handler parser's mistakes and limits: typical errors give their
//! exact line, column and a message saying what was expected; the caps
//! hold; 100,000 random and mutated texts never panic, in the parser or in
//! the lowering of those that parse.

use espresso_engine::flow::Flow;
use espresso_engine::handler::{MAX_CHARS, MAX_DEPTH, ParseError, lower, parse, shades};
use espresso_engine::params::parse_strict;
use espresso_engine::rng::mix64;
use espresso_engine::sim::simulate_flows;
use espresso_engine::{Instance, Scenario, Strategy};

/// Parses `text`, expecting an error at `line`, `column` whose message
/// contains each of `fragments`.
#[track_caller]
fn fails(text: &str, line: usize, column: usize, fragments: &[&str]) -> ParseError {
    let e = match parse(text) {
        Ok(h) => panic!("parsed, expected an error:\n{text}\n{h:?}"),
        Err(e) => e,
    };
    assert_eq!((e.line, e.column), (line, column), "{e}\n{text}");
    for fragment in fragments {
        assert!(e.message.contains(fragment), "`{fragment}` not in: {e}");
    }
    e
}

#[test]
fn a_missing_parenthesis_names_the_call_it_leaves_open() {
    let e = fails(
        "async function handleOrder(order) {\n  takeOrder(order);\n  await grind(order;\n}\n",
        3,
        20,
        &["expected `)` to close `grind(` (opened at line 3, column 14), found `;`"],
    );
    assert_eq!(
        e.to_string(),
        "line 3, column 20: expected `)` to close `grind(` (opened at line 3, column 14), found `;`"
    );
    fails(
        "function h(order) {\n  pay(order, (err) => {\n    grind(order);\n  };\n}",
        4,
        4,
        &["expected `)` to close `pay(` (opened at line 2, column 6), found `;`"],
    );
    fails(
        "function h(order) {\n  if (err return;\n}",
        2,
        11,
        &["expected `)` to close `if (` (opened at line 2, column 6), found `return`"],
    );
}

#[test]
fn a_missing_brace_names_the_block_it_leaves_open() {
    fails(
        "async function handleOrder(order) {\n  try {\n    await pay(order);\n  } catch (err) {\n    offerFreeCookie(order);\n\n}\n",
        8,
        1,
        &[
            "expected `}` to close the body of `handleOrder` (opened at line 1, column 35)",
            "found the end of the text",
        ],
    );
    fails(
        "function h(order) {\n  try\n    pay(order);\n}",
        3,
        5,
        &["expected `{` to open the `try` block, found `pay`"],
    );
}

#[test]
fn a_misspelt_keyword_is_named_with_the_likely_one() {
    fails(
        "async function handleOrder(order) {\n  awiat grind(order);\n}",
        2,
        3,
        &[
            "`awiat` is not a keyword",
            "followed by `grind`",
            "did you mean `await`?",
        ],
    );
    fails(
        "function h(order) {\n  cosnt price = 3;\n}",
        2,
        3,
        &["did you mean `const`?"],
    );
    fails(
        "asnyc function h(order) {}",
        1,
        1,
        &["expected the handler", "found `asnyc`"],
    );
}

#[test]
fn stray_tokens_say_what_was_expected_instead() {
    fails(
        "function h(order) {\n  await pay(order));\n}",
        2,
        19,
        &["expected `;` or a line break after the statement, found `)`"],
    );
    fails(
        "function h(order) {}\nfunction g(order) {}",
        2,
        1,
        &[
            "expected the end of the text after the handler's last `}`",
            "one handler function",
        ],
    );
    fails(
        "function h(order) {\n  await Promise.all([pay(order) grind(order)]);\n}",
        2,
        33,
        &["expected `]` to close the `[` opened at line 2, column 21, found `grind`"],
    );
    fails(
        "function h(order) {\n  try { pay(order); }\n  serve(order);\n}",
        3,
        3,
        &["expected `catch` after the `try` block, found `serve`"],
    );
    fails(
        "function h(order) {\n  const price;\n}",
        2,
        14,
        &["expected `=` and a value after `const price`, found `;`"],
    );
    fails(
        "function h(order) {\n  } catch (e) {}\n}",
        2,
        5,
        &["expected the end of the text", "found `catch`"],
    );
}

#[test]
fn unterminated_strings_and_comments_point_at_their_opening() {
    fails(
        "function h(order) {\n  log('coffee);\n}",
        2,
        7,
        &["unterminated string", "'"],
    );
    fails(
        "function h(order) {\n  pay(order);\n  /* not done\n  serve(order);\n}",
        3,
        3,
        &["unterminated comment", "`/*`", "`*/`"],
    );
    fails(
        "function h(order) { log(`hi ${order}`); }",
        1,
        25,
        &["template strings", "not part of the handler language"],
    );
    fails(
        "function h(order) { pay(order) # }",
        1,
        32,
        &["unexpected character `#`"],
    );
}

#[test]
fn an_empty_text_asks_for_a_function() {
    fails(
        "",
        1,
        1,
        &["the handler is empty", "async function handleOrder(order)"],
    );
    fails("  // just a comment\n\n", 3, 1, &["the handler is empty"]);
    fails("42", 1, 1, &["expected the handler", "found `42`"]);
}

#[test]
fn javascript_outside_the_language_is_refused_by_name() {
    fails(
        "function h(order) {\n  for (const step of steps) {}\n}",
        2,
        3,
        &["`for` is not part of the handler language", "`try`/`catch`"],
    );
    fails(
        "function h(order) {\n  let paid;\n  paid = pay(order);\n}",
        3,
        8,
        &[
            "found `=`",
            "assignment is not part of the handler language",
        ],
    );
    fails(
        "function h(order) {\n  const x = new Promise(r);\n}",
        2,
        13,
        &["`new` is not part of the handler language"],
    );
    fails(
        "function h(order) {\n  function helper() {}\n}",
        2,
        3,
        &["a function declared inside the handler is not part of the language"],
    );
    fails(
        "async function h(order) {\n  async function helper() {}\n}",
        2,
        3,
        &["a function declared inside the handler"],
    );
    fails(
        "function h(order) { pay({ order }); }",
        1,
        25,
        &["object literals"],
    );
    fails(
        "function h(order) { serve(order + 1); }",
        1,
        33,
        &["found `+`", "`+` is not part of the handler language"],
    );
}

#[test]
fn a_text_over_the_cap_is_refused_where_it_goes_over() {
    // 20 characters, then 1,000 lines of 12: 12,021 in all.
    let text = format!("function h(order) {{\n{}}}", "pay(order);\n".repeat(1000));
    assert_eq!(text.chars().count(), 12_021);
    // Character 10,001 is 9,980 into the lines of 12: line 2 + 831, column 9.
    fails(
        &text,
        833,
        9,
        &[
            "12021 characters long",
            &format!("over the limit of {MAX_CHARS}"),
        ],
    );
    // Characters, not bytes: 10,000 `é` (20,000 bytes) are within the cap.
    let accented = format!("function h(order) {{}}/*{}*/", "é".repeat(MAX_CHARS - 24));
    assert_eq!(accented.chars().count(), MAX_CHARS);
    assert!(parse(&accented).is_ok());
    let over = format!("{accented} ");
    fails(&over, 1, MAX_CHARS + 1, &["10001 characters long"]);
}

#[test]
fn nesting_over_the_cap_is_refused_where_it_happens() {
    // The body is level 1 and each `if`'s statement one more: the 32nd
    // `if`'s statement, the 33rd `if`, is level 33.
    let text = format!(
        "function h(order) {{\n{}pay(order);\n}}",
        "if (order) ".repeat(40)
    );
    fails(
        &text,
        2,
        1 + 32 * 11,
        &[
            "nested too deeply",
            &format!("more than {MAX_DEPTH} levels"),
        ],
    );
    // A callback pyramid: the body, then a call's `(` and a callback's `{`
    // per level; the 16th callback's `{` is level 33.
    let mut pyramid = String::from("function h(order) {\n");
    for level in 0..20 {
        pyramid += &format!("{}grind(order, (err) => {{\n", "  ".repeat(level + 1));
    }
    fails(&pyramid, 17, 2 * 16 + 23, &["nested too deeply"]);
    // Sixteen levels of callbacks are fine.
    let mut ok = String::from("function h(order) {\n");
    for _ in 0..15 {
        ok += "grind(order, (err) => {\n";
    }
    ok += &"});\n".repeat(15);
    ok += "}";
    assert!(parse(&ok).is_ok(), "{:?}", parse(&ok));
}

#[test]
fn pathological_texts_give_errors_not_crashes() {
    let wrap = |inner: String| format!("function h(o) {{ {inner} }}");
    for (text, fragment) in [
        (wrap("(".repeat(9_000)), "nested too deeply"),
        (wrap("[".repeat(9_000)), "nested too deeply"),
        (wrap("{".repeat(9_000)), "nested too deeply"),
        (wrap("!".repeat(9_000) + "o"), "nested too deeply"),
        (wrap("await ".repeat(1_500) + "o"), "nested too deeply"),
        (wrap("x => ".repeat(1_500) + "o"), "nested too deeply"),
        (
            wrap("o".to_string() + &".then()".repeat(1_000)),
            "too long a chain",
        ),
        (
            wrap("o".to_string() + &" ?? o".repeat(1_500)),
            "too long a chain",
        ),
        (
            wrap("o".to_string() + &"()".repeat(4_000)),
            "too long a chain",
        ),
        ("/*".repeat(4_000), "unterminated comment"),
        ("'".repeat(8_999), "unterminated string"),
        (")".repeat(9_000), "expected the handler"),
    ] {
        let e = parse(&text).expect_err(&text[..40.min(text.len())]);
        assert!(e.message.contains(fragment), "{e}");
    }
}

/// A deterministic stream of numbers (the engine's `mix64`).
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Valid handlers in every form the language has, to be mutated; the
/// lowering takes the second, the fifth and the last two, and the last
/// makes both drinks of the café.
const VALID: [&str; 7] = [
    "\
function handleOrder(order) {
  takeOrder(order);
  cache.fetch(lookupPrice, order, (err) => {
    if (err) return offerFreeCookie(order);
    breaker.fire(order, function (err) {
      if (err) return; // error dropped: order lost
      helpers.run(handPour, order, (err) => {
        if (err) { offerFreeCookie(order); } else { assemble(order); }
        serve(order);
      });
    });
  });
}
",
    "\
async function handleOrder(order) {
  try {
    takeOrder(order);
    const price = cache.get(order.drink) ?? await lookupPrice(order);
    await Promise.all([
      breaker.fire(order),
      grind(order),
      steam(order),
    ]);
    await helpers.run(handPour, order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
",
    "\
const handleOrder = async (order) => {
  await pay(order)
  await Promise.all([
    (async () => { await grind(order); await steam(order); })(),
    heatWater(order).then(() => handPour(order)),
  ])
  try { assemble(order) } catch { offerFreeCookie(order) }
  serve(order)
};
",
    "\
function handleOrder(order) {
  try {
    takeOrder(order);
    pay(order);
    helpers.runAndWait(handPour, order);
    /* a 'comment' with \"quotes\" */ let note = 'x' === \"y\" && !false || null != 2.5;
  } catch (err) {
    offerFreeCookie(order);
  }
}
",
    "\
function handleOrder(order) {
  takeOrder(order);
  cache.fetch(lookupPrice, order, (err) => {
    if (err) return offerFreeCookie(order);
    pay(order);
    helpers.run(handPour, order, function (err) {
      if (err) { return; }
      helpers.runAndWait(assemble, order);
      serve(order);
    });
  });
}
",
    "\
const handleOrder = async (order) => {
  try {
    takeOrder(order)
    await Promise.all([
      (async () => { await grind(order); handPour(order) })(),
      heatWater(order).then(() => { return steam(order) }),
      breaker.fire(order),
    ])
    serve(order)
  } catch {}
};
",
    "\
async function handleOrder(order) {
  try {
    takeOrder(order);
    await pay(order);
    await Promise.all([
      (async () => { await grind(order); await steam(order); })(),
      heatWater(order),
    ]);
    await helpers.run(handPour, order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
",
];

/// Pieces of the language, inserted whole by the mutations.
const PIECES: [&str; 24] = [
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ",",
    ".",
    "=>",
    "await ",
    "async ",
    "function ",
    "'",
    "\"",
    "/*",
    "*/",
    "//",
    "\n",
    "if (err) ",
    "try {",
    "} catch (e) {",
    "Promise.all([",
    "é",
];

/// Random printable text: ASCII, line breaks, a few accented characters.
fn random_text(s: &mut Stream) -> String {
    let len = s.below(160);
    (0..len)
        .map(|_| match s.below(20) {
            0 => '\n',
            1 => ['é', '☕', '\t', '`'][s.below(4)],
            _ => char::from(b' ' + s.below(95) as u8),
        })
        .collect()
}

/// A valid handler with one to four edits: characters deleted, inserted,
/// swapped or duplicated, pieces of the language inserted or removed.
fn mutated(s: &mut Stream) -> String {
    let mut chars: Vec<char> = VALID[s.below(VALID.len())].chars().collect();
    for _ in 0..1 + s.below(4) {
        let at = s.below(chars.len() + 1).min(chars.len());
        match s.below(6) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => chars.insert(at, char::from(b' ' + s.below(95) as u8)),
            2 if at + 1 < chars.len() => chars.swap(at, at + 1),
            3 => {
                let end = (at + 1 + s.below(20)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, copy);
            }
            4 => {
                let piece = PIECES[s.below(PIECES.len())];
                chars.splice(at..at, piece.chars());
            }
            _ => {
                let end = (at + 1 + s.below(12)).min(chars.len());
                chars.drain(at..end);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn a_hundred_thousand_random_and_mutated_texts_never_panic() {
    // Parsed, lowered, fitted and run where they can be; coloured for the
    // editor always.
    for valid in VALID {
        assert!(parse(valid).is_ok(), "{:?}", parse(valid));
    }
    for valid in [VALID[1], VALID[4], VALID[5], VALID[6]] {
        assert!(lower(&parse(valid).unwrap()).is_ok(), "{valid}");
    }
    // What lowers is fitted to a small café with both drinks and run: the
    // café refuses it with a reason, or every order ends.
    let cafe = Instance::new(
        &parse_strict(
            Scenario::default(),
            [("customers", "6"), ("helpers", "1"), ("pay_fail", "0.3")],
        )
        .unwrap(),
    );
    let mut s = Stream(13);
    let (mut ok, mut errors, mut lowered, mut ran) = (0, 0, 0, 0);
    for i in 0..100_000 {
        let text = if i % 2 == 0 {
            random_text(&mut s)
        } else {
            mutated(&mut s)
        };
        let result = std::panic::catch_unwind(|| parse(&text));
        let lines = text.split('\n').count();
        // The editor colours every text it is given: pieces in order, each
        // a slice of the text on one of its lines.
        let pieces = std::panic::catch_unwind(|| shades(&text))
            .unwrap_or_else(|_| panic!("the colouring panicked on:\n{text:?}"));
        let mut after = 0;
        for p in &pieces {
            assert!(
                p.start >= after && p.end > p.start && p.line <= lines,
                "{p:?} in {text:?}"
            );
            assert!(text.get(p.start..p.end).is_some(), "{p:?} in {text:?}");
            after = p.end;
        }
        let in_text = |e: &ParseError| {
            e.line >= 1 && e.line <= lines && e.column >= 1 && !e.message.is_empty()
        };
        match result {
            Ok(Ok(handler)) => {
                ok += 1;
                match std::panic::catch_unwind(|| lower(&handler)) {
                    Ok(Ok(program)) => {
                        lowered += 1;
                        match Flow::for_instance(&program, &cafe) {
                            Ok(flows) => {
                                let run = std::panic::catch_unwind(|| {
                                    simulate_flows(&cafe.running(&flows), Strategy::Yours, &flows)
                                });
                                let trace = run
                                    .unwrap_or_else(|_| panic!("the café panicked on:\n{text:?}"));
                                assert_eq!(trace.orders.len(), 6);
                                ran += 1;
                            }
                            Err(e) => assert!(!e.message.is_empty()),
                        }
                    }
                    Ok(Err(e)) => assert!(in_text(&e), "{e} in {lines} lines:\n{text}"),
                    Err(_) => panic!("the lowering panicked on:\n{text:?}"),
                }
            }
            Ok(Err(e)) => {
                assert!(in_text(&e), "{e} in {lines} lines:\n{text}");
                errors += 1;
            }
            Err(_) => panic!("the parser panicked on:\n{text:?}"),
        }
    }
    assert_eq!(ok + errors, 100_000);
    // Random text is nearly always refused; a good share of the mutated
    // handlers (a comment grown, a space doubled) still parse, and some of
    // those, mutants of the three that lower, still lower.
    assert!(
        ok > 5_000 && errors > 50_000 && lowered > 500 && ran > 100,
        "{ok} parsed, {errors} refused, {lowered} lowered, {ran} ran"
    );
}
