//! The forecast's random numbers: PCG32 (XSH-RR, 64-bit state, 32-bit
//! output), as M. E. O'Neill's reference `pcg32_srandom_r`,
//! `pcg32_random_r` and `pcg32_boundedrand_r` define it.
//!
//! Written here rather than taken from a crate so that the sequence, and so
//! every forecast made with a given seed, is fixed by this file and cannot
//! change with a dependency's upgrade.

const MULTIPLIER: u64 = 6_364_136_223_846_793_005;

/// A PCG32 generator: one of 2^63 streams, started from a seed.
#[derive(Debug, Clone)]
pub struct Pcg32 {
    state: u64,
    increment: u64,
}

impl Pcg32 {
    /// The generator `pcg32_srandom_r(seed, stream)` makes.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Pcg32 {
            state: 0,
            increment: (stream << 1) | 1,
        };
        rng.next_u32();
        rng.state = rng.state.wrapping_add(seed);
        rng.next_u32();
        rng
    }

    pub fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old.wrapping_mul(MULTIPLIER).wrapping_add(self.increment);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }

    /// A number in `0..bound`, every one equally likely (rejection of the
    /// few values that would favour the low ones). `bound` must not be 0.
    pub fn below(&mut self, bound: u32) -> u32 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let r = self.next_u32();
            if r >= threshold {
                return r % bound;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_implementation() {
        // pcg32-demo's first outputs for `pcg32_srandom_r(&rng, 42, 54)`.
        let mut rng = Pcg32::new(42, 54);
        let got: Vec<u32> = (0..6).map(|_| rng.next_u32()).collect();
        assert_eq!(
            got,
            [
                0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e
            ]
        );
    }

    #[test]
    fn bounded_numbers_stay_below_the_bound() {
        let mut rng = Pcg32::new(7, 1);
        let mut seen = [0u32; 3];
        for _ in 0..3000 {
            seen[rng.below(3) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| (900..1100).contains(&n)), "{seen:?}");
    }
}
