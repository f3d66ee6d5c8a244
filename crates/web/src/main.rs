//! The web app's entry point: starts the app in the page, or the back room
//! in a worker (WebAssembly only).

#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // In a Web Worker this is the back room (it simulates big cafés for
    // the page); in a page, the app.
    if !espresso_web::worker::serve() {
        espresso_web::ui::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This is the web app: serve it with scripts/serve. For the command line, run `cargo run --release -p espresso-cli -- --help`."
    );
}
