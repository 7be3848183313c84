//! Learned models of the extractor: the check-worthiness model's features, its weights (a data
//! file embedded with `include_str!`, written by `claimtrack train checkworthy`), and the pure
//! code that trains and judges it.

pub mod features;
pub mod train;
pub mod weights;

use std::sync::LazyLock;

pub use features::Evidence;
pub use weights::Model;

/// The weights the build ships with.
pub const CHECKWORTHY_WEIGHTS: &str = include_str!("checkworthy.weights");

/// The check-worthiness model, read once. A unit test reads the embedded file, so a build
/// whose weights do not parse never passes its tests.
pub static CHECKWORTHY: LazyLock<Model> = LazyLock::new(|| {
    Model::parse(CHECKWORTHY_WEIGHTS).unwrap_or_else(|error| panic!("checkworthy.weights: {error}"))
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_read() {
        let model = Model::parse(CHECKWORTHY_WEIGHTS).unwrap();
        assert!((0.0..1.0).contains(&model.threshold));
    }
}
