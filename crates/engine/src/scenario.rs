//! The scenario: who comes to the café, what they order, and how the café is
//! equipped — plus its instantiation into concrete, pre-sampled orders.
//!
//! All randomness is drawn here, once, from the seed. The four strategies then
//! serve exactly the same customers with exactly the same step durations and
//! failures, which is what makes comparing them meaningful.

use super::breaker::BreakerParams;
use super::cache::CacheParams;
use super::order::sort_by_u64_key;
use super::pool::PoolParams;
use super::rng::{CustomerRng, Draw};
use super::time::SimTime;
use std::borrow::Cow;

/// A machine kind: an I/O device (or the helpers' back room) with its own pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MachineKind {
    /// The card reader (a payment service).
    Reader,
    /// The grinder.
    Grinder,
    /// The milk steamer.
    Steamer,
    /// The kettle that heats water to exactly 93.5 °C.
    Kettle,
    /// Helpers in the back room: worker threads running CPU-heavy steps.
    Helper,
    /// The menu server: answers price lookups (I/O), unless the cache does.
    Menu,
}

impl MachineKind {
    /// Every machine kind, in display order (the menu server, added last,
    /// keeps the others' numbers, which trace digests encode).
    pub const ALL: [MachineKind; 6] = [
        MachineKind::Reader,
        MachineKind::Grinder,
        MachineKind::Steamer,
        MachineKind::Kettle,
        MachineKind::Helper,
        MachineKind::Menu,
    ];

    /// Position in [`MachineKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Short identifier used in parameters and JSON.
    pub fn key(self) -> &'static str {
        match self {
            MachineKind::Reader => "reader",
            MachineKind::Grinder => "grinder",
            MachineKind::Steamer => "steamer",
            MachineKind::Kettle => "kettle",
            MachineKind::Helper => "helper",
            MachineKind::Menu => "menu",
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            MachineKind::Reader => "card reader",
            MachineKind::Grinder => "grinder",
            MachineKind::Steamer => "steamer",
            MachineKind::Kettle => "kettle",
            MachineKind::Helper => "helper (worker thread)",
            MachineKind::Menu => "menu server",
        }
    }
}

/// A step of a recipe, from the café's catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StepId {
    /// Take payment (I/O on the card reader).
    Pay,
    /// Grind beans (I/O on the grinder).
    Grind,
    /// Steam milk (I/O on the steamer).
    Steam,
    /// Heat water to exactly 93.5 °C (I/O on the kettle).
    Heat,
    /// Hand-pour (CPU: the barista's own hands).
    Pour,
    /// Assemble and hand over (CPU).
    Assemble,
    /// Look up the drink's price (I/O on the menu server, or the cache).
    /// Only as a recipe's first step; in no default recipe.
    Lookup,
}

impl StepId {
    /// The whole catalogue, in a fixed order (also the order of random
    /// draws: the lookup, added last, draws numbers no other step used).
    pub const ALL: [StepId; 7] = [
        StepId::Pay,
        StepId::Grind,
        StepId::Steam,
        StepId::Heat,
        StepId::Pour,
        StepId::Assemble,
        StepId::Lookup,
    ];

