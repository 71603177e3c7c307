//! The trials: periods drawn from the throughput sample, with replacement.

use super::rng::Pcg32;

/// The most periods a "when" trial runs: a hundred years of weeks. A
/// sample with throughput finishes any backlog long before.
const MAX_PERIODS: u32 = 5_218;
/// Work reached within this much counts as done (sizes are decimals).
const EPSILON: f64 = 1e-9;

/// What the trials draw from and measure against.
pub(super) struct Simulation<'a> {
    /// Items (or size points) done per period in the window.
    pub sample: &'a [f64],
    /// The work each open item takes, in backlog order.
    pub weights: Vec<f64>,
    /// The work up to and including each open item, grown.
    pub cumulative: Vec<f64>,
    pub growth: f64,
    pub trials: u32,
    pub seed: u64,
}

impl Simulation<'_> {
    /// The work of the items at `positions` (among open items), grown.
    pub fn work(&self, positions: &[usize]) -> f64 {
        positions.iter().map(|&p| self.weights[p]).sum::<f64>() * self.growth
    }

    fn draw(&self, rng: &mut Pcg32) -> f64 {
        self.sample[rng.below(self.sample.len() as u32) as usize]
    }

    /// For each trial, the periods it takes to do `work` (stream 1).
    pub fn when(&self, work: f64) -> Vec<u32> {
        let mut rng = Pcg32::new(self.seed, 1);
        (0..self.trials)
            .map(|_| {
                let (mut done, mut periods) = (0.0, 0);
                while done < work - EPSILON && periods < MAX_PERIODS {
                    done += self.draw(&mut rng);
                    periods += 1;
                }
                periods
            })
            .collect()
    }

    /// For each trial, the work done in `periods` periods (from `stream`).
    pub fn capacities(&self, periods: u32, stream: u64) -> Vec<f64> {
        let mut rng = Pcg32::new(self.seed, stream);
        (0..self.trials)
            .map(|_| (0..periods).map(|_| self.draw(&mut rng)).sum())
            .collect()
    }

    /// The share of trials that do `work` within `periods` periods.
    pub fn chance_by(&self, work: f64, periods: u32, stream: u64) -> f64 {
        let mut rng = Pcg32::new(self.seed, stream);
        let met = (0..self.trials)
            .filter(|_| {
                let mut done = 0.0;
                for _ in 0..periods {
                    done += self.draw(&mut rng);
                    if done >= work - EPSILON {
                        return true;
                    }
                }
                done >= work - EPSILON
            })
            .count();
        met as f64 / f64::from(self.trials)
    }

    /// How many open items, in backlog order, `capacity` covers.
    pub fn items_within(&self, capacity: f64) -> usize {
        self.cumulative
            .partition_point(|&c| c <= capacity + EPSILON)
    }
}
