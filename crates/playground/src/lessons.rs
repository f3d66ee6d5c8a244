//! Guided lessons for workshops, read from `content/lessons.ini` (content is
//! data; the format is described at the top of that file). Each step sets up
//! a scenario, asks a prediction question and says which answer the engine
//! gives: every choice carries a [`Claim`], and [`check`] runs the step to
//! see whether the answer holds.

pub mod claim;

pub use claim::{Claim, Evidence};

use crate::engine::flow::Flow;
use crate::engine::handler;
use crate::engine::ini::{Section, parse};
use crate::engine::params::{ParamError, parse_strict, shown};
use crate::engine::presets::preset;
use crate::engine::{Instance, Scenario, Strategy};
use crate::play::{Runs, Yours};

/// `content/lessons.ini` without its comment lines (`build.rs`).
const LESSONS_INI: &str = include_str!(concat!(env!("OUT_DIR"), "/lessons.ini"));

/// Fewest and most steps in a lesson.
pub const STEPS: std::ops::RangeInclusive<usize> = 3..=6;
/// Fewest and most choices in a question.
pub const CHOICES: std::ops::RangeInclusive<usize> = 2..=4;

/// A short sequence of steps on one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Identifier for links: `[a-z0-9-]{1,32}`.
    pub id: String,
    /// Title for menus.
    pub title: String,
    /// One line saying what it teaches.
    pub summary: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// One step: a scenario to run, something to watch, a question to predict.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// A sentence or two setting the scene.
    pub text: String,
    /// The preset it starts from.
    pub preset: String,
    /// Parameter changes on top of the preset, in order.
    pub set: Vec<(String, String)>,
    /// The strategy to select.
    pub strategy: Strategy,
    /// With [`Strategy::Yours`]: the handler the step asks the learner to
    /// write (the checks run it as `yours`; the page starts the learner
    /// from sequential await's text).
    pub code: Option<String>,
    /// What to toggle or watch.
    pub watch: String,
    /// The prediction question.
    pub question: String,
    /// The choices offered (2 to 4).
    pub choices: Vec<String>,
    /// What each choice claims about the runs, like `choices`.
    pub claims: Vec<Claim>,
    /// Index of the correct choice.
    pub correct: usize,
    /// The correct choice's claim.
    pub answer: Claim,
    /// The sentence shown after answering.
    pub explain: String,
}