    /// Position in [`StepId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Short identifier used in parameters, recipes and JSON.
    pub fn key(self) -> &'static str {
        match self {
            StepId::Pay => "pay",
            StepId::Grind => "grind",
            StepId::Steam => "steam",
            StepId::Heat => "heat",
            StepId::Pour => "pour",
            StepId::Assemble => "assemble",
            StepId::Lookup => "lookup",
        }
    }

    /// The JavaScript function doing this step in a handler's code: `pay`,
    /// `heatWater`, `handPour`, `lookupPrice`… (the code panel prints it,
    /// the handler parser reads it).
    pub fn function(self) -> &'static str {
        match self {
            StepId::Heat => "heatWater",
            StepId::Pour => "handPour",
            StepId::Lookup => "lookupPrice",
            _ => self.key(),
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            StepId::Pay => "take payment",
            StepId::Grind => "grind beans",
            StepId::Steam => "steam milk",
            StepId::Heat => "heat water to 93.5 °C",
            StepId::Pour => "hand-pour",
            StepId::Assemble => "assemble & hand over",
            StepId::Lookup => "look up the price",
        }
    }

    /// The machine doing this step, or `None` for CPU work on the barista.
    pub fn machine(self) -> Option<MachineKind> {
        match self {
            StepId::Pay => Some(MachineKind::Reader),
            StepId::Grind => Some(MachineKind::Grinder),
            StepId::Steam => Some(MachineKind::Steamer),
            StepId::Heat => Some(MachineKind::Kettle),
            StepId::Lookup => Some(MachineKind::Menu),
            StepId::Pour | StepId::Assemble => None,
        }
    }

    /// The default duration in milliseconds (docs/model.md#default-recipes).
    pub fn default_ms(self) -> f64 {
        match self {
            StepId::Pay => 300.0,
            StepId::Grind => 250.0,
            StepId::Steam => 400.0,
            StepId::Heat => 1200.0,
            StepId::Pour => 1500.0,
            StepId::Assemble => 80.0,
            StepId::Lookup => 200.0,
        }
    }

    /// Looks a step up by its key.
    pub fn from_key(key: &str) -> Option<StepId> {
        StepId::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A drink on the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Drink {
    /// Pay, grind, steam, assemble.
    Latte,
    /// Karen's order: pay, grind, heat to 93.5 °C, hand-pour, assemble.
    PourOver,
}

impl Drink {
    /// Every drink.
    pub const ALL: [Drink; 2] = [Drink::Latte, Drink::PourOver];

    /// Position in [`Drink::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Short identifier.
    pub fn key(self) -> &'static str {
        match self {
            Drink::Latte => "latte",
            Drink::PourOver => "pourover",
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Drink::Latte => "latte",
            Drink::PourOver => "pour-over",
        }
    }

    /// Looks a drink up by its key.
    pub fn from_key(key: &str) -> Option<Drink> {
        Drink::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The default recipe (after taking the order, which every drink starts with).
    pub fn default_recipe(self) -> Vec<StepId> {
        match self {
            Drink::Latte => vec![StepId::Pay, StepId::Grind, StepId::Steam, StepId::Assemble],
            Drink::PourOver => vec![
                StepId::Pay,
                StepId::Grind,
                StepId::Heat,
                StepId::Pour,
                StepId::Assemble,
            ],
        }
    }
}

/// How step durations vary around their configured value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durations {
    /// Exactly the configured value.
    Fixed,
    /// Exponentially distributed with the configured value as mean.
    Exponential,
    /// Uniform within ± `jitter` (a fraction) of the configured value.
    Uniform,
}

impl Durations {
    /// Short identifier.
    pub fn key(self) -> &'static str {
        match self {
            Durations::Fixed => "fixed",
            Durations::Exponential => "exponential",
            Durations::Uniform => "uniform",
        }
    }
}

/// How generated customers arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrivals {
    /// One every `interval_ms`, the first at t = 0.
    Fixed,
    /// A Poisson process with mean gap `interval_ms`.
    Poisson,
}

impl Arrivals {
    /// Short identifier.
    pub fn key(self) -> &'static str {
        match self {
            Arrivals::Fixed => "fixed",
            Arrivals::Poisson => "poisson",
        }
    }
}

/// One customer given explicitly (instead of a generated crowd).
#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    /// Display name (validated: letters, digits, spaces, `-`, `'`, `.`).
    pub name: String,
    /// Arrival time in milliseconds.
    pub arrival_ms: f64,
    /// What they order.
    pub drink: Drink,
}

