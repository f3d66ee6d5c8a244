//! Every scenario parameter, defined once (the way ripgrep defines each flag
//! once): its key, its short key in links, what it accepts, its unit, its
//! help, its control and group in the page's form, what it needs, and where
//! it lives in a [`Scenario`]. The command line's parser and `--help`,
//! [`super::params::to_pairs`], links (reading, writing, short keys), the
//! form, its validation messages and the dependency rules all read this
//! table. Plain data: no browser here (group titles and labels are text the
//! form shows).
//!
//! Defaults are not repeated here: a parameter's default is its value in
//! [`Scenario::default`] ([`Param::default_text`]).

use super::params::MAX_CUSTOMERS;
use super::scenario::{Arrivals, Drink, Durations, MachineKind, Scenario, StepId};
use crate::decimal;

/// What a parameter accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A whole number from `min` to `max`.
    Whole {
        /// Smallest accepted.
        min: u64,
        /// Largest accepted.
        max: u64,
    },
    /// A decimal number from `min` to `max` (quantised to 6 decimals).
    Decimal {
        /// Smallest accepted.
        min: f64,
        /// Largest accepted.
        max: f64,
    },
    /// `true` or `false` (also on/off, yes/no, 1/0).
    Switch,
    /// One of these values: (value, what the form calls it).
    Choice(&'static [(&'static str, &'static str)]),
    /// A recipe: steps joined by `+`.
    Recipe,
    /// Karen's place in line: a whole number, `0` (or off, none) for none.
    Place,
    /// Explicit customers, `name@ms[:drink]`, comma-separated.
    List,
}

/// The unit a number is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// None (a count, a seed, a word).
    None,
    /// Milliseconds.
    Ms,
    /// A fraction from 0 to 1, shown in percent.
    Share,
    /// Percent, as given.
    Percent,
}

impl Unit {
    /// How the unit is written after a number (`""` for none).
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::None => "",
            Unit::Ms => " ms",
            Unit::Share | Unit::Percent => "%",
        }
    }
}

/// How the form edits a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Not in the form (links and the command line only).
    None,
    /// A number box over the accepted range.
    NumberBox,
    /// A slider over the whole accepted range (only for a [`Unit::Share`]
    /// from 0 to 1: the slider runs from 0 to 100 %).
    Slider,
    /// A checkbox.
    Check,
    /// A select: the kind's choices; for a recipe, the recipe as it is and
    /// the same recipe looking the price up first.
    Select,
}

/// A group of the form, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Not in the form.
    None,
    /// Who comes, and when.
    Customers,
    /// How many machines of each kind.
    Machines,
    /// How long steps take.
    Durations,
    /// What fails, and who handles it.
    Failures,
    /// Helpers in the back room.
    Workers,
    /// Pools that put idle units away.
    Pools,
    /// The circuit breaker.
    Breaker,
    /// The price lookup and its cache.
    Cache,
}

impl Group {
    /// Every group with controls, in the form's order.
    pub const FORM: [Group; 8] = [
        Group::Customers,
        Group::Machines,
        Group::Durations,
        Group::Failures,
        Group::Workers,
        Group::Pools,
        Group::Breaker,
        Group::Cache,
    ];

    /// The group's title (its `<legend>`).
    pub fn title(self) -> &'static str {
        match self {
            Group::None => "",
            Group::Customers => "Customers",
            Group::Machines => "Machines",
            Group::Durations => "Step durations",
            Group::Failures => "Failures and error handling",
            Group::Workers => "Worker threads",
            Group::Pools => "Pools",
            Group::Breaker => "Circuit breaker",
            Group::Cache => "Price lookup and cache",
        }
    }

    /// What the group is, in a sentence or two (empty for the obvious ones).
    pub fn about(self) -> &'static str {
        match self {
            Group::Workers => {
                "Helpers in the back room are worker threads. With hand-off on, CPU-heavy steps (Karen's hand-pour, and any CPU step at least this long) go to a helper: the barista only passes them on, and the event loop stays free."
            }
            Group::Pools => {
                "Each machine kind is a pool of units, like a database pool. A unit left idle this long is put away and must warm up again before its next job (the essay's idleTimeoutMillis and a fresh connection's handshake)."
            }
            Group::Breaker => {
                "Around the card reader. A payment not answered in time fails; when too many recent payments failed, the breaker opens and payments fail at once (a cookie, not a long wait) until a probe after the reset time gets through. Its settings are used while it is on."
            }
            Group::Cache => {
                "Before payment the barista can look the price up on the menu server (a slow trip); a cache answers repeated lookups at once while the price is fresh."
            }
            _ => "",
        }
    }
}

