// wrong: `reshape` to (3, 2) gives the right shape but the weights in the wrong places; `t()` transposes
// candle3 — matrix multiplication: which dimension meets which.
//
// `a.matmul(&b)` multiplies an (m, k) tensor by a (k, n) one into (m, n):
// the inner dimensions must agree. When they do not, Candle returns an
// `Err` whose message names both shapes (`shape mismatch in matmul, lhs:
// [4, 3], rhs: [2, 3]`) — read it, it tells you which side to turn.
//
// A linear layer computes `inputs · Wᵀ + bias`. Like PyTorch's `nn.Linear`
// (and Candle's `candle_nn::Linear`), it stores W as (outputs, inputs): one
// row of weights per output. `t()` transposes the last two dimensions.
//
// roadmap.md §12.1

use candle_core::{Device, Result, Tensor};

/// A dense layer with 3 inputs and 2 outputs, weights stored as (outputs, inputs).
struct Dense {
    weight: Tensor, // (2, 3)
    bias: Tensor,   // (2,)
}

impl Dense {
    fn new() -> Result<Self> {
        let weight = Tensor::new(&[[1f32, 0., -1.], [0.5, 0.5, 0.5]], &Device::Cpu)?;
        let bias = Tensor::new(&[0f32, 10.], &Device::Cpu)?;
        Ok(Dense { weight, bias })
    }

    /// (batch, 3) inputs -> (batch, 2) outputs.
    fn forward(&self, inputs: &Tensor) -> Result<Tensor> {
        inputs
            .matmul(&self.weight.reshape((3, 2))?)?
            .broadcast_add(&self.bias)
    }
}

fn inputs() -> Result<Tensor> {
    let rows = [[1f32, 2., 3.], [4., 5., 6.], [0., 0., 0.], [2., 2., 2.]];
    Tensor::new(&rows, &Device::Cpu)
}

fn main() -> Result<()> {
    let outputs = Dense::new()?.forward(&inputs()?)?;
    println!("{:?} -> {:?}\n{outputs}", inputs()?.dims(), outputs.dims());
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_output_row_per_input_row() -> Result<()> {
        let outputs = Dense::new()?.forward(&inputs()?)?;
        assert_eq!(outputs.dims(), &[4, 2]);
        let expected = [[-2f32, 13.], [-2., 17.5], [0., 10.], [0., 13.]];
        assert_eq!(outputs.to_vec2::<f32>()?, expected);
        Ok(())
    }

    #[test]
    fn an_input_of_the_wrong_width_is_an_error() -> Result<()> {
        let four_wide = Tensor::ones((1, 4), candle_core::DType::F32, &Device::Cpu)?;
        let err = Dense::new()?.forward(&four_wide).unwrap_err();
        assert!(
            err.to_string().contains("shape mismatch in matmul"),
            "{err}"
        );
        Ok(())
    }
}