/// Everything that defines a run, except the strategy. Build one with
/// [`Scenario::default`] and the parameter parser (`params`), which validates.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Number of generated customers (ignored when `listed` is non-empty).
    pub customers: u32,
    /// Arrival pattern of generated customers.
    pub arrivals: Arrivals,
    /// Gap between generated arrivals (fixed) or its mean (Poisson), in ms.
    pub interval_ms: f64,
    /// 1-based position of Karen (who orders the pour-over); 0 for none.
    pub karen_at: u32,
    /// Explicit customers; when non-empty they replace the generated crowd.
    pub listed: Vec<Customer>,
    /// Duration (or mean duration) of each catalogue step, in ms, indexed by
    /// [`StepId::index`].
    pub step_ms: [f64; 7],
    /// Failure probability of each catalogue step (only machine steps fail).
    pub step_fail: [f64; 7],
    /// How durations vary.
    pub durations: Durations,
    /// Relative half-width for [`Durations::Uniform`] (0.2 = ±20 %).
    pub jitter: f64,
    /// Recipe of each drink, indexed by [`Drink::index`].
    pub recipes: [Vec<StepId>; 2],
    /// Units of each machine kind, indexed by [`MachineKind::index`]; the
    /// helper entry is the number of worker threads (may be 0).
    pub capacity: [u32; 6],
    /// Hand CPU-heavy steps to the helpers: the hand-pour always, any other
    /// CPU step from `offload_over_ms` up.
    pub offload: bool,
    /// A CPU step whose configured duration is at least this is "heavy", in
    /// ms (the hand-pour is heavy whatever its duration).
    pub offload_over_ms: f64,
    /// Taking an order (listen, validate): CPU, in ms.
    pub take_order_ms: f64,
    /// Pressing a machine's button: CPU, in ms.
    pub dispatch_ms: f64,
    /// Handing over a free cookie after a handled failure: CPU, in ms.
    pub cookie_ms: f64,
    /// Callbacks check their `err` argument.
    pub check_err: bool,
    /// `try/catch` surrounds the awaiting code (and the blocking code).
    pub try_catch: bool,
    /// Idle timeout and warm-up of every machine pool (off by default).
    pub pool: PoolParams,
    /// The circuit breaker around the card reader (off by default).
    pub breaker: BreakerParams,
    /// The menu cache answering `lookup` steps (off by default).
    pub cache: CacheParams,
    /// Seed of every random draw.
    pub seed: u64,
}

impl Default for Scenario {
    /// "The morning line": 8 customers, one every 300 ms from t = 0, all
    /// ordering lattes except the third, Karen, who orders the pour-over.
    fn default() -> Scenario {
        Scenario {
            customers: 8,
            arrivals: Arrivals::Fixed,
            interval_ms: 300.0,
            karen_at: 3,
            listed: Vec::new(),
            step_ms: StepId::ALL.map(StepId::default_ms),
            step_fail: [0.0; 7],
            durations: Durations::Fixed,
            jitter: 0.2,
            recipes: Drink::ALL.map(Drink::default_recipe),
            capacity: [1, 1, 1, 1, 0, 1],
            offload: false,
            offload_over_ms: 1000.0,
            take_order_ms: 40.0,
            dispatch_ms: 5.0,
            cookie_ms: 20.0,
            check_err: true,
            try_catch: true,
            pool: PoolParams::default(),
            breaker: BreakerParams::default(),
            cache: CacheParams::default(),
            seed: 1,
        }
    }
}

/// One step of a drink's plan as it will be executed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanStep {
    /// The catalogue step.
    pub step: StepId,
    /// Where it runs: a machine, the helpers (an offloaded CPU step), or
    /// `None` for the barista's own hands.
    pub machine: Option<MachineKind>,
}

impl PlanStep {
    /// True for genuine I/O started together by parallel join; false for
    /// CPU steps (including those handed to a helper) and for the price
    /// lookup, which parallel join awaits before its `Promise.all`.
    pub fn is_io(self) -> bool {
        self.step.machine().is_some() && !self.is_lookup()
    }

    /// True for the price lookup (always a recipe's first step).
    pub fn is_lookup(self) -> bool {
        self.step == StepId::Lookup
    }
}

/// The longest a single step can last (the largest `u32` of microseconds).
pub const MAX_STEP: SimTime = SimTime(u32::MAX as u64);

/// One concrete customer with every random outcome already drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrderSpec {
    /// When they join the line.
    pub arrival: SimTime,
    /// What they order.
    pub drink: Drink,
    /// Position in the scenario's customer list (for names).
    pub source: u32,
    /// Sampled duration of each catalogue step in microseconds, indexed by
    /// [`StepId::index`]. Stored as `u32` to keep orders small, so one step
    /// lasts at most [`MAX_STEP`] (71 minutes; parameters stop at 60).
    pub durations: [u32; 7],
    /// Bit `i` set when catalogue step `i` fails for this customer.
    pub fails: u8,
}

