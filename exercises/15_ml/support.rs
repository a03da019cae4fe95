//! Shared by the exercises of this chapter: the data both Candle and Burn
//! learn from, generated from a fixed seed so every run sees the same points.

/// The line the regression exercises should recover: y = 3x - 2 (plus noise).
pub const TRUE_SLOPE: f32 = 3.0;
/// See [`TRUE_SLOPE`].
pub const TRUE_INTERCEPT: f32 = -2.0;

/// A tiny linear congruential generator (the constants of Numerical Recipes).
/// Deterministic on every platform: the same seed gives the same numbers.
pub struct Lcg(u32);

impl Lcg {
    pub fn new(seed: u32) -> Self {
        Lcg(seed)
    }

    /// The next number, uniform in [0, 1).
    pub fn next_f32(&mut self) -> f32 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        // The top 24 bits fit an f32 exactly.
        (self.0 >> 8) as f32 / (1u32 << 24) as f32
    }
}

/// `n` points (x, y) with x uniform in [-1, 1) and
/// y = TRUE_SLOPE * x + TRUE_INTERCEPT + noise, noise uniform in [-0.05, 0.05).
pub fn regression_data(n: usize, seed: u32) -> (Vec<f32>, Vec<f32>) {
    let mut rng = Lcg::new(seed);
    let mut xs = Vec::with_capacity(n);
    let mut ys = Vec::with_capacity(n);
    for _ in 0..n {
        let x = rng.next_f32() * 2.0 - 1.0;
        let noise = (rng.next_f32() - 0.5) * 0.1;
        xs.push(x);
        ys.push(TRUE_SLOPE * x + TRUE_INTERCEPT + noise);
    }
    (xs, ys)
}

/// The Burn side of the chapter: burn1's model, with one input.
pub mod burn_line {
    use burn::module::Initializer;
    use burn::module::Module;
    use burn::nn::{Linear, LinearConfig};
    use burn::tensor::{Device, Tensor, TensorData};

    /// y = w·x + b as a Burn module: one `Linear` layer, 1 input, 1 output.
    #[derive(Module, Debug)]
    pub struct LineModel {
        linear: Linear,
    }

    impl LineModel {
        /// Starts at w = 0, b = 0 (zeros, not random numbers, so every run
        /// trains the same way).
        pub fn new(device: &Device) -> Self {
            let config = LinearConfig::new(1, 1).with_initializer(Initializer::Zeros);
            LineModel {
                linear: config.init(device),
            }
        }

        /// (batch, 1) inputs -> (batch, 1) predictions.
        pub fn forward(&self, x: Tensor<2>) -> Tensor<2> {
            self.linear.forward(x)
        }

        /// The learned (slope, intercept).
        pub fn line(&self) -> (f32, f32) {
            let w = self.linear.weight.val().into_scalar::<f32>();
            let b = self
                .linear
                .bias
                .as_ref()
                .map_or(0.0, |b| b.val().into_scalar::<f32>());
            (w, b)
        }
    }

    /// [`super::regression_data`] as two (n, 1) tensors, inputs and targets.
    pub fn regression_tensors(n: usize, seed: u32, device: &Device) -> (Tensor<2>, Tensor<2>) {
        let (xs, ys) = super::regression_data(n, seed);
        let column = |values: Vec<f32>| Tensor::from_data(TensorData::new(values, [n, 1]), device);
        (column(xs), column(ys))
    }
}