/// What a parameter needs from the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The cache needs a recipe that looks the price up (`lookup` first).
    Lookup,
    /// Handing off needs at least one helper.
    Helper,
    /// A Poisson stream needs a mean gap above 0.
    Gap,
    /// Used only while the circuit breaker is on (no rule: a setting of a
    /// breaker that is off is simply unused).
    Breaker,
}

impl Need {
    /// Whether the parameter that has this need is in use in `s` (the rule
    /// only binds then).
    pub fn binds(self, s: &Scenario) -> bool {
        match self {
            Need::Lookup => s.cache.on,
            Need::Helper => s.offload,
            Need::Gap => s.listed.is_empty() && s.arrivals == Arrivals::Poisson,
            Need::Breaker => false,
        }
    }

    /// Whether `s` has what is needed.
    pub fn met(self, s: &Scenario) -> bool {
        match self {
            Need::Lookup => s
                .recipes
                .iter()
                .flatten()
                .any(|&step| step == StepId::Lookup),
            Need::Helper => s.capacity[MachineKind::Helper.index()] > 0,
            Need::Gap => s.interval_ms > 0.0,
            Need::Breaker => s.breaker.on,
        }
    }

    /// The key of the parameter that provides what is needed.
    pub fn provider(self) -> &'static str {
        self.provider_param().key
    }

    fn provider_param(self) -> &'static Param {
        by_slot(match self {
            Need::Lookup => Slot::Recipe(Drink::Latte),
            Need::Helper => Slot::Capacity(MachineKind::Helper),
            Need::Gap => Slot::Interval,
            Need::Breaker => Slot::Breaker,
        })
    }

    /// The key a broken rule is reported under (the cache itself; the
    /// helpers; the gap), and why (for refusals).
    pub fn problem(self) -> (&'static str, &'static str) {
        let (slot, why) = match self {
            Need::Lookup => (
                Slot::Cache,
                "no recipe looks up a price: put lookup first in a recipe \
                 (e.g. latte = lookup+pay+grind+steam+assemble)",
            ),
            Need::Helper => (
                Slot::Capacity(MachineKind::Helper),
                "offload needs at least one helper",
            ),
            Need::Gap => (Slot::Interval, "a Poisson stream needs a mean gap above 0"),
            Need::Breaker => (Slot::Breaker, "used only while the circuit breaker is on"),
        };
        (by_slot(slot).key, why)
    }

    /// The value shown in the refusal (the broken rule's key's value).
    pub fn problem_value(self) -> &'static str {
        match self {
            Need::Lookup => "true",
            Need::Helper | Need::Gap => "0",
            Need::Breaker => "false",
        }
    }

    /// The lenient repair: the parameter that needs gives way (the cache is
    /// switched off) or the provider gets the least that works.
    pub fn repair(self, s: &mut Scenario) {
        match self {
            Need::Lookup => s.cache.on = false,
            Need::Helper => s.capacity[MachineKind::Helper.index()] = 1,
            Need::Gap => s.interval_ms = Scenario::default().interval_ms,
            Need::Breaker => {}
        }
    }

    /// What the form does when the parameter that needs is switched on
    /// without it: brings the dependency along (the latte looks the price up
    /// first; one helper; the default gap), and says so.
    pub fn bring(self, s: &mut Scenario) -> &'static str {
        match self {
            Need::Lookup => {
                let latte = &mut s.recipes[Drink::Latte.index()];
                if latte.first() != Some(&StepId::Lookup) {
                    latte.insert(0, StepId::Lookup);
                    latte.truncate(super::params::MAX_RECIPE_STEPS);
                }
                "The cache needs a price lookup: the latte now looks the price up first."
            }
            Need::Helper => {
                s.capacity[MachineKind::Helper.index()] = 1;
                "Handing off needs a helper: one helper is in the back room now."
            }
            Need::Gap => {
                s.interval_ms = Scenario::default().interval_ms;
                "A Poisson stream needs a mean gap above 0: the gap is back to its default."
            }
            Need::Breaker => "",
        }
    }

    /// The form's hint next to a control with this need.
    pub fn hint(self) -> &'static str {
        match self {
            Need::Lookup => {
                "Needs a price lookup in a recipe: ticking it makes the latte look the price up first."
            }
            Need::Helper => {
                "Needs at least one helper: ticking it with none puts one in the back room."
            }
            Need::Gap => "",
            Need::Breaker => "",
        }
    }
}

