//! The wrapper finds the toolchain's shared std for this host.

fn main() {
    println!(
        "cargo::rustc-env=RUSTDRILL_HOST={}",
        std::env::var("TARGET").unwrap()
    );
}
