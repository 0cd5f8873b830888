//! Entry point of the web app; trunk builds this for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    raci_workshop::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RACI Workshop is a web app: run `scripts/serve` and open http://127.0.0.1:8080/");
}
