// wrong (compile): fixes `no_mangle` but leaves `export_name` bare: edition 2024 wants every such attribute marked `unsafe(..)`
// edition8 — unsafe attributes: `#[unsafe(no_mangle)]`, `#[unsafe(export_name)]`.
//
// `#[no_mangle]` and `#[export_name = ".."]` give a function a fixed symbol
// name so C code (or a plugin host) can find it. They can also break memory
// safety without any `unsafe` keyword: two symbols with the same name clash,
// and an export named `malloc` or `write` silently replaces the C library's.
// Edition 2021 accepted them bare. Edition 2024 (attribute syntax stable
// since Rust 1.82) makes you write `#[unsafe(no_mangle)]`, so a reviewer can
// grep for `unsafe` and check the name is really unique. `link_section` is
// one more; `#[unsafe(naked)]` (Rust 1.88) needs it in every edition.
// roadmap.md §1

// What a C plugin host would call. Only the symbol names matter to it.
#[unsafe(no_mangle)]
pub extern "C" fn plugin_abi_version() -> u32 {
    3
}

#[export_name = "plugin_celsius_from_raw"]

pub extern "C" fn celsius_from_raw(raw: u16) -> f64 {
    // The sensor reports hundredths of a kelvin.
    f64::from(raw) / 100.0 - 273.15
}

// The host's view: it knows only the exported symbol names, exactly as a C
// header would declare them. The linker resolves them to the functions above.
mod host {
    unsafe extern "C" {
        pub safe fn plugin_abi_version() -> u32;
        pub safe fn plugin_celsius_from_raw(raw: u16) -> f64;
    }
}

fn main() {
    println!("plugin ABI version {}", host::plugin_abi_version());
    let raw = 29_315;
    println!("raw {raw} -> {:.2} °C", host::plugin_celsius_from_raw(raw));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_finds_the_symbols() {
        assert_eq!(host::plugin_abi_version(), 3);
        let c = host::plugin_celsius_from_raw(37_315);
        assert!((c - 100.0).abs() < 1e-9, "37315 is 100 °C, got {c}");
    }

    #[test]
    fn rust_callers_use_the_rust_names() {
        assert_eq!(plugin_abi_version(), 3);
        assert!(celsius_from_raw(27_315).abs() < 1e-9);
    }
}
