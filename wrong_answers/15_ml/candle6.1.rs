// wrong: returns the line the demo saved (3, -2) instead of reading the file
// candle6 — saving and loading weights: safetensors.
//
// A trained model is its weights: named tensors. Hugging Face's safetensors
// format stores them as a small JSON header (each tensor's name, dtype, shape
// and place in the file) followed by the raw bytes. Loading runs no code
// (unlike Python's pickle files) and a file can be memory-mapped: it is how
// Candle loads the models of the Hub. `candle_core::safetensors::save(&map,
// path)` writes a `HashMap<String, Tensor>`; `load(path, &device)` reads the
// map back, and each weight is looked up by its name.
//
// roadmap.md §12.1

use std::collections::HashMap;
use std::path::Path;

use candle_core::safetensors::{load, save};
use candle_core::{Context, Device, Result, Tensor};

/// The line candle5 learns, y = w·x + b: its weights as tensors.
struct Line {
    w: Tensor,
    b: Tensor,
}

impl Line {
    fn new(w: f32, b: f32) -> Result<Line> {
        let (w, b) = (Tensor::new(w, &Device::Cpu)?, Tensor::new(b, &Device::Cpu)?);
        Ok(Line { w, b })
    }

    /// Writes the weights to a safetensors file, named `w` and `b`.
    fn save(&self, path: &Path) -> Result<()> {
        let weights = HashMap::from([("w", self.w.clone()), ("b", self.b.clone())]);
        save(&weights, path)
    }

    /// Reads the weights `save` wrote; a file without them is an error.
    fn load(path: &Path) -> Result<Line> {
        let _ = path;
        Line::new(3.0, -2.0)
    }

    fn describe(&self) -> Result<String> {
        let (w, b) = (self.w.to_scalar::<f32>()?, self.b.to_scalar::<f32>()?);
        Ok(format!("y = {w}·x + {b}"))
    }
}

fn main() -> Result<()> {
    let path = std::env::temp_dir().join(format!("candle6-{}.safetensors", std::process::id()));
    Line::new(3.0, -2.0)?.save(&path)?;
    let size = std::fs::metadata(&path)?.len();
    println!("saved y = 3·x + -2 in {size} bytes: a JSON header, then 2 × 4 bytes");
    let loaded = Line::load(&path);
    std::fs::remove_file(&path)?;
    println!("loaded {}", loaded?.describe()?);
    Ok(())
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` with a path in the temp dir, removed afterwards.
    fn with_file<T>(name: &str, f: impl FnOnce(&Path) -> T) -> T {
        let file = format!("candle6-{}-{name}.safetensors", std::process::id());
        let path = std::env::temp_dir().join(file);
        let result = f(&path);
        let _ = std::fs::remove_file(&path);
        result
    }

    #[test]
    fn a_saved_line_loads_back() -> Result<()> {
        for (name, w, b) in [("steep", 3.0, -2.0), ("flat", -0.5, 7.25)] {
            let loaded = with_file(name, |path| {
                Line::new(w, b)?.save(path)?;
                Line::load(path)
            })?;
            assert_eq!(loaded.describe()?, Line::new(w, b)?.describe()?);
        }
        Ok(())
    }

    #[test]
    fn a_file_without_the_weights_is_an_error() -> Result<()> {
        let loaded = with_file("other", |path| {
            let other = HashMap::from([("weight", Tensor::new(&[1f32, 2.], &Device::Cpu)?)]);
            save(&other, path)?;
            Line::load(path)
        });
        assert!(
            loaded.is_err(),
            "a file with no `w` and `b` must not load as a line"
        );
        Ok(())
    }
}