impl OrderSpec {
    /// Sampled duration of `step`.
    pub fn duration(&self, step: StepId) -> SimTime {
        SimTime(u64::from(self.durations[step.index()]))
    }

    /// Whether `step` fails for this customer.
    pub fn fails(&self, step: StepId) -> bool {
        self.fails & (1 << step.index()) != 0
    }
}

/// Names for generated customers (Karen is added separately).
const NAMES: [&str; 24] = [
    "Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo",
    "Nia", "Oto", "Pia", "Quin", "Rae", "Sol", "Tess", "Uma", "Vik", "Wren", "Yara",
];

/// A scenario turned into concrete orders (sorted by arrival) and plans.
#[derive(Clone, Debug)]
pub struct Instance {
    /// The scenario it came from.
    pub scenario: Scenario,
    /// Every order, sorted by arrival time (ties keep the scenario's order).
    pub orders: Vec<OrderSpec>,
    /// Execution plan of each drink, indexed by [`Drink::index`].
    pub plans: [Vec<PlanStep>; 2],
    /// The written handler's flows, when this is the instance it runs on
    /// ([`Instance::running`]): how it waits for each call, for the views.
    /// `None` for the built-in strategies (their runs say it).
    pub flows: Option<Box<[crate::flow::Flow; 2]>>,
}

/// Draw numbers within a customer's random stream.
const DRAW_ARRIVAL_GAP: u64 = 0;
fn draw_duration(step: StepId) -> u64 {
    1 + 2 * step.index() as u64
}
fn draw_failure(step: StepId) -> u64 {
    2 + 2 * step.index() as u64
}

impl Instance {
    /// Draws every random outcome of `scenario` (assumed valid).
    pub fn new(scenario: &Scenario) -> Instance {
        let s = scenario;
        let plans = Drink::ALL.map(|drink| {
            s.recipes[drink.index()]
                .iter()
                .map(|&step| PlanStep {
                    step,
                    machine: step.machine().or_else(|| {
                        (s.offload
                            && s.capacity[MachineKind::Helper.index()] > 0
                            && (step == StepId::Pour
                                || s.step_ms[step.index()] >= s.offload_over_ms))
                            .then_some(MachineKind::Helper)
                    }),
                })
                .collect::<Vec<_>>()
        });
        // Only the steps of the customer's own drink are drawn; the draws are
        // addressed, so skipping the others changes no value that is drawn.
        // Each drink's steps in catalogue order, with what a draw needs.
        let used = Drink::ALL.map(|drink| {
            StepId::ALL
                .into_iter()
                .filter(|step| s.recipes[drink.index()].contains(step))
                .map(|step| {
                    let p = s.step_fail[step.index()];
                    let can_fail = step.machine().is_some() && p > 0.0;
                    let failure = can_fail.then(|| (Draw::new(draw_failure(step)), p));
                    let duration = Draw::new(draw_duration(step));
                    (step, s.step_ms[step.index()], duration, failure)
                })
                .collect::<Vec<_>>()
        });

        let count = if s.listed.is_empty() {
            s.customers as usize
        } else {
            s.listed.len()
        };
        let mut orders = Vec::with_capacity(count);
        // Generated customers arrive in order; listed ones may not.
        let mut in_order = true;
        let mut last_arrival = SimTime::ZERO;
        let mut poisson_clock_ms = 0.0;
        for i in 0..count {
            let rng = CustomerRng::new(s.seed, i as u64);
            let (arrival_ms, drink) = if let Some(c) = s.listed.get(i) {
                (c.arrival_ms, c.drink)
            } else {
                let drink = if s.karen_at as usize == i + 1 {
                    Drink::PourOver
                } else {
                    Drink::Latte
                };
                let at = match s.arrivals {
                    Arrivals::Fixed => i as f64 * s.interval_ms,
                    Arrivals::Poisson => {
                        poisson_clock_ms += rng.exponential(DRAW_ARRIVAL_GAP, s.interval_ms);
                        poisson_clock_ms
                    }
                };
                (at, drink)
            };
            let mut durations = [0u32; 7];
            let mut fails = 0u8;
            for &(step, mean, draw, failure) in &used[drink.index()] {
                let ms = match s.durations {
                    Durations::Fixed => mean,
                    Durations::Exponential => rng.exponential_of(draw, mean),
                    Durations::Uniform => mean * (1.0 + s.jitter * (2.0 * rng.unit_of(draw) - 1.0)),
                };
                durations[step.index()] = SimTime::from_ms(ms).0.min(MAX_STEP.0) as u32;
                if let Some((draw, p)) = failure
                    && rng.unit_of(draw) < p
                {
                    fails |= 1 << step.index();
                }
            }
            let arrival = SimTime::from_ms(arrival_ms);
            in_order &= arrival >= last_arrival;
            last_arrival = arrival;
            orders.push(OrderSpec {
                arrival,
                drink,
                source: i as u32,
                durations,
                fails,
            });
        }
        // Stable: customers arriving together keep the scenario's order.
        if !in_order {
            sort_by_u64_key(&mut orders, |o| o.arrival.0);
        }
        Instance {
            scenario: s.clone(),
            orders,
            plans,
            flows: None,
        }
    }