/// Where a parameter lives in a [`Scenario`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// `seed`.
    Seed,
    /// `customers`.
    Customers,
    /// `arrivals`.
    Arrivals,
    /// `interval_ms`.
    Interval,
    /// `karen_at`.
    Karen,
    /// `listed`.
    List,
    /// `durations`.
    Durations,
    /// `jitter`.
    Jitter,
    /// `step_ms[step]`.
    StepMs(StepId),
    /// `step_fail[step]`.
    StepFail(StepId),
    /// `recipes[drink]`.
    Recipe(Drink),
    /// `capacity[kind]`.
    Capacity(MachineKind),
    /// `offload`.
    Offload,
    /// `offload_over_ms`.
    OffloadOver,
    /// `take_order_ms`.
    TakeOrder,
    /// `dispatch_ms`.
    Dispatch,
    /// `cookie_ms`.
    Cookie,
    /// `check_err`.
    CheckErr,
    /// `try_catch`.
    TryCatch,
    /// `pool.idle_ms`.
    PoolIdle,
    /// `pool.warmup_ms`.
    Warmup,
    /// `breaker.on`.
    Breaker,
    /// `breaker.timeout_ms`.
    BreakerTimeout,
    /// `breaker.threshold_pct`.
    BreakerThreshold,
    /// `breaker.reset_ms`.
    BreakerReset,
    /// `breaker.window`.
    BreakerWindow,
    /// `cache.on`.
    Cache,
    /// `cache.ttl_ms`.
    CacheTtl,
    /// `cache.hit_ms`.
    CacheHit,
}

/// A value read by a parameter's [`Kind`], ready for its [`Slot`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A whole number.
    Whole(u64),
    /// A decimal number.
    Number(f64),
    /// A switch.
    Switch(bool),
    /// One of a choice's values.
    Choice(&'static str),
    /// A recipe.
    Recipe(Vec<StepId>),
    /// Customers.
    List(Vec<super::scenario::Customer>),
}

/// One parameter.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// The key (links, `--set`, presets, lessons).
    pub key: &'static str,
    /// The short key in long links.
    pub alias: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// Its unit.
    pub unit: Unit,
    /// What it means (the accepted range and the default are added from
    /// [`Param::kind`] and [`Scenario::default`]).
    pub help: &'static str,
    /// The form's label (empty when not in the form).
    pub label: &'static str,
    /// The form's control.
    pub control: Control,
    /// The form's group.
    pub group: Group,
    /// What it needs from the others.
    pub needs: &'static [Need],
    /// Where it lives.
    pub slot: Slot,
}

const MS: Kind = Kind::Decimal {
    min: 0.0,
    max: super::params::MAX_MS,
};
const SHARE: Kind = Kind::Decimal { min: 0.0, max: 1.0 };
const UNITS: u64 = super::params::MAX_UNITS as u64;

const fn whole(min: u64, max: u64) -> Kind {
    Kind::Whole { min, max }
}

