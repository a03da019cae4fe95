// burn2 — autodiff in Burn: a property of the device.
//
// candle4 computed d loss / d w with a `Var`. Burn does it differently:
// automatic differentiation is a layer around a backend, switched on for a
// device with `.autodiff()` (or for one tensor with `Tensor::autodiff`).
// Tensors made on an autodiff device record their operations; a leaf marked
// with `.require_grad()` keeps its gradient; `loss.backward()` returns the
// `Gradients` and `tensor.grad(&grads)` reads one out.
//
// Two more differences from Candle: the rank is part of the type
// (`Tensor<1>` is a vector), and operators broadcast a dimension of size 1
// by themselves — a shape that cannot broadcast panics instead of `Err`.
//
// roadmap.md §12.2

use burn::tensor::{Device, Tensor};

/// The device the slope and the data are made on, to train the slope.
fn training_device() -> Device {
    // TODO: tensors on this device record nothing, so there is no graph for
    // `backward` to walk (read the panic message).
    Device::flex()
}

/// The mean squared error of the line y = slope·x through the points.
fn mse(slope: Tensor<1>, xs: [f32; 3], ys: [f32; 3], device: &Device) -> Tensor<1> {
    let x = Tensor::<1>::from_floats(xs, device);
    let y = Tensor::<1>::from_floats(ys, device);
    (x * slope - y).square().mean()
}

fn main() {
    let (xs, ys) = ([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]);
    let device = training_device();
    for w in [0.0, 1.0, 2.0, 3.0] {
        let slope = Tensor::<1>::from_floats([w], &device).require_grad();
        let loss = mse(slope.clone(), xs, ys, &device);
        let grads = loss.backward();
        let gradient = slope.grad(&grads).expect("no gradient for the slope");
        let (loss, gradient) = (loss.into_scalar::<f32>(), gradient.into_scalar::<f32>());
        println!("w = {w}: loss {loss:6.3}, d loss / d w = {gradient:7.3}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // The points lie on y = 2x, so the best slope is 2.
    const XS: [f32; 3] = [1.0, 2.0, 3.0];
    const YS: [f32; 3] = [2.0, 4.0, 6.0];

    /// The loss at slope `w`, and its gradient as `backward` finds it.
    fn backward_at(w: f32) -> (f32, f32) {
        let device = training_device();
        let slope = Tensor::<1>::from_floats([w], &device).require_grad();
        let loss = mse(slope.clone(), XS, YS, &device);
        let grads = loss.backward();
        let gradient = slope.grad(&grads).expect("no gradient for the slope");
        (loss.into_scalar::<f32>(), gradient.into_scalar::<f32>())
    }

    #[test]
    fn the_gradient_points_uphill() {
        // d/dw mean((w·x - y)²) = mean(2·(w·x - y)·x) = 28/3 · (w - 2)
        let (loss, gradient) = backward_at(0.0);
        assert!((loss - 56.0 / 3.0).abs() < 1e-4, "loss {loss}");
        assert!((gradient + 56.0 / 3.0).abs() < 1e-4, "gradient {gradient}");
        let (_, gradient) = backward_at(3.0);
        assert!((gradient - 28.0 / 3.0).abs() < 1e-4, "gradient {gradient}");
    }

    #[test]
    fn the_gradient_vanishes_at_the_best_slope() {
        assert_eq!(backward_at(2.0), (0.0, 0.0));
    }
}