    /// The same customers, with each drink's plan as `flows` run it (where
    /// a written handler hands a step to a helper, and its calls of steps
    /// the drink does not have): the instance the views of a
    /// [`Strategy::Yours`](crate::Strategy::Yours) trace read.
    pub fn running(&self, flows: &[crate::flow::Flow; 2]) -> Instance {
        Instance {
            scenario: self.scenario.clone(),
            orders: self.orders.clone(),
            plans: flows.each_ref().map(|f| f.plan()),
            flows: Some(Box::new(flows.clone())),
        }
    }

    /// The written handler's call at plan position `pos` of order `order`
    /// (`None` for a built-in strategy's instance).
    pub fn written_call(&self, order: usize, pos: u8) -> Option<&crate::flow::FlowCall> {
        let flows = self.flows.as_deref()?;
        flows[self.orders.get(order)?.drink.index()]
            .calls
            .get(pos as usize)
    }

    /// The plan of order `order`.
    pub fn plan(&self, order: usize) -> &[PlanStep] {
        &self.plans[self.orders[order].drink.index()]
    }

    /// Display name of order `order`.
    pub fn name(&self, order: usize) -> Cow<'_, str> {
        let source = self.orders[order].source as usize;
        if let Some(c) = self.scenario.listed.get(source) {
            return Cow::Borrowed(&c.name);
        }
        if self.orders[order].drink == Drink::PourOver
            && self.scenario.karen_at as usize == source + 1
        {
            return Cow::Borrowed("Karen");
        }
        let base = NAMES[source % NAMES.len()];
        match source / NAMES.len() {
            0 => Cow::Borrowed(base),
            round => Cow::Owned(format!("{base} {}", round + 1)),
        }
    }

    /// Capacity of machine `kind`.
    pub fn capacity(&self, kind: MachineKind) -> u32 {
        self.scenario.capacity[kind.index()]
    }

    /// Whether the café has `kind` to show: it has units, and (for the menu
    /// server, which no default recipe uses) a recipe looks up prices.
    pub fn shows(&self, kind: MachineKind) -> bool {
        self.capacity(kind) > 0
            && (kind != MachineKind::Menu || self.plans.iter().flatten().any(|p| p.is_lookup()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_morning_line_is_as_designed() {
        let inst = Instance::new(&Scenario::default());
        assert_eq!(inst.orders.len(), 8);
        for (i, o) in inst.orders.iter().enumerate() {
            assert_eq!(o.arrival, SimTime::from_ms(300.0 * i as f64));
            let expected = if i == 2 {
                Drink::PourOver
            } else {
                Drink::Latte
            };
            assert_eq!(o.drink, expected);
            assert_eq!(o.fails, 0);
        }
        assert_eq!(inst.name(2), "Karen");
        assert_eq!(inst.name(0), "Ada");
        assert_eq!(
            inst.orders[2].duration(StepId::Heat),
            SimTime::from_ms(1200.0)
        );
        assert_eq!(
            inst.orders[0].duration(StepId::Steam),
            SimTime::from_ms(400.0)
        );
        let latte: Vec<_> = inst.plans[0].iter().map(|p| p.step).collect();
        assert_eq!(
            latte,
            [StepId::Pay, StepId::Grind, StepId::Steam, StepId::Assemble]
        );
    }

    #[test]
    fn listed_customers_are_sorted_by_arrival_stably() {
        let s = Scenario {
            listed: vec![
                Customer {
                    name: "Zed".into(),
                    arrival_ms: 500.0,
                    drink: Drink::Latte,
                },
                Customer {
                    name: "Amy".into(),
                    arrival_ms: 100.0,
                    drink: Drink::PourOver,
                },
                Customer {
                    name: "Bo".into(),
                    arrival_ms: 500.0,
                    drink: Drink::Latte,
                },
            ],
            ..Scenario::default()
        };
        let inst = Instance::new(&s);
        let names: Vec<_> = (0..3).map(|i| inst.name(i).into_owned()).collect();
        assert_eq!(names, ["Amy", "Zed", "Bo"]);
        assert_eq!(inst.orders[0].drink, Drink::PourOver);
    }

    #[test]
    fn changing_one_step_does_not_reshuffle_the_others() {
        let base = Scenario {
            durations: Durations::Exponential,
            customers: 50,
            ..Scenario::default()
        };
        let slower_steam = Scenario {
            step_ms: [300.0, 250.0, 900.0, 1200.0, 1500.0, 80.0, 200.0],
            ..base.clone()
        };
        let a = Instance::new(&base);
        let b = Instance::new(&slower_steam);
        for (x, y) in a.orders.iter().zip(&b.orders) {
            assert_eq!(x.duration(StepId::Grind), y.duration(StepId::Grind));
            if x.drink == Drink::Latte {
                assert_ne!(x.duration(StepId::Steam), y.duration(StepId::Steam));
            } else {
                assert_eq!(
                    x.duration(StepId::Steam),
                    SimTime::ZERO,
                    "not in a pour-over"
                );
            }
        }
    }

    #[test]
    fn heavy_cpu_steps_go_to_helpers_only_when_asked_and_staffed() {
        let mut s = Scenario::default();
        let plan = |s: &Scenario| Instance::new(s).plans[Drink::PourOver.index()].clone();
        assert!(plan(&s).iter().all(|p| p.step.machine() == p.machine));
        s.offload = true;
        assert!(
            plan(&s)
                .iter()
                .all(|p| p.machine != Some(MachineKind::Helper)),
            "no helpers"
        );
        s.capacity[MachineKind::Helper.index()] = 2;
        let pour = plan(&s)
            .into_iter()
            .find(|p| p.step == StepId::Pour)
            .unwrap();
        assert_eq!(pour.machine, Some(MachineKind::Helper));
        let assemble = plan(&s)
            .into_iter()
            .find(|p| p.step == StepId::Assemble)
            .unwrap();
        assert_eq!(
            assemble.machine, None,
            "80 ms is below the 1000 ms threshold"
        );
    }

    #[test]
    fn generated_names_stay_unique_past_the_list() {
        let inst = Instance::new(&Scenario {
            customers: 60,
            karen_at: 0,
            ..Scenario::default()
        });
        let mut names: Vec<_> = (0..60).map(|i| inst.name(i).into_owned()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 60);
    }

    #[test]
    fn very_long_steps_are_capped_not_wrapped() {
        let mut s = Scenario {
            customers: 2000,
            durations: Durations::Exponential,
            ..Scenario::default()
        };
        s.step_ms[StepId::Steam.index()] = 3_600_000.0;
        let inst = Instance::new(&s);
        let longest = inst
            .orders
            .iter()
            .map(|o| o.duration(StepId::Steam))
            .max()
            .unwrap();
        assert_eq!(
            longest, MAX_STEP,
            "some draws exceed 71 minutes and are capped there"
        );
    }
}
