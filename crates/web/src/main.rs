//! The web app's entry point: starts the app in the page (WebAssembly only).

#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    espresso_web::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This is the web app: serve it with scripts/serve. For the command line, run `cargo run --release -p espresso-cli -- --help`."
    );
}
