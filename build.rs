//! The app's wasm keeps the linker's relocations: scripts/bin/wasm-bindgen's splitter needs them
//! to move functions between modules (and drops them from what it writes). Only that binary: the
//! xlsx worker would carry them to the browser.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32") {
        println!("cargo::rustc-link-arg-bin=raci-workshop=--emit-relocs");
    }
}