/// A parameter not in the form; [`Param::form`] puts it there.
const fn p(
    key: &'static str,
    alias: &'static str,
    slot: Slot,
    kind: Kind,
    help: &'static str,
) -> Param {
    let unit = match kind {
        Kind::Decimal { max: 1.0, .. } => Unit::Share,
        Kind::Decimal { .. } => Unit::Ms,
        _ => Unit::None,
    };
    Param {
        key,
        alias,
        kind,
        unit,
        help,
        label: "",
        control: Control::None,
        group: Group::None,
        needs: &[],
        slot,
    }
}

impl Param {
    /// In the form: its group, label and control.
    const fn form(self, group: Group, label: &'static str, control: Control) -> Param {
        Param {
            group,
            label,
            control,
            ..self
        }
    }

    /// With needs.
    const fn needs(self, needs: &'static [Need]) -> Param {
        Param { needs, ..self }
    }

    /// With a unit other than the kind's usual one.
    const fn unit(self, unit: Unit) -> Param {
        Param { unit, ..self }
    }
}

use Control::{Check, NumberBox, Select, Slider};
use Group as G;

/// Every parameter, in canonical order ([`super::params::to_pairs`] writes
/// them in this order, links too).
pub const TABLE: &[Param] = &[
    p("seed", "sd", Slot::Seed, whole(0, u64::MAX), "seed of every random draw")
        .form(G::Customers, "Random seed", NumberBox),
    p("customers", "c", Slot::Customers, whole(1, MAX_CUSTOMERS as u64), "number of customers")
        .form(G::Customers, "Customers", NumberBox),
    p(
        "arrivals",
        "ar",
        Slot::Arrivals,
        Kind::Choice(&[("fixed", "evenly spaced"), ("poisson", "at random (Poisson)")]),
        "fixed: one every interval_ms; poisson: at random, mean gap interval_ms",
    )
    .form(G::Customers, "Arrivals", Select)
    .needs(&[Need::Gap]),
    p("interval_ms", "i", Slot::Interval, MS, "gap between arrivals, or its mean for poisson")
        .form(G::Customers, "Time between arrivals", NumberBox),
    p(
        "karen",
        "k",
        Slot::Karen,
        Kind::Place,
        "position of Karen, who orders the pour-over; 0 or off: no Karen; beyond the line: she has not come",
    )
    .form(G::Customers, "Karen's place in line (0: no Karen)", NumberBox),
    p(
        "durations",
        "d",
        Slot::Durations,
        Kind::Choice(&[
            ("fixed", "exactly these"),
            ("exponential", "random (exponential)"),
            ("uniform", "± jitter"),
        ]),
        "fixed; exponential (mean = the step's ms); uniform (± jitter)",
    )
    .form(G::Durations, "Durations", Select),
    p("jitter", "j", Slot::Jitter, SHARE, "relative spread of uniform durations")
        .form(G::Durations, "Spread of ± jitter durations", Slider),
    p("pay_ms", "pam", Slot::StepMs(StepId::Pay), MS, "taking payment (card reader)")
        .form(G::Durations, "Payment (card reader)", NumberBox),
    p("pay_fail", "paf", Slot::StepFail(StepId::Pay), SHARE, "failure probability of payment")
        .form(G::Failures, "Payment fails", Slider),
    p("grind_ms", "grm", Slot::StepMs(StepId::Grind), MS, "grinding (grinder)")
        .form(G::Durations, "Grind (grinder)", NumberBox),
    p("grind_fail", "grf", Slot::StepFail(StepId::Grind), SHARE, "failure probability of grinding")
        .form(G::Failures, "Grinder fails", Slider),
    p("steam_ms", "stm", Slot::StepMs(StepId::Steam), MS, "steaming milk (steamer)")
        .form(G::Durations, "Steam milk (steamer)", NumberBox),
    p("steam_fail", "stf", Slot::StepFail(StepId::Steam), SHARE, "failure probability of steaming")
        .form(G::Failures, "Steamer fails", Slider),
    p("heat_ms", "hem", Slot::StepMs(StepId::Heat), MS, "heating water (kettle)")
        .form(G::Durations, "Heat water (kettle)", NumberBox),
    p("heat_fail", "hef", Slot::StepFail(StepId::Heat), SHARE, "failure probability of heating")
        .form(G::Failures, "Kettle fails", Slider),
    p("pour_ms", "pom", Slot::StepMs(StepId::Pour), MS, "the hand-pour (CPU)")
        .form(G::Durations, "Hand-pour (CPU)", NumberBox),
    p("assemble_ms", "asm", Slot::StepMs(StepId::Assemble), MS, "assembling the drink (CPU)")
        .form(G::Durations, "Assemble (CPU)", NumberBox),
    p("lookup_ms", "lkm", Slot::StepMs(StepId::Lookup), MS, "the price lookup (menu server)")
        .form(G::Cache, "Lookup (menu server)", NumberBox),
    p("lookup_fail", "lkf", Slot::StepFail(StepId::Lookup), SHARE, "failure probability of the price lookup")
        .form(G::Cache, "Lookup fails", Slider),
    p(
        "latte",
        "la",
        Slot::Recipe(Drink::Latte),
        Kind::Recipe,
        "latte recipe: steps joined by + (pay, grind, steam, heat, pour, assemble; lookup, the price lookup, only first)",
    )
    .form(G::Cache, "Latte recipe", Select),
    p("pourover", "pv", Slot::Recipe(Drink::PourOver), Kind::Recipe, "pour-over recipe, like latte")
        .form(G::Cache, "Pour-over recipe", Select),
    p("readers", "rd", Slot::Capacity(MachineKind::Reader), whole(1, UNITS), "card readers")
        .form(G::Machines, "Card readers", NumberBox),
    p("grinders", "gd", Slot::Capacity(MachineKind::Grinder), whole(1, UNITS), "grinders")
        .form(G::Machines, "Grinders", NumberBox),
    p("steamers", "sr", Slot::Capacity(MachineKind::Steamer), whole(1, UNITS), "steamers")
        .form(G::Machines, "Steamers", NumberBox),
    p("kettles", "kt", Slot::Capacity(MachineKind::Kettle), whole(1, UNITS), "kettles")
        .form(G::Machines, "Kettles", NumberBox),
    p(
        "helpers",
        "hp",
        Slot::Capacity(MachineKind::Helper),
        whole(0, UNITS),
        "helpers in the back room = worker threads",
    )
    .form(G::Workers, "Helpers", NumberBox),
    p("menus", "mn", Slot::Capacity(MachineKind::Menu), whole(1, UNITS), "menu servers answering price lookups")
        .form(G::Cache, "Menu servers", NumberBox),
    p(
        "offload",
        "of",
        Slot::Offload,
        Kind::Switch,
        "hand CPU-heavy steps to the helpers: the hand-pour, and any CPU step from offload_over_ms up",
    )
    .form(G::Workers, "Hand heavy steps to a helper", Check)
    .needs(&[Need::Helper]),
    p("offload_over_ms", "oo", Slot::OffloadOver, MS, "a CPU step this long or longer counts as heavy")
        .form(G::Workers, "Heavy from", NumberBox),
    p("take_order_ms", "to", Slot::TakeOrder, MS, "taking an order (CPU)")
        .form(G::Durations, "Take the order (CPU)", NumberBox),
    p("dispatch_ms", "dm", Slot::Dispatch, MS, "pressing a machine's button (CPU)")
        .form(G::Durations, "Press a machine's button (CPU)", NumberBox),
    p("cookie_ms", "ck", Slot::Cookie, MS, "handing over a free cookie after a handled failure (CPU)")
        .form(G::Failures, "Hand over a cookie (CPU)", NumberBox),
    p("check_err", "ce", Slot::CheckErr, Kind::Switch, "callbacks check their err argument")
        .form(G::Failures, "Callbacks check err", Check),
    p("try_catch", "tc", Slot::TryCatch, Kind::Switch, "try/catch around awaiting and blocking code")
        .form(G::Failures, "try/catch around the code", Check),
    p(
        "pool_idle_ms",
        "pi",
        Slot::PoolIdle,
        MS,
        "pools: a unit idle this long is put away and must warm up again (0 = never)",
    )
    .form(G::Pools, "Put an idle unit away after", NumberBox),
    p(
        "warmup_ms",
        "wu",
        Slot::Warmup,
        MS,
        "pools: a cold unit warms up this long before its job (either pool parameter above 0 starts every unit cold)",
    )
    .form(G::Pools, "Warm-up of a cold unit", NumberBox),
    p("breaker", "br", Slot::Breaker, Kind::Switch, "a circuit breaker around the card reader")
        .form(G::Breaker, "Circuit breaker on", Check),
    p(
        "breaker_timeout_ms",
        "bt",
        Slot::BreakerTimeout,
        MS,
        "a payment not answered this long after its press fails as timed out (0 = no timeout)",
    )
    .form(G::Breaker, "Payment timeout", NumberBox)
    .needs(&[Need::Breaker]),
    p(
        "breaker_threshold",
        "bh",
        Slot::BreakerThreshold,
        whole(1, 100),
        "failure percentage of a full window that opens the breaker",
    )
    .unit(Unit::Percent)
    .form(G::Breaker, "Open at failures (%)", NumberBox)
    .needs(&[Need::Breaker]),
    p(
        "breaker_reset_ms",
        "bs",
        Slot::BreakerReset,
        MS,
        "how long the breaker stays open before a probe payment",
    )
    .form(G::Breaker, "Stay open for", NumberBox)
    .needs(&[Need::Breaker]),
    p(
        "breaker_window",
        "bw",
        Slot::BreakerWindow,
        whole(1, super::params::MAX_WINDOW as u64),
        "how many recent payments the breaker judges",
    )
    .form(G::Breaker, "Judge the last … payments", NumberBox)
    .needs(&[Need::Breaker]),
    p("cache", "ca", Slot::Cache, Kind::Switch, "answer price lookups from a cache while fresh")
        .form(G::Cache, "Cache the prices", Check)
        .needs(&[Need::Lookup]),
    p("cache_ttl_ms", "ct", Slot::CacheTtl, MS, "how long a cached price stays fresh")
        .form(G::Cache, "A price stays fresh for", NumberBox),
    p("cache_hit_ms", "chm", Slot::CacheHit, MS, "the barista's CPU for a cache hit")
        .form(G::Cache, "A cache hit costs (CPU)", NumberBox),
    p(
        "list",
        "li",
        Slot::List,
        Kind::List,
        "explicit customers name@ms[:latte|:pourover], comma-separated; replaces customers, arrivals and karen",
    ),
];

