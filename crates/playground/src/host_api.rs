//! The host API of an embedded café: what the page around a frame may ask
//! of it with `postMessage`, checked field by field before anything happens
//! (README, "Fitting the frame and talking to it", has the schema). Pure: `ui::host` reads
//! the fields of a browser message into [`Field`]s, asks [`parse`], and
//! carries the [`Command`] out; a refusal names the field for the console.
//!
//! A message is an object with `espresso: 1` (the version) and `command`:
//!
//! | `command` | other fields |
//! | --- | --- |
//! | `play`, `pause` | none |
//! | `seek` | `t`: the instant in ms, a number from 0 to [`MAX_T_MS`] (past the run's end: its end) |
//! | `strategy` | `strategy`: `blocking`, `callbacks`, `await` or `join` |
//! | `preset` | `preset`: a preset's id (`karen`, `black-friday`, …) |
//! | `follow` | `customer`: a whole number, 0-based, below the café's customers |
//!
//! Objects without an `espresso` field are someone else's messages and are
//! ignored without a word.

use crate::engine::{SimTime, Strategy};

/// The version of the message schema.
pub const VERSION: f64 = 1.0;
/// The latest instant `seek` accepts, in ms (a day; runs are shorter).
pub const MAX_T_MS: f64 = 86_400_000.0;
/// The longest text a field may hold.
const MAX_TEXT: usize = 64;

/// One field of a message, as the browser gave it.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Not there (or `undefined`).
    Missing,
    /// A number (any, `NaN` and infinities included).
    Number(f64),
    /// A string.
    Text(String),
    /// Anything else: `null`, a boolean, an object, an array.
    Other,
}

/// What the host asks the café to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Play from the playhead (from the start when at the end).
    Play,
    /// Pause.
    Pause,
    /// Move the playhead (kept within the shown run).
    Seek(SimTime),
    /// Show another strategy's run from the same instant.
    Strategy(Strategy),
    /// Start over with a preset's café.
    Preset(String),
    /// Follow a customer (0-based).
    Follow(u32),
}

/// Why a message was refused: the field at fault and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The field's name.
    pub field: &'static str,
    /// What it should have been.
    pub reason: &'static str,
}

impl Refusal {
    /// The console's words: `Async Espresso: ignored a message: field "t": …`.
    pub fn message(&self) -> String {
        format!(
            "Async Espresso: ignored a message from the page: field \"{}\": {}",
            self.field, self.reason
        )
    }
}

const fn refuse(field: &'static str, reason: &'static str) -> Refusal {
    Refusal { field, reason }
}

/// What the café knows that a message is checked against.
pub struct Limits<'a> {
    /// The café's customers.
    pub customers: u32,
    /// The presets' ids.
    pub presets: &'a [&'a str],
}

/// Reads a message through `field` (its fields by name): `Ok(None)` when it
/// is not for us (no `espresso` field), the command, or the first field at
/// fault.
pub fn parse(field: impl Fn(&str) -> Field, limits: &Limits) -> Result<Option<Command>, Refusal> {
    match field("espresso") {
        Field::Missing => return Ok(None),
        Field::Number(v) if v == VERSION => {}
        _ => {
            return Err(refuse(
                "espresso",
                "must be 1, the version this frame speaks",
            ));
        }
    }
    let Field::Text(command) = field("command") else {
        return Err(refuse("command", "must be a string"));
    };
    Ok(Some(match command.as_str() {
        "play" => Command::Play,
        "pause" => Command::Pause,
        "seek" => match field("t") {
            Field::Number(t) if (0.0..=MAX_T_MS).contains(&t) => Command::Seek(SimTime::from_ms(t)),
            Field::Number(_) => return Err(refuse("t", "must be from 0 to 86400000 (ms)")),
            _ => return Err(refuse("t", "must be a number of ms")),
        },
        "strategy" => match text(&field("strategy")).and_then(Strategy::from_key) {
            Some(s) => Command::Strategy(s),
            None => {
                return Err(refuse(
                    "strategy",
                    "must be blocking, callbacks, await or join",
                ));
            }
        },
        "preset" => match text(&field("preset")).filter(|p| limits.presets.contains(p)) {
            Some(p) => Command::Preset(p.to_string()),
            None => return Err(refuse("preset", "must be the id of a preset")),
        },
        "follow" => match field("customer") {
            Field::Number(n) if n.fract() == 0.0 && n >= 0.0 && n < f64::from(limits.customers) => {
                Command::Follow(n as u32)
            }
            _ => {
                return Err(refuse(
                    "customer",
                    "must be a whole number below the number of customers",
                ));
            }
        },
        _ => {
            return Err(refuse(
                "command",
                "must be play, pause, seek, strategy, preset or follow",
            ));
        }
    }))
}

fn text(f: &Field) -> Option<&str> {
    match f {
        Field::Text(s) if s.len() <= MAX_TEXT => Some(s),
        _ => None,
    }
}

