// wrong (compile): PyTorch's `requires_grad` does not exist in Candle: a tracked tensor is a `Var`
// candle4 — automatic differentiation: `Var` and `backward`.
//
// Training needs the gradient of the loss with respect to each parameter:
// which way, and how steeply, the loss moves when the parameter moves.
// Candle records the operations that lead to a tensor and `loss.backward()`
// walks them back, returning a `GradStore` you query with `grads.get(&t)`.
//
// It only records what starts from a *variable*. A plain `Tensor` is a
// constant: nothing is tracked for it, and the store has no gradient for
// it. A `Var` (`Var::new`, `Var::from_tensor`) is a tensor that can be
// tracked and later changed in place; it derefs to `&Tensor`.
//
// roadmap.md §12.1

use candle_core::{Context, Device, Result, Tensor};

/// The model's one parameter: the slope w of the line y = w·x, starting at `w`.
fn slope(w: f32) -> Result<Tensor> {
    Tensor::new(w, &Device::Cpu)?.requires_grad()
}

/// The mean squared error of the line y = slope·x through the points.
fn mse(slope: &Tensor, xs: &[f32], ys: &[f32]) -> Result<Tensor> {
    let x = Tensor::new(xs, &Device::Cpu)?;
    let y = Tensor::new(ys, &Device::Cpu)?;
    x.broadcast_mul(slope)?.sub(&y)?.sqr()?.mean_all()
}

fn main() -> Result<()> {
    let (xs, ys) = ([1f32, 2., 3.], [2f32, 4., 6.]);
    for w in [0.0, 1.0, 2.0, 3.0] {
        let slope = slope(w)?;
        let loss = mse(&slope, &xs, &ys)?;
        let grads = loss.backward()?;
        // `get` answers an `Option`; `context` turns its `None` into an `Err`.
        let gradient = grads.get(&slope).context("no gradient for the slope")?;
        let (loss, gradient) = (loss.to_scalar::<f32>()?, gradient.to_scalar::<f32>()?);
        println!("w = {w}: loss {loss:6.3}, d loss / d w = {gradient:7.3}");
    }
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // The points lie on y = 2x, so the best slope is 2.
    const XS: [f32; 3] = [1.0, 2.0, 3.0];
    const YS: [f32; 3] = [2.0, 4.0, 6.0];

    /// The loss at slope `w`, and its gradient as `backward` finds it.
    fn loss_and_gradient(w: f32) -> Result<(f32, f32)> {
        let slope = slope(w)?;
        let loss = mse(&slope, &XS, &YS)?;
        let grads = loss.backward()?;
        let gradient = grads.get(&slope).context(
            "no gradient for the slope: `backward` tracks only what starts from a variable",
        )?;
        Ok((loss.to_scalar()?, gradient.to_scalar()?))
    }

    #[test]
    fn the_gradient_points_uphill() -> Result<()> {
        // d/dw mean((w·x - y)²) = mean(2·(w·x - y)·x) = 28/3 · (w - 2)
        let (loss, gradient) = loss_and_gradient(0.0)?;
        assert!((loss - 56.0 / 3.0).abs() < 1e-4, "loss {loss}");
        assert!((gradient + 56.0 / 3.0).abs() < 1e-4, "gradient {gradient}");
        let (_, gradient) = loss_and_gradient(3.0)?;
        assert!((gradient - 28.0 / 3.0).abs() < 1e-4, "gradient {gradient}");
        Ok(())
    }

    #[test]
    fn the_gradient_vanishes_at_the_best_slope() -> Result<()> {
        assert_eq!(loss_and_gradient(2.0)?, (0.0, 0.0));
        Ok(())
    }
}