/// The parameter living in `slot` (every slot has one: a test checks).
fn by_slot(slot: Slot) -> &'static Param {
    TABLE.iter().find(|p| p.slot == slot).unwrap_or(&TABLE[0])
}

/// The parameter with this key (exact), if any.
pub fn param(key: &str) -> Option<&'static Param> {
    TABLE.iter().find(|p| p.key == key)
}

/// The parameter with this key or short key (exact), if any.
pub fn by_key_or_alias(key: &str) -> Option<&'static Param> {
    TABLE.iter().find(|p| p.key == key || p.alias == key)
}

fn recipe_text(steps: &[StepId]) -> String {
    steps.iter().map(|s| s.key()).collect::<Vec<_>>().join("+")
}

impl Param {
    /// The parameter's value in `s`, as canonical text (parsing it gives the
    /// value back exactly; numbers by [`decimal::show`]). A list is empty
    /// text when the scenario has none.
    pub fn get(&self, s: &Scenario) -> String {
        let show = decimal::show;
        match self.slot {
            Slot::Seed => s.seed.to_string(),
            Slot::Customers => s.customers.to_string(),
            Slot::Arrivals => s.arrivals.key().to_string(),
            Slot::Interval => show(s.interval_ms),
            Slot::Karen => s.karen_at.to_string(),
            Slot::List => s
                .listed
                .iter()
                .map(|c| format!("{}@{}:{}", c.name, show(c.arrival_ms), c.drink.key()))
                .collect::<Vec<_>>()
                .join(","),
            Slot::Durations => s.durations.key().to_string(),
            Slot::Jitter => show(s.jitter),
            Slot::StepMs(step) => show(s.step_ms[step.index()]),
            Slot::StepFail(step) => show(s.step_fail[step.index()]),
            Slot::Recipe(drink) => recipe_text(&s.recipes[drink.index()]),
            Slot::Capacity(kind) => s.capacity[kind.index()].to_string(),
            Slot::Offload => s.offload.to_string(),
            Slot::OffloadOver => show(s.offload_over_ms),
            Slot::TakeOrder => show(s.take_order_ms),
            Slot::Dispatch => show(s.dispatch_ms),
            Slot::Cookie => show(s.cookie_ms),
            Slot::CheckErr => s.check_err.to_string(),
            Slot::TryCatch => s.try_catch.to_string(),
            Slot::PoolIdle => show(s.pool.idle_ms),
            Slot::Warmup => show(s.pool.warmup_ms),
            Slot::Breaker => s.breaker.on.to_string(),
            Slot::BreakerTimeout => show(s.breaker.timeout_ms),
            Slot::BreakerThreshold => s.breaker.threshold_pct.to_string(),
            Slot::BreakerReset => show(s.breaker.reset_ms),
            Slot::BreakerWindow => s.breaker.window.to_string(),
            Slot::Cache => s.cache.on.to_string(),
            Slot::CacheTtl => show(s.cache.ttl_ms),
            Slot::CacheHit => show(s.cache.hit_ms),
        }
    }

