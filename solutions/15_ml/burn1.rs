// burn1 — a Burn `Module` with a `Linear` layer.
//
// Burn is the other big Rust ML framework: where Candle gives you tensors,
// Burn adds the layers, optimisers and training tools on top. A model is a
// struct whose fields are layers (`Linear`, `Conv2d`, ...) or parameters,
// and `#[derive(Module)]` implements the `Module` trait for it: it finds
// every parameter inside, so Burn can count them, move them to a device,
// save them, and hand them to an optimiser. Layers are built from a config:
// `LinearConfig::new(inputs, outputs).init(&device)`.
//
// The device chooses the backend at run time: `Device::flex()` is Burn's
// pure-Rust CPU backend.
//
// roadmap.md §12.2

use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use burn::tensor::{Device, Tensor};

/// Predicts one number from two features: a single linear layer.
#[derive(Module, Debug)]
struct Regressor {
    linear: Linear,
}

impl Regressor {
    fn new(device: &Device) -> Self {
        let linear = LinearConfig::new(2, 1).init(device);
        Regressor { linear }
    }

    /// (batch, 2) features -> (batch, 1) predictions.
    fn forward(&self, features: Tensor<2>) -> Tensor<2> {
        self.linear.forward(features)
    }
}

/// Any Burn module can tell how many numbers it learns.
fn parameter_count<M: Module>(model: &M) -> usize {
    model.num_params()
}

fn main() {
    let device = Device::flex();
    device.seed(42); // layers start from random weights: a seed makes runs repeatable
    let model = Regressor::new(&device);
    println!("{} parameters", parameter_count(&model));
    let features = Tensor::<2>::from_floats([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], &device);
    println!("predictions: {}", model.forward(features));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_weights_and_a_bias() {
        let device = Device::flex();
        assert_eq!(parameter_count(&Regressor::new(&device)), 3);
        // Any module can tell: a layer from 3 inputs to 2 outputs learns 3 × 2 + 2.
        assert_eq!(parameter_count(&LinearConfig::new(3, 2).init(&device)), 8);
    }

    #[test]
    fn one_prediction_per_row() {
        let device = Device::flex();
        let model = Regressor::new(&device);
        let features = Tensor::<2>::zeros([4, 2], &device);
        assert_eq!(model.forward(features).dims(), [4, 1]);
    }
}
