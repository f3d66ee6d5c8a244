//! The four ways of writing the order handler that the café compares, and
//! the learner's own ([`Strategy::Yours`]).

/// How the barista's handler is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strategy {
    /// Synchronous calls: the barista stands at each machine until it is done.
    Blocking,
    /// Nested error-first callbacks: the callback continues the order.
    Callbacks,
    /// `await` each step in turn inside `try/catch`.
    Await,
    /// `await Promise.all([...])` over the I/O steps, then the CPU steps.
    Join,
    /// The handler the learner wrote (`handler::program`), run as flows
    /// (`sim::simulate_flows`). Not one of [`Strategy::ALL`]; asked for
    /// as a built-in, it is the sequential await handler, the text a
    /// learner starts from.
    Yours,
}

impl Strategy {
    /// All four, in teaching order.
    pub const ALL: [Strategy; 4] = [
        Strategy::Blocking,
        Strategy::Callbacks,
        Strategy::Await,
        Strategy::Join,
    ];

    /// The four, then the learner's own handler: the page's switch, race
    /// and comparison, in order.
    pub const WITH_YOURS: [Strategy; 5] = [
        Strategy::Blocking,
        Strategy::Callbacks,
        Strategy::Await,
        Strategy::Join,
        Strategy::Yours,
    ];

    /// Identifier used on the command line, in URLs and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Strategy::Blocking => "blocking",
            Strategy::Callbacks => "callbacks",
            Strategy::Await => "await",
            Strategy::Join => "join",
            Strategy::Yours => "yours",
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Strategy::Blocking => "Blocking",
            Strategy::Callbacks => "Callbacks",
            Strategy::Await => "Sequential await",
            Strategy::Join => "Parallel join",
            Strategy::Yours => "Your code",
        }
    }

    /// Looks a strategy up by its key (case-insensitive), the learner's
    /// own (`yours`) too.
    pub fn from_key(key: &str) -> Option<Strategy> {
        Strategy::WITH_YOURS
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(key.trim()))
    }

    /// Position in [`Strategy::ALL`] (4 for [`Strategy::Yours`]).
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_nonsense_is_refused() {
        for s in Strategy::ALL {
            assert_eq!(Strategy::from_key(s.key()), Some(s));
        }
        assert_eq!(Strategy::from_key(" JOIN "), Some(Strategy::Join));
        assert_eq!(Strategy::from_key("threads"), None);
        assert_eq!(Strategy::from_key("<script>"), None);
    }
}