    /// Whether `s` has this parameter at all (a list only when it has one).
    pub fn present(&self, s: &Scenario) -> bool {
        self.slot != Slot::List || !s.listed.is_empty()
    }

    /// Puts a value read by this parameter's kind into `s`. Whole numbers
    /// fit their fields: the kind's range is checked before.
    pub(crate) fn put(&self, s: &mut Scenario, value: Value) {
        let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        match (self.slot, value) {
            (Slot::Seed, Value::Whole(n)) => s.seed = n,
            (Slot::Customers, Value::Whole(n)) => s.customers = small(n),
            (Slot::Arrivals, Value::Choice(c)) => {
                s.arrivals = if c == Arrivals::Poisson.key() {
                    Arrivals::Poisson
                } else {
                    Arrivals::Fixed
                }
            }
            (Slot::Interval, Value::Number(x)) => s.interval_ms = x,
            (Slot::Karen, Value::Whole(n)) => s.karen_at = small(n),
            (Slot::List, Value::List(list)) => s.listed = list,
            (Slot::Durations, Value::Choice(c)) => {
                s.durations = [Durations::Fixed, Durations::Exponential, Durations::Uniform]
                    .into_iter()
                    .find(|d| d.key() == c)
                    .unwrap_or(Durations::Fixed)
            }
            (Slot::Jitter, Value::Number(x)) => s.jitter = x,
            (Slot::StepMs(step), Value::Number(x)) => s.step_ms[step.index()] = x,
            (Slot::StepFail(step), Value::Number(x)) => s.step_fail[step.index()] = x,
            (Slot::Recipe(drink), Value::Recipe(steps)) => s.recipes[drink.index()] = steps,
            (Slot::Capacity(kind), Value::Whole(n)) => s.capacity[kind.index()] = small(n),
            (Slot::Offload, Value::Switch(on)) => s.offload = on,
            (Slot::OffloadOver, Value::Number(x)) => s.offload_over_ms = x,
            (Slot::TakeOrder, Value::Number(x)) => s.take_order_ms = x,
            (Slot::Dispatch, Value::Number(x)) => s.dispatch_ms = x,
            (Slot::Cookie, Value::Number(x)) => s.cookie_ms = x,
            (Slot::CheckErr, Value::Switch(on)) => s.check_err = on,
            (Slot::TryCatch, Value::Switch(on)) => s.try_catch = on,
            (Slot::PoolIdle, Value::Number(x)) => s.pool.idle_ms = x,
            (Slot::Warmup, Value::Number(x)) => s.pool.warmup_ms = x,
            (Slot::Breaker, Value::Switch(on)) => s.breaker.on = on,
            (Slot::BreakerTimeout, Value::Number(x)) => s.breaker.timeout_ms = x,
            (Slot::BreakerThreshold, Value::Whole(n)) => s.breaker.threshold_pct = small(n),
            (Slot::BreakerReset, Value::Number(x)) => s.breaker.reset_ms = x,
            (Slot::BreakerWindow, Value::Whole(n)) => s.breaker.window = small(n),
            (Slot::Cache, Value::Switch(on)) => s.cache.on = on,
            (Slot::CacheTtl, Value::Number(x)) => s.cache.ttl_ms = x,
            (Slot::CacheHit, Value::Number(x)) => s.cache.hit_ms = x,
            // A kind and its slot always agree (checked by a test).
            _ => {}
        }
    }