impl Step {
    /// The step's scenario: its preset with its changes.
    pub fn scenario(&self) -> Result<Scenario, ParamError> {
        parse_strict(
            self.bare()?,
            self.set.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
    }

    /// The step's preset without its changes (what `before` compares with).
    pub fn bare(&self) -> Result<Scenario, ParamError> {
        preset(&self.preset)
            .ok_or_else(|| ParamError {
                key: "preset".into(),
                value: shown(&self.preset),
                reason: "unknown preset".into(),
            })?
            .scenario()
    }

    /// Every strategy run on the step's café, with the step's own handler
    /// as `yours` when it has one.
    pub fn runs(&self) -> Result<Runs, String> {
        let runs = Runs::new(&self.scenario().map_err(|e| e.to_string())?);
        let Some(code) = &self.code else {
            return Ok(runs);
        };
        let yours = Yours::new(&runs.instance, code).map_err(|e| format!("code: {e}"))?;
        Ok(runs.with_yours(Some(std::sync::Arc::new(yours))))
    }

    /// Whether the step's café and code are well formed: its scenario's
    /// values, and its code read and fitted to the café's drinks. Nothing
    /// is simulated (the page reads every lesson as it starts; the tests
    /// run every step, [`Step::evaluate`]).
    fn check(&self) -> Result<(), String> {
        let scenario = self.scenario().map_err(|e| e.to_string())?;
        if let Some(code) = &self.code {
            let program = handler::program(code).map_err(|e| format!("code: {e}"))?;
            Flow::for_instance(&program, &Instance::new(&scenario))
                .map_err(|e| format!("code: {}", e.message))?;
        }
        Ok(())
    }

    /// Whether each choice's claim holds, running the step once.
    pub fn outcomes(&self) -> Result<Vec<bool>, String> {
        Ok(self.evaluate()?.0)
    }

    /// [`Step::outcomes`], with the numbers each claim compared (for people:
    /// the page after answering, a failing test's message).
    pub fn evaluate(&self) -> Result<(Vec<bool>, Vec<Vec<String>>), String> {
        let runs = self.runs()?;
        let before = if self.claims.iter().any(Claim::needs_before) {
            Some(Runs::new(&self.bare().map_err(|e| e.to_string())?))
        } else {
            None
        };
        let evidence = Evidence {
            runs: &runs,
            strategy: self.strategy,
            before: before.as_ref(),
        };
        let holds = self
            .claims
            .iter()
            .map(|c| c.holds(&evidence))
            .collect::<Result<_, _>>()?;
        let measures = self.claims.iter().map(|c| c.measures(&evidence)).collect();
        Ok((holds, measures))
    }
}

/// Runs the step's scenario and says whether its answer holds.
pub fn check(step: &Step) -> Result<bool, String> {
    let runs = step.runs()?;
    let before = if step.answer.needs_before() {
        Some(Runs::new(&step.bare().map_err(|e| e.to_string())?))
    } else {
        None
    };
    step.answer.holds(&Evidence {
        runs: &runs,
        strategy: step.strategy,
        before: before.as_ref(),
    })
}

/// Whether `id` is a lesson id: 1 to 32 of `a-z`, `0-9`, `-`.
pub fn valid_id(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A step being read: every key as written.
#[derive(Default)]
struct Draft {
    entries: Vec<(String, String)>,
}

impl Draft {
    fn one(&self, key: &str) -> Result<String, String> {
        let mut values = self.entries.iter().filter(|(k, _)| k == key);
        match (values.next(), values.next()) {
            (Some((_, v)), None) if !v.is_empty() => Ok(v.clone()),
            (Some(_), Some(_)) => Err(format!("`{key}` is given twice")),
            _ => Err(format!("`{key}` is missing")),
        }
    }

    fn all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn step(&self) -> Result<Step, String> {
        let mut set = Vec::new();
        for pair in self.all("set").flat_map(str::split_whitespace) {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| format!("`set` takes key=value pairs, not \"{pair}\""))?;
            set.push((k.to_string(), v.to_string()));
        }
        let strategy = self.one("strategy")?;
        let mut choices = Vec::new();
        let mut claims = Vec::new();
        for choice in self.all("choice") {
            let (text, claim) = choice
                .split_once("=>")
                .ok_or_else(|| format!("a choice is `text => claim`, not \"{choice}\""))?;
            choices.push(text.trim().to_string());
            claims.push(Claim::parse(claim)?);
        }
        if !CHOICES.contains(&choices.len()) || choices.iter().any(String::is_empty) {
            return Err("a question has 2 to 4 choices, each with text".into());
        }
        let answer = Claim::parse(&self.one("answer")?)?;
        let mut matching = (0..claims.len()).filter(|&i| claims[i] == answer);
        let correct = match (matching.next(), matching.next()) {
            (Some(i), None) => i,
            _ => return Err("the answer must be the claim of exactly one choice".into()),
        };
        let step = Step {
            text: self.one("step")?,
            preset: self.one("preset")?,
            set,
            strategy: Strategy::from_key(&strategy)
                .ok_or_else(|| format!("unknown strategy \"{strategy}\""))?,
            code: self.all("code").next().map(str::to_owned),
            watch: self.one("watch")?,
            question: self.one("question")?,
            choices,
            claims,
            correct,
            answer,
            explain: self.one("explain")?,
        };
        if (step.strategy == Strategy::Yours) != step.code.is_some() {
            return Err("`strategy = yours` goes with the `code` it asks for, and only it".into());
        }
        step.check()?;
        Ok(step)
    }
}

const STEP_KEYS: [&str; 10] = [
    "step", "preset", "set", "strategy", "code", "watch", "question", "choice", "answer", "explain",
];

fn read_lesson(section: &Section) -> Result<Lesson, String> {
    if !valid_id(&section.id) {
        return Err("a lesson id is 1 to 32 of a-z, 0-9 and -".into());
    }
    let mut head = Draft::default();
    let mut drafts: Vec<Draft> = Vec::new();
    for (key, value) in &section.entries {
        let entry = (key.clone(), value.clone());
        match (key.as_str(), drafts.last_mut()) {
            ("step", _) => drafts.push(Draft {
                entries: vec![entry],
            }),
            ("title" | "summary", None) => head.entries.push(entry),
            (k, Some(draft)) if STEP_KEYS.contains(&k) => draft.entries.push(entry),
            (k, _) => return Err(format!("unexpected key `{k}`")),
        }
    }
    if !STEPS.contains(&drafts.len()) {
        return Err("a lesson has 3 to 6 steps".into());
    }
    let mut steps = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        steps.push(draft.step().map_err(|e| format!("step {}: {e}", i + 1))?);
    }
    Ok(Lesson {
        id: section.id.clone(),
        title: head.one("title")?,
        summary: head.one("summary")?,
        steps,
    })
}

/// Reads lessons from INI text (format: the top of `content/lessons.ini`).
/// The error names the lesson and step and says what is wrong.
pub fn parse_lessons(text: &str) -> Result<Vec<Lesson>, String> {
    let mut lessons: Vec<Lesson> = Vec::new();
    for section in parse(text) {
        if lessons.iter().any(|l| l.id == section.id) {
            return Err(format!("lesson `{}` is given twice", section.id));
        }
        lessons.push(read_lesson(&section).map_err(|e| format!("lesson `{}`: {e}", section.id))?);
    }
    Ok(lessons)
}