/// Whether the frame should tell the host where the playhead is, `now_ms`
/// (real time) after it last did at `last_ms`: at most four times a second
/// while playing, at once on any change when paused.
pub fn report_time(playing: bool, now_ms: f64, last_ms: Option<f64>) -> bool {
    !playing || last_ms.is_none_or(|last| now_ms - last >= 250.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg<'a>(pairs: &'a [(&'a str, Field)]) -> impl Fn(&str) -> Field + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map_or(Field::Missing, |(_, v)| v.clone())
        }
    }

    const LIMITS: Limits = Limits {
        customers: 10,
        presets: &["karen", "black-friday"],
    };

    fn text(s: &str) -> Field {
        Field::Text(s.to_string())
    }

    fn parse_pairs(pairs: &[(&str, Field)]) -> Result<Option<Command>, Refusal> {
        parse(msg(pairs), &LIMITS)
    }

    #[test]
    fn well_formed_commands_are_read() {
        let v = ("espresso", Field::Number(1.0));
        assert_eq!(
            parse_pairs(&[v.clone(), ("command", text("play"))]),
            Ok(Some(Command::Play))
        );
        assert_eq!(
            parse_pairs(&[v.clone(), ("command", text("pause"))]),
            Ok(Some(Command::Pause))
        );
        assert_eq!(
            parse_pairs(&[
                v.clone(),
                ("command", text("seek")),
                ("t", Field::Number(1500.0))
            ]),
            Ok(Some(Command::Seek(SimTime::from_ms(1500.0))))
        );
        assert_eq!(
            parse_pairs(&[
                v.clone(),
                ("command", text("strategy")),
                ("strategy", text("join"))
            ]),
            Ok(Some(Command::Strategy(Strategy::Join)))
        );
        assert_eq!(
            parse_pairs(&[
                v.clone(),
                ("command", text("preset")),
                ("preset", text("karen"))
            ]),
            Ok(Some(Command::Preset("karen".into())))
        );
        assert_eq!(
            parse_pairs(&[
                v,
                ("command", text("follow")),
                ("customer", Field::Number(9.0))
            ]),
            Ok(Some(Command::Follow(9)))
        );
    }

    #[test]
    fn other_peoples_messages_are_ignored_quietly() {
        assert_eq!(parse_pairs(&[("command", text("play"))]), Ok(None));
        assert_eq!(parse_pairs(&[]), Ok(None));
    }

    #[test]
    fn bad_messages_are_refused_naming_the_field() {
        let v = ("espresso", Field::Number(1.0));
        let field = |pairs: &[(&str, Field)]| match parse_pairs(pairs) {
            Err(r) => r.field,
            ok => panic!("{pairs:?} gave {ok:?}"),
        };
        assert_eq!(field(&[("espresso", Field::Number(2.0))]), "espresso");
        assert_eq!(field(&[("espresso", text("1"))]), "espresso");
        assert_eq!(field(std::slice::from_ref(&v)), "command");
        assert_eq!(field(&[v.clone(), ("command", Field::Other)]), "command");
        assert_eq!(
            field(&[v.clone(), ("command", text("<img src=x onerror=alert(1)>"))]),
            "command"
        );
        assert_eq!(field(&[v.clone(), ("command", text("eval"))]), "command");
        for t in [
            Field::Number(-1.0),
            Field::Number(1e300),
            Field::Number(f64::NAN),
            Field::Number(f64::INFINITY),
            text("100"),
            Field::Missing,
        ] {
            assert_eq!(
                field(&[v.clone(), ("command", text("seek")), ("t", t)]),
                "t"
            );
        }
        for s in [
            text(""),
            text("<b>join</b>"),
            Field::Number(1.0),
            text(&"join".repeat(100)),
        ] {
            assert_eq!(
                field(&[v.clone(), ("command", text("strategy")), ("strategy", s)]),
                "strategy"
            );
        }
        assert_eq!(
            field(&[
                v.clone(),
                ("command", text("preset")),
                ("preset", text("nope"))
            ]),
            "preset"
        );
        for n in [
            Field::Number(10.0),
            Field::Number(-1.0),
            Field::Number(1.5),
            Field::Number(f64::NAN),
            text("3"),
        ] {
            assert_eq!(
                field(&[v.clone(), ("command", text("follow")), ("customer", n)]),
                "customer"
            );
        }
        let r = parse_pairs(&[v, ("command", text("seek"))]).unwrap_err();
        assert!(r.message().contains("field \"t\""));
    }

    #[test]
    fn the_playhead_is_reported_at_most_four_times_a_second_while_playing() {
        assert!(report_time(true, 0.0, None));
        assert!(!report_time(true, 1100.0, Some(1000.0)));
        assert!(report_time(true, 1250.0, Some(1000.0)));
        assert!(report_time(false, 1010.0, Some(1000.0)));
    }
}