    /// What it accepts, in words: `0 to 3600000 ms`, `true or false`…
    pub fn accepts(&self) -> String {
        match self.kind {
            Kind::Whole { min, max } => format!("{min} to {max}"),
            Kind::Decimal { min, max } => match self.unit {
                Unit::Ms => format!("{} to {} ms", decimal::show(min), decimal::show(max)),
                _ => format!("{} to {}", decimal::show(min), decimal::show(max)),
            },
            Kind::Switch => "true or false".to_string(),
            Kind::Choice(options) => {
                let values: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
                match values.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => values.join(""),
                }
            }
            Kind::Recipe => format!("1 to {} steps", super::params::MAX_RECIPE_STEPS),
            Kind::Place => format!("0 to {MAX_CUSTOMERS}"),
            Kind::List => format!("1 to {} customers", super::params::MAX_LISTED),
        }
    }

    /// The default, as canonical text ([`Scenario::default`]'s value).
    pub fn default_text(&self) -> String {
        self.get(&Scenario::default())
    }

    /// The whole help line for `--help`: what it means, what it accepts, its
    /// default and its short key.
    pub fn help_line(&self) -> String {
        let default = match self.default_text() {
            d if d.is_empty() => "none".to_string(),
            d => d,
        };
        let needs: String = self
            .needs
            .iter()
            .map(|need| match need {
                Need::Breaker => "; only with breaker=true",
                Need::Lookup => "; needs lookup first in a recipe",
                Need::Helper => "; needs helpers above 0",
                Need::Gap => "; poisson needs interval_ms above 0",
            })
            .collect();
        format!(
            "{} ({}; default {default}; short {}{needs})",
            self.help,
            self.accepts(),
            self.alias
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_aliases_are_unique() {
        let mut all: Vec<&str> = TABLE.iter().flat_map(|p| [p.key, p.alias]).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "every key and alias is one key");
    }

    #[test]
    fn sliders_cover_exactly_the_accepted_range() {
        for p in TABLE {
            if p.control == Control::Slider {
                assert_eq!(p.kind, SHARE, "{}", p.key);
                assert_eq!(p.unit, Unit::Share, "{}", p.key);
            }
            assert_eq!(
                p.control == Control::None,
                p.group == Group::None,
                "{}: in the form means in a group",
                p.key
            );
            assert_eq!(p.control == Control::None, p.label.is_empty(), "{}", p.key);
        }
    }

    #[test]
    fn every_slot_has_one_parameter() {
        for (i, a) in TABLE.iter().enumerate() {
            for b in &TABLE[i + 1..] {
                assert_ne!(a.slot, b.slot, "{} and {}", a.key, b.key);
            }
        }
        for need in [Need::Lookup, Need::Helper, Need::Gap, Need::Breaker] {
            // Found by slot, not the fallback.
            assert_ne!(need.provider(), TABLE[0].key, "{need:?}");
            assert_ne!(need.problem().0, TABLE[0].key, "{need:?}");
        }
        assert_eq!(Need::Lookup.problem().0, "cache");
        assert_eq!(Need::Helper.problem().0, "helpers");
        assert_eq!(Need::Gap.provider(), "interval_ms");
    }
}