/// Every built-in lesson, in workshop order (none if the content is broken,
/// which the tests rule out).
pub fn lessons() -> Vec<Lesson> {
    built_in().to_vec()
}

/// The built-in lesson called `id`.
pub fn lesson(id: &str) -> Option<Lesson> {
    built_in().iter().find(|l| l.id == id).cloned()
}

/// The built-in lessons, read from their text once (checking every step's
/// scenario takes a while on a page that has just started).
fn built_in() -> &'static [Lesson] {
    static ALL: std::sync::OnceLock<Vec<Lesson>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| parse_lessons(LESSONS_INI).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "[l]\ntitle = T\nsummary = S\n";
    const STEP: &str = "step = Text.\npreset = morning-line\nset = customers=4 steamers=2\n\
        strategy = join\nwatch = W\nquestion = Q?\nchoice = Ada => first-served:Ada\n\
        choice = Ben => first-served:Ben\nanswer = first-served:Ada\nexplain = E.\n";

    fn three(step: &str) -> String {
        format!("{ONE}{step}{step}{step}")
    }

    #[test]
    fn a_lesson_reads_its_steps_in_order() {
        let all = parse_lessons(&three(STEP)).unwrap();
        assert_eq!(all.len(), 1);
        let step = &all[0].steps[2];
        assert_eq!(all[0].title, "T");
        assert_eq!(step.strategy, Strategy::Join);
        assert_eq!(step.set.len(), 2);
        assert_eq!(step.choices, ["Ada", "Ben"]);
        assert_eq!(step.correct, 0);
        assert_eq!(step.scenario().unwrap().customers, 4);
        assert_eq!(check(step), Ok(true));
        assert_eq!(step.outcomes(), Ok(vec![true, false]));
    }

    #[test]
    fn broken_lessons_are_refused_with_a_reason() {
        let cases = [
            (format!("{ONE}{STEP}{STEP}"), "3 to 6 steps"),
            (three(STEP).replace("[l]", "[Bad_Id]"), "lesson id"),
            (
                three(STEP).replace("preset = morning-line", "preset = nope"),
                "unknown preset",
            ),
            (
                three(STEP).replace("customers=4", "customers=0"),
                "customers",
            ),
            (three(STEP).replace("customers=4", "customers"), "key=value"),
            (three(STEP).replace("join", "threads"), "unknown strategy"),
            (
                three(STEP).replace("answer = first-served:Ada", "answer = lost>0"),
                "exactly one choice",
            ),
            (
                three(STEP).replace("choice = Ben => first-served:Ben\n", ""),
                "2 to 4 choices",
            ),
            (three(STEP).replace("Ben => ", "Ben "), "text => claim"),
            (
                three(STEP).replace("explain = E.\n", ""),
                "`explain` is missing",
            ),
            (
                three(STEP).replace("watch = W\n", "watch = W\nwatch = X\n"),
                "twice",
            ),
            (
                three(STEP).replace("watch", "wtach"),
                "unexpected key `wtach`",
            ),
            (format!("{}{}", three(STEP), three(STEP)), "given twice"),
            (
                three(&STEP.replace("strategy = join", "strategy = yours")),
                "`strategy = yours` goes with the `code` it asks for",
            ),
            (
                three(&format!("{STEP}code = function h(order) {{ serve(order); }}\n")),
                "`strategy = yours` goes with the `code` it asks for",
            ),
            (
                three(&STEP.replace(
                    "strategy = join",
                    "strategy = yours\ncode = async function h(order) { takeOrder(order) serve(order); }",
                )),
                "code: line 1, column",
            ),
        ];
        for (text, why) in cases {
            let e = parse_lessons(&text).unwrap_err();
            assert!(e.contains(why), "{why}: {e}");
        }
    }

    #[test]
    fn the_built_in_lessons_parse() {
        let all = parse_lessons(LESSONS_INI).unwrap_or_else(|e| panic!("{e}"));
        assert!((3..=5).contains(&all.len()));
        assert_eq!(lessons(), all);
        // The lesson the learner writes code in: its steps ask for a
        // handler that runs, and the page starts them elsewhere.
        let own = lesson("your-own-handler").unwrap();
        let written: Vec<_> = own.steps.iter().filter_map(|s| s.code.as_ref()).collect();
        assert_eq!(written.len(), 2);
        assert!(
            written
                .iter()
                .all(|c| c.contains("await pay(order); await Promise.all(["))
        );
        assert!(lesson("black-friday").is_some() && lesson("nope").is_none());
        assert!(valid_id("a-1") && !valid_id("") && !valid_id(&"a".repeat(33)));
    }
}
